import Redis from 'ioredis';
import fc from 'fast-check';
import type { AssignCandidate, AssignmentStore, AssignRequest, AssignStrategy } from '../../../lib/store/assignment';
import { StoreUnavailableError } from '../../../lib/store/errors';
import { ASSIGN_STRATEGIES } from '../../../lib/store/strategies';
import { RedisAssignmentStore } from '../../../lib/store/redis/assignment';
import { windowsAt } from '../../../lib/store/windows';
import { backends, cleanupBackends, restartProcess, type Backend } from './backends';

const windows = windowsAt(Date.parse('2026-11-24T10:00:00Z'), 'UTC');
const rep = (id: string, extra: Partial<AssignCandidate> = {}): AssignCandidate => ({
	id,
	weight: 1,
	capacityDay: 0,
	capacityWeek: 0,
	capacityOpen: 0,
	...extra,
});
const request = (
	strategy: AssignStrategy,
	candidates: AssignCandidate[],
	extra: Partial<AssignRequest> = {},
): AssignRequest => ({
	pool: 'p',
	strategy,
	candidates,
	windows,
	random: 0,
	at: '2026-11-22T10:00:00.000Z',
	dryRun: false,
	...extra,
});

const make = (backend: Backend) => async (): Promise<AssignmentStore> => {
	const { store, scope } = await backend.open();
	return store.assignment(scope);
};
const byName = (name: Backend['name']) => make(backends.find((b) => b.name === name) as Backend);

async function tally(store: AssignmentStore, req: AssignRequest, n: number, concurrent = false) {
	const counts: Record<string, number> = {};
	const picks = concurrent
		? await Promise.all(Array.from({ length: n }, () => store.assign(req)))
		: await (async () => {
				const out = [];
				for (let i = 0; i < n; i++) out.push(await store.assign(req));
				return out;
			})();
	for (const p of picks) counts[p.repId ?? 'none'] = (counts[p.repId ?? 'none'] ?? 0) + 1;
	return counts;
}

afterAll(async () => {
	await cleanupBackends();
});
beforeEach(() => restartProcess());

describe.each(backends.map((b) => [b.name, make(b)] as const))('%s assignment store', (_name, make) => {
	it('round robin gives 4 equal reps exactly 50 each under 200 concurrent calls', async () => {
		const store = await make();
		const counts = await tally(
			store,
			request(
				'roundRobin',
				['a', 'b', 'c', 'd'].map((id) => rep(id)),
			),
			200,
			true,
		);
		expect(counts).toEqual({ a: 50, b: 50, c: 50, d: 50 });
	});

	it('weighted 2:1:1 gives exactly 100/50/50', async () => {
		const store = await make();
		const reps = [rep('a', { weight: 2 }), rep('b'), rep('c')];
		expect(await tally(store, request('weighted', reps), 200, true)).toEqual({ a: 100, b: 50, c: 50 });
	});

	it('rotates in roster order and a new rep joins at the floor instead of taking a flood', async () => {
		const store = await make();
		const two = [rep('a'), rep('b')];
		const seq: Array<string | null> = [];
		for (let i = 0; i < 10; i++) seq.push((await store.assign(request('roundRobin', two))).repId);
		expect(seq.join('')).toBe('ababababab');
		const three = [rep('a'), rep('b'), rep('c')];
		expect(await tally(store, request('roundRobin', three), 9)).toEqual({ a: 3, b: 3, c: 3 });
	});

	it('a rep back from leave gets one turn, not every lead', async () => {
		const store = await make();
		await tally(store, request('roundRobin', [rep('a'), rep('b')]), 20);
		const back = await tally(store, request('roundRobin', [rep('a'), rep('b'), rep('c')]), 6);
		await tally(store, request('roundRobin', [rep('a'), rep('b')]), 20);
		const again = await tally(store, request('roundRobin', [rep('a'), rep('b'), rep('c')]), 6);
		expect(back.c).toBe(2);
		expect(again.c).toBe(2);
	});

	it('skips reps at capacity and says which cap', async () => {
		const store = await make();
		const reps = [rep('a', { capacityDay: 1 }), rep('b', { capacityOpen: 1 }), rep('c', { capacityWeek: 1 })];
		await tally(store, request('priority', reps), 3);
		const result = await store.assign(request('priority', reps));
		expect(result).toEqual({
			repId: null,
			atCapacity: [
				{ repId: 'a', why: 'capacity-day' },
				{ repId: 'b', why: 'capacity-open' },
				{ repId: 'c', why: 'capacity-week' },
			],
		});
		expect(await store.release('b')).toBe(0);
		expect((await store.assign(request('priority', reps))).repId).toBe('b');
	});

	it('least loaded picks the rep with the fewest leads today; dry run advances nothing', async () => {
		const store = await make();
		await tally(store, request('priority', [rep('a')]), 3);
		await tally(store, request('priority', [rep('b')]), 1);
		const reps = [rep('a'), rep('b'), rep('c')];
		expect((await store.assign(request('leastLoaded', reps, { dryRun: true }))).repId).toBe('c');
		expect((await store.assign(request('leastLoaded', reps, { dryRun: true }))).repId).toBe('c');
		expect((await store.assign(request('leastLoaded', reps))).repId).toBe('c');
		expect((await store.assign(request('leastLoaded', reps))).repId).toBe('b');
		const stats = await store.stats(windows);
		expect(stats.reps.find((r) => r.repId === 'a')).toMatchObject({ assignedToday: 3, assignedTotal: 3, open: 3 });
	});

	it('random uses the given number to choose among available reps', async () => {
		const store = await make();
		const reps = [rep('a'), rep('b'), rep('c')];
		expect((await store.assign(request('random', reps, { random: 0.99 }))).repId).toBe('c');
		expect((await store.assign(request('random', reps, { random: 0.34 }))).repId).toBe('b');
	});

	it('counts fallbacks for the statistics', async () => {
		const store = await make();
		await store.recordFallback(windows, '2026-11-22T10:00:00.000Z');
		await store.recordFallback(windows, '2026-11-22T11:00:00.000Z');
		const next = windowsAt(Date.parse('2026-11-25T10:00:00Z'), 'UTC');
		expect((await store.stats(next)).fallbacks).toEqual({
			today: 0,
			thisWeek: 2,
			total: 2,
			lastAt: '2026-11-22T11:00:00.000Z',
		});
	});
});

