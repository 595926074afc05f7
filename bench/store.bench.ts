/**
 * The default store's cost per routing decision: the routing core (8 rules, 24 reps) deciding one lead after another
 * with the SQLite store, each decision its own `BEGIN IMMEDIATE` transaction with the durability settings as shipped
 * (WAL, synchronous=NORMAL). Baseline in the same run: a bare node:sqlite loop of one-row upserts, each in its own
 * transaction with the same settings — the floor any transactional decision pays. Then the same decisions after a
 * backlog of 100,000 open SLA timers and 100,000 answered-lead keys in the same file.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DatabaseSync } from 'node:sqlite';
import { createCalendar } from '../lib/sla/calendar';
import { validateTiers } from '../lib/sla/tiers';
import { planTimer } from '../lib/sla/timer';
import { SqliteStateStore } from '../lib/store/sqlite';
import { closeAllDatabases } from '../lib/store/sqlite/database';
import { decisionsPerSecond, leads } from './route.bench';
import { log, round } from './util';

const DECISIONS = 20_000;
const BACKLOG = 100_000;

function bareUpsertsPerSecond(file: string, n: number): number {
	const db = new DatabaseSync(file);
	db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000');
	db.exec('CREATE TABLE IF NOT EXISTS c (k TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID');
	const upsert = db.prepare('INSERT INTO c (k, n) VALUES (?, 1) ON CONFLICT (k) DO UPDATE SET n = n + 1');
	const start = performance.now();
	for (let i = 0; i < n; i++) {
		db.exec('BEGIN IMMEDIATE');
		upsert.run(`rep${i % 24}`);
		db.exec('COMMIT');
	}
	const ms = performance.now() - start;
	db.close();
	return (n / ms) * 1000;
}

async function seedBacklog(store: SqliteStateStore): Promise<void> {
	const scope = { workflowId: 'bench-backlog', stateName: '' };
	const [tier] = validateTiers([{ name: 'hot', minutes: 60 * 24 * 30 }]);
	const calendar = createCalendar({ instant: true, timeZone: 'UTC', workingDays: [], start: '', end: '' });
	const now = Date.now();
	const timers = store.timers(scope);
	for (let i = 0; i < BACKLOG; i += 5000) {
		const batch = Array.from({ length: 5000 }, (_, k) =>
			planTimer({ key: `lead${i + k}@backlog.test`, tier, calendar, levels: { warningPercent: 50, escalationPercents: [] }, startedAt: now, lead: { email: `lead${i + k}@backlog.test` } }),
		);
		await timers.start(batch);
	}
	const keys = store.idempotency(scope);
	for (let i = 0; i < BACKLOG; i++) {
		const claim = await keys.claim(`answered-${i}`, 120_000, now);
		if (claim.claimed) await keys.confirm(`answered-${i}`, claim.token, 86_400_000, now);
	}
}

export async function run(): Promise<Record<string, number>> {
	const folder = mkdtempSync(join(tmpdir(), 'lead-routing-bench-store-'));
	try {
		const bare = bareUpsertsPerSecond(join(folder, 'bare.sqlite'), DECISIONS);
		const store = await SqliteStateStore.open(join(folder, 'state.sqlite'));
		const assignment = store.assignment({ workflowId: 'bench', stateName: '' });
		const batch = leads(DECISIONS);
		await decisionsPerSecond(assignment, batch.slice(0, 2000), 1);
		const empty = await decisionsPerSecond(assignment, batch, 1);
		log(`sqlite store: ${round(empty)} decisions/s sequential; bare upsert transactions ${round(bare)}/s`);
		const seedStart = performance.now();
		await seedBacklog(store);
		log(`backlog of ${BACKLOG} timers and ${BACKLOG} answered keys seeded in ${round(performance.now() - seedStart)} ms`);
		const backlog = await decisionsPerSecond(assignment, batch, 1);
		log(`sqlite store after the backlog: ${round(backlog)} decisions/s`);
		return {
			store_sqlite_decisions_per_s: round(empty),
			store_sqlite_bare_upsert_tx_per_s: round(bare),
			store_sqlite_vs_bare_tx_ratio: round(empty / bare, 3),
			store_sqlite_decisions_per_s_backlog: round(backlog),
			store_sqlite_backlog_vs_empty_ratio: round(backlog / empty, 3),
		};
	} finally {
		closeAllDatabases();
		rmSync(folder, { recursive: true, force: true });
	}
}
