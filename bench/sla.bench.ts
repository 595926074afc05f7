/**
 * SLA Timer Check over 100,000 open timers, local store and Redis (127.0.0.1:6379), each check finding a realistic
 * few due levels (~20). Baselines in the same run: a linear scan of the same 100k local records, and one Redis PING
 * round trip (the floor of any Redis call). Timers are seeded synthetic leads; nothing is downloaded.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { createCalendar } from '../lib/sla/calendar';
import { validateTiers } from '../lib/sla/tiers';
import { planTimer, SlaTimer } from '../lib/sla/timer';
import { resetLocalState } from '../lib/store/static/state';
import { closeAllRedisClients, connectRedis } from '../lib/store/redis/connection';
import { LocalTimerStore } from '../lib/store/static/timers';
import { RedisTimerStore } from '../lib/store/redis/timers';
import { SqliteStateStore } from '../lib/store/sqlite';
import { closeAllDatabases } from '../lib/store/sqlite/database';
import type { TimerStore } from '../lib/store/timers';
import { log, median, pick, round, seededRandom } from './util';

const OPEN = 100_000;
const CHECKS = 40;
const MINUTE = 60_000;
const NOW = Date.parse('2026-11-17T15:00:00Z');
/** First levels are spread over this span after NOW (~1.2 per second); later levels follow them. */
const SPAN_MS = 24 * 60 * MINUTE;
/** Time between two measured checks: about 20 levels come due in it. */
const STEP_MS = 15_000;

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell'];
const SOURCES = ['webform', 'demo-request', 'webinar', 'chat', 'partner'];

/** Plans real timers (business calendar, three tiers) for a few hundred leads, then copies them with their levels
 * shifted into the span, so seeding 100k stays quick. */
function seedTimers(count: number): SlaTimer[] {
	const random = seededRandom(7);
	const calendar = createCalendar({
		timeZone: 'America/New_York',
		workingDays: [1, 2, 3, 4, 5],
		start: '09:00',
		end: '17:00',
	});
	const tiers = validateTiers([
		{ name: 'hot', minutes: 5 },
		{ name: 'warm', minutes: 60 },
		{ name: 'cold', minutes: 1440 },
	]);
	const templates = Array.from({ length: 300 }, (_, t) =>
		planTimer({
			key: `template-${t}`,
			tier: tiers[t % tiers.length],
			calendar,
			levels: { warningPercent: 50, escalationPercents: [200] },
			startedAt: NOW + t * 7 * MINUTE,
			lead: {},
		}),
	);
	const timers: SlaTimer[] = new Array(count);
	for (let i = 0; i < count; i++) {
		const template = pick(random, templates);
		const company = pick(random, COMPANIES);
		const email = `lead-${i}@${company.toLowerCase()}${i % 997}.com`;
		const shift = 1_000 + Math.floor(random() * SPAN_MS) - (template.levels[0].at - NOW);
		timers[i] = {
			...template,
			id: randomUUID(),
			key: email,
			startedAt: template.startedAt + shift,
			levels: template.levels.map((level) => ({ ...level, at: level.at + shift })),
			lead: {
				email,
				firstName: 'Sam',
				lastName: `Lead${i}`,
				company: `${company} ${i % 997}`,
				country: 'US',
				score: Math.floor(random() * 100),
				source: pick(random, SOURCES),
				routing: {
					ownerId: `rep-${i % 40}`,
					ownerName: `Rep ${i % 40}`,
					ruleName: 'Round robin',
					decisionId: randomUUID(),
				},
			},
		};
	}
	return timers;
}

async function measureChecks(store: TimerStore): Promise<{ ms: number; due: number }> {
	const times: number[] = [];
	let due = 0;
	for (let k = 1; k <= CHECKS; k++) {
		const start = performance.now();
		const claimed = await store.claimDue(NOW + k * STEP_MS, 1000);
		times.push(performance.now() - start);
		due += claimed.length;
	}
	return { ms: median(times), due: due / CHECKS };
}

/** What a store without an index has to do: look at every open record. */
function linearScan(timers: SlaTimer[], now: number): number {
	let found = 0;
	for (const timer of timers) if (timer.levels[0].at <= now) found++;
	return found;
}

/**
 * A whole Check execution on n8n's engine with the 100k timers in the workflow's static data (second run, live state
 * warm). n8n loads and wraps the static data on every execution: this is the real cost of the local store at this size.
 */
async function engineCheck(workflowId: string, staticData: Record<string, unknown>): Promise<number> {
	const { runWorkflow, singleNode } = await import('../test/helpers/engine');
	const workflow = {
		...singleNode('slaTimer', { operation: 'check', options: { evaluateAt: new Date(NOW).toISOString() } }),
		id: workflowId,
	};
	const times: number[] = [];
	for (let i = 0; i < 3; i++) {
		const start = performance.now();
		const result = await runWorkflow(workflow, { staticData: { global: staticData } });
		if (result.run.status !== 'success')
			throw new Error(`engine check failed: ${result.error('Node') ?? result.error()}`);
		times.push(performance.now() - start);
	}
	return median(times.slice(1));
}

