/**
 * Business-hours clock: adds business minutes to an instant and measures business minutes between two instants, in
 * one IANA time zone with working days, daily hours and holidays. All calendar arithmetic goes through luxon, so DST
 * switches and half-hour offsets come from the time-zone database, never from hand-made offsets.
 */
import { DateTime } from 'luxon';
import { isTimeZone, parseClock } from '../text/time';
import { LeadRoutingError } from '../errors';

export interface BusinessHoursInput {
	/** Open 24/7: business minutes are wall-clock minutes. */
	instant?: boolean;
	timeZone: string;
	/** ISO weekdays: 1 = Monday … 7 = Sunday. */
	workingDays: number[];
	/** "HH:MM", 24-hour clock. */
	start: string;
	/** "HH:MM"; "24:00" means until midnight. */
	end: string;
	/** "YYYY-MM-DD" dates in the calendar's time zone. */
	holidays?: string[];
}

/** A validated calendar; plain JSON so a timer can carry it and Stop can measure with the same rules. */
export interface BusinessCalendar {
	instant: boolean;
	timeZone: string;
	workingDays: number[];
	startMinute: number;
	endMinute: number;
	holidays: string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar that never opens (e.g. every working day a holiday) must fail, not loop forever. */
const MAX_DAYS_AHEAD = 800;

function clock(value: string, label: string): number {
	const minutes = parseClock(value, { endOfDay: true });
	if (minutes === undefined) {
		throw new LeadRoutingError(
			`${label} "${value}" is not a valid time`,
			'Use the 24-hour format HH:MM between 00:00 and 24:00, e.g. 09:00 or 17:30.',
		);
	}
	return minutes;
}

export function createCalendar(input: BusinessHoursInput): BusinessCalendar {
	const timeZone = String(input.timeZone ?? '').trim();
	if (!isTimeZone(timeZone)) {
		throw new LeadRoutingError(
			`Time zone "${input.timeZone}" is not a valid IANA time zone`,
			'Use a name from the time-zone database, e.g. Europe/Berlin, America/New_York or Asia/Kolkata.',
		);
	}
	if (input.instant) {
		return {
			instant: true,
			timeZone,
			workingDays: [1, 2, 3, 4, 5, 6, 7],
			startMinute: 0,
			endMinute: 1440,
			holidays: [],
		};
	}
	const startMinute = clock(input.start, 'Working hours start');
	const endMinute = clock(input.end, 'Working hours end');
	if (endMinute <= startMinute) {
		throw new LeadRoutingError(
			`Working hours end (${input.end}) is not after start (${input.start})`,
			'Overnight shifts are not supported: set an end time later than the start time on the same day.',
		);
	}
	const workingDays = [...new Set(input.workingDays)].sort((a, b) => a - b);
	if (!workingDays.length || workingDays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
		throw new LeadRoutingError(
			'Working days must list at least one weekday',
			'Pick one or more days from Monday to Sunday.',
		);
	}
	const holidays = (input.holidays ?? []).map((entry, index) => parseHoliday(entry, index));
	return { instant: false, timeZone, workingDays, startMinute, endMinute, holidays: [...new Set(holidays)].sort() };
}

function parseHoliday(entry: string, index: number): string {
	const text = typeof entry === 'string' ? entry.trim() : '';
	if (!text) {
		throw new LeadRoutingError(
			`Holiday entry ${index + 1} is empty`,
			'Remove the empty entry or enter a date as YYYY-MM-DD.',
		);
	}
	const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? DateTime.fromISO(text, { zone: 'UTC' }) : undefined;
	if (!date?.isValid) {
		throw new LeadRoutingError(
			`Holiday entry ${index + 1} ("${text}") is not a date`,
			'Enter holidays as YYYY-MM-DD, e.g. 2026-12-25.',
		);
	}
	return text;
}

interface Window {
	start: number;
	end: number;
}

/** The working window of the calendar day `day` (start of that day in the calendar's zone), or null when closed. */
function windowOf(calendar: BusinessCalendar, day: DateTime, holidays: ReadonlySet<string>): Window | null {
	if (!calendar.workingDays.includes(day.weekday) || holidays.has(day.toISODate() ?? '')) return null;
	return { start: atMinute(day, calendar.startMinute), end: atMinute(day, calendar.endMinute) };
}

// Wall-clock setting (not adding minutes) keeps 09:00 at 09:00 on DST days; a skipped local time moves forward.
function atMinute(day: DateTime, minuteOfDay: number): number {
	if (minuteOfDay >= 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
	return day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }).toMillis();
}

function firstDay(calendar: BusinessCalendar, ms: number): DateTime {
	return DateTime.fromMillis(ms, { zone: calendar.timeZone }).startOf('day');
}

/** The instant reached after `minutes` business minutes starting at `startMs`. */
export function addBusinessMinutes(calendar: BusinessCalendar, startMs: number, minutes: number): number {
	if (calendar.instant) return startMs + minutes * MINUTE;
	const holidays = new Set(calendar.holidays);
	let remaining = Math.max(0, minutes) * MINUTE;
	let day = firstDay(calendar, startMs);
	for (let i = 0; i < MAX_DAYS_AHEAD; i++) {
		const window = windowOf(calendar, day, holidays);
		if (window) {
			const from = Math.max(startMs, window.start);
			if (from < window.end) {
				const available = window.end - from;
				if (remaining <= available) return from + remaining;
				remaining -= available;
			}
		}
		day = day.plus({ days: 1 });
	}
	throw new LeadRoutingError(
		'The business calendar has no working time in the next two years',
		'Check the working days and the holiday list.',
	);
}

/** Business minutes between two instants (0 when `toMs` is not after `fromMs`). */
export function businessMinutesBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
	if (toMs <= fromMs) return 0;
	if (calendar.instant) return (toMs - fromMs) / MINUTE;
	const holidays = new Set(calendar.holidays);
	let total = 0;
	const days = Math.ceil((toMs - fromMs) / DAY) + 2;
	let day = firstDay(calendar, fromMs);
	for (let i = 0; i < days && day.toMillis() < toMs; i++) {
		const window = windowOf(calendar, day, holidays);
		if (window) {
			const from = Math.max(fromMs, window.start);
			const to = Math.min(toMs, window.end);
			if (to > from) total += to - from;
		}
		day = day.plus({ days: 1 });
	}
	return total / MINUTE;
}

/** Whether `ms` falls inside working time. */
export function isOpenAt(calendar: BusinessCalendar, ms: number): boolean {
	if (calendar.instant) return true;
	const window = windowOf(calendar, firstDay(calendar, ms), new Set(calendar.holidays));
	return !!window && ms >= window.start && ms < window.end;
}
