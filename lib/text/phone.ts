/**
 * Phone numbers to E.164 with libphonenumber-js. The `max` metadata validates the digits themselves, not just
 * the length, at the same parsing speed as `min` (measured).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { getCountries } from 'libphonenumber-js/max';

const SUPPORTED = new Set<string>(getCountries());

export type PhoneResult =
	{ ok: true; e164: string; country?: string; extension?: string } | { ok: false; reason: string };

/** Whether libphonenumber-js knows numbering rules for this ISO alpha-2 code. */
export function isPhoneCountry(code: string | undefined): code is CountryCode {
	return !!code && SUPPORTED.has(code);
}

/**
 * Parses a number typed by a person. `countries` are tried in order for numbers without an international prefix
 * (the lead's own country first, then the default); an international number ignores them.
 */
export function normalizePhone(input: string, countries: Array<string | undefined>): PhoneResult {
	const text = input.replace(/^tel:/i, '').trim();
	if (text.length > 64) return { ok: false, reason: 'is too long to be a phone number' };
	const digits = text.replace(/\D/g, '');
	if (digits.length < 5) return { ok: false, reason: 'has too few digits' };
	// Without a country to read it in, a number long enough to carry a country code is read as international.
	const known = countries.filter(isPhoneCountry);
	const international =
		/^\s*(\+|00)/.test(text) || (!known.length && digits.length >= 11 && !text.trim().startsWith('0'));
	const candidates = international ? [undefined] : known;
	if (!candidates.length) {
		return { ok: false, reason: 'has no country code and the lead has no country (set a Default Phone Country)' };
	}
	const tried = new Set<string | undefined>();
	for (const country of candidates) {
		if (tried.has(country)) continue;
		tried.add(country);
		const source = !international ? text : /^\s*(\+|00)/.test(text) ? text.replace(/^\s*00/, '+') : `+${digits}`;
		const parsed = parsePhoneNumberFromString(source, country ? { defaultCountry: country } : undefined);
		if (parsed?.isValid()) {
			return { ok: true, e164: parsed.number, country: parsed.country, extension: parsed.ext };
		}
	}
	return { ok: false, reason: 'is not a valid phone number' };
}

const FAKE_PATTERNS = [/^(\d)\1+$/, /^0?1234567890?$/, /^0?123456789$/, /^9876543210$/];

/** Numbers people type to get past a required field: all one digit, 1234567890, 555-0100…555-0199. */
export function isFakePhone(e164OrDigits: string): boolean {
	const digits = e164OrDigits.replace(/\D/g, '');
	const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
	if (FAKE_PATTERNS.some((pattern) => pattern.test(national) || pattern.test(digits))) return true;
	// North American numbers 555-0100 to 555-0199 are reserved for fiction.
	return national.length === 10 && /^\d{3}55501\d\d$/.test(national);
}
