/**
 * SLA Timer › Get Stats on known timers, in the real engine, on every store. The expected figures were computed by hand
 * (below, before the first run) from the definitions in lib/sla/stats.ts.
 *
 * Business hours 09:00–17:00 UTC, Mon–Fri; hot = 5 min, warm = 60 min; warning 50 %, escalation 200 %.
 * Tue 2026-11-17 10:00  h1 ana hot  answered 10:03 →    3 min (business 3)   met
 *                       h2 ana hot  answered 10:04 →    4                    met
 *                       h3 bo  hot  answered 10:08 →    8                    breached (due 10:05, escalation 10:10)
 *                       h4 bo  hot  answered 10:12 →   12                    breached, escalated
 *                       h5 bo  hot  open                                     breached, escalated
 *                       w2 ana warm answered 11:30 →   90 (business 90)      breached (due 11:00, escalation 12:00)
 * Tue 16:30             w1 ana warm answered Wed 09:15 → 1005 (business 30 + 15 = 45), due Wed 09:30: met
 * Wed 2026-11-18 11:30  w3 bo  warm open, routed to the fallback queue; due 12:30, not yet breached at 12:00
 * Stats at Wed 12:00. Totals: started 8, answered 6, open 2, met 3, breached 4, escalated 2, compliance 3/7 = 42.9 %.
 * Auto-responded: every lead but h3 (its message failed) and h4 (a send limit held it) = 6; held 1. 11-17: 5 of 7.
 * Wall minutes sorted 3 4 8 12 90 1005: p50 = 3rd = 8, p90 = 6th (⌈5.4⌉) = 1005. Business 3 4 8 12 45 90: 8 and 90.
 * hot: 5 started, 2 met, 3 breached → 40 %, p50 of 3 4 8 12 = 2nd = 4, p90 = 4th = 12. warm: 1 met, 1 breached → 50 %,
 * p50 90, p90 1005; business 45 and 90. ana: 4 started, 3 met, 1 breached → 75 %, wall 3 4 90 1005 → p50 4, p90 1005.
 * bo: 4 started, 2 answered, 0 met, 3 breached → 0 %, 2 escalated, wall 8 12 → p50 8, p90 12.
 */
import { makeStoreFolder, removeStoreFolder } from '../helpers/store-folder';
import Redis from 'ioredis';
import { randomUUID } from 'crypto';
import { join } from 'path';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { builtModule, runWorkflow } from '../helpers/engine';
import {
	allowTestCredentials,
	closeBuiltRedisClients,
	node,
	REDIS,
	redisCredential,
	resetBuiltLocalState,
	saved,
} from './sla-timer.helpers';

const SETTINGS = { teamTimeZone: 'UTC', warningPercent: 50, escalationLevels: '200' };
const ana = { ownerId: 'ana', ownerName: 'Ana', ruleId: 'r1', ruleName: 'Inbound' };
const bo = { ownerId: 'bo', ownerName: 'Bo', ruleId: 'r1', ruleName: 'Inbound' };
const sent = {
	messages: [
		{ recipient: 'lead', status: 'sent' },
		{ recipient: 'rep', status: 'sent' },
	],
};
const held = {
	status: 'held',
	messages: [
		{ recipient: 'lead', status: 'held' },
		{ recipient: 'rep', status: 'sent' },
	],
};
const lead = (id: string, score: number, routing: IDataObject, respondedAt?: string) => ({
	email: `${id}@x.com`,
	score,
	source: 'web',
	routing,
	respondedAt,
	// Auto-Respond answered every lead but h3 (its message to the lead failed) and h4 (a send limit held it).
	autoResponse: id === 'h3' ? { messages: [{ recipient: 'lead', status: 'failed' }] } : id === 'h4' ? held : sent,
});
const BATCHES: Array<{ at: string; leads: IDataObject[] }> = [
	{
		at: '2026-11-17T10:00:00Z',
		leads: [
			lead('h1', 90, ana, '2026-11-17T10:03:00Z'),
			lead('h2', 90, ana, '2026-11-17T10:04:00Z'),
			lead('h3', 90, bo, '2026-11-17T10:08:00Z'),
			lead('h4', 90, bo, '2026-11-17T10:12:00Z'),
			lead('h5', 90, bo),
			lead('w2', 60, ana, '2026-11-17T11:30:00Z'),
		],
	},
	{ at: '2026-11-17T16:30:00Z', leads: [lead('w1', 60, ana, '2026-11-18T09:15:00Z')] },
	{
		at: '2026-11-18T11:30:00Z',
		leads: [lead('w3', 60, { ownerId: 'bo', ownerName: 'Bo', ruleId: 'fallback', ruleName: 'Inbox' })],
	},
];
const NOW = '2026-11-18T12:00:00Z';

