import { SLA_HISTORY_RETENTION_MS, type SlaHistoryStore, type SlaStartRecord } from '../../../lib/store/sla-history';
import { SqliteStateStore } from '../../../lib/store/sqlite';
import type { StateStore } from '../../../lib/store/state-store';
import { backends, cleanupBackends, restartProcess } from './backends';

const T0 = Date.parse('2026-11-17T10:00:00Z');
const MIN = 60_000;

function record(id: string, key: string, startedAt: number): SlaStartRecord {
	return {
		id,
		key,
		startedAt,
		dueAt: startedAt + 5 * MIN,
		escalateAt: null,
		tier: 'hot',
		rep: 'ana',
		repName: 'Ana',
		source: 'web',
		rule: 'r1',
		fallback: false,
		autoResponded: true,
	};
}
const response = (respondedAt: number) => ({ respondedAt, responseMinutes: 3, businessResponseMinutes: 2 });

afterAll(async () => {
	await cleanupBackends();
});

describe.each(backends)('$name SLA history', (backend) => {
	let history: SlaHistoryStore;
	let opened: StateStore;
	beforeEach(async () => {
		restartProcess();
		const { store, scope } = await backend.open();
		opened = store;
		history = store.slaHistory(scope);
	});

	it('lists the records started in [from, to), oldest first, with their responses', async () => {
		await history.started([record('t2', 'b', T0 + MIN), record('t1', 'a', T0), record('t3', 'c', T0 + 2 * MIN)], T0);
		await history.answered([
			{ id: 't1', key: 'a', response: response(T0 + 3 * MIN) },
			{ id: 'gone', key: 'x', response: response(T0) },
		]);
		const listed = await history.list(T0, T0 + 2 * MIN, 100);
		expect(listed.map((r) => [r.id, r.response?.respondedAt ?? null])).toEqual([
			['t1', T0 + 3 * MIN],
			['t2', null],
		]);
		expect(listed[0]).toEqual({ ...record('t1', 'a', T0), response: response(T0 + 3 * MIN) });
		expect((await history.list(T0, T0 + 3 * MIN, 2)).map((r) => r.id)).toEqual(['t1', 't2']);
	});

	it("replaces a lead's unanswered record when its timer restarts, but keeps an answered one", async () => {
		await history.started([record('t1', 'a', T0), record('t2', 'b', T0)], T0);
		await history.answered([{ id: 't2', key: 'b', response: response(T0 + MIN) }]);
		await history.started([record('t3', 'a', T0 + MIN), record('t4', 'b', T0 + MIN)], T0 + MIN);
		const ids = (await history.list(T0, T0 + 10 * MIN, 100)).map((r) => r.id).sort();
		expect(ids).toEqual(['t2', 't3', 't4']);
	});

	it('keeps lead keys that look like object internals apart', async () => {
		await history.started([record('__proto__', 'constructor', T0), record('t2', '__proto__', T0)], T0);
		expect((await history.list(T0, T0 + 1, 10)).map((r) => r.key).sort()).toEqual(['__proto__', 'constructor']);
	});

	it('forgets records older than the retention time', async () => {
		const old = T0 - SLA_HISTORY_RETENTION_MS - MIN;
		await history.started([record('old', 'a', old)], old);
		await history.started([record('new', 'b', T0)], T0);
		// SQLite deletes expired rows in its bounded sweep every few hundred writes; the others on the next write.
		if (opened instanceof SqliteStateStore) opened.database.sweep(T0);
		expect((await history.list(old - 1, T0 + 1, 10)).map((r) => r.id)).toEqual(['new']);
	});
});
