#!/usr/bin/env node
/**
 * `npm run demo [-- --reset] [--logs] [--dir <folder>] [--tarball <file.tgz>]`: the local demo from a fresh clone. Installs what is
 * missing (the package's dev dependencies, then Node 24 and n8n into .n8n-app/ — a few minutes, once), builds and
 * packs this package, installs the tarball into the demo's n8n (.demo/), imports and publishes
 * workflows/01-local-demo.json and the claim loop it hands leads to (10-claim-decline.json), starts a local SMTP mailbox and n8n on 127.0.0.1, and prints the form URL, the editor
 * URL and the login. Later runs reuse everything that did not change and start in seconds. --tarball runs a packed
 * release instead of building this checkout; --dir keeps the demo's n8n in another folder.
 *
 * Stopping: Ctrl-C (SIGINT), SIGTERM and a closed terminal (SIGHUP) stop n8n and the mailbox, then the demo exits.
 * n8n writes to its own log file (shown live with --logs), so a closed terminal never blocks it. One demo per folder:
 * a second `npm run demo` on the same folder refuses to start while the first runs (lock file with its pid).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { safeWrite, tolerateClosedOutput, tryLock, isAlive } = require('./n8n/util');

const ROOT = path.resolve(__dirname, '..');
const WORKFLOW = path.join(ROOT, 'workflows', '01-local-demo.json');
const CLAIM_WORKFLOW = path.join(ROOT, 'workflows', '10-claim-decline.json');
/** The demo's booking links point at its stand-in page on n8n's default port; moved when that port is taken. */
const SHIPPED_BOOKING_BASE = 'http://localhost:5678/webhook/demo-booking';
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();

tolerateClosedOutput();
const print = (text) => safeWrite(process.stdout, `${text}\n`);
const printError = (text) => safeWrite(process.stderr, `${text}\n`);
const say = (line) => print(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

function argValue(name) {
	const index = process.argv.indexOf(name);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

const DEMO_DIR = path.resolve(argValue('--dir') ?? path.join(ROOT, '.demo'));
const LOCK_FILE = path.join(DEMO_DIR, 'demo.lock');

function workflowAt(file, baseUrl) {
	const text = fs.readFileSync(file, 'utf8').replaceAll(SHIPPED_BOOKING_BASE, `${baseUrl}/webhook/demo-booking`);
	return JSON.parse(text);
}

function sh(args, what) {
	say(what);
	const result = spawnSync(NPM, args, { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) {
		printError(`\n${what} failed (npm ${args.join(' ')}, exit ${result.status}).`);
		process.exit(1);
	}
}

function portFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** The usual port when it is free (stable URLs between runs), any free port otherwise. */
async function preferPort(port, freePort) {
	return (await portFree(port)) ? port : await freePort();
}

/** Hash of everything that goes into dist/, so an unchanged checkout skips the build and pack. */
function sourceHash(sha256) {
	const parts = [];
	const walk = (dir) => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else parts.push(`${path.relative(ROOT, full)}\0${sha256(fs.readFileSync(full))}`);
		}
	};
	for (const dir of ['nodes', 'credentials', 'lib', 'types']) walk(path.join(ROOT, dir));
	for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js']) {
		const full = path.join(ROOT, file);
		if (fs.existsSync(full)) parts.push(`${file}\0${sha256(fs.readFileSync(full))}`);
	}
	return sha256(parts.join('\n'));
}

/**
 * One demo per folder. A lock left by a demo that died without cleaning up is stale; if the n8n it recorded still
 * runs (it should stop by itself once its parent is gone), it is stopped before this demo starts its own.
 */
function takeLock() {
	const lock = tryLock(LOCK_FILE, { folder: DEMO_DIR });
	if (!lock.acquired) {
		const { pid, n8nUrl } = lock.holder;
		printError(
			`Another demo (process ${pid}) is already running on ${path.relative(ROOT, DEMO_DIR) || DEMO_DIR}` +
				`${n8nUrl ? ` at ${n8nUrl}` : ''}.\nUse that one, or stop it first (Ctrl-C in its terminal, or kill ${pid}).`,
		);
		process.exit(1);
	}
	const orphan = lock.staleHolder?.n8n;
	if (orphan && isAlive(orphan)) {
		say(`a previous demo died and left n8n running (process ${orphan.pid}): stopping it`);
		try {
			process.kill(-orphan.pid, 'SIGKILL');
		} catch {
			// gone in the meantime
		}
	}
	return lock;
}

