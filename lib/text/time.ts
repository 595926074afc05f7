/** Times of day and time zones as people type them into node settings and rosters. */
import { IANAZone } from 'luxon';

const CLOCK = /^(\d{1,2})(?::(\d{2}))?$/;

/**
 * Minutes after midnight of a 24-hour time ("9", "09:00", "17:30"); undefined when the text is not one.
 * "24:00" (1440, the end of a day) only where `endOfDay` allows it: as the end of working hours.
 */
export function parseClock(text: string, { endOfDay = false } = {}): number | undefined {
	const match = CLOCK.exec(String(text ?? '').trim());
	if (!match) return undefined;
	const hours = Number(match[1]);
	const minutes = Number(match[2] ?? 0);
	if (minutes > 59 || hours > 24 || (hours === 24 && (minutes > 0 || !endOfDay))) return undefined;
	return hours * 60 + minutes;
}

/** Whether the value is an IANA time-zone name such as Europe/Berlin (exactly as given: trim it first). */
export function isTimeZone(zone: unknown): zone is string {
	// Zone names are short; the length check keeps pasted garbage away from Intl.
	return typeof zone === 'string' && zone !== '' && zone.length < 64 && IANAZone.isValidZone(zone);
}
