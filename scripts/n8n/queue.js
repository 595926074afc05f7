/**
 * n8n in queue mode with this package installed in every process, for tests and benchmarks:
 *
 *   const cluster = await startQueueCluster({ app, tarball, workers: 2, workflows, credentials, publish });
 *   await fetch(`${cluster.main.baseUrl}/webhook/...`);   // the main enqueues, a worker runs the execution
 *   await cluster.stop();                                  // processes, database and Redis keys go away
 *
 * Each run gets a fresh PostgreSQL database, its own Bull and n8n key prefixes in Redis (runs never see each other's
 * jobs, cached webhooks or pub/sub commands) and its own encryption key shared by all processes. Every process has its own user folder with the packed package installed
 * in `.n8n/nodes`, and its own ports: N8N_PORT and the task broker (chosen by ./n8n), plus the worker's health server
 * (QUEUE_HEALTH_CHECK_PORT), which is also how we know a worker is ready.
 * Types: ./queue.d.ts.
 */
const crypto = require('crypto');
const fs = require('fs');
const { createRequire } = require('module');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { startN8n } = require('./n8n');
const { freePort, sleep } = require('./util');

/** Where the services are: libpq's usual variables for PostgreSQL, LEAD_ROUTING_REDIS_* for Redis. */
function serviceSettings(env = process.env) {
	return {
		redis: { host: env.LEAD_ROUTING_REDIS_HOST || '127.0.0.1', port: Number(env.LEAD_ROUTING_REDIS_PORT || 6379) },
		postgres: {
			host: env.PGHOST || '127.0.0.1',
			port: Number(env.PGPORT || 5432),
			user: env.PGUSER || 'postgres',
			password: env.PGPASSWORD || '',
			adminDatabase: env.PGDATABASE || 'postgres',
		},
	};
}

/**
 * Which services do not answer, checked synchronously (test files decide at load time whether to run): a child
 * process opens a TCP connection to each. Returns one line per unreachable service.
 */
function unreachableServices(settings = serviceSettings()) {
	const targets = [
		{ name: 'Redis', host: settings.redis.host, port: settings.redis.port },
		{ name: 'PostgreSQL', host: settings.postgres.host, port: settings.postgres.port },
	];
	const script = `
		const net = require('net');
		const targets = ${JSON.stringify(targets)};
		Promise.all(targets.map((t) => new Promise((resolve) => {
			const socket = net.connect({ host: t.host, port: t.port });
			const done = (error) => { socket.destroy(); resolve(error ? t.name + ' at ' + t.host + ':' + t.port + ': ' + error : null); };
			socket.setTimeout(1500, () => done('no answer within 1.5 s'));
			socket.on('connect', () => done(null));
			socket.on('error', (e) => done(e.code || e.message));
		}))).then((r) => console.log(JSON.stringify(r.filter(Boolean))));`;
	const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10000 });
	if (result.status !== 0) return [`service probe failed: ${result.stderr || result.error}`];
	return JSON.parse(result.stdout.trim());
}

/** node-postgres from the n8n installation (n8n talks to PostgreSQL with it), so the package needs no new dependency. */
function pgClient(app, settings, database) {
	const { Client } = createRequire(path.join(app.dir, 'node_modules', 'n8n', 'package.json'))('pg');
	const { host, port, user, password } = settings;
	return new Client({ host, port, user, password, database, connectionTimeoutMillis: 5000 });
}

