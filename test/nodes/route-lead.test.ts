import { mkdtempSync, writeFileSync } from 'fs';
import Redis from 'ioredis';
import { tmpdir } from 'os';
import { join } from 'path';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INode,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { loadPackage } from '../helpers/engine';
import {
	closeBuiltRedisClients,
	condition,
	REDIS_CREDENTIALS,
	REPS,
	resetBuiltLocalState,
	routeParams,
	rule,
	runRouteLead,
} from './route-lead.fixtures';
import { block, blocks } from '../helpers/items';

const route = runRouteLead;
const json = (data: IDataObject) => JSON.parse(JSON.stringify(data)) as IDataObject;

const ownerOf = (items: IDataObject[]) => items.map((i) => block(i, 'routing').ownerId);

afterAll(async () => closeBuiltRedisClients());

describe('Route Lead on the real engine', () => {
	it('applies rules in order with n8n conditions: account owner, territory pool, queue, fallback', async () => {
		const rules = [
			rule('Account Owner', { assignTo: 'accountOwner' }),
			rule('EMEA', { team: 'emea' }, [condition('country', 'equals', 'DE')]),
			rule('Enterprise', { assignTo: 'queue', queueName: 'Enterprise Desk', queueOwnerId: 'cy' }, [
				condition('employees', 'gte', 1000, 'number'),
			]),
		];
		const { out, run } = await route(routeParams(rules), [
			{ email: 'a@acme.com', match: { ownerId: 'cy' } },
			{ email: 'b@beta.de', country: 'DE' },
			{ email: 'c@gamma.de', country: 'DE' },
			{ email: 'd@big.com', employees: 5000 },
			{ email: 'e@none.com', country: 'FR' },
		]);
		expect(run.status).toBe('success');
		const [assigned, fallback] = out;
		expect(ownerOf(assigned)).toEqual(['cy', 'ana', 'bo', 'cy']);
		expect(assigned.map((i) => block(i, 'routing').ruleId)).toEqual(['account-owner', 'emea', 'emea', 'enterprise']);
		expect(assigned[3].routing).toMatchObject({ strategy: 'queue', queue: 'Enterprise Desk', reason: 'queue' });
		expect(fallback).toHaveLength(1);
		expect(fallback[0]).toMatchObject({ email: 'e@none.com', country: 'FR' });
		expect(fallback[0].routing).toMatchObject({
			ownerId: 'ops',
			ownerName: 'Ops Desk',
			ownerEmail: 'ops@x.com',
			ruleId: 'fallback',
			ruleName: 'Unassigned',
			strategy: 'fallback',
			reason: 'no-rule-matched',
			queue: 'Unassigned',
			dryRun: false,
			skipped: [],
		});
		const record = block(assigned[1], 'routing');
		expect(Object.keys(record).sort()).toEqual(
			[
				'assignedAt',
				'decisionId',
				'dryRun',
				'history',
				'ownerBookingUrl',
				'ownerEmail',
				'ownerId',
				'ownerName',
				'ownerTimeZone',
				'queue',
				'reason',
				'ruleId',
				'ruleName',
				'skipped',
				'strategy',
			].sort(),
		);
		expect(record.ownerTimeZone).toBe(record.ownerId === 'ana' ? 'Europe/Berlin' : 'Europe/London');
		expect(record.decisionId).toMatch(/^[0-9a-f-]{36}$/);
		const paired = run.data.resultData.runData.Node[0].data!.main.flatMap((items) =>
			(items ?? []).map((i) => i.pairedItem),
		);
		expect(paired).toHaveLength(5);
	});

	it('treats a condition on a missing field as not matched, and keeps the input unchanged', async () => {
		const input = [{ email: 'x@y.com' }];
		const { out } = await route(routeParams([rule('Score', {}, [condition('score', 'gt', 50, 'number')])]), input);
		expect(out[1][0].routing).toMatchObject({ reason: 'no-rule-matched' });
		expect(input[0]).toEqual({ email: 'x@y.com' });
	});

	it('routes a lead whose data does not fit a condition by the next rule and records why', async () => {
		const nested = {
			...rule('Acme'),
			conditions: {
				...(rule('x').conditions as IDataObject),
				conditions: [condition('company.name', 'equals', 'Acme')],
			},
		};
		const rules = [nested, rule('Score', {}, [condition('score', 'gt', 50, 'number')]), rule('All')];
		const { out, run } = await route(routeParams(rules), [{}, { company: { name: 'Acme' } }, { score: 'high' }]);
		expect(run.status).toBe('success');
		expect(out[0].map((i) => block(i, 'routing').ruleId)).toEqual(['all', 'acme', 'all']);
		expect(block(out[0][0], 'routing').conditionErrors).toBeUndefined();
		expect(block(out[0][2], 'routing').conditionErrors).toEqual([
			{ ruleId: 'score', message: expect.stringMatching(/Wrong type: 'high' is a string but was expecting a number/) },
		]);
	});

	it('with Continue On Fail, an item with a bad roster goes to Fallback with the error and the others are routed', async () => {
		const params = routeParams([rule('All')], { rosterSource: 'field' });
		const { out, run } = await route(
			params,
			[{ roster: [{ id: 'a' }] }, { roster: [{ id: 'b', weight: -2 }] }, { roster: '[{"id":"c"}]' }],
			{
				node: { onError: 'continueRegularOutput' },
			},
		);
		expect(run.status).toBe('success');
		expect(ownerOf(out[0])).toEqual(['a', 'c']);
		expect(out[1]).toEqual([
			{
				roster: [{ id: 'b', weight: -2 }],
				error: {
					message: 'Rep "b": weight must be greater than 0, got "-2"',
					description:
						'Fix the rep in the roster (IDs unique, weight above 0, a time zone such as Europe/Berlin, hours such as 09:00-17:00, booking links such as https://cal.com/ana).',
					node: 'Node',
				},
			},
		]);
	});

	it('evaluates plain field conditions and any other expression alike, item by item', async () => {
		const territory = rule('EMEA', { team: 'emea' }, [condition('country', 'regex', '^(DE|FR|GB)$')]);
		const computed = {
			...rule('Computed', { team: 'us' }),
			conditions: {
				...(rule('x').conditions as IDataObject),
				conditions: [
					{
						id: 'c',
						leftValue: '={{ $json.region + "-" + $json.tier }}',
						rightValue: 'west-gold',
						operator: { type: 'string', operation: 'equals' },
					},
				],
			},
		};
		const literal = rule('Literal', { team: 'us' }, [{ ...condition('x', 'equals', '=yes'), leftValue: '=yes' }]);
		const bracket = rule('Bracket', { team: 'emea' }, [
			{ ...condition('x', 'equals', 'Acme'), leftValue: '={{ $json["company name"] }}' },
		]);
		const exists = rule('Exists', { team: 'us' }, [condition('nullable', 'exists', '')]);
		const rules = [territory, computed, bracket, exists, literal];
		const leads = [
			{ country: 'DE' },
			{ country: 'US' },
			{ country: 'FR' },
			{ country: 'DE' },
			{ region: 'west', tier: 'gold' },
			{ region: 'east', tier: 'gold' },
			{ 'company name': 'Acme' },
			{ nullable: null },
			{ nullable: 'x' },
			{},
		];
		const { out } = await route(routeParams(rules), leads);
		const byEmail = [...out[0], ...out[1]].map(
			(i) =>
				`${JSON.stringify(Object.fromEntries(Object.entries(i).filter(([k]) => k !== 'routing')))}:${block(i, 'routing').ruleId}`,
		);
		expect(byEmail).toEqual(
			expect.arrayContaining([
				'{"country":"DE"}:emea',
				'{"country":"US"}:literal',
				'{"country":"FR"}:emea',
				'{"region":"west","tier":"gold"}:computed',
				'{"region":"east","tier":"gold"}:literal',
				'{"company name":"Acme"}:bracket',
				'{"nullable":null}:literal',
				'{"nullable":"x"}:exists',
				'{}:literal',
			]),
		);
		expect(out[0].filter((i) => block(i, 'routing').ruleId === 'emea')).toHaveLength(3);
	});

	it('can give each rule its own output', async () => {
		const rules = [
			rule('DE', { team: 'emea' }, [condition('country', 'equals', 'DE')]),
			rule('US', { team: 'us' }, [condition('country', 'equals', 'US')]),
		];
		const { out } = await route(routeParams(rules, { options: { outputPerRule: true } }), [
			{ country: 'US' },
			{ country: 'DE' },
			{ country: 'JP' },
		]);
		expect(out.map((o) => o.length)).toEqual([1, 1, 1]);
		expect(ownerOf(out[1])).toEqual(['cy']);
		expect(ownerOf(out[2])).toEqual(['ops']);
	});

	it('specific rep, skills, working hours and SLA re-route', async () => {
		const rules = [
			rule('VIP', { assignTo: 'specificRep', repId: 'bo@x.com' }, [condition('vip', 'true', '', 'boolean')]),
			rule('German', { team: 'emea', requiredSkills: 'German' }, [condition('language', 'equals', 'de')]),
			rule('Night shift', { team: 'us', respectWorkingHours: true, onNoEligible: 'fallback' }),
		];
		const reps = REPS.map((r) => (r.id === 'cy' ? { ...r, workingHours: '00:00-00:01', workingDays: 'Mon' } : r));
		const { out } = await route(routeParams(rules, {}, reps), [
			{ vip: true },
			{ language: 'de' },
			{ language: 'de', sla: { status: 'breached' }, routing: { ownerId: 'ana' } },
			{ country: 'US' },
		]);
		expect(ownerOf(out[0])).toEqual(['bo', 'ana']);
		expect(out[0][1].routing).toMatchObject({
			strategy: 'roundRobin',
			skipped: [{ repId: 'bo', why: 'missing-skill' }],
		});
		expect(out[1][0].routing).toMatchObject({ ownerId: 'ops', reason: 'no-eligible-rep' });
		expect(block(out[1][0], 'routing').skipped).toEqual([
			{ repId: 'ana', why: 'sla-breach' },
			{ repId: 'bo', why: 'missing-skill' },
			{ repId: 'cy', why: 'outside-working-hours' },
			{ repId: 'di', why: 'inactive' },
		]);
		expect(out[1][1].routing).toMatchObject({ ownerId: 'ops', reason: 'no-eligible-rep' });
	});

	it('reads the roster from an input field and sends everything to the fallback when it is empty', async () => {
		const params = routeParams([rule('All')], { rosterSource: 'field', rosterField: 'team.members' });
		const members = JSON.stringify([{ id: 'x1' }, { id: 'x2' }]);
		const { out } = await route(params, [{ team: { members } }, { team: { members } }, { team: { members: [] } }]);
		expect(ownerOf(out[0])).toEqual(['x1', 'x2']);
		expect(out[1][0].routing).toMatchObject({ reason: 'empty-roster', ownerId: 'ops' });
	});

	it.each([
		[
			{ roster: { reps: [{ id: 'ana', timeZone: 'Mars/Olympus' }] } },
			/Rep "ana": "Mars\/Olympus" is not a valid time zone/,
		],
		[{ roster: { reps: [{ id: 'ana', workingHours: '9-5pm' }] } }, /Rep "ana": working hours/],
		[{ roster: { reps: [{ id: 'ana' }, { id: 'ana' }] } }, /Rep "ana" appears twice/],
		[{ roster: { reps: [{ id: 'ana', weight: 0 }] } }, /Rep "ana": weight must be greater than 0/],
		[{ fallbackOwnerId: '={{ "" }}' }, /fallback queue needs a name and an owner/],
	])('stops with a configuration error: %j', async (override, message) => {
		const { run, error } = await route(routeParams([rule('All')], override), [{ a: 1 }]);
		expect(run.status).toBe('error');
		expect(error('Node')).toMatch(message);
	});

	it('dry run records the decision without advancing counters; Stats and Release read the same store', async () => {
		const params = routeParams([rule('EMEA', { team: 'emea' })]);
		const dry = await route({ ...params, options: { dryRun: true } }, [{}, {}]);
		expect(ownerOf(dry.out[0])).toEqual(['ana', 'ana']);
		expect(block(dry.out[0][0], 'routing').dryRun).toBe(true);
		const first = await route(params, [{}, {}, {}], { workflowId: dry.workflowId });
		expect(ownerOf(first.out[0])).toEqual(['ana', 'bo', 'ana']);
		const stats = await route({ operation: 'stats', rosterSource: 'node', roster: { reps: REPS } }, [{}], {
			workflowId: dry.workflowId,
		});
		const report = stats.out[0][0];
		expect(report.today).toEqual({ assigned: 3, fallbacks: 0, fallbackRate: 0 });
		expect(blocks(report, 'reps').map((r) => [r.repId, r.name, r.assignedToday, r.open])).toEqual([
			['ana', 'Ana', 2, 2],
			['bo', 'Bo', 1, 1],
			['cy', 'Cy', 0, 0],
			['di', 'Di', 0, 0],
		]);
		expect(report.lastAssignmentAt).toEqual(block(first.out[0][2], 'routing').assignedAt);
		const released = await route({ operation: 'release' }, [first.out[0][0], { email: 'no-routing' }], {
			workflowId: dry.workflowId,
		});
		expect(released.out[0].map((i) => i.release)).toEqual([
			{ released: true, ownerId: 'ana', open: 1 },
			{ released: false, reason: expect.stringMatching(/no routing.ownerId/) },
		]);
	});

	it('state survives a restart through workflow static data when that store is chosen', async () => {
		const params = routeParams([rule('EMEA', { team: 'emea' })], { stateStore: 'staticData' });
		const a = await route(params, [{}]);
		resetBuiltLocalState();
		const b = await route(params, [{}], { staticData: json(a.staticData), workflowId: a.workflowId });
		expect(b.error('Node')).toBeUndefined();
		expect([...ownerOf(a.out[0]), ...ownerOf(b.out[0])]).toEqual(['ana', 'bo']);
	});

	it('default store: an upgraded workflow continues the rotation its static data held, and the static data is emptied', async () => {
		const params = routeParams([rule('EMEA', { team: 'emea' })]);
		const legacy = await route({ ...params, stateStore: 'staticData' }, [{}, {}, {}]);
		expect(ownerOf(legacy.out[0])).toEqual(['ana', 'bo', 'ana']);
		const upgraded = await route(params, [{}], { staticData: json(legacy.staticData), workflowId: legacy.workflowId });
		expect(ownerOf(upgraded.out[0])).toEqual(['bo']);
		expect(upgraded.staticData?.['leadRouting.route.default']).toBeUndefined();
		// Not imported again by a later execution that still carries the old static data.
		const again = await route(params, [{}], { staticData: json(legacy.staticData), workflowId: legacy.workflowId });
		expect(ownerOf(again.out[0])).toEqual(['ana']);
	});

	it('default store: workflows with the same State Name share one rotation, others keep their own', async () => {
		const shared = routeParams([rule('EMEA', { team: 'emea' })], { stateName: `team-${process.pid}` });
		const picks = [];
		for (let i = 0; i < 4; i++) picks.push(...ownerOf((await route(shared, [{}])).out[0]));
		expect(picks).toEqual(['ana', 'bo', 'ana', 'bo']);
		expect(ownerOf((await route(routeParams([rule('EMEA', { team: 'emea' })]), [{}])).out[0])).toEqual(['ana']);
	});

	it('a damaged database file is a node error naming the file and the fix, and nothing is routed elsewhere', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'lead-routing-bad-')), 'state.sqlite');
		writeFileSync(file, 'not a database '.repeat(200));
		const { run, error, out } = await route(routeParams([rule('All')], { databaseFile: file }), [{}]);
		expect(run.status).toBe('error');
		expect(error('Node')).toContain(file);
		expect(error('Node')).toMatch(/damaged or is not a SQLite database/);
		expect(out).toEqual([]);
	});

	it('declares its outputs from the parameters, as n8n evaluates them for the editor', async () => {
		const type = (await loadPackage()).getNode('routeLead').type as INodeType;
		const nodeTypes = {
			getByName: () => type,
			getByNameAndVersion: () => type,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const names = (parameters: IDataObject) => {
			const node: INode = {
				id: '1',
				name: 'R',
				type: 'n8n-nodes-lead-routing.routeLead',
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INode['parameters'],
			};
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			return NodeHelpers.getNodeOutputs(workflow, node, type.description).map((o) =>
				typeof o === 'string' ? o : o.displayName,
			);
		};
		expect(names(routeParams([rule('A')]))).toEqual(['Assigned', 'Fallback']);
		expect(names(routeParams([rule('DE'), rule('')], { options: { outputPerRule: true } }))).toEqual([
			'DE',
			'Rule 2',
			'Fallback',
		]);
		expect(names({ operation: 'stats' })).toEqual(['Output']);
	});

	it('refuses the static data store in queue mode', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		try {
			const { error } = await route(routeParams([rule('All')], { stateStore: 'staticData' }), [{}]);
			expect(error('Node')).toMatch(/static data store cannot be used in queue mode/);
		} finally {
			delete process.env.EXECUTIONS_MODE;
		}
	});
});

