import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import type { IConnections, IDataObject, INode } from 'n8n-workflow';
import { runWorkflow } from '../helpers/engine';
import { block, itemError } from '../helpers/items';
import {
	allowTestCredentials,
	closeBuiltRedisClients,
	node,
	REDIS,
	redisCredential,
	resetBuiltLocalState,
	saved,
} from './sla-timer.helpers';

const T0 = '2026-11-17T15:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const START = {
	operation: 'start',
	teamTimeZone: 'America/New_York',
	escalationLevels: '200',
	options: { evaluateAt: T0 },
};
const leads = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ email: `l${i}@x.com`, score: 90, routing: { ownerId: 'rep-1' } }));
const level = (item: IDataObject) => `${item.email}:${block(item, 'sla').level}`;

function oneNode(id: string, n: INode) {
	return { id, nodes: [n], connections: {} };
}

beforeAll(() => allowTestCredentials());
beforeEach(() => resetBuiltLocalState());

describe('SLA Timer Trigger (local store)', () => {
	it('emits due levels with a level field; a test fetch previews without consuming them', async () => {
		const started = await runWorkflow(oneNode('wf-trigger', node('Start', 'slaTimer', START)), { input: leads(2) });
		// The engine runs a poll only for a manual test fetch, which previews: what it shows is still there afterwards.
		const poll = (evaluateAt: string) =>
			runWorkflow(oneNode('wf-trigger', node('Trigger', 'slaTimerTrigger', { options: { evaluateAt } })), {
				mode: 'manual',
				staticData: saved(started.staticData),
			});
		const none = await poll(at(1));
		expect(none.run.status).toBe('success');
		expect(none.outputs('Trigger').flat()).toEqual([]);
		const preview = async () =>
			(await poll(at(6)))
				.outputs('Trigger')[0]
				.map((item) => [item.email, item.level, block(item, 'sla').status, block(item, 'sla').late]);
		// Nothing polled at 2.5 minutes, so each warning comes with its breach, labelled late.
		const expected = [
			['l0@x.com', 'warning', 'warning', true],
			['l0@x.com', 'breached', 'breached', false],
			['l1@x.com', 'warning', 'warning', true],
			['l1@x.com', 'breached', 'breached', false],
		];
		expect(await preview()).toEqual(expected);
		expect(await preview()).toEqual(expected);
		const check = await runWorkflow(
			oneNode('wf-trigger', node('Check', 'slaTimer', { operation: 'check', options: { evaluateAt: at(6) } })),
		);
		expect(check.outputs('Check')[1].map((item) => item.email)).toEqual(['l0@x.com', 'l1@x.com']);
		expect((await poll(at(6))).outputs('Trigger').flat()).toEqual([]);
	});
});

describe('Start → Check → Breached → Route Lead re-routes (real engine)', () => {
	const reps = [
		{ id: 'ana', name: 'Ana', email: 'ana@x.com' },
		{ id: 'bo', name: 'Bo', email: 'bo@x.com' },
	];
	const route = {
		operation: 'route',
		rosterSource: 'node',
		roster: { reps },
		rules: {
			values: [
				{
					name: 'Everyone',
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [],
						combinator: 'and',
					},
					assignTo: 'pool',
					team: '',
					strategy: 'roundRobin',
					repId: '',
					queueName: '',
					queueOwnerId: '',
					requiredSkills: '',
					respectWorkingHours: false,
					onNoEligible: 'nextRule',
				},
			],
		},
		fallbackQueueName: 'Unassigned',
		fallbackOwnerId: 'ops',
	};

	it('skips the owner who let the SLA breach, with reason sla-breach', async () => {
		const intakeConnections: IConnections = { Route: { main: [[{ node: 'SLA', type: 'main', index: 0 }]] } };
		const intake = await runWorkflow(
			{
				id: 'wf-flow',
				nodes: [node('Route', 'routeLead', route), node('SLA', 'slaTimer', START)],
				connections: intakeConnections,
			},
			{ input: [{ email: 'lead@acme.com', score: 95 }] },
		);
		expect(intake.error('Route') ?? intake.error('SLA') ?? intake.error()).toBeUndefined();
		const [startedItem] = intake.outputs('SLA')[0];
		const firstOwner = block(startedItem, 'routing').ownerId;
		expect(reps.map((rep) => rep.id)).toContain(firstOwner);

		const escalation: IConnections = { Check: { main: [[], [{ node: 'Reroute', type: 'main', index: 0 }], []] } };
		const rerouted = await runWorkflow(
			{
				id: 'wf-flow',
				nodes: [
					node('Check', 'slaTimer', { operation: 'check', options: { evaluateAt: at(6) } }),
					node('Reroute', 'routeLead', route),
				],
				connections: escalation,
			},
			{ staticData: saved(intake.staticData) },
		);
		const [breached] = rerouted.outputs('Check')[1];
		expect(breached).toMatchObject({
			email: 'lead@acme.com',
			sla: { status: 'breached' },
			routing: { ownerId: firstOwner },
		});
		const [reassigned] = rerouted.outputs('Reroute')[0];
		const routing = block(reassigned, 'routing');
		expect(routing.ownerId).not.toBe(firstOwner);
		expect(routing.skipped).toEqual(
			expect.arrayContaining([expect.objectContaining({ repId: firstOwner, why: 'sla-breach' })]),
		);
	});
});

