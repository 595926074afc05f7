import { randomUUID } from 'crypto';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeParameters, INodeType, INodeTypes } from 'n8n-workflow';
import { loadPackage, runWorkflow, singleNode } from '../helpers/engine';
import { closeBuiltDatabases, resetBuiltLocalState as resetLocalState, saved } from './sla-timer.helpers';
import { block } from '../helpers/items';

// Tuesday 2026-11-17, 10:00 in New York.
const T0 = '2026-11-17T15:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const base = {
	teamTimeZone: 'America/New_York',
	tierSource: 'score',
	warningPercent: 50,
	escalationLevels: '200',
};
const lead = (email: string, score = 90, extra: IDataObject = {}): IDataObject => ({
	email,
	score,
	routing: { ownerId: 'rep-ana', ownerName: 'Ana', decisionId: `d-${email}` },
	...extra,
});

function workflow(id: string, parameters: IDataObject) {
	return { ...singleNode('slaTimer', parameters as INodeParameters), id };
}

async function start(
	id: string,
	leads: IDataObject[],
	evaluateAt = T0,
	extra: IDataObject = {},
	staticData?: IDataObject,
) {
	return await runWorkflow(
		workflow(id, {
			...base,
			operation: 'start',
			...extra,
			options: { evaluateAt, ...((extra.options as IDataObject) ?? {}) },
		}),
		{
			input: leads,
			staticData: staticData && saved(staticData),
		},
	);
}

async function check(id: string, evaluateAt: string, staticData?: IDataObject) {
	const result = await runWorkflow(workflow(id, { operation: 'check', options: { evaluateAt } }), {
		staticData: saved(staticData),
	});
	return { result, out: result.outputs('Node') };
}

beforeEach(() => resetLocalState());

