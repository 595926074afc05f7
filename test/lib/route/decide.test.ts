import { decide, type DecideInput } from '../../../lib/route/decide';
import { buildRoster, type RepInput } from '../../../lib/route/roster';
import { toFallbackConfig, toRuleConfigs, type RawRule } from '../../../lib/route/rules';
import { summarizeStats } from '../../../lib/route/stats';
import { LocalAssignmentStore } from '../../../lib/store/static/assignment';
import { resetLocalState } from '../../../lib/store/static/state';
import { windowsAt } from '../../../lib/store/windows';

// Tuesday 2026-11-24, 10:00 UTC.
const NOW = Date.parse('2026-11-24T10:00:00Z');
let wf = 0;

const REPS: RepInput[] = [
	{ id: 'ana', name: 'Ana', email: 'ana@x.com', teams: 'emea', skills: 'german', priority: 2 },
	{ id: 'bo', name: 'Bo', email: 'bo@x.com', teams: 'emea', priority: 1 },
	{
		id: 'cy',
		name: 'Cy',
		email: 'cy@x.com',
		teams: 'us',
		timeZone: 'America/Los_Angeles',
		workingHours: '09:00-17:00',
	},
	{ id: 'di', name: 'Di', email: 'di@x.com', teams: 'us', active: false },
];

function setup(rules: RawRule[], reps: RepInput[] = REPS) {
	const store = new LocalAssignmentStore({ workflowId: `decide-${++wf}`, namespace: 'route', staticData: {} });
	const base: Omit<DecideInput, 'lead' | 'matches'> = {
		rules: toRuleConfigs(rules),
		roster: buildRoster(reps),
		fallback: toFallbackConfig({ queueName: 'Unassigned', ownerId: 'ops', ownerName: 'Ops' }),
		store,
		now: NOW,
		windows: windowsAt(NOW, 'UTC'),
		dryRun: false,
		slaReroute: true,
		random: () => 0,
	};
	const route = (
		lead: Record<string, unknown> = {},
		extra: Partial<DecideInput> = {},
		matches: (i: number) => boolean = () => true,
	) => decide({ ...base, lead, matches, ...extra });
	return { route, store };
}

