/**
 * Quiet hours for SMS in the lead's local time. A country can span several time zones (US, CA, AU, RU, BR…) and a
 * phone number does not tell which one, so unless the lead carries an explicit zone we only text when it is outside
 * quiet hours in every zone of the country: nobody gets woken up.
 */
import { DateTime } from 'luxon';
import { isTimeZone, parseClock } from '../text/time';

export interface QuietHours {
	/** 'HH:mm', local time at which quiet hours begin (e.g. 20:00). */
	start: string;
	/** 'HH:mm', local time at which texting is allowed again (e.g. 08:00). */
	end: string;
}

export interface QuietCheck {
	quiet: boolean;
	zones: string[];
	/** Earliest time (ms) at which texting is allowed, when `quiet`. */
	nextAllowed?: number;
}

function countryZones(country: string): string[] {
	try {
		const locale = new Intl.Locale('und', { region: country }) as Intl.Locale & { timeZones?: string[] };
		return (locale.timeZones ?? []).filter((zone) => !zone.startsWith('Antarctica/') && isTimeZone(zone));
	} catch {
		return [];
	}
}

/** The zones to respect: the lead's own zone if known, else its country's zones, else the fallback. */
export function leadTimeZones(explicitZone: unknown, country: string | undefined, fallback: string): string[] {
	if (isTimeZone(explicitZone)) return [explicitZone];
	const zones = country ? countryZones(country) : [];
	return zones.length ? zones : [isTimeZone(fallback) ? fallback : 'UTC'];
}

function isQuietMinute(minute: number, start: number, end: number): boolean {
	if (start === end) return false;
	return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function quietIn(time: number, zone: string, start: number, end: number): boolean {
	const local = DateTime.fromMillis(time, { zone });
	return isQuietMinute(local.hour * 60 + local.minute, start, end);
}

export function checkQuietHours(now: number, zones: string[], hours: QuietHours): QuietCheck {
	const start = parseClock(hours.start);
	const end = parseClock(hours.end);
	if (start === undefined || end === undefined)
		throw new Error(`Quiet hours "${hours.start}"–"${hours.end}" are not times like 20:00`);
	if (!zones.some((zone) => quietIn(now, zone, start, end))) return { quiet: false, zones };
	const candidates: number[] = [];
	for (const zone of zones) {
		const today = DateTime.fromMillis(now, { zone }).startOf('day');
		for (let day = 0; day <= 2; day++) {
			const at = today
				.plus({ days: day })
				.set({ hour: Math.floor(end / 60), minute: end % 60 })
				.toMillis();
			if (at > now) candidates.push(at);
		}
	}
	candidates.sort((a, b) => a - b);
	// When the zones share no common window (a country spanning more hours than the allowed window), the first
	// zone to leave quiet hours decides rather than never texting at all.
	const allClear = candidates.find((at) => !zones.some((zone) => quietIn(at, zone, start, end)));
	return { quiet: true, zones, nextAllowed: allClear ?? candidates[0] };
}