export async function run(): Promise<Record<string, number>> {
	const timers = seedTimers(OPEN);
	log(`seeded ${OPEN} open timers, ${round(JSON.stringify(timers[0]).length)} bytes of JSON each`);

	resetLocalState();
	const staticData = {};
	await new LocalTimerStore({ workflowId: 'bench', namespace: 'leadRouting.sla.default', staticData }).start(timers);
	// A restart: the saved static data is loaded again; the first check copies it and rebuilds the due-time heap.
	const saved = JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;
	resetLocalState();
	const reloaded = new LocalTimerStore({
		workflowId: 'bench',
		namespace: 'leadRouting.sla.default',
		staticData: saved,
	});
	const rebuildStart = performance.now();
	await reloaded.claimDue(NOW, 1000);
	const rebuildMs = performance.now() - rebuildStart;
	const localRun = await measureChecks(reloaded);
	const scanTimes: number[] = [];
	for (let k = 1; k <= CHECKS; k++) {
		const start = performance.now();
		linearScan(timers, NOW + k * STEP_MS);
		scanTimes.push(performance.now() - start);
	}
	const scanMs = median(scanTimes);
	const engineMs = await engineCheck('bench-engine-100k', saved);
	const small: Record<string, unknown> = {};
	resetLocalState();
	await new LocalTimerStore({
		workflowId: 'bench-small',
		namespace: 'leadRouting.sla.default',
		staticData: small,
	}).start(timers.slice(0, 10_000));
	const engineSmallMs = await engineCheck(
		'bench-engine-10k',
		JSON.parse(JSON.stringify(small)) as Record<string, unknown>,
	);
	log(
		`local: check ${round(localRun.ms, 3)} ms (${round(localRun.due)} due per check), linear scan ${round(scanMs, 3)} ms`,
	);

	// The default store: the same 100k timers in a SQLite file, checked through its due-time index.
	const folder = mkdtempSync(join(tmpdir(), 'lead-routing-bench-sla-'));
	let sqliteRun: { ms: number; due: number };
	try {
		const sqlite = (await SqliteStateStore.open(join(folder, 'state.sqlite'))).timers({
			workflowId: 'bench',
			stateName: '',
		});
		for (let i = 0; i < timers.length; i += 5000) await sqlite.start(timers.slice(i, i + 5000));
		sqliteRun = await measureChecks(sqlite);
		log(`sqlite: check ${round(sqliteRun.ms, 3)} ms (${round(sqliteRun.due)} due per check)`);
	} finally {
		closeAllDatabases();
		rmSync(folder, { recursive: true, force: true });
	}

	const base = {
		sla_check_100k_local_ms: round(localRun.ms, 3),
		sla_check_100k_local_scan_baseline_ms: round(scanMs, 3),
		sla_check_100k_local_vs_scan_ratio: round(localRun.ms / scanMs, 3),
		sla_check_100k_local_rebuild_ms: round(rebuildMs, 1),
		sla_check_100k_sqlite_ms: round(sqliteRun.ms, 3),
		sla_check_100k_sqlite_vs_scan_ratio: round(sqliteRun.ms / scanMs, 3),
		sla_check_100k_local_engine_execution_ms: round(engineMs, 1),
		sla_check_10k_local_engine_execution_ms: round(engineSmallMs, 1),
	};
	try {
		return { ...base, ...(await redisFigures(timers)) };
	} catch (error) {
		// A loaded machine can make Redis miss its command timeout while 100k timers are seeded; keep the other figures.
		log(`Redis part skipped: ${(error as Error).message}`);
		return base;
	}
}

async function redisFigures(timers: SlaTimer[]): Promise<Record<string, number>> {
	const client = await connectRedis({ host: '127.0.0.1', port: 6379 });
	const prefix = `bench-sla:${randomUUID()}:`;
	const redis = new RedisTimerStore(client, prefix);
	try {
		const seedStart = performance.now();
		for (let i = 0; i < timers.length; i += 5000) await redis.start(timers.slice(i, i + 5000));
		log(`redis: seeded in ${round(performance.now() - seedStart)} ms`);
		const redisRun = await measureChecks(redis);
		const pings: number[] = [];
		for (let i = 0; i < CHECKS; i++) {
			const start = performance.now();
			await client.ping();
			pings.push(performance.now() - start);
		}
		const pingMs = median(pings);
		log(`redis: check ${round(redisRun.ms, 3)} ms (${round(redisRun.due)} due per check), PING ${round(pingMs, 3)} ms`);
		return {
			sla_check_100k_redis_ms: round(redisRun.ms, 3),
			sla_check_100k_redis_ping_baseline_ms: round(pingMs, 3),
			sla_check_100k_redis_vs_ping_ratio: round(redisRun.ms / pingMs, 2),
			sla_check_due_per_check: round(redisRun.due, 1),
		};
	} finally {
		await redis.clear();
		await closeAllRedisClients();
	}
}
