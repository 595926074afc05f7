/**
 * Starts a real n8n 2.x (installed by ./install) with this package installed as users install it.
 *
 *   const n8n = await startN8n({ userFolder, tarball, workflows: ['workflows/01-local-demo.json'], publish: ['id'] });
 *   await n8n.api('GET', '/executions?includeData=true');   // public API with the created API key
 *   await n8n.stop();
 *
 * Before start (each step skipped when nothing changed): the tarball goes into <userFolder>/.n8n/nodes, credentials
 * and workflows are imported with n8n's own CLI (`import:credentials`, `import:workflow`, keeping their ids).
 * After start: the owner (created from the environment) logs in, an API key is created, and the workflows listed in
 * `publish` are published through the public API, which reports activation errors at once.
 * `command: 'worker' | 'webhook'` starts the other queue-mode processes with the same environment.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const { createRequire } = require('module');
const path = require('path');
const { ensureN8nApp, nodeEnv } = require('./install');
const { installPackage } = require('./pack');
const { freePort, run, sha256, readJson, writeJson, sleep, readTail, followFile, safeWrite } = require('./util');
const { createClient } = require('./client');

const DEFAULT_OWNER = {
	email: 'owner@example.com',
	password: 'LeadRouting-Demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};
const DEFAULT_ENCRYPTION_KEY = 'lead-routing-local-only-encryption-key';
const live = new Map();
// Preloaded into n8n: it stops n8n when the process that started it is gone (see parent-watch.js).
const PARENT_WATCH = path.join(__dirname, 'parent-watch.js');

/** @param {import('./index').StartN8nOptions} options */
async function startN8n(options) {
	const log = options.log ?? (() => {});
	const command = options.command ?? 'start';
	const host = options.host ?? '127.0.0.1';
	const userFolder = path.resolve(options.userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	const app = options.app ?? (await ensureN8nApp({ log }));
	const port = options.port ?? (await freePort(host));
	const brokerPort = options.brokerPort ?? (await freePort(host));
	const owner = { ...DEFAULT_OWNER, ...options.owner };
	const baseUrl = `http://${host}:${port}`;
	const env = nodeEnv(app, {
		...baseEnv({
			userFolder,
			host,
			port,
			brokerPort,
			baseUrl,
			owner: { ...owner, passwordHash: bcryptHash(app, owner) },
		}),
		...options.env,
	});
	const timings = {};

	let t = Date.now();
	if (options.tarball) await installPackage({ userFolder, tarball: options.tarball, env });
	timings.installPackageMs = Date.now() - t;

	t = Date.now();
	const state = readJson(stateFile(userFolder), {});
	if (options.credentials?.length) {
		state.credentials = await importOnce(app, env, 'credentials', options.credentials, state.credentials, userFolder);
	}
	if (options.workflows?.length) {
		state.workflows = await importOnce(app, env, 'workflow', options.workflows, state.workflows, userFolder);
	}
	writeJson(stateFile(userFolder), state);
	timings.importMs = Date.now() - t;

	t = Date.now();
	const logFile = path.join(userFolder, `n8n-${command}.log`);
	// n8n writes straight into its log file, never into a pipe of ours: when this process dies (a closed terminal,
	// a killed test run) there is no reader whose absence could make n8n block or spin on EPIPE.
	const logFd = fs.openSync(logFile, 'a');
	const logStart = fs.fstatSync(logFd).size;
	const child = spawn(app.nodeBin, ['--require', PARENT_WATCH, app.n8nBin, command, ...(options.args ?? [])], {
		cwd: userFolder,
		// runtimeEnv reaches only the running n8n, not the npm install or CLI imports above (npm also honours proxy variables).
		env: { ...env, ...options.runtimeEnv, LEAD_ROUTING_PARENT_PID: String(process.pid) },
		stdio: ['ignore', logFd, logFd],
		detached: true,
	});
	fs.closeSync(logFd);
	options.onSpawn?.(child);
	const tail = () => readTail(logFile, logStart, 20000);
	const follow = options.logToConsole
		? followFile(logFile, logStart, (chunk) => safeWrite(process.stdout, chunk))
		: undefined;
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			killGroup(child, 'SIGTERM');
			let timer;
			const timeout = new Promise((resolve) => {
				timer = setTimeout(() => resolve('timeout'), options.stopTimeoutMs ?? 20000);
			});
			if ((await Promise.race([exited, timeout])) === 'timeout') killGroup(child, 'SIGKILL');
			clearTimeout(timer);
		}
		await exited;
		// The task runner is a grandchild in the same group; make sure nothing of the group outlives stop().
		killGroup(child, 'SIGKILL');
		follow?.stop();
	};
	live.set(child, stop);
	child.on('exit', () => live.delete(child));

	const result = {
		command,
		baseUrl,
		host,
		port,
		brokerPort,
		userFolder,
		owner,
		env,
		app,
		process: child,
		logFile,
		timings,
		logs: tail,
		stop,
		apiKey: undefined,
		cookie: undefined,
		rest: undefined,
		api: undefined,
		publish: undefined,
	};
	if (command !== 'start') {
		timings.startMs = Date.now() - t;
		return result;
	}

	try {
		await waitForHttp(`${baseUrl}/healthz/readiness`, exited, options.readyTimeoutMs ?? 120000, tail);
		timings.startMs = Date.now() - t;
		// n8n keeps running when a community package fails to load; the caller wants to know at once.
		const failed = /Failed to load package "([^"]+)"[\s\S]{0,1500}/.exec(tail());
		if (failed && options.tarball) throw new Error(`n8n could not load ${failed[1]}:\n${failed[0]}`);
		const client = await createClient({ baseUrl, owner, apiKeyLabel: options.apiKeyLabel });
		Object.assign(result, client);
		result.publish = async (ids) => {
			for (const id of ids) {
				await client.api('POST', `/workflows/${encodeURIComponent(id)}/activate`);
				await waitForWebhooks(client, id);
			}
		};
		t = Date.now();
		if (options.publish?.length) await result.publish(options.publish);
		timings.publishMs = Date.now() - t;
	} catch (error) {
		await stop();
		error.message += `\n--- n8n log (tail) ---\n${tail().slice(-6000)}`;
		throw error;
	}
	return result;
}