const figures = (f: Partial<Record<string, unknown>>) => expect.objectContaining(f);

interface Store {
	name: string;
	parameters: IDataObject;
	extra: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	cleanup(): Promise<void>;
}

let folder = '';
const redisPrefix = `test-sla-stats:${randomUUID()}:`;
const stores: Store[] = [
	{ name: 'static data', parameters: { stateStore: 'local' }, extra: {}, cleanup: async () => undefined },
	{
		name: 'SQLite',
		parameters: { stateStore: 'sqlite', databaseFile: '' },
		extra: {},
		cleanup: async () => {
			builtModule<{ closeAllDatabases(): void }>('lib/store/sqlite/database.js').closeAllDatabases();
			removeStoreFolder(folder);
		},
	},
	{
		name: 'Redis',
		parameters: { stateStore: 'redis', stateName: 'sales' },
		extra: { credentials: redisCredential },
		credentials: { leadRoutingRedisApi: { ...REDIS, prefix: redisPrefix } },
		cleanup: async () => {
			const client = new Redis({ host: REDIS.host, port: REDIS.port, lazyConnect: true });
			await client.connect();
			const keys = await client.keys(`${redisPrefix}*`);
			if (keys.length) await client.del(...keys);
			await client.quit();
			await closeBuiltRedisClients();
		},
	},
];

beforeAll(() => {
	allowTestCredentials();
	folder = makeStoreFolder('sla-stats');
	stores[1].parameters.databaseFile = join(folder, 'state.sqlite');
});
afterAll(async () => {
	for (const store of stores) await store.cleanup();
});