describe('SLA Timer: outputs', () => {
	it('names its outputs per operation, as n8n evaluates them', async () => {
		const loader = await loadPackage();
		const type = loader.getNode('slaTimer').type as INodeType;
		const nodeTypes = {
			getByName: () => type,
			getByNameAndVersion: () => type,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const names = (parameters: IDataObject) => {
			const node: INode = {
				id: '1',
				name: 'S',
				type: 'n8n-nodes-lead-routing.slaTimer',
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INodeParameters,
			};
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			return NodeHelpers.getNodeOutputs(workflow, node, type.description).map((o) =>
				typeof o === 'string' ? o : o.displayName,
			);
		};
		expect(names({ operation: 'start' })).toEqual(['Started', 'Flagged']);
		expect(names({})).toEqual(['Started', 'Flagged']);
		expect(names({ operation: 'compute' })).toEqual(['Computed', 'Flagged']);
		expect(names({ operation: 'stop' })).toEqual(['Stopped', 'Flagged']);
		expect(names({ operation: 'check' })).toEqual(['Warning', 'Breached', 'Escalated']);
	});
});

describe('SLA Timer: Start and Compute Only', () => {
	it('starts a timer in business hours, keeps the lead and adds sla', async () => {
		const { run, outputs } = await start('wf-start', [lead('a@x.com', 90), lead('b@x.com', 60), lead('c@x.com', 10)]);
		expect(run.status).toBe('success');
		const [started, flagged] = outputs('Node');
		expect(flagged).toEqual([]);
		expect(started.map((item) => [item.email, block(item, 'sla').tier, block(item, 'sla').dueAt])).toEqual([
			['a@x.com', 'hot', '2026-11-17T10:05:00.000-05:00'],
			['b@x.com', 'warm', '2026-11-17T11:00:00.000-05:00'],
			['c@x.com', 'cold', '2026-11-20T10:00:00.000-05:00'],
		]);
		expect(started[0]).toMatchObject({
			routing: { ownerId: 'rep-ana' },
			sla: {
				startedAt: '2026-11-17T10:00:00.000-05:00',
				warnAt: '2026-11-17T10:02:30.000-05:00',
				level: 'none',
				status: 'open',
				restarted: false,
			},
		});
	});

	it('uses the rep time zone over the team one', async () => {
		const { outputs } = await start('wf-zones', [
			lead('a@x.com', 60, { routing: { ownerId: 'rep-b', ownerTimeZone: 'Europe/Berlin' } }),
		]);
		// 16:00 in Berlin: one business hour left today is exactly the warm tier.
		expect(block(outputs('Node')[0][0], 'sla').dueAt).toBe('2026-11-17T17:00:00.000+01:00');
	});

	it('flags bad lead data instead of failing; every item leaves once', async () => {
		const items = [
			lead('ok@x.com'),
			{ score: 90 },
			lead('future@x.com', 90, { assigned: at(120) }),
			lead('old@x.com', 90, { assigned: at(-3 * 24 * 60) }),
			lead('garbage@x.com', 90, { assigned: 'not a date' }),
			lead('zone@x.com', 90, { routing: { ownerTimeZone: 'Mars/Base' } }),
			lead('noscore@x.com', 90, { score: 'high' }),
		];
		const { outputs } = await start('wf-flags', items, T0, { options: { startedAt: '={{ $json.assigned ?? "" }}' } });
		const [started, flagged] = outputs('Node');
		// A score that is not a number is not flagged: the default tier (the table's last) takes it, saying why.
		expect(started.map((item) => item.email)).toEqual(['ok@x.com', 'noscore@x.com']);
		expect(started[1].sla).toMatchObject({
			tier: 'cold',
			notes: ['The lead score is not a number ("high"): default tier "cold"'],
		});
		expect(flagged.map((item) => block(item, 'sla').reason)).toEqual([
			'Lead ID field "email" is empty',
			expect.stringMatching(/startedAt \(.*\) is in the future/),
			expect.stringMatching(/more than 24 hours in the past/),
			'startedAt is not a date ("not a date")',
			'Rep time zone "Mars/Base" is not a valid IANA time zone',
		]);
		expect(flagged.every((item) => block(item, 'sla').status === 'flagged')).toBe(true);
	});

	it.each([
		[{ teamTimeZone: 'Mars/Base' }, /Time zone "Mars\/Base" is not a valid IANA time zone/],
		[{ workStart: '25:00' }, /Working hours start "25:00" is not a valid time/],
		[{ workStart: '18:00', workEnd: '08:00' }, /Working hours end \(08:00\) is not after start \(18:00\)/],
		[{ holidays: '2026-12-24,,2026-12-25' }, /Holiday entry 2 is empty/],
		[{ escalationLevels: '80' }, /Escalation at 80% is not after the deadline/],
		[{ tiers: { tier: [{ name: 'hot', minutes: 0 }] } }, /SLA tier "hot" has an invalid response time/],
	])('stops with a configuration error naming the problem (%o)', async (params, message) => {
		const result = await start(`wf-config-${randomUUID()}`, [lead('a@x.com')], T0, params);
		expect(result.run.status).toBe('error');
		expect(result.error('Node')).toMatch(message);
	});

	it('Compute Only adds the due time without recording a timer', async () => {
		const result = await runWorkflow(
			workflow('wf-compute', { ...base, operation: 'compute', clock: 'instant', options: { evaluateAt: T0 } }),
			{
				input: [lead('a@x.com', 90)],
			},
		);
		const [computed] = result.outputs('Node');
		expect(computed[0].sla).toMatchObject({
			status: 'computed',
			dueAt: '2026-11-17T10:05:00.000-05:00',
			businessHours: false,
		});
		expect(saved(result.staticData)).toEqual({});
		const { out } = await check('wf-compute', at(60), result.staticData);
		expect(out.flat()).toEqual([]);
	});

	it('Compute Only names the computed timer by its Lead ID Field, so an item without an email is computed too', async () => {
		const item = { day: '2026-11-17', lastAssignmentAt: '2026-11-17T15:00:00Z' };
		const params = {
			...base,
			tierSource: 'name',
			tierName: 'hot',
			operation: 'compute',
			clock: 'instant',
			options: { evaluateAt: T0, startedAt: '={{ $json.lastAssignmentAt }}' },
		};
		const byDay = await runWorkflow(workflow('wf-compute-key', { ...params, leadIdField: 'day' }), { input: [item] });
		expect(byDay.outputs('Node')[0][0].sla).toMatchObject({
			key: '2026-11-17',
			status: 'computed',
			startedAt: '2026-11-17T10:00:00.000-05:00',
		});
		const byEmail = await runWorkflow(workflow('wf-compute-key', params), { input: [item] });
		expect(byEmail.outputs('Node')[1][0].sla).toEqual({ status: 'flagged', reason: 'Lead ID field "email" is empty' });
	});
});

describe('SLA Timer: queue mode', () => {
	it('refuses the static data store when n8n runs in queue mode', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		try {
			const result = await start('wf-queue', [lead('a@x.com')], T0, { stateStore: 'staticData' });
			expect(result.error('Node')).toMatch(/static data store cannot be used in queue mode/);
		} finally {
			delete process.env.EXECUTIONS_MODE;
		}
	});
});

