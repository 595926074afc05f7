/**
 * What only the SQLite store has: moving a workflow's static data in on first use, and clear errors for a file it
 * cannot use (read-only, locked, damaged), naming the file and the fix, with no fallback to another store.
 */
import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { makeStoreFolder, removeStoreFolder } from '../../helpers/store-folder';
import { join } from 'path';
import { DatabaseSync } from 'node:sqlite';
import type { AssignCandidate, AssignRequest } from '../../../lib/store/assignment';
import { StoreUnavailableError } from '../../../lib/store/errors';
import { SqliteStateStore } from '../../../lib/store/sqlite';
import { closeAllDatabases } from '../../../lib/store/sqlite/database';
import { StaticDataStore } from '../../../lib/store/static';
import { resetLocalState, type JsonObject } from '../../../lib/store/static/state';
import { windowsAt } from '../../../lib/store/windows';
import { tenMinuteTimer } from './backends';

const folder = makeStoreFolder('lead-routing-sqlite');
let n = 0;
const freshFile = () => join(folder, `state-${++n}.sqlite`);
afterAll(() => {
	closeAllDatabases();
	spawnSync('chattr', ['-R', '-i', folder]);
	removeStoreFolder(folder);
});
beforeEach(() => {
	resetLocalState();
	closeAllDatabases();
});

const windows = windowsAt(Date.parse('2026-11-24T10:00:00Z'), 'UTC');
const reps: AssignCandidate[] = ['a', 'b', 'c'].map((id) => ({
	id,
	weight: 1,
	capacityDay: 0,
	capacityWeek: 0,
	capacityOpen: 0,
}));
const request: AssignRequest = {
	pool: 'p',
	strategy: 'roundRobin',
	candidates: reps,
	windows,
	random: 0,
	at: '2026-11-24T10:00:00.000Z',
	dryRun: false,
};
const T0 = Date.now();
const timer = (key: string) => tenMinuteTimer(key, T0);

describe('moving static data into the database on first use', () => {
	it('keeps turns, counts, timers and answered leads, empties the static data, and never imports twice', async () => {
		const scope = { workflowId: 'wf-upgrade', stateName: '' };
		const staticData: JsonObject = {};
		const legacy = new StaticDataStore(staticData);
		for (let i = 0; i < 4; i++) await legacy.assignment(scope).assign(request); // a b c a
		await legacy.assignment(scope).recordFallback(windows, '2026-11-24T10:05:00.000Z');
		await legacy.timers(scope).start([timer('t1@x.test'), timer('t2@x.test')]);
		const idem = legacy.idempotency(scope);
		const claim = await idem.claim('lead-key', 60_000, T0);
		if (claim.claimed) await idem.confirm('lead-key', claim.token, 3_600_000, T0);
		const saved = JSON.parse(JSON.stringify(staticData)) as JsonObject;
		const before = await legacy.assignment(scope).stats(windows);

		const store = await SqliteStateStore.open(freshFile());
		expect(store.adoptStaticData(saved, scope).sort()).toEqual([
			'leadRouting.respond.default',
			'leadRouting.route.default',
			'leadRouting.sla.default',
		]);
		expect(saved).toEqual({});
		expect(await store.assignment(scope).stats(windows)).toEqual(before);
		// The rotation continues where it stopped: b is next after a, b, c, a.
		expect((await store.assignment(scope).assign(request)).repId).toBe('b');
		expect(await store.timers(scope).count()).toBe(2);
		expect(await store.idempotency(scope).claim('lead-key', 60_000, T0 + 1)).toMatchObject({
			claimed: false,
			state: 'sent',
		});

		// An execution that started before the move may save the old static data again: it is not imported twice.
		const stale = JSON.parse(JSON.stringify(staticData)) as JsonObject;
		expect(store.adoptStaticData(stale, scope).sort()).toEqual([
			'leadRouting.respond.default',
			'leadRouting.route.default',
			'leadRouting.sla.default',
		]);
		expect((await store.assignment(scope).stats(windows)).reps.find((r) => r.repId === 'a')?.assignedTotal).toBe(2);
		expect(stale).toEqual({});
	});

	it('moves the idempotency keys Auto-Respond kept under its old namespace', async () => {
		const scope = { workflowId: 'wf-respond', stateName: '' };
		const old = {
			'leadRouting.respond': { entries: { k1: ['s', 'tok', T0 + 3_600_000, T0], k2: ['s', 'tok', T0 - 1, T0 - 10] } },
		};
		const store = await SqliteStateStore.open(freshFile());
		expect(store.adoptStaticData(old, scope)).toEqual(['leadRouting.respond']);
		expect(await store.idempotency(scope).claim('k1', 60_000, T0)).toMatchObject({ claimed: false, state: 'sent' });
		// Expired keys are not carried over.
		expect(await store.idempotency(scope).claim('k2', 60_000, T0)).toMatchObject({ claimed: true });
	});

	it('costs nothing when there is no static data to move', async () => {
		const store = await SqliteStateStore.open(freshFile());
		const staticData = { unrelated: 1 };
		expect(store.adoptStaticData(staticData, { workflowId: 'wf', stateName: '' })).toEqual([]);
		expect(staticData).toEqual({ unrelated: 1 });
	});
});