describe('Route Lead with the Redis store', () => {
	const prefix = `test:route-node:${process.pid}:`;
	afterAll(async () => {
		const r = new Redis({ host: '127.0.0.1', port: 6379 });
		const keys = await r.keys(`${prefix}*`);
		if (keys.length) await r.del(...keys);
		await r.quit();
	});

	it('routes through Redis and shares state between workflows with the same state name', async () => {
		const params = routeParams([rule('EMEA', { team: 'emea' })], { stateStore: 'redis', stateName: 'shared-emea' });
		const credentials = { leadRoutingRedisApi: { ...REDIS_CREDENTIALS, prefix } };
		const a = await route(params, [{}, {}], { credentials });
		const b = await route(params, [{}], { credentials });
		expect([...ownerOf(a.out[0]), ...ownerOf(b.out[0])]).toEqual(['ana', 'bo', 'ana']);
		const stats = await route(
			{ operation: 'stats', stateStore: 'redis', stateName: 'shared-emea', roster: { reps: REPS } },
			[{}],
			{ credentials },
		);
		expect(stats.out[0][0].today).toEqual({ assigned: 3, fallbacks: 0, fallbackRate: 0 });
		expect(
			blocks(stats.out[0][0], 'reps')
				.slice(0, 2)
				.map((r) => [r.repId, r.assignedThisWeek]),
		).toEqual([
			['ana', 2],
			['bo', 1],
		]);
	});

	it('works in queue mode, where the local store is refused', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		try {
			const params = routeParams([rule('EMEA', { team: 'emea' })], { stateStore: 'redis' });
			const { run, out } = await route(params, [{}], {
				credentials: { leadRoutingRedisApi: { ...REDIS_CREDENTIALS, prefix } },
			});
			expect(run.status).toBe('success');
			expect(ownerOf(out[0])).toEqual(['ana']);
		} finally {
			delete process.env.EXECUTIONS_MODE;
		}
	});

	it('fails with an error naming the store when Redis is unreachable, never falling back to local', async () => {
		const params = routeParams([rule('EMEA', { team: 'emea' })], { stateStore: 'redis' });
		const credentials = { leadRoutingRedisApi: { ...REDIS_CREDENTIALS, port: 1, prefix } };
		const { run, error } = await route(params, [{}], { credentials });
		expect(run.status).toBe('error');
		expect(error('Node')).toBe('Cannot reach the state store (Redis at 127.0.0.1:1)');
		expect(run.data.resultData.runData.Node[0].error?.description).toMatch(/ECONNREFUSED.*no silent switch/);
	});

	it('tests the credential with a real PING', async () => {
		const loader = await loadPackage();
		const type = loader.getNode('routeLead').type as INodeType;
		const test = type.methods!.credentialTest!.leadRoutingRedisConnectionTest;
		const ctx = {} as ICredentialTestFunctions;
		const cred = (data: IDataObject) =>
			({ id: '1', name: 'r', type: 'leadRoutingRedisApi', data }) as ICredentialsDecrypted;
		await expect(test.call(ctx, cred(REDIS_CREDENTIALS))).resolves.toMatchObject({
			status: 'OK',
			message: expect.stringMatching(/PONG/),
		});
		await expect(test.call(ctx, cred({ ...REDIS_CREDENTIALS, port: 1 }))).resolves.toMatchObject({ status: 'Error' });
	});
});