describe('decide', () => {
	it('assigns the account owner by id or email and fills the whole decision record', async () => {
		const { route } = setup([
			{ name: 'Owner', assignTo: 'accountOwner' },
			{ name: 'All', assignTo: 'pool' },
		]);
		const byId = await route({ match: { ownerId: 'bo' } }, { decisionId: 'd1' });
		expect(byId).toEqual({
			outcome: 'assigned',
			ruleIndex: 0,
			routing: {
				ownerId: 'bo',
				ownerName: 'Bo',
				ownerEmail: 'bo@x.com',
				ownerTimeZone: null,
				ruleId: 'owner',
				ruleName: 'Owner',
				strategy: 'direct',
				reason: 'account-owner',
				skipped: [],
				decisionId: 'd1',
				assignedAt: '2026-11-24T10:00:00.000Z',
				dryRun: false,
				queue: null,
				ownerBookingUrl: null,
				history: [],
			},
		});
		// The rep's zone is passed on only when the roster gives one (SLA Timer then falls back to its team zone).
		expect((await route({ match: { ownerEmail: 'CY@x.com' } })).routing).toMatchObject({
			ownerId: 'cy',
			ownerTimeZone: 'America/Los_Angeles',
		});
		const noOwner = await route({ match: {} });
		expect(noOwner.routing).toMatchObject({ ruleId: 'all', reason: 'pool' });
		const unknown = await route({ match: { ownerId: 'zed' } });
		expect(unknown.routing.skipped).toContainEqual({ repId: 'zed', why: 'not-in-roster' });
		expect(unknown.routing.ruleId).toBe('all');
	});

	it('skips the owner whose SLA was breached', async () => {
		const { route } = setup([
			{ name: 'Owner', assignTo: 'accountOwner' },
			{ name: 'EMEA', team: 'emea' },
		]);
		const d = await route({ match: { ownerId: 'ana' }, sla: { status: 'breached' }, routing: { ownerId: 'ana' } });
		expect(d.routing.ownerId).toBe('bo');
		expect(d.routing.skipped).toEqual([{ repId: 'ana', why: 'sla-breach' }]);
	});

	it('records why each rep was skipped: inactive, out of office, working hours, skill, capacity', async () => {
		const reps: RepInput[] = [
			{ id: 'off', active: false, skills: 'german' },
			{ id: 'away', outOfOffice: '2026-11-20..2026-11-30', skills: 'german' },
			{ id: 'night', timeZone: 'Asia/Tokyo', workingHours: '09:00-17:00', skills: 'german' },
			{ id: 'nolang' },
			{ id: 'full', capacityPerDay: 1, skills: 'german' },
			{ id: 'ok', skills: 'German' },
		];
		const { route } = setup(
			[{ name: 'DE', requiredSkills: 'german', respectWorkingHours: true, strategy: 'priority' }],
			reps,
		);
		expect((await route()).routing.ownerId).toBe('full');
		const d = await route();
		expect(d.routing.ownerId).toBe('ok');
		expect(d.routing.skipped).toEqual([
			{ repId: 'off', why: 'inactive' },
			{ repId: 'away', why: 'out-of-office' },
			{ repId: 'night', why: 'outside-working-hours' },
			{ repId: 'nolang', why: 'missing-skill' },
			{ repId: 'full', why: 'capacity-day' },
		]);
	});

	it('runs every strategy over a team', async () => {
		const seq = async (strategy: string, n: number) => {
			const { route } = setup(
				[{ team: 'emea', strategy }],
				[...REPS, { id: 'eve', teams: 'EMEA', weight: 2, priority: 3 }],
			);
			const out = [];
			for (let i = 0; i < n; i++) out.push((await route()).routing.ownerId);
			return out.join(',');
		};
		expect(await seq('roundRobin', 4)).toBe('ana,bo,eve,ana');
		expect(await seq('weighted', 8)).toBe('ana,bo,eve,eve,ana,bo,eve,eve');
		expect(await seq('priority', 2)).toBe('bo,bo');
		expect(await seq('leastLoaded', 3)).toBe('ana,bo,eve');
		expect(await seq('random', 2)).toBe('ana,ana');
	});

	it('first matching rule wins; a rule with nobody eligible goes to the next rule or to the fallback', async () => {
		const { route } = setup([
			{ name: 'US', team: 'us', respectWorkingHours: true },
			{ name: 'Queue', assignTo: 'queue', queueName: 'Enterprise', queueOwnerId: 'ana' },
		]);
		const next = await route();
		expect(next.routing).toMatchObject({
			ruleId: 'queue',
			queue: 'Enterprise',
			ownerId: 'ana',
			ownerName: 'Ana',
			reason: 'queue',
			strategy: 'queue',
		});
		expect(next.routing.skipped).toEqual([
			{ repId: 'cy', why: 'outside-working-hours' },
			{ repId: 'di', why: 'inactive' },
		]);
		const strict = setup([
			{ name: 'US', team: 'us', respectWorkingHours: true, onNoEligible: 'fallback' },
			{ name: 'All' },
		]);
		expect((await strict.route()).routing).toMatchObject({
			ownerId: 'ops',
			ownerName: 'Ops',
			queue: 'Unassigned',
			reason: 'no-eligible-rep',
		});
		const ruleTwoOnly = await strict.route({}, {}, (i) => i === 1);
		expect(ruleTwoOnly.routing.ruleId).toBe('all');
	});

	it('sends leads to the fallback with the reason when no rule matches or the roster is empty', async () => {
		const { route, store } = setup([{ name: 'All' }]);
		expect((await route({}, {}, () => false)).routing).toMatchObject({
			reason: 'no-rule-matched',
			ruleId: 'fallback',
			strategy: 'fallback',
			ownerId: 'ops',
		});
		const empty = setup([{ name: 'All' }], []);
		expect((await empty.route()).routing.reason).toBe('empty-roster');
		expect((await store.stats(windowsAt(NOW, 'UTC'))).fallbacks.total).toBe(1);
	});

	it('dry run decides without advancing any counter', async () => {
		const { route, store } = setup([{ name: 'All', team: 'emea' }]);
		const dry = [];
		for (let i = 0; i < 3; i++) dry.push((await route({}, { dryRun: true })).routing);
		expect(dry.map((r) => r.ownerId)).toEqual(['ana', 'ana', 'ana']);
		expect(dry[0].dryRun).toBe(true);
		await route({}, { dryRun: true }, () => false);
		const stats = await store.stats(windowsAt(NOW, 'UTC'));
		expect(stats.reps).toEqual([]);
		expect(stats.fallbacks.total).toBe(0);
		expect((await route()).routing.ownerId).toBe('ana');
	});
});

describe('leave and statistics', () => {
	it('a rep back from leave rejoins the rotation without a flood', async () => {
		const reps: RepInput[] = [{ id: 'a' }, { id: 'b' }, { id: 'c', outOfOffice: '2026-11-20..2026-11-24' }];
		const { route, store } = setup([{ name: 'All' }], reps);
		const during = [];
		for (let i = 0; i < 12; i++) during.push((await route()).routing.ownerId);
		expect(during.filter((o) => o === 'c')).toHaveLength(0);
		const after = Date.parse('2026-11-25T10:00:00Z');
		const back = [];
		for (let i = 0; i < 6; i++)
			back.push((await route({}, { now: after, windows: windowsAt(after, 'UTC') })).routing.ownerId);
		// Lifted to the floor, c takes the next turn and then shares equally: 2 of the next 6, not all of them.
		expect(back.join(',')).toBe('c,a,b,c,a,b');
		const report = summarizeStats(await store.stats(windowsAt(after, 'UTC')), 'UTC', buildRoster(reps));
		expect(report.thisWeek).toEqual({ assigned: 18, fallbacks: 0, fallbackRate: 0 });
		expect(report.reps.map((r) => [r.repId, r.assignedToday, r.assignedThisWeek])).toEqual([
			['a', 2, 8],
			['b', 2, 8],
			['c', 2, 2],
		]);
	});

	it('reports the fallback rate per window', async () => {
		const { route, store } = setup([{ name: 'All', team: 'emea' }]);
		await route();
		await route();
		await route();
		await route({}, {}, () => false);
		const report = summarizeStats(await store.stats(windowsAt(NOW, 'UTC')), 'UTC');
		expect(report.today).toEqual({ assigned: 3, fallbacks: 1, fallbackRate: 0.25 });
		expect(report.lastFallbackAt).toBe('2026-11-24T10:00:00.000Z');
		expect(report.lastAssignmentAt).toBe('2026-11-24T10:00:00.000Z');
	});
});

afterEach(() => resetLocalState());