describe('SLA Timer: Stop', () => {
	it('reports met or breached with business and wall-clock minutes, and unknown leads clearly', async () => {
		const started = await start('wf-stop', [lead('fast@x.com', 90), lead('slow@x.com', 60)]);
		const stopWorkflow = (evaluateAt: string, items: IDataObject[]) =>
			runWorkflow(workflow('wf-stop', { operation: 'stop', options: { evaluateAt } }), {
				input: items,
				staticData: saved(started.staticData),
			});
		const first = await stopWorkflow(at(3), [{ email: 'fast@x.com', activity: 'call' }]);
		expect(first.outputs('Node')[0][0]).toMatchObject({
			email: 'fast@x.com',
			activity: 'call',
			sla: { status: 'met', responseMinutes: 3, businessResponseMinutes: 3, level: 'warning' },
		});
		// 10:00 → next day 11:00: 25 h on the clock, 7 h + 2 h of business time.
		const second = await stopWorkflow(at(25 * 60), [{ email: 'slow@x.com' }, { email: 'fast@x.com' }, {}]);
		const [stopped, flagged] = second.outputs('Node');
		expect(stopped[0].sla).toMatchObject({
			status: 'breached',
			responseMinutes: 1500,
			businessResponseMinutes: 540,
			level: 'escalated-1',
		});
		expect(flagged.map((item) => block(item, 'sla').status)).toEqual(['unknown', 'flagged']);
		expect(block(flagged[0], 'sla').reason).toMatch(/No open SLA timer for lead "fast@x.com"/);
	});
});

