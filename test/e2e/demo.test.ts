/**
 * `npm run demo` as a person runs it: it starts a real n8n, refuses a second copy on the same folder, and whatever
 * way it is stopped (Ctrl-C, SIGTERM, a closed terminal, even SIGKILL) no n8n is left running and the port is free.
 */
import { spawn } from 'child_process';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureN8nApp, packPackage, processStart } from '../../scripts/n8n';
import { ROOT } from './helpers/environment';
import { describeWith, n8nRequirement } from './helpers/requirements';

jest.setTimeout(4 * 60 * 1000);

interface Lock {
	pid: number;
	n8nUrl?: string;
	n8n?: { pid: number; start?: string };
}

interface Demo {
	child: ChildProcessWithoutNullStreams;
	output: () => string;
	exited: Promise<number | null>;
}

function startDemo(dir: string, tarball: string): Demo {
	const child = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.js'), '--dir', dir, '--tarball', tarball], {
		cwd: ROOT,
		env: { ...process.env, NODE_ENV: 'development' },
	});
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, output: () => output, exited };
}

async function until<T>(
	what: string,
	probe: () => T | undefined | false | Promise<T | false>,
	timeoutMs: number,
	log: () => string,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; output:\n${log().slice(-3000)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Whether any process of the group still runs (zombies waiting for a reaper do not count). */
function groupAlive(pgid: number): boolean {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
	}
	return false;
}

function portOpen(url: string): Promise<boolean> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve) => {
		const socket = connect(Number(port), hostname);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

describeWith([n8nRequirement()], 'npm run demo', () => {
	let dir: string;
	let tarball: string;
	const lockFile = () => join(dir, 'demo.lock');
	const readLock = () => (existsSync(lockFile()) ? (JSON.parse(readFileSync(lockFile(), 'utf8')) as Lock) : undefined);

	beforeAll(
		async () => {
			await ensureN8nApp();
			dir = mkdtempSync(join(tmpdir(), 'lead-routing-demo-'));
			// `npm test` has just built dist/; the demo must not rebuild it under the other test files' feet.
			tarball = (await packPackage({ outDir: join(dir, 'pack') })).tarball;
		},
		20 * 60 * 1000,
	);

	afterAll(() => {
		const lock = readLock();
		if (lock?.n8n && groupAlive(lock.n8n.pid)) process.kill(-lock.n8n.pid, 'SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	});

	/** Starts the demo, waits until it is ready, and returns it with the n8n it started. */
	async function ready(): Promise<Demo & { lock: Lock & { n8n: { pid: number }; n8nUrl: string } }> {
		const demo = startDemo(dir, tarball);
		await until(
			'the demo did not print its URLs',
			() => demo.output().includes('Press Ctrl-C'),
			3 * 60 * 1000,
			demo.output,
		);
		const lock = readLock();
		if (!lock?.n8n || !lock.n8nUrl) throw new Error(`the demo's lock names no n8n: ${JSON.stringify(lock)}`);
		expect(lock.pid).toBe(demo.child.pid);
		expect(await portOpen(lock.n8nUrl)).toBe(true);
		return { ...demo, lock: lock as Lock & { n8n: { pid: number }; n8nUrl: string } };
	}

	/** n8n and its task runner are gone and the port is free (a process in its last moments may still hold it). */
	async function n8nGone(demo: Demo & { lock: Lock & { n8n: { pid: number }; n8nUrl: string } }, timeoutMs: number) {
		await until(
			'n8n was still running',
			async () => !groupAlive(demo.lock.n8n.pid) && !(await portOpen(demo.lock.n8nUrl)),
			timeoutMs,
			demo.output,
		);
	}

	async function expectGone(demo: Demo & { lock: Lock & { n8n: { pid: number }; n8nUrl: string } }) {
		// The demo exits only after n8n has stopped: nothing may be left at that moment.
		expect(groupAlive(demo.lock.n8n.pid)).toBe(false);
		await n8nGone(demo, 5000);
		expect(existsSync(lockFile())).toBe(false);
	}

	test('a second demo on the same folder refuses to start; Ctrl-C (SIGINT) stops both processes', async () => {
		const first = await ready();
		const second = startDemo(dir, tarball);
		expect(await second.exited).toBe(1);
		expect(second.output()).toContain(`Another demo (process ${first.child.pid}) is already running`);
		expect(readLock()?.pid).toBe(first.child.pid);
		expect(await portOpen(first.lock.n8nUrl)).toBe(true);

		first.child.kill('SIGINT');
		expect(await first.exited).toBe(0);
		expect(first.output()).toContain('SIGINT: stopping n8n');
		await expectGone(first);
	});

	test('SIGTERM stops n8n too, and a stale lock with an orphan n8n is cleaned up first', async () => {
		// What a demo killed before this version left behind: its lock and a process still running in its own group.
		const orphan = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
		const finished = spawn('true');
		await new Promise((r) => finished.on('exit', r));
		writeFileSync(
			lockFile(),
			JSON.stringify({ pid: finished.pid, n8n: { pid: orphan.pid, start: processStart(orphan.pid!) } }),
		);

		const demo = await ready();
		expect(groupAlive(orphan.pid!)).toBe(false);
		demo.child.kill('SIGTERM');
		expect(await demo.exited).toBe(0);
		await expectGone(demo);
	});

	test('a closed terminal (SIGHUP, output gone) stops n8n; the demo never dies of EPIPE halfway', async () => {
		const demo = await ready();
		demo.child.stdout.destroy();
		demo.child.stderr.destroy();
		demo.child.kill('SIGHUP');
		expect(await demo.exited).toBe(0);
		await expectGone(demo);
	});

	test('n8n stops by itself when the demo is killed outright (SIGKILL)', async () => {
		const demo = await ready();
		demo.child.kill('SIGKILL');
		await demo.exited;
		await n8nGone(demo, 40000);
		// The lock stays behind (nobody could remove it) and is stale: the next demo takes it over.
		expect(readLock()?.pid).toBe(demo.child.pid);
		const next = await ready();
		next.child.kill('SIGINT');
		expect(await next.exited).toBe(0);
		await expectGone(next);
	});
});
