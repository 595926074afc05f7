/**
 * SLA Timer › Get Stats over a history of 100,000 leads (30 days, 40 reps, three tiers, 85 % answered) on each store:
 * the whole 30 days (all 100k leads) and today (~3k leads of the same history), so the cost follows the leads in the
 * period, not the size of the history. Baseline in the same run: the report computed from the same records already in
 * memory (no store), the floor of any report that reads every lead of the period. Seeded synthetic records.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { randomUUID } from 'crypto';
import { MAX_RECORDS, resolvePeriod, summarizeSla, type PeriodName } from '../lib/sla/stats';
import { openStateStore } from '../lib/store/backends';
import { closeAllRedisClients, getRedisClient } from '../lib/store/redis/connection';
import type { SlaHistoryStore, SlaRecord, SlaStartRecord } from '../lib/store/sla-history';
import { closeAllDatabases } from '../lib/store/sqlite/database';
import { resetLocalState } from '../lib/store/static/state';
import type { StateStore } from '../lib/store/state-store';
import { log, median, round, seededRandom } from './util';

const LEADS = 100_000;
const RUNS = 3;
const MINUTE = 60_000;
const NOW = Date.parse('2026-11-30T16:00:00Z');
const ZONE = 'UTC';
const TIERS = [
	{ name: 'hot', minutes: 5 },
	{ name: 'warm', minutes: 60 },
	{ name: 'cold', minutes: 1440 },
];

function seed(): Array<{ start: SlaStartRecord; response: SlaRecord['response'] }> {
	const random = seededRandom(19);
	const from = resolvePeriod('last30Days', NOW, ZONE).from;
	return Array.from({ length: LEADS }, (_, i) => {
		const startedAt = from + Math.floor((i / LEADS) * (NOW - from));
		const tier = TIERS[i % 3];
		const rep = i % 40;
		const minutes = Math.round(random() * tier.minutes * 2 * 100) / 100;
		const answered = random() < 0.85 && startedAt + minutes * MINUTE < NOW;
		return {
			start: {
				id: randomUUID(),
				key: `lead-${i}@example${i % 997}.com`,
				startedAt,
				dueAt: startedAt + tier.minutes * MINUTE,
				escalateAt: startedAt + 2 * tier.minutes * MINUTE,
				tier: tier.name,
				rep: `rep-${rep}`,
				repName: `Rep ${rep}`,
				source: ['webform', 'demo-request', 'chat'][i % 3],
				rule: i % 20 === 0 ? 'Fallback' : 'Round robin',
				fallback: i % 20 === 0,
				autoResponded: i % 50 !== 0,
			},
			response: answered
				? { respondedAt: startedAt + minutes * MINUTE, responseMinutes: minutes, businessResponseMinutes: minutes }
				: null,
		};
	});
}

async function fill(history: SlaHistoryStore, leads: ReturnType<typeof seed>): Promise<void> {
	for (let i = 0; i < leads.length; i += 2000) {
		const batch = leads.slice(i, i + 2000);
		await history.started(
			batch.map((l) => l.start),
			NOW,
		);
		await history.answered(
			batch.flatMap((l) => (l.response ? [{ id: l.start.id, key: l.start.key, response: l.response }] : [])),
		);
	}
}

async function report(history: SlaHistoryStore, name: PeriodName): Promise<{ ms: number; started: number }> {
	const period = resolvePeriod(name, NOW, ZONE);
	const times: number[] = [];
	let started = 0;
	for (let r = 0; r < RUNS; r++) {
		const t = performance.now();
		const records = await history.list(period.from, period.to, MAX_RECORDS);
		started = summarizeSla(records, period, 'rep', NOW).totals.started;
		times.push(performance.now() - t);
	}
	return { ms: median(times), started };
}

export async function run(): Promise<Record<string, number>> {
	const leads = seed();
	const inMemory: SlaRecord[] = leads.map((l) => ({ ...l.start, response: l.response }));
	const period = resolvePeriod('last30Days', NOW, ZONE);
	const baselineTimes: number[] = [];
	for (let r = 0; r < RUNS; r++) {
		const t = performance.now();
		summarizeSla(inMemory, period, 'rep', NOW);
		baselineTimes.push(performance.now() - t);
	}
	const baselineMs = median(baselineTimes);
	log(`baseline (in memory, 100k): ${round(baselineMs)} ms`);

	const folder = mkdtempSync(join(tmpdir(), 'bench-sla-stats-'));
	const redis = { host: '127.0.0.1', port: 6379, keyPrefix: `bench-sla-stats-${randomUUID()}:` };
	const stores: Array<[string, StateStore]> = [
		['sqlite', await openStateStore('sqlite', { file: join(folder, 'state.sqlite') })],
		['redis', await openStateStore('redis', { redis })],
		['static', await openStateStore('staticData', { staticData: {} })],
	];
	const figures: Record<string, number> = { sla_stats_100k_in_memory_baseline_ms: round(baselineMs, 1) };
	try {
		for (const [name, store] of stores) {
			const history = store.slaHistory({ workflowId: 'bench', stateName: '' });
			const t = performance.now();
			await fill(history, leads);
			log(`${name}: 100k records written in ${round(performance.now() - t)} ms`);
			const month = await report(history, 'last30Days');
			const today = await report(history, 'today');
			if (month.started !== LEADS)
				throw new Error(`${name}: 30 days counted ${month.started} leads, expected ${LEADS}`);
			log(
				`${name}: 30 days (${month.started} leads) ${round(month.ms)} ms; today (${today.started} leads) ${round(today.ms, 2)} ms`,
			);
			figures[`sla_stats_30d_100k_${name}_ms`] = round(month.ms, 1);
			figures[`sla_stats_today_of_100k_${name}_ms`] = round(today.ms, 2);
			figures[`sla_stats_30d_100k_${name}_vs_memory_ratio`] = round(month.ms / baselineMs, 2);
			if (name === 'sqlite') figures.sla_stats_today_leads = today.started;
		}
	} finally {
		closeAllDatabases();
		rmSync(folder, { recursive: true, force: true });
		resetLocalState();
		const client = getRedisClient(redis);
		const keys = await client.keys(`${redis.keyPrefix}*`);
		if (keys.length) await client.del(...keys);
		await closeAllRedisClients();
	}
	return figures;
}
