#!/usr/bin/env node
/**
 * `npm run demo [-- --reset]`: the local demo from a fresh clone. Installs what is missing (the package's dev
 * dependencies, then Node 24 and n8n into .n8n-app/ — a few minutes, once), builds and packs this package, installs
 * the tarball into the demo's n8n (.demo/), imports and publishes workflows/01-local-demo.json, starts a local SMTP
 * mailbox and n8n on 127.0.0.1, and prints the form URL, the editor URL and the login. Later runs reuse everything
 * that did not change and start in seconds. Ctrl-C stops everything it started. --reset starts from an empty n8n.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DEMO_DIR = path.join(ROOT, '.demo');
const WORKFLOW = path.join(ROOT, 'workflows', '01-local-demo.json');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();
const say = (line) => console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

function sh(args, what) {
	say(what);
	const result = spawnSync(NPM, args, { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`\n${what} failed (npm ${args.join(' ')}, exit ${result.status}).`);
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

async function main() {
	if (process.argv.includes('--reset')) {
		say('--reset: removing the demo n8n data (.demo/)');
		fs.rmSync(DEMO_DIR, { recursive: true, force: true });
	}
	if (!fs.existsSync(path.join(ROOT, 'node_modules', 'typescript'))) {
		sh(['ci', '--no-audit', '--no-fund'], 'installing the package dependencies (npm ci)…');
	}
	const h = require('./n8n');
	const { sha256, readJson, writeJson } = require('./n8n/util');

	const app = await h.ensureN8nApp({ log: say });

	const statePath = path.join(DEMO_DIR, 'demo-state.json');
	const state = readJson(statePath, {});
	const hash = sourceHash(sha256);
	let tarball = state.tarball;
	if (state.sourceHash !== hash || !tarball || !fs.existsSync(tarball)) {
		sh(['run', 'build', '--silent'], 'building the package (npm run build)…');
		const packDir = path.join(DEMO_DIR, 'pack');
		fs.rmSync(packDir, { recursive: true, force: true });
		// dist/ was just built, so prepack need not build it again.
		tarball = (await h.packPackage({ outDir: packDir, ignoreScripts: true })).tarball;
		say(`packed ${path.relative(ROOT, tarball)}`);
		writeJson(statePath, { ...state, sourceHash: hash, tarball });
	} else {
		say('package unchanged since the last run: reusing its tarball');
	}

	const smtp = await h.startSmtpServer({
		port: await preferPort(2525, h.freePort),
		httpPort: await preferPort(8025, h.freePort),
		log: true,
	});
	say(`local mailbox: SMTP 127.0.0.1:${smtp.port}, messages at ${smtp.webUrl}`);

	const stopAll = async (n8n) => {
		say('stopping…');
		if (n8n) await n8n.stop();
		await smtp.stop();
		process.exit(0);
	};
	let n8n;
	let stopping = false;
	const onSignal = () => {
		if (stopping) return;
		stopping = true;
		void stopAll(n8n);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	say('starting n8n…');
	n8n = await h.startN8n({
		app,
		userFolder: DEMO_DIR,
		port: await preferPort(5678, h.freePort),
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
		],
		workflows: [WORKFLOW],
		publish: [JSON.parse(fs.readFileSync(WORKFLOW, 'utf8')).id],
		apiKeyLabel: `demo ${new Date().toISOString()}`,
		log: say,
	});
	if (stopping) return;
	const t = n8n.timings;
	say(`n8n ${app.version} is up (package install ${t.installPackageMs} ms, import ${t.importMs} ms, start ${t.startMs} ms, publish ${t.publishMs} ms)`);
	console.log(`
  Lead form     ${n8n.baseUrl}/form/lead-demo
  Mailbox       ${smtp.webUrl}   (every email the workflow sends lands here)
  n8n editor    ${n8n.baseUrl}/workflow/LeadRoutingDemo01
  Login         ${n8n.owner.email} / ${n8n.owner.password}
  n8n log       ${path.relative(ROOT, n8n.logFile)}

  Try a lead from globex.com (an existing account, owned by Carla), one from Germany (EMEA round robin)
  and one with a mailinator.com address (rejected). SLA: hot leads breach after 2 minutes and are re-routed.
  Press Ctrl-C to stop.
`);
	n8n.process.on('exit', (code) => {
		if (stopping) return;
		console.error(`n8n stopped unexpectedly (exit ${code}); see ${n8n.logFile}`);
		void stopAll();
	});
}

main().catch((error) => {
	console.error(`\nThe demo could not start: ${error.message}`);
	process.exit(1);
});
