import { idempotencyKey } from '../../../lib/respond/idempotency';
import type { IdempotencyStore } from '../../../lib/store/idempotency';
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
		for (const workflow of ['wf-a', 'wf-b', 'wf-c', 'wf-d1', 'wf-d2', 'wf-e']) {
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
