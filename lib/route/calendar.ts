/** Working hours, working days and out-of-office ranges, evaluated in each rep's own time zone. */
import { DateTime } from 'luxon';
import { parseClock } from '../text/time';

export interface HoursRange {
	/** Minutes after midnight. A range with end <= start runs over midnight (e.g. 22:00-06:00). */
	start: number;
	end: number;
}

export interface DateRange {
	from: number;
	to: number;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function minutes(hhmm: string): number {
	const value = parseClock(hhmm, { endOfDay: true });
	if (value === undefined) throw new Error(`"${hhmm}" is not a time of day such as 09:00`);
	return value;
}

/** "09:00-17:30" */
export function parseWorkingHours(value: string): HoursRange {
	// Split, then trim: /\s*-\s*/ backtracks quadratically on long runs of spaces.
	const parts = value.split(/[-–]/).map((part) => part.trim());
	if (parts.length !== 2) throw new Error(`"${value}" must look like 09:00-17:00`);
	const start = minutes(parts[0]);
	const end = minutes(parts[1]);
	if (start === end) throw new Error(`"${value}" is an empty range`);
	return { start, end };
}

function day(token: string): number {
	const index = DAYS.indexOf(token.trim().slice(0, 3).toLowerCase());
	if (index < 0) throw new Error(`"${token}" is not a day name such as Mon`);
	return index + 1;
}

/** "Mon-Fri", "Mon,Wed,Fri", ["Sat", "Sun"] */
export function parseWorkingDays(value: string | string[]): Set<number> {
	const tokens = (Array.isArray(value) ? value : value.split(',')).map((t) => t.trim()).filter(Boolean);
	const days = new Set<number>();
	for (const token of tokens) {
		const [a, b] = token.split(/[-–]/).map((part) => part.trim());
		if (b === undefined) days.add(day(a));
		else
			for (let d = day(a), end = day(b), n = 0; n < 7; d = (d % 7) + 1, n++) {
				days.add(d);
				if (d === end) break;
			}
	}
	if (!days.size) throw new Error('lists no day');
	return days;
}

function instant(value: string, zone: string, endOfDay: boolean): number {
	const trimmed = value.trim();
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
	const parsed = DateTime.fromISO(trimmed, { zone });
	if (!parsed.isValid) throw new Error(`"${value}" is not a date such as 2026-12-24`);
	return (dateOnly && endOfDay ? parsed.endOf('day') : parsed).toMillis();
}

/** "2026-12-20..2027-01-02; 2027-02-14", or a list of strings or {from, to}; dates are whole days in the rep's zone. */
export function parseOutOfOffice(
	value: string | Array<string | { from: string; to?: string }>,
	zone: string,
): DateRange[] {
	const items = Array.isArray(value) ? value : value.split(/[;\n]/).filter((s) => s.trim());
	return items.map((item) => {
		const [from, to] = typeof item === 'string' ? item.split('..') : [item.from, item.to];
		const range = { from: instant(from, zone, false), to: instant(to ?? from, zone, true) };
		if (range.to < range.from) throw new Error(`"${from}..${to}" ends before it starts`);
		return range;
	});
}

export interface LocalClock {
	weekday: number;
	minuteOfDay: number;
}

// Zone conversion is the costly part of eligibility; leads arriving in the same minute share it.
const clocks = new Map<string, LocalClock>();

export function localClock(epochMs: number, zone: string): LocalClock {
	const minute = Math.floor(epochMs / 60000);
	const key = `${zone}|${minute}`;
	let clock = clocks.get(key);
	if (!clock) {
		const t = DateTime.fromMillis(minute * 60000, { zone });
		clock = { weekday: t.weekday, minuteOfDay: t.hour * 60 + t.minute };
		if (clocks.size > 5000) clocks.clear();
		clocks.set(key, clock);
	}
	return clock;
}

export function isWithinWorkingTime(
	epochMs: number,
	zone: string,
	hours: HoursRange | null,
	days: Set<number>,
): boolean {
	const { weekday, minuteOfDay } = localClock(epochMs, zone);
	if (!hours) return days.has(weekday);
	if (hours.start < hours.end) return days.has(weekday) && minuteOfDay >= hours.start && minuteOfDay < hours.end;
	// Overnight shift: the early-morning part belongs to the shift that started the day before.
	if (minuteOfDay >= hours.start) return days.has(weekday);
	return minuteOfDay < hours.end && days.has(weekday === 1 ? 7 : weekday - 1);
}

export function isOutOfOffice(epochMs: number, ranges: DateRange[]): boolean {
	for (const r of ranges) if (epochMs >= r.from && epochMs <= r.to) return true;
	return false;
}
