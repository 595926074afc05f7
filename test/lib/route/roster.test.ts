import { isOutOfOffice, isWithinWorkingTime, parseWorkingDays, parseWorkingHours } from '../../../lib/route/calendar';
import { buildRoster, RosterError } from '../../../lib/route/roster';
import { toFallbackConfig, toRuleConfigs } from '../../../lib/route/rules';

describe('roster', () => {
	it('accepts sheet-style text values and fills defaults', () => {
		const roster = buildRoster(
			JSON.stringify([
				{
					id: 'ana',
					name: 'Ana',
					email: 'Ana@X.com',
					weight: '2',
					active: 'TRUE',
					teams: 'EMEA, Enterprise',
					skills: 'German',
					capacityPerDay: '5',
				},
				{ id: 7, active: 'no' },
			]),
		);
		expect(roster.reps[0]).toMatchObject({
			id: 'ana',
			email: 'ana@x.com',
			weight: 2,
			active: true,
			teams: ['EMEA', 'Enterprise'],
			skills: ['german'],
			capacityDay: 5,
			timeZone: 'UTC',
		});
		expect(roster.reps[1]).toMatchObject({ id: '7', active: false, weight: 1, priority: 100 });
		expect(roster.teams.get('emea')?.map((r) => r.id)).toEqual(['ana']);
		expect(roster.byEmail.get('ana@x.com')?.id).toBe('ana');
	});

	it.each([
		[[{ id: 'ana', timeZone: 'Mars/Base' }], /Rep "ana": "Mars\/Base" is not a valid time zone/],
		[[{ id: 'bo', workingHours: '9 to 5' }], /Rep "bo": working hours/],
		[[{ id: 'cy', workingHours: '25:00-26:00' }], /Rep "cy": working hours/],
		[[{ id: 'di', weight: 0 }], /Rep "di": weight must be greater than 0/],
		[[{ id: 'ed', weight: -1 }], /Rep "ed": weight must be greater than 0/],
		[[{ id: 'fa' }, { id: 'fa' }], /Rep "fa" appears twice/],
		[[{ id: 'gu', workingDays: 'Funday' }], /Rep "gu": working days/],
		[[{ id: 'ha', outOfOffice: '2026-13-45' }], /Rep "ha": out of office/],
		[[{ id: 'ib', capacityPerDay: 'many' }], /Rep "ib": capacityPerDay/],
		[[{ name: 'nobody' }], /Rep #1: the ID is empty/],
		[[{ id: '__proto__' }], /reserved/],
		['{not json', /not valid JSON/],
		[{ id: 'x' }, /must be a list/],
	])('rejects %j with a message naming the problem', (input, message) => {
		expect(() => buildRoster(input)).toThrow(RosterError);
		expect(() => buildRoster(input)).toThrow(message);
	});

	it('treats an empty or missing roster as empty', () => {
		expect(buildRoster('').reps).toEqual([]);
		expect(buildRoster(undefined).reps).toEqual([]);
		expect(buildRoster([]).reps).toEqual([]);
	});
});

describe('calendar', () => {
	const at = (iso: string) => Date.parse(iso);
	it('evaluates working hours in the rep time zone, including overnight shifts', () => {
		const days = parseWorkingDays('Mon-Fri');
		const office = parseWorkingHours('09:00-17:00');
		// 2026-11-24 is a Tuesday; 08:30 UTC is 09:30 in Berlin and 03:30 in New York.
		expect(isWithinWorkingTime(at('2026-11-24T08:30:00Z'), 'Europe/Berlin', office, days)).toBe(true);
		expect(isWithinWorkingTime(at('2026-11-24T08:30:00Z'), 'America/New_York', office, days)).toBe(false);
		expect(isWithinWorkingTime(at('2026-11-22T10:00:00Z'), 'UTC', office, days)).toBe(false);
		const night = parseWorkingHours('22:00-06:00');
		expect(isWithinWorkingTime(at('2026-11-24T23:00:00Z'), 'UTC', night, days)).toBe(true);
		// Saturday 02:00 belongs to Friday's shift.
		expect(isWithinWorkingTime(at('2026-11-28T02:00:00Z'), 'UTC', night, days)).toBe(true);
		expect(isWithinWorkingTime(at('2026-11-29T02:00:00Z'), 'UTC', night, days)).toBe(false);
	});

	it('parses day lists and ranges that wrap the week', () => {
		expect([...parseWorkingDays('Fri-Mon')].sort()).toEqual([1, 5, 6, 7]);
		expect([...parseWorkingDays(['Sat', 'sunday'])].sort()).toEqual([6, 7]);
	});

	it('treats out-of-office dates as whole days in the rep zone', () => {
		const roster = buildRoster([{ id: 'a', timeZone: 'America/New_York', outOfOffice: '2026-12-24..2026-12-26' }]);
		const ooo = roster.reps[0].outOfOffice;
		expect(isOutOfOffice(at('2026-12-27T04:59:00Z'), ooo)).toBe(true);
		expect(isOutOfOffice(at('2026-12-27T05:01:00Z'), ooo)).toBe(false);
		expect(isOutOfOffice(at('2026-12-24T04:59:00Z'), ooo)).toBe(false);
	});
});

describe('rule configuration', () => {
	it('gives rules stable distinct ids and checks required fields', () => {
		const rules = toRuleConfigs([{ name: 'EMEA Team' }, { name: 'EMEA team' }, {}]);
		expect(rules.map((r) => r.id)).toEqual(['emea-team', 'emea-team-2', 'rule-3']);
		expect(() => toRuleConfigs([{ assignTo: 'specificRep' }])).toThrow(/Rule 1: set the Rep ID/);
		expect(() => toRuleConfigs([{ name: 'Q', assignTo: 'queue' }])).toThrow(/Rule 1 \("Q"\): set the Queue Name/);
		expect(() => toRuleConfigs([{ name: 'Q', assignTo: 'queue', queueName: 'Desk' }])).toThrow(
			/Rule 1 \("Q"\): set the Queue Owner ID/,
		);
		expect(() => toRuleConfigs([{ strategy: 'coinFlip' }])).toThrow(/unknown strategy/);
		expect(() => toFallbackConfig({ queueName: 'Unassigned' })).toThrow(/needs a name and an owner/);
	});
});