describe('SLA Timer with Redis (127.0.0.1:6379)', () => {
	const prefix = `test-sla-node:${randomUUID()}:`;
	const credentials = { leadRoutingRedisApi: { ...REDIS, prefix } };
	const redis = { stateStore: 'redis', stateName: 'sales' };

	afterAll(async () => {
		const client = new Redis({ host: REDIS.host, port: REDIS.port, lazyConnect: true });
		await client.connect();
		const keys = await client.keys(`${prefix}*`);
		if (keys.length) await client.del(...keys);
		await client.quit();
		await closeBuiltRedisClients();
	});

	it('shares timers across workflows and emits each level once under overlapping checks', async () => {
		const started = await runWorkflow(
			oneNode('wf-intake', node('Start', 'slaTimer', { ...START, ...redis }, { credentials: redisCredential })),
			{
				input: leads(150),
				credentials,
			},
		);
		expect(started.outputs('Start')[0]).toHaveLength(150);
		expect(saved(started.staticData)).toEqual({});
		const preview = await runWorkflow(
			oneNode(
				'wf-trigger-preview',
				node(
					'Trigger',
					'slaTimerTrigger',
					{ ...redis, options: { evaluateAt: at(6) } },
					{ credentials: redisCredential },
				),
			),
			{ credentials, mode: 'manual' },
		);
		expect(
			preview
				.outputs('Trigger')[0]
				.map(level)
				.filter((label) => label.endsWith(':breached')),
		).toHaveLength(150);
		const checks = Array.from({ length: 6 }, (_, i) =>
			runWorkflow(
				oneNode(
					`wf-escalate-${i}`,
					node(
						'Check',
						'slaTimer',
						{ operation: 'check', ...redis, options: { evaluateAt: at(6 + i) } },
						{ credentials: redisCredential },
					),
				),
				{ credentials },
			).then((r) => r.outputs('Check').flat()),
		);
		const more = Array.from({ length: 4 }, (_, i) =>
			runWorkflow(
				oneNode(
					`wf-late-${i}`,
					node(
						'Check',
						'slaTimer',
						{ operation: 'check', ...redis, options: { evaluateAt: at(11) } },
						{ credentials: redisCredential },
					),
				),
				{ credentials },
			).then((r) => r.outputs('Check').flat()),
		);
		const emitted = (await Promise.all([...checks, ...more])).flat().map(level);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.filter((label) => label.endsWith(':breached'))).toHaveLength(150);
		expect(emitted.filter((label) => label.endsWith(':escalated-1'))).toHaveLength(150);
	});

	it('reports an unreachable Redis as a node error naming the store', async () => {
		const result = await runWorkflow(
			oneNode('wf-down', node('Start', 'slaTimer', { ...START, ...redis }, { credentials: redisCredential })),
			{
				input: leads(1),
				credentials: { leadRoutingRedisApi: { ...REDIS, port: 1, prefix } },
			},
		);
		const error = result.run.data.resultData.runData.Start[0].error;
		// n8n rewrites messages carrying ECONNREFUSED into its own wording; the store is named in message or description.
		expect(`${error?.message} ${error?.description}`).toMatch(/Redis/);
		const tolerant = await runWorkflow(
			oneNode(
				'wf-down',
				node(
					'Start',
					'slaTimer',
					{ ...START, ...redis },
					{ credentials: redisCredential, onError: 'continueRegularOutput' },
				),
			),
			{ input: leads(2), credentials: { leadRoutingRedisApi: { ...REDIS, port: 1, prefix } } },
		);
		const [started, flagged] = tolerant.outputs('Start');
		expect(started).toEqual([]);
		expect(flagged).toHaveLength(2);
		expect(flagged[1]).toMatchObject(leads(2)[1]);
		expect(flagged.map((item) => `${itemError(item).message} ${itemError(item).description}`)).toEqual([
			expect.stringMatching(/Redis/),
			expect.stringMatching(/Redis/),
		]);
	});
});