async function main() {
	const lock = takeLock();
	// Whatever happens below, a demo that exits gives its folder back.
	process.on('exit', () => lock.release());

	if (process.argv.includes('--reset')) {
		say('--reset: removing the demo n8n data');
		for (const entry of fs.readdirSync(DEMO_DIR)) {
			if (path.join(DEMO_DIR, entry) !== LOCK_FILE)
				fs.rmSync(path.join(DEMO_DIR, entry), { recursive: true, force: true });
		}
	}
	if (!fs.existsSync(path.join(ROOT, 'node_modules', 'typescript'))) {
		sh(['ci', '--no-audit', '--no-fund'], 'installing the package dependencies (npm ci)…');
	}
	const h = require('./n8n');
	const { sha256, readJson, writeJson } = require('./n8n/util');

	let n8n;
	let smtp;
	let stopping;
	const stopAll = (why) => {
		stopping ??= (async () => {
			say(`${why}: stopping n8n and the mailbox…`);
			try {
				await h.stopAllN8n();
				if (smtp) await smtp.stop();
				say('stopped');
			} finally {
				lock.release();
				process.exit(0);
			}
		})();
		return stopping;
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stopAll(signal));

	const app = await h.ensureN8nApp({ log: say });
	if (stopping) return;

	const statePath = path.join(DEMO_DIR, 'demo-state.json');
	const state = readJson(statePath, {});
	const hash = sourceHash(sha256);
	let tarball = state.tarball;
	if (argValue('--tarball')) {
		tarball = path.resolve(argValue('--tarball'));
		say(`using the packed package ${tarball}`);
	} else if (state.sourceHash !== hash || !tarball || !fs.existsSync(tarball)) {
		sh(['run', 'build', '--silent'], 'building the package (npm run build)…');
		const packDir = path.join(DEMO_DIR, 'pack');
		fs.rmSync(packDir, { recursive: true, force: true });
		tarball = (await h.packPackage({ outDir: packDir })).tarball;
		say(`packed ${path.relative(ROOT, tarball)}`);
		writeJson(statePath, { ...state, sourceHash: hash, tarball });
	} else {
		say('package unchanged since the last run: reusing its tarball');
	}
	if (stopping) return;

	smtp = await h.startSmtpServer({
		port: await preferPort(2525, h.freePort),
		httpPort: await preferPort(8025, h.freePort),
		log: (line) => print(line),
	});
	say(`local mailbox: SMTP 127.0.0.1:${smtp.port}, messages at ${smtp.webUrl}`);
	if (stopping) return;

	say('starting n8n…');
	const port = await preferPort(5678, h.freePort);
	lock.update({ n8nUrl: `http://127.0.0.1:${port}` });
	n8n = await h.startN8n({
		app,
		userFolder: DEMO_DIR,
		port,
		tarball,
		credentials: [
			{
				id: 'lrDemoSmtp',
				name: 'Local SMTP (demo)',
				type: 'leadRoutingSmtp',
				data: {
					host: '127.0.0.1',
					port: smtp.port,
					tlsMode: 'none',
					user: '',
					password: '',
					defaultSender: 'Acme Sales <sales@acme.example>',
				},
			},
			{
				id: 'lrDemoMail',
				name: 'Local SMTP (demo, Send Email)',
				type: 'smtp',
				data: { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' },
			},
		],
		workflows: [CLAIM_WORKFLOW, WORKFLOW].map((file) =>
			port === 5678 ? file : workflowAt(file, `http://localhost:${port}`),
		),
		// The claim loop first: n8n publishes a workflow only once the sub-workflows it calls are published.
		publish: [CLAIM_WORKFLOW, WORKFLOW].map((file) => JSON.parse(fs.readFileSync(file, 'utf8')).id),
		apiKeyLabel: `demo ${new Date().toISOString()}`,
		logToConsole: process.argv.includes('--logs'),
		onSpawn: (child) => lock.update({ n8n: { pid: child.pid, start: h.processStart(child.pid) } }),
		log: say,
	});
	if (stopping) return;
	n8n.process.on('exit', (code) => {
		if (stopping) return;
		printError(`n8n stopped unexpectedly (exit ${code}); see ${n8n.logFile}`);
		void stopAll('n8n exited');
	});
	const t = n8n.timings;
	say(
		`n8n ${app.version} is up (package install ${t.installPackageMs} ms, import ${t.importMs} ms, start ${t.startMs} ms, publish ${t.publishMs} ms)`,
	);
	print(`
  Lead form     ${n8n.baseUrl}/form/lead-demo
  Mailbox       ${smtp.webUrl}   (every email the workflow sends lands here)
  n8n editor    ${n8n.baseUrl}/workflow/LeadRoutingDemo01
  Login         ${n8n.owner.email} / ${n8n.owner.password}
  n8n log       ${path.relative(ROOT, n8n.logFile)}${process.argv.includes('--logs') ? '' : '   (npm run demo -- --logs shows it here)'}

  Try a lead from globex.com (an existing account, owned by Carla), one from Germany (EMEA round robin)
  and one with a mailinator.com address (rejected). Each lead lands on its rep's booking page (a local stand-in);
  the rep's email in the mailbox has Accept / Decline (open it there): Decline, or 1 minute of silence, moves the
  lead to the next rep. SLA: hot leads breach after 2 minutes and are re-routed.
  Press Ctrl-C to stop.
`);
}

main().catch((error) => {
	printError(`\nThe demo could not start: ${error.message}`);
	process.exit(1);
});
