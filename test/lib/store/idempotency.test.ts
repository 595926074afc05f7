import { idempotencyKey } from '../../../lib/respond/idempotency';
import { episodeOf, type IdempotencyStore } from '../../../lib/store/idempotency';
import { staticIdempotency } from '../../../lib/store/static/idempotency';
import { resetLocalState } from '../../../lib/store/static/state';
import { backends, cleanupBackends, restartProcess } from './backends';

afterAll(async () => {
	await cleanupBackends();
});

describe.each(backends)('$name idempotency store', (backend) => {
	let stores: Map<string, IdempotencyStore>;
	beforeEach(async () => {
		restartProcess();
		stores = new Map();
		for (const workflow of ['wf-a', 'wf-b', 'wf-c', 'wf-d1', 'wf-d2', 'wf-e', 'wf-f', 'wf-g', 'wf-h', 'wf-i']) {
			const { store, scope } = await backend.open();
			stores.set(workflow, store.idempotency(scope));
		}
	});
	const make = (workflow: string) => stores.get(workflow) as IdempotencyStore;

	it('claims once, confirms, and skips repeats inside the window', async () => {
		const store = make('wf-a');
		const key = idempotencyKey('lead', 'ada@x.test');
		const first = await store.claim(key, 60_000, 1000);
		expect(first.claimed).toBe(true);
		expect(await store.claim(key, 60_000, 1001)).toEqual({ claimed: false, state: 'pending', at: 1000 });
		if (first.claimed) await store.confirm(key, first.token, 60_000, 2000);
		expect(await store.claim(key, 60_000, 2001)).toEqual({ claimed: false, state: 'sent', at: 2000 });
	});

	it('releases a failed claim so a retry can send', async () => {
		const store = make('wf-b');
		const key = idempotencyKey('lead', 'grace@x.test');
		const first = await store.claim(key, 60_000, Date.now());
		if (first.claimed) await store.release(key, first.token);
		expect((await store.claim(key, 60_000, Date.now())).claimed).toBe(true);
	});

	it('lets exactly one of many concurrent claims win', async () => {
		const store = make('wf-c');
		const key = idempotencyKey('lead', 'race@x.test');
		const results = await Promise.all(Array.from({ length: 50 }, () => store.claim(key, 60_000, Date.now())));
		expect(results.filter((r) => r.claimed)).toHaveLength(1);
	});

	it('keeps workflows apart and hashes keys (no addresses stored)', async () => {
		const key = idempotencyKey('lead', 'Same@X.test');
		expect(key).toBe(idempotencyKey('lead', ' same@x.test'));
		expect(key).not.toContain('@');
		expect((await make('wf-d1').claim(key, 60_000, Date.now())).claimed).toBe(true);
		expect((await make('wf-d2').claim(key, 60_000, Date.now())).claimed).toBe(true);
	});

	it('a stale claimer cannot release or overwrite a newer claim', async () => {
		const store = make('wf-e');
		const key = idempotencyKey('lead', 'stale@x.test');
		const stale = await store.claim(key, 1, Date.now());
		await new Promise((r) => setTimeout(r, 20));
		const fresh = await store.claim(key, 60_000, Date.now());
		expect(fresh.claimed).toBe(true);
		if (stale.claimed) {
			await store.release(key, stale.token);
			await store.confirm(key, stale.token, 60_000, Date.now());
		}
		expect(await store.claim(key, 60_000, Date.now())).toMatchObject({ claimed: false, state: 'pending' });
	});

	// A process that dies after handing the message over leaves its "sending" record: it outlives the claim time and
	// is reported, never taken as a free key, until the window ends.
	it('a send interrupted after "sending" is pending for the claim time, then interrupted until the window ends', async () => {
		const store = make('wf-f');
		const key = idempotencyKey('lead', 'crash@x.test');
		const t = Date.now();
		const claim = await store.claim(key, 60_000, t);
		if (!claim.claimed) throw new Error('first claim refused');
		expect(await store.sending(key, claim.token, 1500, t + 10)).toBe(true);
		expect(await store.claim(key, 500, t + 20)).toEqual({ claimed: false, state: 'pending', at: t + 10 });
		expect(await store.claim(key, 500, t + 10 + 500)).toEqual({
			claimed: false,
			state: 'interrupted',
			at: t + 10,
		});
		// The window (1.5 s) ends: on the caller's clock for SQLite and static data, on the server's for Redis.
		await new Promise((r) => setTimeout(r, 1700));
		expect((await store.claim(key, 60_000, Date.now())).claimed).toBe(true);
	});

	it('takes an interrupted send over only when asked, once, in the same episode', async () => {
		const store = make('wf-g');
		const key = idempotencyKey('lead', 'retake@x.test');
		const t = Date.now();
		const first = await store.claim(key, 60_000, t);
		if (!first.claimed) throw new Error('first claim refused');
		await store.sending(key, first.token, 3_600_000, t);
		const later = t + 61_000;
		const racing = await Promise.all(
			Array.from({ length: 20 }, () => store.claim(key, 60_000, later, { retakeInterrupted: true })),
		);
		const won = racing.filter((r) => r.claimed);
		expect(won).toHaveLength(1);
		expect(racing.filter((r) => !r.claimed)).toEqual(
			Array.from({ length: 19 }, () => ({ claimed: false, state: 'pending', at: later })),
		);
		const retake = won[0];
		if (!retake.claimed) throw new Error('unreachable');
		expect(retake.resumes).toBe(t);
		expect(retake.token).not.toBe(first.token);
		expect(episodeOf(retake.token)).toBe(episodeOf(first.token));
		// The first attempt, were it still alive, can no longer mark the key.
		expect(await store.sending(key, first.token, 3_600_000, later + 1)).toBe(false);
		expect(await store.sending(key, retake.token, 3_600_000, later + 1)).toBe(true);
		await store.confirm(key, retake.token, 3_600_000, later + 2);
		expect(await store.claim(key, 60_000, later + 200_000, { retakeInterrupted: true })).toEqual({
			claimed: false,
			state: 'sent',
			at: later + 2,
		});
	});

	it('releases a "sending" record whose send surely failed, but never a sent one', async () => {
		const store = make('wf-h');
		const key = idempotencyKey('lead', 'refused@x.test');
		const t = Date.now();
		const claim = await store.claim(key, 60_000, t);
		if (!claim.claimed) throw new Error('first claim refused');
		await store.sending(key, claim.token, 3_600_000, t);
		await store.release(key, claim.token);
		const again = await store.claim(key, 60_000, t + 1);
		if (!again.claimed) throw new Error('the released key was not free');
		expect(episodeOf(again.token)).not.toBe(episodeOf(claim.token));
		await store.sending(key, again.token, 3_600_000, t + 2);
		await store.confirm(key, again.token, 3_600_000, t + 3);
		await store.release(key, again.token);
		expect(await store.claim(key, 60_000, t + 4)).toEqual({ claimed: false, state: 'sent', at: t + 3 });
	});

	it('a claimer whose claim expired before sending cannot mark a key another claim holds', async () => {
		const store = make('wf-i');
		const key = idempotencyKey('lead', 'slow@x.test');
		const slow = await store.claim(key, 1, Date.now());
		await new Promise((r) => setTimeout(r, 20));
		const fresh = await store.claim(key, 60_000, Date.now());
		if (!slow.claimed || !fresh.claimed) throw new Error('a claim was refused');
		expect(await store.sending(key, slow.token, 60_000, Date.now())).toBe(false);
		expect(await store.sending(key, fresh.token, 60_000, Date.now())).toBe(true);
	});
});

describe('static data store persistence', () => {
	it('survives a restart through the workflow static data it was given', async () => {
		resetLocalState();
		const staticData: Record<string, unknown> = {};
		const scope = { workflowId: 'wf-persist', namespace: 'leadRouting.respond.default', staticData };
		const store = staticIdempotency(scope);
		const key = idempotencyKey('lead', 'p@x.test');
		const claim = await store.claim(key, 60_000, Date.now());
		if (claim.claimed) await store.confirm(key, claim.token, 60_000, Date.now());
		const saved = JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;
		expect(JSON.stringify(saved)).not.toContain('p@x.test');
		resetLocalState();
		expect(await staticIdempotency({ ...scope, staticData: saved }).claim(key, 60_000, Date.now())).toMatchObject({
			claimed: false,
			state: 'sent',
		});
	});
});
