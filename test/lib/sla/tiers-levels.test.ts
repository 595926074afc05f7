import { createCalendar } from '../../../lib/sla/calendar';
import { LeadRoutingError } from '../../../lib/errors';
import { computeLevels, isLate, parsePercentList, reachedLevel, validateLevels } from '../../../lib/sla/levels';
import { chooseTier, defaultTier, validateTiers } from '../../../lib/sla/tiers';
import { measureStop, planTimer, readInstant, slaView } from '../../../lib/sla/timer';

const tiers = validateTiers([
	{ name: 'hot', minutes: 5, minScore: 80, applies: false },
	{ name: 'Warm', minutes: 60, minScore: 50, applies: true },
	{ name: 'cold', minutes: 1440, minScore: 0, applies: true },
]);

describe('tiers', () => {
	it('picks by score, segment, name and condition', () => {
		expect(chooseTier(tiers, { by: 'score', score: 91 })).toMatchObject({ ok: true, tier: { name: 'hot' } });
		expect(chooseTier(tiers, { by: 'score', score: '55' })).toMatchObject({ ok: true, tier: { name: 'Warm' } });
		expect(chooseTier(tiers, { by: 'score', score: 3 })).toMatchObject({ ok: true, tier: { name: 'cold' } });
		expect(chooseTier(tiers, { by: 'segment', segment: 'warm' })).toMatchObject({ ok: true, tier: { name: 'Warm' } });
		expect(chooseTier(tiers, { by: 'name', name: ' COLD ' })).toMatchObject({ ok: true, tier: { name: 'cold' } });
		expect(chooseTier(tiers, { by: 'condition' })).toMatchObject({ ok: true, tier: { name: 'Warm' } });
	});

	it('explains a miss, or uses the fallback tier', () => {
		expect(chooseTier(tiers, { by: 'score', score: 'high' })).toEqual({
			ok: false,
			reason: 'The lead score is not a number ("high")',
		});
		expect(chooseTier(tiers, { by: 'segment', segment: undefined })).toEqual({
			ok: false,
			reason: 'No SLA tier matches the segment empty',
		});
		expect(chooseTier(tiers, { by: 'segment', segment: 'enterprise' }, tiers[2])).toEqual({
			ok: true,
			tier: tiers[2],
			note: 'No SLA tier matches the segment "enterprise": default tier "cold"',
		});
		expect(chooseTier(tiers, { by: 'score', score: undefined }, tiers[1])).toEqual({
			ok: true,
			tier: tiers[1],
			note: 'The lead score is not a number (empty): default tier "Warm"',
		});
		expect(chooseTier(tiers, { by: 'score', score: 91 }, tiers[2])).toEqual({ ok: true, tier: tiers[0] });
		const negativeOnly = validateTiers([{ name: 'a', minutes: 1, minScore: 10 }]);
		expect(chooseTier(negativeOnly, { by: 'score', score: 5 })).toEqual({
			ok: false,
			reason: 'No SLA tier accepts the score 5',
		});
	});

	it('defaults to the named tier, or to the last row of the table', () => {
		expect(defaultTier(tiers, '')).toBe(tiers[2]);
		expect(defaultTier(tiers, undefined)).toBe(tiers[2]);
		expect(defaultTier(tiers, ' warm ')).toBe(tiers[1]);
		expect(() => defaultTier(tiers, 'gold')).toThrow('Options › Default Tier "gold" is not in the tier table');
	});

	it('rejects a broken table with a clear message', () => {
		expect(() => validateTiers([])).toThrow(/tier table is empty/);
		expect(() => validateTiers([{ name: ' ', minutes: 5 }])).toThrow(/SLA tier 1 has no name/);
		expect(() =>
			validateTiers([
				{ name: 'a', minutes: 5 },
				{ name: 'A', minutes: 6 },
			]),
		).toThrow(/"A" is listed twice/);
		expect(() => validateTiers([{ name: 'a', minutes: 0 }])).toThrow(LeadRoutingError);
		expect(() => validateTiers([{ name: 'a', minutes: Number.NaN }])).toThrow(/invalid response time/);
	});
});

