/**
 * Every statement the SQLite store prepares reaches the rows it needs through an index: no statement reads a whole
 * table that grows with the traffic (SLA history, timers, answered-lead keys, limit events, day/week windows), nor
 * all of one scope's rows of it, which is the same thing for a workflow's own history. SQLite chooses the plan when it
 * prepares a statement; the store ships without statistics (no ANALYZE), so the plan depends on the schema alone and
 * what EXPLAIN QUERY PLAN shows here is what every user's file runs. A statement in the backend's source that this
 * test never prepared fails it too, so a new statement cannot skip the check.
 */
import { readdirSync, readFileSync } from 'fs';
import { makeStoreFolder, removeStoreFolder } from '../../helpers/store-folder';
import { join } from 'path';
import { DatabaseSync } from 'node:sqlite';
import type { AssignCandidate, AssignRequest } from '../../../lib/store/assignment';
import type { SlaStartRecord } from '../../../lib/store/sla-history';
import { SqliteStateStore } from '../../../lib/store/sqlite';
import { closeAllDatabases } from '../../../lib/store/sqlite/database';
import type { JsonObject } from '../../../lib/store/static/state';
import { windowsAt } from '../../../lib/store/windows';
import { tenMinuteTimer } from './backends';

const SOURCE = join(__dirname, '../../../lib/store/sqlite');
/** Tables whose rows grow with leads and time; the others hold a row per rep, pool or workflow. */
const GROWING = ['sla_history', 'sla_timer', 'idempotency', 'limit_event', 'route_window'];
/** Statements that read a whole scope on purpose, and why that is bounded. */
const WHOLE_SCOPE_ALLOWED = new Map([
	// TimerStore.count: the number of open timers is the answer; no node calls it per lead.
	['SELECT count(*) AS n FROM sla_timer WHERE scope = ?', 'counts the open timers'],
]);

const folder = makeStoreFolder('lead-routing-plans');
afterAll(() => {
	closeAllDatabases();
	removeStoreFolder(folder);
});

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** The plan's problems: a scan of a growing table, or a search that only narrows it to one scope. */
function planProblems(db: DatabaseSync, sql: string): string[] {
	const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>;
	const problems: string[] = [];
	for (const { detail } of rows) {
		const scan = /^SCAN (\w+)/.exec(detail);
		if (scan && GROWING.includes(scan[1])) problems.push(detail);
		const search = /^SEARCH (\w+) USING .*\((.*)\)$/.exec(detail);
		if (search && GROWING.includes(search[1]) && search[2] === 'scope=?' && !WHOLE_SCOPE_ALLOWED.has(oneLine(sql)))
			problems.push(detail);
	}
	return problems;
}

/** SQL text literals in the backend's source (those run through exec() at open are not prepared statements). */
function sourceStatements(): Array<{ file: string; pattern: RegExp; text: string }> {
	const found: Array<{ file: string; pattern: RegExp; text: string }> = [];
	for (const file of readdirSync(SOURCE).filter((f) => f.endsWith('.ts'))) {
		const text = readFileSync(join(SOURCE, file), 'utf8');
		const start = '(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH)\\b';
		const literals = new RegExp(`(exec\\()?(?:'(${start}[^']*)'|"(${start}[^"]*)"|\`(${start}[^\`]*)\`)`, 'g');
		for (const match of text.matchAll(literals)) {
			if (match[1]) continue;
			const literal = oneLine(match[2] ?? match[3] ?? match[4]);
			const pattern = literal
				.split(/\$\{[^}]*\}/)
				.map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
				.join('[\\s\\S]*?');
			found.push({ file, pattern: new RegExp(`^${pattern}$`), text: literal });
		}
	}
	return found;
}

const T0 = Date.parse('2026-11-24T10:00:00Z');
const windows = windowsAt(T0, 'UTC');
const reps: AssignCandidate[] = ['a', 'b', 'c'].map((id) => ({
	id,
	weight: 1,
	capacityDay: 5,
	capacityWeek: 0,
	capacityOpen: 0,
}));
const request = (strategy: AssignRequest['strategy'], dryRun = false): AssignRequest => ({
	pool: 'p',
	strategy,
	candidates: reps,
	windows,
	random: 0.5,
	at: new Date(T0).toISOString(),
	dryRun,
});
const timer = (key: string) => tenMinuteTimer(key, T0);
const startRecord = (i: number): SlaStartRecord => ({
	id: `id-${i}`,
	key: `lead${i}@plans.test`,
	startedAt: T0 + i,
	dueAt: T0 + i + 600_000,
	escalateAt: null,
	tier: 'hot',
	rep: 'a',
	repName: 'A',
	source: 'web',
	rule: 'r1',
	fallback: false,
	autoResponded: true,
});