function baseEnv({ userFolder, host, port, brokerPort, baseUrl, owner }) {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: host,
		N8N_HOST: host,
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: DEFAULT_ENCRYPTION_KEY,
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: owner.passwordHash,
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
	};
}

const hashCache = new Map();
/** n8n wants the owner's password as a bcrypt hash; n8n's own bcryptjs makes it. Cached: bcrypt is slow on purpose. */
function bcryptHash(app, owner) {
	const key = `${app.dir}:${owner.password}`;
	if (!hashCache.has(key)) {
		const bcrypt = createRequire(path.join(app.dir, 'node_modules', 'n8n', 'package.json'))('bcryptjs');
		hashCache.set(key, bcrypt.hashSync(owner.password, 10));
	}
	return hashCache.get(key);
}

function stateFile(userFolder) {
	return path.join(userFolder, '.harness-state.json');
}

/**
 * Imports workflow or credential files with n8n's CLI in one run (`--separate` over a folder of copies).
 * Skipped when the same contents were imported into this user folder before.
 */
async function importOnce(app, env, kind, items, previousHash, userFolder) {
	const docs = items.map((item) => (typeof item === 'string' ? JSON.parse(fs.readFileSync(item, 'utf8')) : item));
	const hash = sha256(JSON.stringify(docs));
	if (previousHash === hash) return hash;
	const dir = path.join(userFolder, `.import-${kind}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	docs.forEach((doc, i) => writeJson(path.join(dir, `${String(i).padStart(2, '0')}.json`), doc));
	await run(app.nodeBin, [app.n8nBin, `import:${kind}`, '--separate', `--input=${dir}`], {
		cwd: userFolder,
		env,
		logFile: path.join(userFolder, 'n8n-import.log'),
	});
	fs.rmSync(dir, { recursive: true, force: true });
	return hash;
}

async function waitForHttp(url, exited, timeoutMs, logs) {
	const deadline = Date.now() + timeoutMs;
	let done = false;
	const exit = exited.then((e) => {
		done = true;
		return e;
	});
	while (Date.now() < deadline) {
		if (done) {
			const { code, signal } = await exit;
			throw new Error(`n8n exited before it was ready (code ${code}, signal ${signal})`);
		}
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms (${url}); log tail:\n${logs().slice(-3000)}`);
}

/**
 * The activate call returns before n8n has registered the workflow's webhooks; a request in that gap gets a 404.
 * Wait until n8n's own look-up (the one the editor uses) finds every Webhook and Form Trigger path.
 */
async function waitForWebhooks(client, workflowId, timeoutMs = 20000) {
	const workflow = await client.api('GET', `/workflows/${encodeURIComponent(workflowId)}`);
	const hooks = workflow.nodes
		.filter((node) => !node.disabled && /^n8n-nodes-base\.(webhook|formTrigger)$/.test(node.type))
		.map((node) => {
			const p = node.parameters ?? {};
			const method = node.type.endsWith('formTrigger')
				? 'POST'
				: Array.isArray(p.httpMethod)
					? p.httpMethod[0]
					: (p.httpMethod ?? 'GET');
			return { method, path: p.path || p.options?.path || node.webhookId };
		});
	const deadline = Date.now() + timeoutMs;
	for (const hook of hooks) {
		while (!(await client.rest('POST', '/webhooks/find', hook))) {
			if (Date.now() > deadline)
				throw new Error(`workflow ${workflowId} published, but n8n never registered ${hook.method} ${hook.path}`);
			await sleep(100);
		}
	}
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** Stops every n8n this process started and has not stopped yet, each in order (SIGTERM, then SIGKILL). */
async function stopAllN8n() {
	await Promise.all([...live.values()].map((stop) => stop()));
}

// Never leave an n8n behind when the caller exits without stopping it (a failed test run, an error in the demo).
process.on('exit', () => {
	for (const child of live.keys()) killGroup(child, 'SIGKILL');
});

module.exports = { startN8n, stopAllN8n, DEFAULT_OWNER };