describe.each(stores)('SLA Timer › Get Stats ($name)', (store) => {
	const one = (name: string, parameters: IDataObject) => ({
		id: 'wf-stats',
		nodes: [node(name, 'slaTimer', { ...store.parameters, ...parameters }, store.extra)],
		connections: {},
	});
	let staticData: IDataObject = {};
	const run = async (name: string, parameters: IDataObject, input?: IDataObject[]) => {
		const result = await runWorkflow(one(name, parameters), { input, staticData, credentials: store.credentials });
		staticData = saved(result.staticData);
		return result;
	};

	beforeAll(async () => {
		resetBuiltLocalState();
		for (const batch of BATCHES) {
			const started = await run(
				'Start',
				{ operation: 'start', ...SETTINGS, options: { evaluateAt: batch.at } },
				batch.leads,
			);
			expect(started.outputs('Start')[0]).toHaveLength(batch.leads.length);
		}
		const answered = BATCHES.flatMap((b) => b.leads).filter((l) => l.respondedAt);
		const stopped = await run(
			'Stop',
			{ operation: 'stop', options: { evaluateAt: NOW, respondedAt: '={{ $json.respondedAt }}' } },
			answered,
		);
		expect(stopped.outputs('Stop')[0]).toHaveLength(6);
	});

	const stats = async (parameters: IDataObject) => {
		const result = await run('Stats', {
			operation: 'stats',
			period: 'custom',
			from: '2026-11-17T00:00:00Z',
			to: '2026-11-19T00:00:00Z',
			...parameters,
		});
		const outputs = result.outputs('Stats');
		expect(outputs).toHaveLength(1);
		expect(outputs[0]).toHaveLength(1);
		return outputs[0][0];
	};

	it('reports exact counts, percentiles and compliance for the hand-computed case, grouped by rep', async () => {
		const report = await stats({ groupBy: 'rep', options: { evaluateAt: NOW, timeZone: 'UTC' } });
		expect(report.totals).toEqual({
			started: 8,
			autoResponded: 6,
			autoResponseHeld: 1,
			answered: 6,
			open: 2,
			met: 3,
			breached: 4,
			escalated: 2,
			compliancePercent: 42.9,
			responseMinutes: { p50: 8, p90: 1005 },
			businessResponseMinutes: { p50: 8, p90: 90 },
		});
		expect(report.tiers).toEqual([
			figures({
				tier: 'hot',
				started: 5,
				answered: 4,
				open: 1,
				met: 2,
				breached: 3,
				escalated: 2,
				compliancePercent: 40,
				responseMinutes: { p50: 4, p90: 12 },
			}),
			figures({
				tier: 'warm',
				started: 3,
				answered: 2,
				open: 1,
				met: 1,
				breached: 1,
				escalated: 0,
				compliancePercent: 50,
				responseMinutes: { p50: 90, p90: 1005 },
				businessResponseMinutes: { p50: 45, p90: 90 },
			}),
		]);
		expect(report.groups).toEqual([
			figures({
				group: 'ana',
				name: 'Ana',
				started: 4,
				met: 3,
				breached: 1,
				compliancePercent: 75,
				responseMinutes: { p50: 4, p90: 1005 },
			}),
			figures({
				group: 'bo',
				name: 'Bo',
				started: 4,
				answered: 2,
				open: 2,
				met: 0,
				breached: 3,
				escalated: 2,
				compliancePercent: 0,
				responseMinutes: { p50: 8, p90: 12 },
			}),
		]);
		expect(report.oldestOpen).toMatchObject({
			key: 'h5@x.com',
			rep: 'bo',
			tier: 'hot',
			ageMinutes: 26 * 60,
			breached: true,
		});
		expect((report.openLeads as IDataObject[]).map((l) => [l.key, l.breached])).toEqual([
			['h5@x.com', true],
			['w3@x.com', false],
		]);
		expect(report.days).toEqual([
			{ date: '2026-11-17', started: 7, fallback: 0, fallbackPercent: 0, autoResponded: 5 },
			{ date: '2026-11-18', started: 1, fallback: 1, fallbackPercent: 100, autoResponded: 1 },
		]);
		expect((report.speedToLead as IDataObject[]).map((b) => b.count)).toEqual([2, 2, 0, 0, 1, 1, 0]);
		expect(report.truncated).toBe(false);
	});

	it('groups by rule and by source, and a period holds only the leads started in it', async () => {
		const byRule = await stats({ groupBy: 'rule', options: { evaluateAt: NOW } });
		expect((byRule.groups as IDataObject[]).map((g) => [g.group, g.started, g.compliancePercent])).toEqual([
			['Inbound', 7, 42.9],
			['Inbox', 1, null],
		]);
		const bySource = await stats({ groupBy: 'source', options: { evaluateAt: NOW } });
		expect((bySource.groups as IDataObject[]).map((g) => [g.group, g.started])).toEqual([['web', 8]]);
		const today = await stats({ period: 'today', groupBy: 'tier', options: { evaluateAt: NOW, timeZone: 'UTC' } });
		expect(today.totals).toMatchObject({ started: 1, open: 1, breached: 0, compliancePercent: null });
		expect(today.period).toMatchObject({ name: 'today', from: '2026-11-18T00:00:00.000Z' });
	});

	it('a restarted timer is one lead, and a wrong period is a clear error', async () => {
		const restarted = await run(
			'Start',
			{ operation: 'start', ...SETTINGS, options: { evaluateAt: '2026-11-18T11:40:00Z' } },
			[lead('w3', 60, bo)],
		);
		expect(restarted.outputs('Start')[0][0]).toMatchObject({ sla: { restarted: true } });
		const report = await stats({ groupBy: 'rep', options: { evaluateAt: NOW, timeZone: 'UTC' } });
		expect(report.totals).toMatchObject({ started: 8, open: 2 });
		expect((report.days as IDataObject[])[1]).toMatchObject({ started: 1, fallback: 0 });
		const wrong = await runWorkflow(
			one('Stats', { operation: 'stats', period: 'custom', from: '2026-11-19', to: '2026-11-17' }),
			{
				staticData,
				credentials: store.credentials,
			},
		);
		expect(wrong.error('Stats')).toMatch(/From before To/);
	});
});
