/** Route Lead reads rule fields per lead, decides at a chosen moment (Evaluate At) and replays batches. Real engine. */
import type { IDataObject } from 'n8n-workflow';
import {
	closeBuiltRedisClients,
	REPS,
	resetBuiltLocalState,
	routeParams,
	rule,
	runRouteLead as route,
} from './route-lead.fixtures';
import { block } from '../helpers/items';

const routingOf = (item: IDataObject) => block(item, 'routing');
const ownerOf = (items: IDataObject[]) => items.map((i) => routingOf(i).ownerId);

beforeEach(() => resetBuiltLocalState());
afterAll(async () => closeBuiltRedisClients());

describe('Route Lead: rule fields from the lead', () => {
	it("uses each lead's own team, from a $json path or any expression", async () => {
		const byPath = await route(routeParams([rule('By Team', { team: '={{ $json.team }}' })]), [
			{ team: 'emea' },
			{ team: 'us' },
			{ team: 'emea' },
			{ team: 'us' },
		]);
		// EMEA pool: Ana, Bo in turns; US pool: Cy only (Di is inactive). Item 0's team for everyone would give ana, bo, ana, bo.
		expect(ownerOf(byPath.out[0])).toEqual(['ana', 'cy', 'bo', 'cy']);
		const computed = await route(
			routeParams([rule('By Region', { team: '={{ $json.region === "Europe" ? "emea" : "us" }}' })]),
			[{ region: 'Europe' }, { region: 'Americas' }, { region: 'Europe' }],
		);
		expect(ownerOf(computed.out[0])).toEqual(['ana', 'cy', 'bo']);
	});

	it('a value from the lead that breaks its rule skips that rule for that lead, recorded; a fixed one stops the node', async () => {
		const rules = [rule('Requested', { assignTo: 'specificRep', repId: '={{ $json.requestedRep }}' }), rule('All')];
		const { out, run } = await route(routeParams(rules, { options: { outputPerRule: true } }), [
			{ requestedRep: 'cy' },
			{ email: 'x@y.com' },
		]);
		expect(run.status).toBe('success');
		expect(out.map((items) => items.map((i) => `${routingOf(i).ruleId}:${routingOf(i).ownerId}`))).toEqual([
			['requested:cy'],
			['all:ana'],
			[],
		]);
		expect(routingOf(out[0][0]).conditionErrors).toBeUndefined();
		expect(routingOf(out[1][0]).conditionErrors).toEqual([
			{ ruleId: 'requested', message: 'Rule 1 ("Requested"): set the Rep ID to assign to' },
		]);
		const fixed = await route(routeParams([rule('Requested', { assignTo: 'specificRep', repId: '' })]), [{}]);
		expect(fixed.error('Node')).toBe('Rule 1 ("Requested"): set the Rep ID to assign to');
	});
});