/** Calls every operation of every feature, so the connection prepares every statement the backend has. */
async function exerciseEverything(store: SqliteStateStore): Promise<void> {
	const scope = { workflowId: 'wf-plans', stateName: '' };
	const assignment = store.assignment(scope);
	// Four turns: the fourth starts a new round of the rotation, which moves the pool's floor.
	for (const strategy of ['roundRobin', 'roundRobin', 'roundRobin', 'roundRobin', 'leastLoaded', 'direct'] as const) {
		await assignment.assign(request(strategy));
		await assignment.assign(request(strategy, true));
	}
	await assignment.recordFallback(windows, new Date(T0).toISOString());
	await assignment.release('a');
	await assignment.stats(windows);

	const timers = store.timers(scope);
	await timers.start([timer('t1@plans.test'), timer('t2@plans.test')]);
	await timers.peekDue(T0 + 3_600_000, 10);
	await timers.claimDue(T0 + 3_600_000, 10);
	await timers.stop(['t1@plans.test']);
	await timers.count();

	const keys = store.idempotency(scope);
	const claim = await keys.claim('k1', 60_000, T0);
	if (claim.claimed) await keys.confirm('k1', claim.token, 3_600_000, T0);
	const other = await keys.claim('k2', 60_000, T0);
	if (other.claimed) await keys.release('k2', other.token);

	const counters = store.counters(scope);
	const take = await counters.take([{ key: 'to:x', limit: 5, windowMs: 60_000 }], T0);
	if (take.allowed) await counters.giveBack(['to:x'], take.token);
	await counters.count('to:x', 60_000, T0);

	const history = store.slaHistory(scope);
	await history.started([startRecord(1), startRecord(2)], T0);
	await history.answered([
		{
			id: 'id-1',
			key: 'lead1@plans.test',
			response: { respondedAt: T0, responseMinutes: 1, businessResponseMinutes: 1 },
		},
	]);
	await history.list(T0, T0 + 1000, 100);

	const staticData: JsonObject = {
		'leadRouting.route.default': {
			open: { a: 1 },
			total: { a: 1 },
			last: { a: new Date(T0).toISOString() },
			scores: { 'pool:p': { a: 1 } },
			floors: { 'pool:p': 1 },
			day: { key: windows.day, counts: { a: 1 } },
			week: { key: windows.week, counts: { a: 1 } },
			fallback: { day: { key: windows.day, counts: { n: 1 } }, total: 1, lastAt: new Date(T0).toISOString() },
		},
		'leadRouting.sla.default': {
			timers: { t3: JSON.stringify({ ...timer('t3@plans.test'), next: 0, purgeAt: T0 + 86_400_000 }) },
		},
		'leadRouting.respond.default': { entries: { k3: ['s', 'token', Date.now() + 86_400_000, T0] } },
	};
	expect(store.adoptStaticData(staticData, { workflowId: 'wf-legacy', stateName: '' })).toHaveLength(3);
	store.database.sweep(T0 + 365 * 86_400_000);
}

describe('query plans of the SQLite store', () => {
	let store: SqliteStateStore;
	let file: string;
	let prepared: string[];

	beforeAll(async () => {
		file = join(folder, 'plans.sqlite');
		store = await SqliteStateStore.open(file);
		await exerciseEverything(store);
		prepared = store.database.preparedSql();
	});

	it('prepares every statement written in the backend', () => {
		const missing = sourceStatements().filter(({ pattern }) => !prepared.some((sql) => pattern.test(oneLine(sql))));
		expect(missing.map(({ file, text }) => `${file}: ${text}`)).toEqual([]);
	});

	it('reads no growing table whole, nor one scope of it whole', () => {
		const check = new DatabaseSync(file);
		try {
			// Shipped as it is: no statistics, so the planner decides from the schema alone.
			expect(check.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'").all()).toEqual([]);
			const bad = prepared.flatMap((sql) => planProblems(check, sql).map((detail) => `${oneLine(sql)} → ${detail}`));
			expect(bad).toEqual([]);
		} finally {
			check.close();
		}
	});

	it('catches the plan that once read the whole SLA history of a scope per timer start', () => {
		const check = new DatabaseSync(file);
		try {
			// The statement before it named its index: SQLite chose the primary key's scope prefix.
			expect(planProblems(check, 'DELETE FROM sla_history WHERE scope = ? AND key = ? AND response IS NULL')).toEqual([
				'SEARCH sla_history USING PRIMARY KEY (scope=?)',
			]);
			expect(planProblems(check, 'SELECT record FROM sla_timer WHERE record = ?')).toEqual(['SCAN sla_timer']);
		} finally {
			check.close();
		}
	});
});
