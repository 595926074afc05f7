/**
 * Dates in messages as a person writes them, in the recipient's time zone: "Tuesday 1 December at 12:17 CET" rather
 * than "2026-12-01T12:17:59.038+01:00". Any value that is an ISO 8601 date-time (with a time and an offset, as the
 * nodes write `sla.dueAt`, `submittedAt`, `routing.assignedAt`) is shown this way; other text is left alone.
 */
import { DateTime } from 'luxon';
import { isTimeZone } from '../text/time';

export interface DateStyle {
	/** IANA zone of the person reading the message. */
	zone: string;
	/** Language of the message ("en", "de"...). */
	language: string;
	/** Now, for whether to name the year. */
	now: number;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

const WITHOUT_YEAR: Intl.DateTimeFormatOptions = {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	hour: 'numeric',
	minute: '2-digit',
	timeZoneName: 'short',
};
const WITH_YEAR: Intl.DateTimeFormatOptions = { ...WITHOUT_YEAR, year: 'numeric' };

// English readers in the Americas expect "December 1, 6:17 AM"; elsewhere "1 December, 06:17".
function locale(language: string, zone: string): string {
	if (language !== 'en') return language;
	return zone.startsWith('America/') ? 'en-US' : 'en-GB';
}

/** The readable form of `text` when it is an ISO date-time, else undefined. */
export function readableDateTime(text: string, style: DateStyle): string | undefined {
	if (text.length > 40 || !ISO_DATE_TIME.test(text.trim())) return undefined;
	const zone = isTimeZone(style.zone) ? style.zone : 'UTC';
	const time = DateTime.fromISO(text.trim(), { zone });
	if (!time.isValid) return undefined;
	const sameYear = time.year === DateTime.fromMillis(style.now, { zone }).year;
	try {
		return time.setLocale(locale(style.language, zone)).toLocaleString(sameYear ? WITHOUT_YEAR : WITH_YEAR);
	} catch {
		return time.setLocale('en-GB').toLocaleString(sameYear ? WITHOUT_YEAR : WITH_YEAR);
	}
}
