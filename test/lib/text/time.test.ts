import { isTimeZone, parseClock } from '../../../lib/text/time';

describe('times of day', () => {
	it('reads 24-hour times with or without minutes', () => {
		expect(parseClock('09:00')).toBe(540);
		expect(parseClock(' 9:30 ')).toBe(570);
		expect(parseClock('17')).toBe(1020);
		expect(parseClock('23:59')).toBe(1439);
	});

	it('allows 24:00 only as an end of day', () => {
		expect(parseClock('24:00')).toBeUndefined();
		expect(parseClock('24:00', { endOfDay: true })).toBe(1440);
		expect(parseClock('24:30', { endOfDay: true })).toBeUndefined();
	});

	it('refuses what is not a time', () => {
		for (const text of ['25:00', '12:60', '9:5', '9.30', '9am', '', '12:00:00', '-1:00'])
			expect(parseClock(text)).toBeUndefined();
	});
});

describe('time zones', () => {
	it('accepts IANA names and refuses the rest', () => {
		expect(isTimeZone('Europe/Berlin')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		for (const zone of ['Mars/Olympus', '', ' Europe/Berlin', 'x'.repeat(80), 42, undefined])
			expect(isTimeZone(zone)).toBe(false);
	});
});