describe.each([['sqlite'], ['redis']] as const)('static data and %s stores decide alike', (other) => {
	it('gives the same sequence for any mix of strategies, weights and caps', async () => {
		const strategy = fc.constantFrom<AssignStrategy>(...ASSIGN_STRATEGIES);
		const candidate = fc.record({
			id: fc.constantFrom('a', 'b', 'c', 'd'),
			weight: fc.constantFrom(1, 2, 3, 0.5),
			capacityDay: fc.constantFrom(0, 2, 5),
			capacityWeek: fc.constantFrom(0, 4),
			capacityOpen: fc.constantFrom(0, 3),
		});
		const step = fc.record({
			strategy,
			candidates: fc.uniqueArray(candidate, { selector: (c) => c.id, minLength: 0, maxLength: 4 }),
			random: fc.double({ min: 0, max: 0.999, noNaN: true }),
			release: fc.constantFrom(undefined, 'a', 'b'),
		});
		await fc.assert(
			fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
				const a = await byName('staticData')();
				const b = await byName(other)();
				for (const s of steps) {
					if (s.release) expect(await a.release(s.release)).toBe(await b.release(s.release));
					const req = request(s.strategy, s.candidates, { random: s.random });
					expect(await a.assign(req)).toEqual(await b.assign(req));
				}
			}),
			{ numRuns: 40 },
		);
	});
});

describe('unreachable Redis', () => {
	it('fails with an error naming the store', async () => {
		const dead = new Redis({
			host: '127.0.0.1',
			port: 1,
			lazyConnect: true,
			enableOfflineQueue: false,
			retryStrategy: () => null,
		});
		dead.on('error', () => {});
		const store = new RedisAssignmentStore(dead, 'x:', 'Redis at 127.0.0.1:1');
		await expect(store.assign(request('roundRobin', [rep('a')]))).rejects.toThrow(StoreUnavailableError);
		await expect(store.assign(request('roundRobin', [rep('a')]))).rejects.toThrow(/Redis at 127\.0\.0\.1:1/);
		dead.disconnect();
	});
});

describe('reserved names', () => {
	it('refuses rep ids that would reach the prototype', async () => {
		await expect((await byName('staticData')()).assign(request('direct', [rep('__proto__')]))).rejects.toThrow(
			/reserved/,
		);
	});
});
