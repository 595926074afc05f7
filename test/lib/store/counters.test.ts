import type { CounterStore } from '../../../lib/store/counters';
import { backends, cleanupBackends, restartProcess } from './backends';

const HOUR = 3_600_000;
const T0 = Date.now();

afterAll(async () => {
	await cleanupBackends();
});

describe.each(backends)('$name windowed counters', (backend) => {
	let counters: CounterStore;
	beforeEach(async () => {
		restartProcess();
		const { store, scope } = await backend.open();
		counters = store.counters(scope);
	});

	it('allows at most N per key in any window, and says when the next one fits', async () => {
		const limit = { key: 'sms:+4930123', limit: 3, windowMs: HOUR };
		for (const at of [T0, T0 + 10, T0 + 20]) expect(await counters.take([limit], at)).toMatchObject({ allowed: true });
		expect(await counters.take([limit], T0 + 30)).toEqual({
			allowed: false,
			key: 'sms:+4930123',
			count: 3,
			retryAt: T0 + HOUR,
		});
		expect(await counters.count('sms:+4930123', HOUR, T0 + 30)).toBe(3);
		// Sliding: one hour after the first event exactly one more fits, not a whole new window.
		expect(await counters.take([limit], T0 + HOUR)).toMatchObject({ allowed: true });
		expect(await counters.take([limit], T0 + HOUR + 1)).toMatchObject({ allowed: false, retryAt: T0 + HOUR + 10 });
	});

	it('is exact under 100 concurrent takes', async () => {
		const limit = { key: 'email:global', limit: 37, windowMs: HOUR };
		const results = await Promise.all(Array.from({ length: 100 }, () => counters.take([limit], T0)));
		expect(results.filter((r) => r.allowed)).toHaveLength(37);
		expect(await counters.count('email:global', HOUR, T0)).toBe(37);
	});

	it('takes all limits or none', async () => {
		const perLead = { key: 'lead:a', limit: 5, windowMs: HOUR };
		const global = { key: 'all', limit: 1, windowMs: HOUR };
		expect(await counters.take([perLead, global], T0)).toMatchObject({ allowed: true });
		expect(await counters.take([perLead, global], T0 + 1)).toMatchObject({ allowed: false, key: 'all', count: 1 });
		expect(await counters.count('lead:a', HOUR, T0 + 1)).toBe(1);
	});

	it('gives back a take whose send failed, and a limit of 0 refuses everything', async () => {
		const limit = { key: 'k', limit: 1, windowMs: HOUR };
		const first = await counters.take([limit], T0);
		if (!first.allowed) throw new Error('first take refused');
		expect((await counters.take([limit], T0 + 1)).allowed).toBe(false);
		await counters.giveBack(['k'], first.token);
		await counters.giveBack(['k'], 'unknown-token');
		expect((await counters.take([limit], T0 + 2)).allowed).toBe(true);
		expect(await counters.take([{ key: 'z', limit: 0, windowMs: HOUR }], T0)).toEqual({
			allowed: false,
			key: 'z',
			count: 0,
			retryAt: T0 + HOUR,
		});
	});

	it('keeps keys apart, including keys that look like object internals', async () => {
		for (const key of ['__proto__', 'constructor', 'a'])
			expect(await counters.take([{ key, limit: 1, windowMs: HOUR }], T0)).toMatchObject({ allowed: true });
		expect(await counters.count('b', HOUR, T0)).toBe(0);
	});
});
