import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addBusinessMinutes, businessMinutesBetween, createCalendar, isOpenAt } from '../../../lib/sla/calendar';
import { LeadRoutingError } from '../../../lib/errors';

const WEEKDAYS = [1, 2, 3, 4, 5];
const cal = (timeZone: string, extra: Partial<Parameters<typeof createCalendar>[0]> = {}) =>
	createCalendar({ timeZone, workingDays: WEEKDAYS, start: '09:00', end: '17:00', ...extra });
const at = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toMillis();
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ZZ");

describe('business-hours clock', () => {
	const NY = 'America/New_York';
	const ny = cal(NY);

	it('adds minutes inside one working day', () => {
		expect(local(addBusinessMinutes(ny, at('2026-11-17T10:00', NY), 60), NY)).toBe('2026-11-17T11:00 -05:00');
	});

	it('carries an overnight span to the next morning', () => {
		expect(local(addBusinessMinutes(ny, at('2026-11-17T16:30', NY), 60), NY)).toBe('2026-11-18T09:30 -05:00');
	});

	it('skips the weekend', () => {
		expect(local(addBusinessMinutes(ny, at('2026-11-20T16:00', NY), 120), NY)).toBe('2026-11-23T10:00 -05:00');
	});

	it('starts the clock at the next opening for a lead arriving outside hours', () => {
		expect(local(addBusinessMinutes(ny, at('2026-11-21T12:00', NY), 5), NY)).toBe('2026-11-23T09:05 -05:00');
		expect(local(addBusinessMinutes(ny, at('2026-11-17T06:00', NY), 5), NY)).toBe('2026-11-17T09:05 -05:00');
		expect(local(addBusinessMinutes(ny, at('2026-11-17T20:00', NY), 5), NY)).toBe('2026-11-18T09:05 -05:00');
		expect(isOpenAt(ny, at('2026-11-17T20:00', NY))).toBe(false);
		expect(isOpenAt(ny, at('2026-11-17T10:00', NY))).toBe(true);
	});

	it('skips holidays', () => {
		const withThanksgiving = cal(NY, { holidays: ['2026-11-26'] });
		expect(local(addBusinessMinutes(withThanksgiving, at('2026-11-25T16:30', NY), 60), NY)).toBe(
			'2026-11-27T09:30 -05:00',
		);
		expect(businessMinutesBetween(withThanksgiving, at('2026-11-25T16:30', NY), at('2026-11-27T09:30', NY))).toBe(60);
	});

	it('keeps 09:00 local across the New York spring-forward weekend', () => {
		const due = addBusinessMinutes(ny, at('2026-03-06T16:00', NY), 120);
		expect(local(due, NY)).toBe('2026-03-09T10:00 -04:00');
		expect(new Date(due).toISOString()).toBe('2026-03-09T14:00:00.000Z');
	});

	it('counts real minutes on the 23-hour and 25-hour New York days', () => {
		const allDay = cal(NY, { workingDays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' });
		expect(local(addBusinessMinutes(allDay, at('2026-03-07T23:00', NY), 240), NY)).toBe('2026-03-08T04:00 -04:00');
		expect(businessMinutesBetween(allDay, at('2026-03-08T00:00', NY), at('2026-03-09T00:00', NY))).toBe(23 * 60);
		expect(businessMinutesBetween(allDay, at('2026-11-01T00:00', NY), at('2026-11-02T00:00', NY))).toBe(25 * 60);
		const nightWindow = cal(NY, { workingDays: [7], start: '01:00', end: '04:00' });
		expect(businessMinutesBetween(nightWindow, at('2026-03-08T00:00', NY), at('2026-03-08T12:00', NY))).toBe(120);
	});

	it('handles the Berlin autumn switch', () => {
		const BER = 'Europe/Berlin';
		const berlin = cal(BER);
		const start = at('2026-10-23T16:00', BER);
		const due = addBusinessMinutes(berlin, start, 120);
		expect(local(due, BER)).toBe('2026-10-26T10:00 +01:00');
		expect(new Date(due).toISOString()).toBe('2026-10-26T09:00:00.000Z');
		expect(businessMinutesBetween(berlin, start, due)).toBe(120);
		expect((due - start) / 60_000).toBe(3 * 24 * 60 - 6 * 60 + 60);
		const spring = addBusinessMinutes(berlin, at('2026-03-27T16:30', BER), 60);
		expect(local(spring, BER)).toBe('2026-03-30T09:30 +02:00');
	});

	it('uses the half-hour offset of Asia/Kolkata', () => {
		const IST = 'Asia/Kolkata';
		const kolkata = cal(IST);
		const opening = addBusinessMinutes(kolkata, Date.parse('2026-11-16T00:00:00Z'), 0);
		expect(new Date(opening).toISOString()).toBe('2026-11-16T03:30:00.000Z');
		expect(new Date(addBusinessMinutes(kolkata, opening, 30)).toISOString()).toBe('2026-11-16T04:00:00.000Z');
		expect(new Date(addBusinessMinutes(kolkata, Date.parse('2026-11-16T11:00:00Z'), 60)).toISOString()).toBe(
			'2026-11-17T04:00:00.000Z',
		);
	});

	it('gives a rep in Berlin and a team in New York different deadlines for the same lead', () => {
		const arrival = Date.parse('2026-11-17T15:00:00Z');
		const team = addBusinessMinutes(ny, arrival, 120);
		const rep = addBusinessMinutes(cal('Europe/Berlin'), arrival, 120);
		expect(new Date(team).toISOString()).toBe('2026-11-17T17:00:00.000Z');
		expect(new Date(rep).toISOString()).toBe('2026-11-18T09:00:00.000Z');
	});

	it('treats Instant (24/7) as wall-clock minutes', () => {
		const instant = createCalendar({ instant: true, timeZone: 'UTC', workingDays: [], start: '', end: '' });
		const start = at('2026-11-21T23:58', 'UTC');
		expect(addBusinessMinutes(instant, start, 5) - start).toBe(5 * 60_000);
		expect(businessMinutesBetween(instant, start, start + 90_000)).toBe(1.5);
	});

	it('measures exactly what it adds, in any zone (property)', () => {
		const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-12-31') }),
				fc.integer({ min: 0, max: 5000 }),
				(zone, start, minutes) => {
					const calendar = cal(zone, { holidays: ['2026-12-25', '2027-01-01'], start: '08:30', end: '18:00' });
					const due = addBusinessMinutes(calendar, start, minutes);
					expect(due).toBeGreaterThanOrEqual(start);
					expect(Math.round(businessMinutesBetween(calendar, start, due) * 1000) / 1000).toBe(minutes);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('calendar configuration errors', () => {
	const bad = (input: Partial<Parameters<typeof createCalendar>[0]>, message: RegExp) => {
		expect(() => cal('Europe/Berlin', input)).toThrow(LeadRoutingError);
		expect(() => cal('Europe/Berlin', input)).toThrow(message);
	};
	it('names each problem', () => {
		bad({ timeZone: 'Mars/Olympus' }, /Time zone "Mars\/Olympus" is not a valid IANA time zone/);
		bad({ timeZone: '' }, /is not a valid IANA time zone/);
		bad({ start: '25:00' }, /Working hours start "25:00" is not a valid time/);
		bad({ end: '17:60' }, /Working hours end "17:60"/);
		bad({ start: '9am' }, /Working hours start "9am"/);
		bad({ start: '18:00', end: '08:00' }, /end \(08:00\) is not after start \(18:00\)/);
		bad({ holidays: ['2026-12-25', ' '] }, /Holiday entry 2 is empty/);
		bad({ holidays: ['2026-02-30'] }, /Holiday entry 1 \("2026-02-30"\) is not a date/);
		bad({ workingDays: [] }, /Working days must list at least one weekday/);
	});
	it('accepts 24:00 as the end of the day', () => {
		expect(cal('UTC', { end: '24:00' }).endMinute).toBe(1440);
	});
});