describe("this connection's memo of routing counters", () => {
	const scope = { workflowId: 'wf-memo', stateName: '' };
	const owner = async (store: SqliteStateStore, extra: Partial<AssignRequest> = {}) =>
		(await store.assignment(scope).assign({ ...request, ...extra })).repId;

	it('sees a commit by another connection (another process) made since its own last decision', async () => {
		const file = freshFile();
		const store = await SqliteStateStore.open(file);
		expect([await owner(store), await owner(store), await owner(store)]).toEqual(['a', 'b', 'c']);
		// Another process gives a and b their next turns: c must be next, however many decisions this process made.
		const other = new DatabaseSync(file);
		other.exec("UPDATE route_score SET score = score + 1 WHERE scope = 'wf:wf-memo' AND rep IN ('a', 'b')");
		other.close();
		expect(await owner(store)).toBe('c');
		expect(await owner(store)).toBe('a');
	});

	it('sees its own writes outside a decision (a release)', async () => {
		const store = await SqliteStateStore.open(freshFile());
		const one = reps.map((r) => ({ ...r, capacityOpen: 1 }));
		expect([
			await owner(store, { candidates: one }),
			await owner(store, { candidates: one }),
			await owner(store, { candidates: one }),
		]).toEqual(['a', 'b', 'c']);
		expect(await owner(store, { candidates: one })).toBeNull();
		await store.assignment(scope).release('b');
		expect(await owner(store, { candidates: one })).toBe('b');
	});

	it('forgets a decision whose transaction failed', async () => {
		const store = await SqliteStateStore.open(freshFile());
		const oncePerDay = reps.map((r) => ({ ...r, capacityDay: 1 }));
		expect(await owner(store, { candidates: oncePerDay })).toBe('a');
		// Recording b's open lead fails after b's day count was bumped: the rollback must take the memo's count too.
		store.database.run(
			"CREATE TRIGGER refuse BEFORE INSERT ON route_rep WHEN NEW.rep = 'b' BEGIN SELECT RAISE(ABORT, 'refused'); END",
		);
		await expect(owner(store, { candidates: oncePerDay })).rejects.toThrow(StoreUnavailableError);
		store.database.run('DROP TRIGGER refuse');
		expect(await owner(store, { candidates: oncePerDay })).toBe('b');
	});
});

describe('a database file the store cannot use', () => {
	const expectStoreError = async (promise: Promise<unknown>, file: string, summary: RegExp, hint: RegExp) => {
		const error = await promise.then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(StoreUnavailableError);
		const { message, description } = (error as StoreUnavailableError).forUser();
		expect(message).toContain(file);
		expect(message).toMatch(summary);
		expect(description).toMatch(hint);
	};

	it('a damaged file: names it, says how to recover, and leaves it as it is', async () => {
		const file = freshFile();
		writeFileSync(file, 'this is not a database, '.repeat(100));
		await expectStoreError(
			SqliteStateStore.open(file),
			file,
			/damaged or is not a SQLite database/,
			/move the file aside/,
		);
	});

	it('a file another program keeps locked: waits the busy timeout, then says who to close', async () => {
		const file = freshFile();
		const store = await SqliteStateStore.open(file);
		const other = new DatabaseSync(file);
		other.exec('PRAGMA busy_timeout = 0; BEGIN IMMEDIATE');
		try {
			await expectStoreError(
				store.assignment({ workflowId: 'wf', stateName: '' }).assign(request),
				file,
				/is locked/,
				/Close the program/,
			);
		} finally {
			other.exec('ROLLBACK');
			other.close();
		}
		expect((await store.assignment({ workflowId: 'wf', stateName: '' }).assign(request)).repId).toBe('a');
	}, 20_000);

	it('a read-only file: says so, names the folder too, and suggests a writable path', async () => {
		const file = freshFile();
		(await SqliteStateStore.open(file)).database.close();
		closeAllDatabases();
		// root may write any file whatever its mode; the immutable attribute stops root too.
		const locked =
			process.getuid?.() === 0
				? spawnSync('chattr', ['+i', file]).status === 0
				: (spawnSync('chmod', ['444', file]), true);
		if (!locked) throw new Error('cannot make a file read-only here (chattr failed as root)');
		try {
			await expectStoreError(SqliteStateStore.open(file), file, /is read-only/, /write access/);
		} finally {
			spawnSync('chattr', ['-i', file]);
		}
	});

	it('a folder that cannot be created: names the path', async () => {
		const blocker = freshFile();
		writeFileSync(blocker, '');
		const file = join(blocker, 'state.sqlite');
		await expectStoreError(SqliteStateStore.open(file), file, /Cannot open/, /folder exists or can be created/);
	});
});
