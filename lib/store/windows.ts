/** Calendar windows for capacity and statistics, computed in one time zone so every store agrees on the boundaries. */
import { DateTime } from 'luxon';

export interface Windows {
	/** ISO date, e.g. `2026-11-22`. */
	day: string;
	/** ISO week, e.g. `2026-W47`. */
	week: string;
}

// Zone conversion costs microseconds; every decision in the same minute and zone shares the answer.
const cache = new Map<string, Windows>();

export function windowsAt(epochMs: number, timeZone: string): Windows {
	const key = `${timeZone}|${Math.floor(epochMs / 60000)}`;
	const cached = cache.get(key);
	if (cached) return cached;
	const windows = computeWindows(epochMs, timeZone);
	if (cache.size > 1000) cache.clear();
	cache.set(key, windows);
	return windows;
}

function computeWindows(epochMs: number, timeZone: string): Windows {
	const local = DateTime.fromMillis(epochMs, { zone: timeZone });
	if (!local.isValid) throw new Error(`"${timeZone}" is not a valid time zone`);
	return { day: local.toISODate() ?? '', week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}` };
}

/** Seconds a window's counters are kept: long enough for reports on the previous window, short enough to stay small. */
export const DAY_TTL_SECONDS = 3 * 24 * 3600;
export const WEEK_TTL_SECONDS = 15 * 24 * 3600;
