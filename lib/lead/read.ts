/** Reading one lead field as clean text, recording why a value could not be used. */
import { htmlToText, toMultilineText, toText } from '../text/clean';
import { isPlaceholder } from './fake';
import { Findings } from './issues';

export const FIELD_LIMITS = {
	email: 320,
	name: 100,
	fullName: 200,
	jobTitle: 200,
	phone: 64,
	company: 200,
	website: 2048,
	country: 100,
	region: 100,
	street: 300,
	city: 100,
	postalCode: 20,
	employees: 100,
	industry: 200,
	source: 200,
	message: 10_000,
	utm: 200,
	date: 100,
} as const;

export class FieldReader {
	constructor(readonly findings: Findings) {}

	/** Clean single-line text, or undefined (with a finding when the value was there but unusable). */
	text(field: string, value: unknown, maxChars: number): string | undefined {
		if (value === undefined) return undefined;
		const { text, problem } = toText(value, maxChars);
		if (problem === 'invalid_type') {
			this.findings.add(field, 'invalid_type', `${field} should be text, but the form sent ${describe(value)}.`);
		} else if (problem === 'too_long') {
			this.findings.add(field, 'too_long', `${field} is longer than ${maxChars} characters and was ignored.`);
		}
		if (!text || isPlaceholder(text)) return undefined;
		return text;
	}

	/** A message keeps its line breaks; an over-long one is cut rather than dropped. */
	message(value: unknown): string | undefined {
		if (value === undefined) return undefined;
		const max = FIELD_LIMITS.message;
		const { text, problem } = toMultilineText(typeof value === 'string' ? htmlToText(value) : value, max);
		if (problem === 'too_long' && typeof value === 'string') {
			this.findings.add('message', 'too_long', `message is longer than ${max} characters and was cut.`);
			return toMultilineText(value.slice(0, max), max).text;
		}
		if (problem) return this.text('message', value, max);
		return text;
	}
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

const TRUE_WORDS = new Set([
	'true',
	'yes',
	'y',
	'on',
	'1',
	'checked',
	'agree',
	'agreed',
	'accept',
	'accepted',
	'ja',
	'oui',
	'si',
	'sí',
	'opt-in',
	'optin',
	'subscribed',
]);
const FALSE_WORDS = new Set([
	'false',
	'no',
	'n',
	'off',
	'0',
	'unchecked',
	'nein',
	'non',
	'declined',
	'opt-out',
	'optout',
	'unsubscribed',
	'',
]);

/** A consent checkbox: booleans, "yes"/"no", checkbox arrays and consent sentences ("I agree to …"). */
export function parseConsent(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (Array.isArray(value)) return value.some((entry) => parseConsent(entry) === true);
	if (typeof value !== 'string' || value.length > 2000) return undefined;
	const text = value.trim().toLowerCase();
	if (TRUE_WORDS.has(text)) return true;
	if (FALSE_WORDS.has(text)) return false;
	if (/\b(?:do not|don't|dont|no)\b/.test(text)) return false;
	return true;
}

// Zone suffixes Date.parse does not read after an ISO date-time: " UTC", " GMT", " +0000", "+0000", and an offset in
// hours only as PostgreSQL writes it ("+02"). A date-time without any zone is read as UTC, not the server's local time.
const ISO_ZONE_SUFFIX =
	/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:(UTC|GMT|Z)|([+-]\d{2})(?::?(\d{2}))?)?$/i;
// 2000-01-01 and 2100-01-01: outside them a "time" is a parsing accident or an id, not a submission time.
const EARLIEST = 946_684_800_000;
const LATEST = 4_102_444_800_000;

/**
 * A submission time as ISO 8601: ISO strings (with " UTC" or "+0000" zones too), common date-time text, and epoch
 * numbers in seconds, milliseconds or microseconds (as numbers or digit strings), each read only when it lands between
 * 2000 and 2100.
 */
export function parseDate(value: unknown): string | undefined {
	let time: number;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,16}(?:\.\d+)?$/.test(value.trim()))) {
		const n = Number(value);
		time = n > 1e14 ? n / 1000 : n > 1e11 ? n : n * 1000;
	} else if (typeof value === 'string' && value.length <= FIELD_LIMITS.date) {
		const text = value.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2');
		const zoned = ISO_ZONE_SUFFIX.exec(text);
		time = Date.parse(zoned ? `${zoned[1]}${zoned[3] ? `${zoned[3]}:${zoned[4] ?? '00'}` : 'Z'}` : text);
	} else {
		return undefined;
	}
	if (!Number.isFinite(time) || time < EARLIEST || time > LATEST) return undefined;
	return new Date(Math.floor(time)).toISOString();
}
