import { checkStartedAt, chooseStart } from '../../../lib/sla/start';

const now = Date.parse('2026-11-17T15:00:00Z');
const window = { futureToleranceMs: 5 * 60_000, maxAgeMs: 24 * 3_600_000 };
const start = (option: unknown, submittedAt: unknown) => chooseStart({ option, submittedAt, now, window });

describe('checkStartedAt', () => {
	it('accepts a little clock skew and refuses far-future or stale times', () => {
		expect(checkStartedAt(now + 60_000, now, window)).toBeUndefined();
		expect(checkStartedAt(now - 23 * 3_600_000, now, window)).toBeUndefined();
		expect(checkStartedAt(now + 3_600_000, now, window)).toBe('startedAt (2026-11-17T16:00:00.000Z) is in the future');
		expect(checkStartedAt(now - 2 * 86_400_000, now, window, 'submittedAt')).toBe(
			'submittedAt (2026-11-15T15:00:00.000Z) is more than 24 hours in the past',
		);
	});
});

describe('chooseStart', () => {
	it('starts the clock when the lead arrived', () => {
		expect(start('', '2026-11-17T09:52:00-05:00')).toEqual({
			ok: true,
			ms: Date.parse('2026-11-17T14:52:00Z'),
			from: 'submittedAt',
		});
		expect(start(undefined, now - 90_000)).toEqual({ ok: true, ms: now - 90_000, from: 'submittedAt' });
		expect(start(undefined, '2026-11-17T15:02:00Z')).toEqual({ ok: true, ms: now + 120_000, from: 'submittedAt' });
	});

	it('starts now when the lead has no arrival time', () => {
		expect(start('', undefined)).toEqual({ ok: true, ms: now, from: 'now' });
		expect(start(null, '  ')).toEqual({ ok: true, ms: now, from: 'now' });
	});

	it('starts now, with a note, when the arrival time is out of bounds or unreadable (never flags)', () => {
		expect(start('', '2026-11-17T16:00:00Z')).toEqual({
			ok: true,
			ms: now,
			from: 'now',
			note: 'submittedAt (2026-11-17T16:00:00.000Z) is in the future; the clock starts now',
		});
		expect(start('', '2026-11-14T15:00:00Z')).toEqual({
			ok: true,
			ms: now,
			from: 'now',
			note: 'submittedAt (2026-11-14T15:00:00.000Z) is more than 24 hours in the past; the clock starts now',
		});
		expect(start('', 'last tuesday')).toEqual({
			ok: true,
			ms: now,
			from: 'now',
			note: 'submittedAt is not a date ("last tuesday"); the clock starts now',
		});
		// A number beyond the range a date can hold (found by the pipeline property test on raw items).
		expect(start('', 1e21)).toEqual({
			ok: true,
			ms: now,
			from: 'now',
			note: 'submittedAt is not a date (1e+21); the clock starts now',
		});
	});

	it('prefers the Started At option and flags it when it is out of bounds', () => {
		expect(start('2026-11-17T09:30:00-05:00', '2026-11-17T14:00:00Z')).toEqual({
			ok: true,
			ms: Date.parse('2026-11-17T14:30:00Z'),
			from: 'option',
		});
		expect(start('yesterday', '2026-11-17T14:00:00Z')).toEqual({
			ok: false,
			reason: 'startedAt is not a date ("yesterday")',
		});
		expect(start('2026-11-17T16:00:00Z', undefined)).toEqual({
			ok: false,
			reason: 'startedAt (2026-11-17T16:00:00.000Z) is in the future',
		});
		expect(start('2026-11-10T16:00:00Z', undefined)).toEqual({
			ok: false,
			reason: 'startedAt (2026-11-10T16:00:00.000Z) is more than 24 hours in the past',
		});
	});
});
