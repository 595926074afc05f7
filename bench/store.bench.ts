/**
 * The default store's cost per routing decision: the routing core (8 rules, 24 reps) deciding one lead after another
 * with the SQLite store, each decision its own `BEGIN IMMEDIATE` transaction with the durability settings as shipped
 * (WAL, synchronous=NORMAL). Baseline in the same run: a bare node:sqlite loop of one-row upserts, each in its own
 * transaction with the same settings — the floor any transactional decision pays. Then the same decisions after a
 * backlog of 100,000 open SLA timers and 100,000 answered-lead keys in the same file.
 * The machine is shared, so the two loops alternate in blocks (bare, store, bare, store, …) and each figure is the
 * median of its blocks; a ratio is the median of the per-round ratios, so a burst of load from elsewhere falls on
 * both sides of it.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DatabaseSync } from 'node:sqlite';
import { createCalendar } from '../lib/sla/calendar';
import { validateTiers } from '../lib/sla/tiers';
import { planTimer } from '../lib/sla/timer';
import { idempotencyKey } from '../lib/respond/idempotency';
import { SqliteStateStore } from '../lib/store/sqlite';
import type { StoreScope } from '../lib/store/state-store';
import { closeAllDatabases } from '../lib/store/sqlite/database';
import type { AssignmentStore } from '../lib/store/assignment';
import { decisionsPerSecond, leads, type Lead } from './route.bench';
import { log, round } from './util';

const BLOCK = 1000;
const ROUNDS = 15;
const BACKLOG = 100_000;

/** The floor: one-row upserts, each in its own transaction, prepared once, with the store's settings. */
function bareUpserts(file: string): { perSecond(n: number): number; close(): void } {
	const db = new DatabaseSync(file);
	db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000');
	db.exec('CREATE TABLE IF NOT EXISTS c (k TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID');
	const begin = db.prepare('BEGIN IMMEDIATE');
	const commit = db.prepare('COMMIT');
	const upsert = db.prepare('INSERT INTO c (k, n) VALUES (?, 1) ON CONFLICT (k) DO UPDATE SET n = n + 1');
	return {
		perSecond(n) {
			const start = performance.now();
			for (let i = 0; i < n; i++) {
				begin.run();
				upsert.run(`rep${i % 24}`);
				commit.run();
			}
			return (n / (performance.now() - start)) * 1000;
		},
		close: () => db.close(),
	};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** ROUNDS rounds of one bare block and one block of decisions; medians of the rates and of the per-round ratios. */
async function alternate(bare: ReturnType<typeof bareUpserts>, assignment: AssignmentStore, batch: Lead[]) {
	const rounds: Array<{ bare: number; store: number }> = [];
	for (let r = 0; r < ROUNDS; r++) {
		const b = bare.perSecond(BLOCK);
		const s = await decisionsPerSecond(assignment, batch.slice(r * BLOCK, (r + 1) * BLOCK), 1);
		rounds.push({ bare: b, store: s });
	}
	return {
		bare: median(rounds.map((x) => x.bare)),
		store: median(rounds.map((x) => x.store)),
		ratio: median(rounds.map((x) => x.store / x.bare)),
		rounds: rounds.map((x) => `${round(x.store)}/${round(x.bare)}`).join(', '),
	};
}

/**
 * `count` open SLA timers (due in 30 days) in `scope` and `count` answered-lead keys (Auto-Respond's key scheme) in
 * `keyScope`: the state a busy month leaves behind. Also used by the end-to-end benchmark on the file of a running n8n,
 * with the scopes its nodes use (SLA Timer's State Name, Auto-Respond's workflow), so the nodes read and write beside it.
 */
export async function seedBacklog(
	store: SqliteStateStore,
	scope: StoreScope = { workflowId: 'bench-backlog', stateName: '' },
	count = BACKLOG,
	keyScope: StoreScope = scope,
): Promise<void> {
	const [tier] = validateTiers([{ name: 'hot', minutes: 60 * 24 * 30 }]);
	const calendar = createCalendar({ instant: true, timeZone: 'UTC', workingDays: [], start: '', end: '' });
	const now = Date.now();
	const timers = store.timers(scope);
	for (let i = 0; i < count; i += 5000) {
		const batch = Array.from({ length: Math.min(5000, count - i) }, (_, k) =>
			planTimer({
				key: `lead${i + k}@backlog.test`,
				tier,
				calendar,
				levels: { warningPercent: 50, escalationPercents: [] },
				startedAt: now,
				lead: { email: `lead${i + k}@backlog.test` },
			}),
		);
		await timers.start(batch);
	}
	const keys = store.idempotency(keyScope);
	for (let i = 0; i < count; i++) {
		const key = idempotencyKey('lead', `answered${i}@backlog.test`);
		const claim = await keys.claim(key, 120_000, now);
		if (claim.claimed) await keys.confirm(key, claim.token, 86_400_000, now);
	}
}

export async function run(): Promise<Record<string, number>> {
	const folder = mkdtempSync(join(tmpdir(), 'lead-routing-bench-store-'));
	const bare = bareUpserts(join(folder, 'bare.sqlite'));
	try {
		const store = await SqliteStateStore.open(join(folder, 'state.sqlite'));
		const assignment = store.assignment({ workflowId: 'bench', stateName: '' });
		const batch = leads(ROUNDS * BLOCK);
		bare.perSecond(2000);
		await decisionsPerSecond(assignment, leads(2000), 1);
		const empty = await alternate(bare, assignment, batch);
		log(
			`sqlite store: ${round(empty.store)} decisions/s sequential; bare upsert transactions ${round(empty.bare)}/s; ratio ${round(empty.ratio, 3)} (store/bare per round: ${empty.rounds})`,
		);
		const seedStart = performance.now();
		await seedBacklog(store);
		log(
			`backlog of ${BACKLOG} timers and ${BACKLOG} answered keys seeded in ${round(performance.now() - seedStart)} ms`,
		);
		const backlog = await alternate(bare, assignment, batch);
		log(
			`sqlite store after the backlog: ${round(backlog.store)} decisions/s; ratio to bare ${round(backlog.ratio, 3)} (${backlog.rounds})`,
		);
		return {
			store_sqlite_decisions_per_s: round(empty.store),
			store_sqlite_bare_upsert_tx_per_s: round(empty.bare),
			store_sqlite_vs_bare_tx_ratio: round(empty.ratio, 3),
			store_sqlite_decisions_per_s_backlog: round(backlog.store),
			store_sqlite_bare_upsert_tx_per_s_backlog: round(backlog.bare),
			store_sqlite_backlog_vs_bare_tx_ratio: round(backlog.ratio, 3),
			// Each phase against the bare loop of its own rounds: the machine's load moves between the phases.
			store_sqlite_backlog_vs_empty_ratio: round(backlog.ratio / empty.ratio, 3),
		};
	} finally {
		bare.close();
		closeAllDatabases();
		rmSync(folder, { recursive: true, force: true });
	}
}