describe('levels', () => {
	const calendar = createCalendar({
		timeZone: 'Europe/Berlin',
		workingDays: [1, 2, 3, 4, 5],
		start: '09:00',
		end: '17:00',
	});
	const start = Date.parse('2026-11-17T15:30:00Z'); // 16:30 Berlin
	const settings = validateLevels({ warningPercent: 50, escalationPercents: parsePercentList('300, 200%') });

	it('places warning, breach and escalations in business time', () => {
		const levels = computeLevels(calendar, start, 60, settings);
		expect(levels.map((l) => [l.name, l.percent, new Date(l.at).toISOString()])).toEqual([
			['warning', 50, '2026-11-17T16:00:00.000Z'],
			['breached', 100, '2026-11-18T08:30:00.000Z'],
			['escalated', 200, '2026-11-18T09:30:00.000Z'],
			['escalated', 300, '2026-11-18T10:30:00.000Z'],
		]);
		expect(reachedLevel(levels, Date.parse('2026-11-18T09:00:00Z'))?.name).toBe('breached');
		// Late: a later level was already due when this one is emitted.
		expect(isLate(levels, 0, Date.parse('2026-11-18T09:00:00Z'))).toBe(true);
		expect(isLate(levels, 0, Date.parse('2026-11-17T16:10:00Z'))).toBe(false);
		expect(isLate(levels, 1, Date.parse('2026-11-18T09:00:00Z'))).toBe(false);
		expect(isLate(levels, 1, Date.parse('2026-11-18T09:45:00Z'))).toBe(true);
		expect(isLate(levels, 3, Date.parse('2026-12-01T00:00:00Z'))).toBe(false);
	});

	it('rejects levels that are not before / after the deadline', () => {
		expect(() => validateLevels({ warningPercent: 120, escalationPercents: [] })).toThrow(/Warning at 120%/);
		expect(() => validateLevels({ warningPercent: 50, escalationPercents: [90] })).toThrow(/Escalation at 90%/);
		expect(() => parsePercentList('200, twice')).toThrow(/"twice" is not a number/);
		expect(
			computeLevels(calendar, start, 60, validateLevels({ warningPercent: 0, escalationPercents: [] })).map(
				(l) => l.name,
			),
		).toEqual(['breached']);
	});
});

describe('timer records', () => {
	const calendar = createCalendar({
		timeZone: 'America/New_York',
		workingDays: [1, 2, 3, 4, 5],
		start: '09:00',
		end: '17:00',
	});
	const startedAt = Date.parse('2026-11-17T15:00:00Z'); // 10:00 New York
	const timer = planTimer({
		key: 'ana@acme.com',
		tier: tiers[0],
		calendar,
		levels: { warningPercent: 50, escalationPercents: [200] },
		startedAt,
		lead: { email: 'ana@acme.com' },
	});

	it('shows local times in the sla view', () => {
		expect(slaView(timer, 'open', undefined)).toMatchObject({
			tier: 'hot',
			startedAt: '2026-11-17T10:00:00.000-05:00',
			dueAt: '2026-11-17T10:05:00.000-05:00',
			warnAt: '2026-11-17T10:02:30.000-05:00',
			escalateAt: ['2026-11-17T10:10:00.000-05:00'],
			level: 'none',
			status: 'open',
		});
	});

	it('measures a response as met or breached, in business and wall-clock minutes', () => {
		expect(measureStop(timer, startedAt + 4 * 60_000)).toMatchObject({
			status: 'met',
			responseMinutes: 4,
			businessResponseMinutes: 4,
		});
		const overnight = measureStop(timer, Date.parse('2026-11-18T14:30:00Z'));
		expect(overnight).toMatchObject({
			status: 'breached',
			businessResponseMinutes: 7 * 60 + 30,
			responseMinutes: 23.5 * 60,
		});
		expect(overnight.level?.name).toBe('escalated');
	});

	it('reads start times', () => {
		const now = Date.parse('2026-11-17T15:00:00Z');
		expect(readInstant('', now, 'startedAt')).toEqual({ ok: true, ms: now });
		expect(readInstant('2026-11-17T10:00:00-05:00', now, 'startedAt')).toEqual({ ok: true, ms: now });
		expect(readInstant('yesterday', now, 'startedAt')).toEqual({
			ok: false,
			reason: 'startedAt is not a date ("yesterday")',
		});
	});
});