describe('SLA Timer: Check', () => {
	it('Start → Check after the deadline → a Breached item Route Lead can re-route', async () => {
		const started = await start('wf-e2e', [lead('a@x.com', 90), lead('b@x.com', 60)]);
		let state = started.staticData;
		const early = await check('wf-e2e', at(1), state);
		expect(early.out.flat()).toEqual([]);
		const warn = await check('wf-e2e', at(3), state);
		state = warn.result.staticData;
		expect(warn.out[0].map((item) => item.email)).toEqual(['a@x.com']);
		const breach = await check('wf-e2e', at(6), state);
		const [warnings, breached, escalated] = breach.out;
		expect(warnings).toEqual([]);
		expect(escalated).toEqual([]);
		expect(breached).toHaveLength(1);
		expect(breached[0]).toMatchObject({
			email: 'a@x.com',
			routing: { ownerId: 'rep-ana', decisionId: 'd-a@x.com' },
			sla: {
				status: 'breached',
				level: 'breached',
				tier: 'hot',
				dueAt: '2026-11-17T10:05:00.000-05:00',
				lateMinutes: 1,
			},
		});
		expect(block(breached[0], 'sla').late).toBe(false);
		// b (warm, 60 min): its warning (30), breach (60) and escalation (120) all fell before this check. None is
		// dropped; each comes once, and those a later level overtook are labelled late.
		const later = await check('wf-e2e', at(200), breach.result.staticData);
		const label = (item: IDataObject) =>
			`${item.email}:${block(item, 'sla').level}:${block(item, 'sla').late ? 'late' : 'on time'}`;
		expect(later.out.map((items) => items.map(label))).toEqual([
			['b@x.com:warning:late'],
			['b@x.com:breached:late'],
			['a@x.com:escalated-1:on time', 'b@x.com:escalated-1:on time'],
		]);
		expect(later.out[0][0].sla).toMatchObject({
			status: 'warning',
			levelAt: '2026-11-17T15:30:00.000Z',
			lateMinutes: 170,
		});
		expect((await check('wf-e2e', at(200), later.result.staticData)).out.flat()).toEqual([]);
	});

	it('keeps a slim lead in each timer unless the full lead is asked for', async () => {
		const heavy = lead('slim@x.com', 90, {
			company: 'Acme',
			raw: { headers: { 'user-agent': 'x'.repeat(2000) } },
			match: { accountId: 'A1', ownerId: 'rep-ana', candidates: [{ accountId: 'A1' }, { accountId: 'A2' }] },
		});
		const slim = await start('wf-slim', [heavy]);
		const slimBreach = await check('wf-slim', at(6), slim.staticData);
		expect(slimBreach.out[1][0]).toMatchObject({
			email: 'slim@x.com',
			company: 'Acme',
			match: { accountId: 'A1', ownerId: 'rep-ana' },
		});
		expect(slimBreach.out[1][0].raw).toBeUndefined();
		expect(block(slimBreach.out[1][0], 'match').candidates).toBeUndefined();
		// The default store keeps nothing in the workflow's static data.
		expect(saved(slim.staticData)).toEqual({});

		const full = await start('wf-full', [heavy], T0, { options: { keepFullLead: true } });
		const fullBreach = await check('wf-full', at(6), full.staticData);
		expect(fullBreach.out[1][0].raw).toEqual(heavy.raw);
		expect(block(fullBreach.out[1][0], 'match').candidates).toHaveLength(2);
	});

	it('emits each level once when ten checks overlap on the real engine (local store)', async () => {
		const leads = Array.from({ length: 120 }, (_, i) => lead(`l${i}@x.com`, 90));
		const started = await start('wf-overlap', leads);
		const runs = await Promise.all(
			Array.from({ length: 10 }, (_, i) => check('wf-overlap', at(6 + i / 10), started.staticData)),
		);
		const breached = runs.flatMap((r) => r.out[1] ?? []).map((item) => item.email);
		expect(breached).toHaveLength(120);
		expect(new Set(breached).size).toBe(120);
		// Every warning was overtaken by the breach before the first check: each still comes once, labelled late.
		const warned = runs.flatMap((r) => r.out[0] ?? []);
		expect(new Set(warned.map((item) => item.email)).size).toBe(120);
		expect(warned).toHaveLength(120);
		expect(warned.every((item) => block(item, 'sla').late === true)).toBe(true);
	});

	it('finds timers after a restart in the default SQLite store', async () => {
		await start('wf-restart', [lead('a@x.com', 90)]);
		resetLocalState();
		closeBuiltDatabases();
		const { out, result } = await check('wf-restart', at(6));
		expect(result.error('Node')).toBeUndefined();
		expect(out[1].map((item) => item.email)).toEqual(['a@x.com']);
	});

	it('finds timers after a restart with the static data store (static data saved and loaded again)', async () => {
		const staticStore = { stateStore: 'staticData' };
		const started = await start('wf-restart-static', [lead('a@x.com', 90)], T0, staticStore);
		const reloaded = saved(started.staticData);
		resetLocalState();
		const checkStatic = async (id: string, staticData: IDataObject) =>
			(
				await runWorkflow(workflow(id, { operation: 'check', ...staticStore, options: { evaluateAt: at(6) } }), {
					staticData,
				})
			).outputs('Node');
		expect((await checkStatic('wf-restart-static', reloaded))[1].map((item) => item.email)).toEqual(['a@x.com']);
		// Control: after a restart without the saved static data the timer is gone, so the reload above is what found it.
		await start('wf-restart-control', [lead('a@x.com', 90)], T0, staticStore);
		resetLocalState();
		expect((await checkStatic('wf-restart-control', {})).flat()).toEqual([]);
	});
});