async function withAdmin(app, settings, fn) {
	const client = pgClient(app, settings, settings.adminDatabase);
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

async function createDatabase(app, settings, name) {
	await withAdmin(app, settings, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
}

async function dropDatabase(app, settings, name) {
	// WITH (FORCE) closes connections a killed n8n may have left behind (PostgreSQL 13+).
	await withAdmin(app, settings, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** Deletes every Redis key starting with `prefix` (SCAN, never KEYS). Uses the package's own ioredis. */
async function deleteRedisKeys(redis, prefix) {
	const Redis = require('ioredis');
	const client = new Redis({ host: redis.host, port: redis.port, lazyConnect: true, maxRetriesPerRequest: 1 });
	await client.connect();
	let deleted = 0;
	try {
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
			cursor = next;
			if (keys.length) deleted += await client.del(...keys);
		} while (cursor !== '0');
	} finally {
		client.disconnect();
	}
	return deleted;
}

/** The settings every process of one cluster shares. */
function queueEnv({ runId, database, redisPrefix, bullPrefix, encryptionKey, services }) {
	const { redis, postgres } = services;
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: bullPrefix,
		// n8n's own keys and pub/sub channels (webhook cache, commands to workers) default to "n8n:" and would be shared
		// with other runs: a webhook path cached by an earlier run then "conflicts" with a new workflow id.
		N8N_REDIS_KEY_PREFIX: redisPrefix,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_ENCRYPTION_KEY: encryptionKey,
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		LEAD_ROUTING_QUEUE_RUN: runId,
	};
}

async function waitForWorker(worker, healthPort, timeoutMs) {
	const url = `http://127.0.0.1:${healthPort}/healthz/readiness`;
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (worker.process.exitCode !== null || worker.process.signalCode !== null) {
			throw new Error(`n8n worker exited before it was ready; log tail:\n${worker.logs().slice(-4000)}`);
		}
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`n8n worker not ready within ${timeoutMs} ms; log tail:\n${worker.logs().slice(-4000)}`);
}

const WORKFLOW_FIELDS = ['name', 'nodes', 'connections', 'settings', 'staticData'];

/**
 * Creates credentials and workflows through the public API of a running main (seconds, where `n8n import:*` boots the
 * CLI once per kind) and publishes the listed workflows. n8n assigns new ids: credential references in the workflows
 * are rewritten, and the returned maps translate the ids of the given documents to n8n's.
 */
async function provision(main, { credentials = [], workflows = [], publish = [] }) {
	const credentialIds = {};
	for (const { id, ...credential } of credentials) {
		const created = await main.api('POST', '/credentials', credential);
		credentialIds[id] = created.id;
	}
	const workflowIds = {};
	for (const doc of workflows) {
		const body = Object.fromEntries(WORKFLOW_FIELDS.filter((k) => doc[k] !== undefined).map((k) => [k, doc[k]]));
		body.nodes = doc.nodes.map((node) => {
			if (!node.credentials) return node;
			const refs = Object.entries(node.credentials).map(([type, ref]) => [
				type,
				{ ...ref, id: credentialIds[ref.id] ?? ref.id },
			]);
			return { ...node, credentials: Object.fromEntries(refs) };
		});
		const created = await main.api('POST', '/workflows', body);
		workflowIds[doc.id ?? created.id] = created.id;
	}
	for (const id of publish) {
		try {
			await main.api('POST', `/workflows/${encodeURIComponent(workflowIds[id] ?? id)}/activate`);
		} catch (error) {
			error.message = `publishing workflow ${id}: ${error.message}`;
			throw error;
		}
	}
	return { credentialIds, workflowIds };
}

/** @param {import('./queue').QueueClusterOptions} options */
async function startQueueCluster(options) {
	const log = options.log ?? (() => {});
	const app = options.app;
	const services = options.services ?? serviceSettings();
	const runId = crypto.randomBytes(5).toString('hex');
	const database = `lead_routing_queue_${runId}`;
	const redisPrefix = `lead-routing-queue-${runId}`;
	const bullPrefix = `${redisPrefix}-bull`;
	const encryptionKey = crypto.randomBytes(24).toString('base64url');
	const baseDir = options.baseDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lead-routing-queue-'));
	const shared = { ...queueEnv({ runId, database, redisPrefix, bullPrefix, encryptionKey, services }), ...options.env };
	const perProcess = options.processEnv ?? (() => ({}));
	const timings = {};
	const workers = [];
	const ids = { credentialIds: {}, workflowIds: {} };
	let main;

	// Executions of a workflow as n8n's database holds them, data parsed: n8n's API leaves out the ones its main still
	// counts as running, which includes a webhook execution whose job end the main never saw (see bull's Job.finished).
	const recordedExecutions = async (workflowId) => {
		const n8nRequire = createRequire(path.join(app.dir, 'node_modules', 'n8n', 'package.json'));
		const client = pgClient(app, services.postgres, database);
		await client.connect();
		try {
			const { rows } = await client.query(
				'SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id ' +
					'WHERE e."workflowId" = $1 ORDER BY e.id',
				[workflowId],
			);
			const { parse } = n8nRequire('flatted');
			return rows.map((row) => ({
				id: String(row.id),
				status: row.status,
				data: row.data ? parse(row.data) : undefined,
			}));
		} finally {
			await client.end();
		}
	};

	const stop = async () => {
		const t = Date.now();
		await Promise.all(workers.map((w) => w.stop().catch(() => {})));
		if (main) await main.stop().catch(() => {});
		await dropDatabase(app, services.postgres, database).catch((e) => log(`could not drop ${database}: ${e.message}`));
		await deleteRedisKeys(services.redis, redisPrefix).catch((e) => log(`could not clean Redis: ${e.message}`));
		if (!options.keepFolders) fs.rmSync(baseDir, { recursive: true, force: true });
		timings.stopMs = Date.now() - t;
	};

	let t = Date.now();
	await createDatabase(app, services.postgres, database);
	timings.createDatabaseMs = Date.now() - t;
	try {
		t = Date.now();
		// The main runs the migrations on the empty database; workers start once it is up.
		main = await startN8n({
			app,
			userFolder: path.join(baseDir, 'main'),
			tarball: options.tarball,
			env: { ...shared, ...perProcess('main') },
			apiKeyLabel: 'queue-mode',
			log,
		});
		timings.mainMs = Date.now() - t;
		Object.assign(timings, Object.fromEntries(Object.entries(main.timings).map(([k, v]) => [`main.${k}`, v])));

		t = Date.now();
		// Workflows and credentials are created while the workers boot.
		const provisioned = provision(main, options).then((created) => {
			timings.provisionMs = Date.now() - t;
			return created;
		});
		provisioned.catch(() => {}); // awaited below; this only keeps an early worker failure from leaving it unhandled
		const names = Array.from({ length: options.workers ?? 2 }, (_, i) => `worker-${i + 1}`);
		await Promise.all(
			names.map(async (name) => {
				const healthPort = await freePort();
				const worker = await startN8n({
					app,
					command: 'worker',
					args: [`--concurrency=${options.concurrency ?? 10}`],
					userFolder: path.join(baseDir, name),
					tarball: options.tarball,
					env: { ...shared, QUEUE_HEALTH_CHECK_PORT: String(healthPort), ...perProcess(name) },
					log,
				});
				worker.name = name;
				worker.healthPort = healthPort;
				workers.push(worker);
				await waitForWorker(worker, healthPort, options.readyTimeoutMs ?? 120000);
				const failed = /Failed to load package "([^"]+)"[\s\S]{0,1500}/.exec(worker.logs());
				if (failed) throw new Error(`${name} could not load ${failed[1]}:\n${failed[0]}`);
			}),
		);
		timings.workersMs = Date.now() - t;
		Object.assign(ids, await provisioned);
	} catch (error) {
		await stop();
		throw error;
	}
	log(
		`queue mode up: main ${main.baseUrl}, ${workers.length} workers, database ${database}, Redis prefix ${redisPrefix}`,
	);
	return {
		runId,
		database,
		redisPrefix,
		bullPrefix,
		baseDir,
		services,
		main,
		workers,
		...ids,
		timings,
		recordedExecutions,
		stop,
	};
}

module.exports = {
	startQueueCluster,
	provision,
	serviceSettings,
	unreachableServices,
	deleteRedisKeys,
	createDatabase,
	dropDatabase,
};
