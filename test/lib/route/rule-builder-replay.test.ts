import { ReplayCounters } from '../../../lib/route/replay';
import { ruleBuilder, toRuleConfig, withUniqueIds } from '../../../lib/route/rules';
import type { AssignRequest } from '../../../lib/store/assignment';

describe('ruleBuilder', () => {
	it('builds each distinct set of values once and reports a broken one without throwing', () => {
		const build = ruleBuilder();
		const first = build({ name: 'By Team', team: 'emea' }, 0, '["emea"]');
		expect(first).toMatchObject({ ok: true, rule: { id: 'by-team', team: 'emea' } });
		expect(build({ name: 'By Team', team: 'emea' }, 0, '["emea"]')).toBe(first);
		expect(build({ name: 'By Team', team: 'us' }, 0, '["us"]')).toMatchObject({ ok: true, rule: { team: 'us' } });
		expect(build({ name: 'Requested', assignTo: 'specificRep', repId: '' }, 1, '[""]')).toMatchObject({
			ok: false,
			ruleId: 'requested',
			error: { message: 'Rule 2 ("Requested"): set the Rep ID to assign to' },
		});
		// Without a key nothing is remembered.
		expect(build({ team: 'x' }, 2, undefined)).not.toBe(build({ team: 'x' }, 2, undefined));
	});

	it('gives rules with the same name distinct ids, the first keeping its own', () => {
		const rules = withUniqueIds([
			toRuleConfig({ name: 'A' }, 0),
			toRuleConfig({ name: 'B' }, 1),
			toRuleConfig({ name: 'a' }, 2),
		]);
		expect(rules.map((r) => r.id)).toEqual(['a', 'b', 'a-2']);
	});
});

describe('ReplayCounters', () => {
	const request = (overrides: Partial<AssignRequest> = {}): AssignRequest => ({
		pool: 'all:roundRobin',
		strategy: 'roundRobin',
		candidates: ['ana', 'bo', 'cy'].map((id) => ({ id, weight: 1, capacityDay: 0, capacityWeek: 0, capacityOpen: 0 })),
		windows: { day: '2026-11-18', week: '2026-W47' },
		random: 0,
		at: '2026-11-18T09:00:00.000Z',
		dryRun: true,
		...overrides,
	});

	it('takes turns and counts capacity per day, starting empty', async () => {
		const counters = new ReplayCounters();
		const picks = [];
		for (let i = 0; i < 4; i++) picks.push((await counters.assign(request())).repId);
		expect(picks).toEqual(['ana', 'bo', 'cy', 'ana']);
		const capped = request({ pool: 'capped', candidates: request().candidates.map((c) => ({ ...c, capacityDay: 2 })) });
		// ana already has 2 today (from the other pool), bo and cy 1 each.
		expect(await counters.assign(capped)).toEqual({ repId: 'bo', atCapacity: [{ repId: 'ana', why: 'capacity-day' }] });
		const nextDay = { ...capped, windows: { day: '2026-11-19', week: '2026-W47' } };
		// A new day: nobody is at capacity; in this pool Ana (never picked here) is next.
		expect(await counters.assign(nextDay)).toEqual({ repId: 'ana', atCapacity: [] });
		expect(await new ReplayCounters().stats({ day: '2026-11-18', week: '2026-W47' })).toMatchObject({
			reps: [],
			fallbacks: { total: 0 },
		});
		const stats = await counters.stats({ day: '2026-11-18', week: '2026-W47' });
		expect(stats.reps.map((r) => [r.repId, r.assignedToday, r.assignedTotal])).toEqual([
			['ana', 2, 3],
			['bo', 2, 2],
			['cy', 1, 1],
		]);
	});
});
