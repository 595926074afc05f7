/**
 * 200 executions started at once on n8n's real engine, each routing one lead, as when a form burst hits a webhook.
 * n8n gives every execution its own copy of the static data, so a counter kept there would lose updates; the stores
 * must still give exact counts.
 */
import Redis from 'ioredis';
import type { IDataObject } from 'n8n-workflow';
import {
	closeBuiltRedisClients,
	equalReps,
	REDIS_CREDENTIALS,
	routeParams,
	rule,
	runRouteLead,
} from './route-lead.fixtures';
import { block } from '../helpers/items';

const PREFIX = `test:route-conc:${process.pid}:`;

async function burst(params: IDataObject, options: Parameters<typeof runRouteLead>[2] = {}) {
	const workflowId = `conc-${Math.random().toString(36).slice(2, 10)}`;
	const runs = await Promise.all(
		Array.from({ length: 200 }, (_, i) =>
			runRouteLead(params, [{ email: `lead${i}@example.com` }], { workflowId, ...options }),
		),
	);
	const counts: Record<string, number> = {};
	for (const r of runs) {
		expect(r.run.status).toBe('success');
		expect(r.out[0]).toHaveLength(1);
		const owner = String(block(r.out[0][0], 'routing').ownerId);
		counts[owner] = (counts[owner] ?? 0) + 1;
	}
	return { counts, runs };
}

afterAll(async () => {
	await closeBuiltRedisClients();
	const r = new Redis({ host: '127.0.0.1', port: 6379 });
	const keys = await r.keys(`${PREFIX}*`);
	if (keys.length) await r.del(...keys);
	await r.quit();
});

describe.each([
	['default (SQLite) store', {}, {}],
	['static data store', { stateStore: 'staticData' }, {}],
	[
		'Redis store',
		{ stateStore: 'redis' },
		{ credentials: { leadRoutingRedisApi: { ...REDIS_CREDENTIALS, prefix: PREFIX } } },
	],
])('200 concurrent executions with the %s', (_name, storeParams, options) => {
	it('round robin gives each of 4 equal reps exactly 50', async () => {
		const { counts, runs } = await burst(routeParams([rule('All')], storeParams, equalReps(4)), options);
		expect(counts).toEqual({ rep1: 50, rep2: 50, rep3: 50, rep4: 50 });
		if ((storeParams as IDataObject).stateStore === 'staticData') {
			// Whichever execution is saved last carries the complete state.
			const saved = runs[runs.length - 1].staticData.global as IDataObject;
			const state = saved['leadRouting.route.default'] as { total: Record<string, number> };
			expect(state.total).toEqual({ rep1: 50, rep2: 50, rep3: 50, rep4: 50 });
		}
	});

	it('weighted round robin 2:1:1 gives exactly 100/50/50', async () => {
		const { counts } = await burst(
			routeParams([rule('All', { strategy: 'weighted' })], storeParams, equalReps(3, [2, 1, 1])),
			options,
		);
		expect(counts).toEqual({ rep1: 100, rep2: 50, rep3: 50 });
	});
});