describe('Route Lead: Evaluate At', () => {
	const reps: IDataObject[] = [
		{
			id: 'ana',
			name: 'Ana',
			teams: 'emea',
			timeZone: 'Europe/Berlin',
			workingHours: '09:00-17:00',
			outOfOffice: '2026-11-16..2026-11-17',
		},
		{ id: 'bo', name: 'Bo', teams: 'emea', timeZone: 'Europe/London', workingHours: '08:00-17:00' },
	];
	const params = (options: IDataObject) =>
		routeParams(
			[rule('EMEA', { team: 'emea', respectWorkingHours: true, onNoEligible: 'fallback' })],
			{ options },
			reps,
		);
	const leads = [
		{ email: 'mon@x.com', submittedAt: '2026-11-16T08:30:00Z' }, // Ana out of office; Bo 08:30 in London
		{ email: 'wed@x.com', submittedAt: '2026-11-18T08:30:00Z' }, // both in: Ana 09:30, Bo 08:30
		{ email: 'wed-late@x.com', submittedAt: '2026-11-18T16:30:00Z' }, // Ana 17:30 out; Bo 16:30 in
		{ email: 'sun@x.com', submittedAt: '2026-11-15T12:00:00Z' }, // Sunday: nobody
	];

	it("reads working hours and out-of-office at each lead's moment", async () => {
		const { out } = await route(params({ dryRun: true, evaluateAt: '={{ $json.submittedAt }}' }), leads);
		const [assigned, fallback] = out;
		expect(assigned.map((i) => [i.email, routingOf(i).ownerId, routingOf(i).assignedAt])).toEqual([
			['mon@x.com', 'bo', '2026-11-16T08:30:00.000Z'],
			['wed@x.com', 'ana', '2026-11-18T08:30:00.000Z'],
			['wed-late@x.com', 'bo', '2026-11-18T16:30:00.000Z'],
		]);
		expect(routingOf(assigned[0]).skipped).toEqual([{ repId: 'ana', why: 'out-of-office' }]);
		expect(routingOf(assigned[2]).skipped).toEqual([{ repId: 'ana', why: 'outside-working-hours' }]);
		expect(fallback.map((i) => [i.email, routingOf(i).reason, routingOf(i).skipped])).toEqual([
			[
				'sun@x.com',
				'no-eligible-rep',
				[
					{ repId: 'ana', why: 'outside-working-hours' },
					{ repId: 'bo', why: 'outside-working-hours' },
				],
			],
		]);
	});

	it('without it the wall clock decides', async () => {
		const before = Date.now();
		const { out } = await route(params({ dryRun: true }), leads.slice(0, 1));
		const at = Date.parse(String(routingOf(out.flat()[0]).assignedAt));
		expect(at).toBeGreaterThanOrEqual(before);
		expect(at).toBeLessThanOrEqual(Date.now());
	});

	it('an Evaluate At that is not a date fails that lead clearly; the others are routed', async () => {
		const { out } = await route(
			params({ dryRun: true, evaluateAt: '={{ $json.submittedAt }}' }),
			[leads[1], { email: 'bad@x.com', submittedAt: 'soon' }],
			{
				node: { onError: 'continueRegularOutput' },
			},
		);
		expect(ownerOf(out[0])).toEqual(['ana']);
		expect(out[1][0]).toMatchObject({
			email: 'bad@x.com',
			error: { message: 'Options › Evaluate At is not a date ("soon")' },
		});
	});
});

describe('Route Lead: Replay', () => {
	const emea = [rule('EMEA', { team: 'emea' })];

	it('spreads a replayed batch as it would have been, without touching the real counters', async () => {
		const batch = [{}, {}, {}, {}].map((lead, i) => ({ ...lead, submittedAt: `2026-11-18T0${i + 1}:00:00Z` }));
		const dry = await route(routeParams(emea, { options: { dryRun: true } }), batch);
		// A dry run decides each lead against the untouched counters: the same rep every time.
		expect(ownerOf(dry.out[0])).toEqual(['ana', 'ana', 'ana', 'ana']);
		const replay = await route(
			routeParams(emea, { options: { replay: true, evaluateAt: '={{ $json.submittedAt }}' } }),
			batch,
		);
		expect(ownerOf(replay.out[0])).toEqual(['ana', 'bo', 'ana', 'bo']);
		expect(replay.out[0].every((i) => routingOf(i).dryRun === true)).toBe(true);
		const real = await route(routeParams(emea), [{}], {
			staticData: JSON.parse(JSON.stringify(replay.staticData ?? {})) as IDataObject,
			workflowId: replay.workflowId,
		});
		expect(ownerOf(real.out[0])).toEqual(['ana']);
	});

	it('fills capacity per day of Evaluate At', async () => {
		const capped = REPS.slice(0, 2).map((rep) => ({ ...rep, capacityPerDay: 1 }));
		const leads = ['2026-11-18T09:00:00Z', '2026-11-18T10:00:00Z', '2026-11-18T11:00:00Z', '2026-11-19T09:00:00Z'].map(
			(submittedAt) => ({ submittedAt }),
		);
		const { out } = await route(
			routeParams(emea, { options: { replay: true, evaluateAt: '={{ $json.submittedAt }}' } }, capped),
			leads,
		);
		expect(out[0].map((i) => [i.submittedAt, routingOf(i).ownerId])).toEqual([
			['2026-11-18T09:00:00Z', 'ana'],
			['2026-11-18T10:00:00Z', 'bo'],
			['2026-11-19T09:00:00Z', 'ana'],
		]);
		expect(out[1].map((i) => [i.submittedAt, routingOf(i).reason, routingOf(i).skipped])).toEqual([
			[
				'2026-11-18T11:00:00Z',
				'no-eligible-rep',
				[
					{ repId: 'ana', why: 'capacity-day' },
					{ repId: 'bo', why: 'capacity-day' },
				],
			],
		]);
	});
});
