/**
 * One-line postal addresses, as address questions and autocomplete widgets send them ("12 Main St, Springfield, IL
 * 62701, USA"), split into street, city, region, postal code and country. Read from the end: an optional country, then
 * the postal code and the region (together or apart, either order), then the city; what is left is the street.
 *
 * Understood: parts separated by commas, semicolons or line breaks, in the orders of the United States, Canada and
 * Australia ("City, ST 12345", "City ST 2000"), the United Kingdom ("London SW1A 2AA" or "London, SW1A 2AA") and
 * continental Europe's "postcode city" ("10117 Berlin", "75001 Paris", "1012 LG Amsterdam", "00-950 Warszawa").
 * Not understood, so left whole in the street: addresses without separators, Japanese and Chinese orders (largest
 * place first), and any text whose end names no city, region, postal code or country. A region is coded only where
 * lib/text/region has a table (US, CA, IN, AU); elsewhere it stays as typed.
 */
import { countryCode } from './country';
import { regionCode } from './region';

export interface AddressParts {
	street?: string;
	city?: string;
	/** The region as typed ("IL", "Ontario"); the country tells how to code it. */
	region?: string;
	postalCode?: string;
	/** ISO 3166-1 alpha-2, from the address's country part or from a region and postal code that name one. */
	country?: string;
}

// Postal code shapes: US ZIP (+4), Canada, UK, Netherlands, Poland, Sweden/Czechia, Brazil/Japan-like with a dash,
// and plain 4–6 digit codes (most of Europe, Australia, India).
const POSTAL =
	'(?:\\d{5}-\\d{4}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|\\d{4} ?[A-Z]{2}|\\d{2}-\\d{3}|\\d{3} \\d{2}|\\d{5}-\\d{3}|\\d{4,6})';
const POSTAL_ONLY = new RegExp(`^${POSTAL}$`, 'i');
const REGION_CODE = /^[A-Za-z]{2,3}$/;
// Where each postal code shape belongs, for a region code whose country is not named ("WA 98101" is Washington).
const POSTAL_COUNTRY: Array<[string, RegExp]> = [
	['US', /^\d{5}(?:-\d{4})?$/],
	['CA', /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i],
	['AU', /^\d{4}$/],
];
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;
// A part that is a flat, suite or floor of the street, never a city.
const UNIT =
	/^(?:apt\b|apartment|ste\b|flat\b|fl\b|room|building|bldg|p\.?o\.? box|#)|\b(?:suite|unit|floor|level|etage|stock)\b/i;

interface Region {
	code: string;
	country: string;
}

/** The region a text names, in the given country, or in the one its postal code's shape points to. */
function regionOf(text: string, country: string | undefined, postal: string | undefined): Region | undefined {
	if (country) {
		const hit = regionCode(text, country);
		return hit.code ? { code: text, country } : undefined;
	}
	const byName = regionCode(text, undefined);
	if (byName.code && byName.country) return { code: text, country: byName.country };
	for (const [candidate, shape] of POSTAL_COUNTRY) {
		if (postal && !shape.test(postal)) continue;
		if (regionCode(text, candidate).code) return { code: text, country: candidate };
	}
	return undefined;
}

/** "Sydney NSW 2000" → ["Sydney NSW", "2000"]: a postal code of one or two words at the end, after a place. */
function postalLast(part: string): [string, string] | undefined {
	const words = part.split(' ');
	for (let n = Math.min(2, words.length - 1); n >= 1; n--) {
		const postal = words.slice(-n).join(' ');
		const before = words.slice(0, -n).join(' ');
		if (POSTAL_ONLY.test(postal) && /[A-Za-z\u00C0-\uFFFF]/.test(before)) return [before, postal];
	}
	return undefined;
}

/** "10117 Berlin" → ["10117", "Berlin"], "1012 LG Amsterdam" → ["1012 LG", "Amsterdam"]: postcode, then the city. */
function postalFirst(part: string): [string, string] | undefined {
	const words = part.split(' ');
	for (let n = Math.min(2, words.length - 1); n >= 1; n--) {
		const postal = words.slice(0, n).join(' ');
		const city = words.slice(n).join(' ');
		if (POSTAL_ONLY.test(postal) && /\d/.test(postal) && isPlaceName(city)) return [postal, city];
	}
	return undefined;
}

/** "Springfield IL" → ["Springfield", "IL"]: a city, then a region code. */
function codeLast(part: string): [string, string] | undefined {
	const space = part.lastIndexOf(' ');
	if (space <= 0) return undefined;
	const code = part.slice(space + 1);
	return REGION_CODE.test(code) ? [part.slice(0, space), code] : undefined;
}

function isPlaceName(text: string): boolean {
	return /[A-Za-z\u00C0-\uFFFF]/.test(text) && !/^\d/.test(text) && !UNIT.test(text) && !text.includes('@');
}

/**
 * The parts of a one-line address; undefined when the text is not one (a single part, or an end that names no city,
 * region, postal code or country). `country` is the lead's country, when known, to read its regions.
 */
export function splitAddress(text: string, country?: string): AddressParts | undefined {
	if (text.length > 300) return undefined;
	const parts = text
		.split(/[,;\n]/)
		.map((part) => part.trim())
		.filter(Boolean);
	if (parts.length < 2 || parts.length > 8) return undefined;
	const out: AddressParts = {};
	const named = countryCode(parts[parts.length - 1]);
	// A two-letter last part is a region more often than a country ("Springfield, IL"): a country only when it is not
	// a region of the lead's country or of the US, Canada or Australia.
	const lastPart = parts[parts.length - 1];
	if (named && !(lastPart.length <= 3 && regionOf(lastPart, country, undefined))) {
		out.country = named;
		parts.pop();
	}
	const place = country ?? out.country;
	let end = parts.length;
	// The tail: at most three parts after the street (city, region, postal code), read from the end.
	while (end > 1 && parts.length - end < 3 && out.city === undefined) {
		const part = parts[end - 1];
		const withPostal = out.postalCode === undefined ? postalLast(part) : undefined;
		const postalThenCity = out.postalCode === undefined ? postalFirst(part) : undefined;
		const withCode = out.region === undefined ? codeLast(part) : undefined;
		if (out.postalCode === undefined && POSTAL_ONLY.test(part)) {
			out.postalCode = part;
		} else if (out.region === undefined && regionOf(part, place, out.postalCode)) {
			out.region = part;
		} else if (withPostal) {
			const [before, postal] = withPostal;
			out.postalCode = postal;
			const cityAndCode = codeLast(before);
			if (out.region === undefined && regionOf(before, place, postal)) out.region = before;
			else if (out.region === undefined && cityAndCode && regionOf(cityAndCode[1], place, postal)) {
				out.region = cityAndCode[1];
				out.city = cityAndCode[0];
			} else if (isPlaceName(before)) out.city = before;
			else return undefined;
		} else if (postalThenCity) {
			[out.postalCode, out.city] = postalThenCity;
		} else if (withCode && regionOf(withCode[1], place, out.postalCode)) {
			[out.city, out.region] = withCode;
		} else if (isPlaceName(part)) {
			// "80331 München, Bayern": a place after "postcode city" is the region (of a country without a region table).
			if (out.region === undefined && out.postalCode === undefined && end >= 2 && postalFirst(parts[end - 2]))
				out.region = part;
			else out.city = part;
		} else {
			break;
		}
		end--;
	}
	if (end === parts.length && !out.country) return undefined;
	// "Springfield, IL 62701" or "Berlin, Germany": no street, the first part is the city.
	if (out.city === undefined && end === 1 && isPlaceName(parts[0]) && !/\d/.test(parts[0])) {
		out.city = parts[0];
		end = 0;
	}
	const street = parts.slice(0, end).join(', ');
	if (street) out.street = street;
	out.country ??= inferredCountry(out, place);
	return out;
}

/** The country a region and postal code name together, when the address does not say it. */
function inferredCountry(parts: AddressParts, known: string | undefined): string | undefined {
	if (known) return undefined;
	if (parts.region) return regionOf(parts.region, undefined, parts.postalCode)?.country;
	if (parts.postalCode && UK_POSTCODE.test(parts.postalCode) && /[A-Z]/i.test(parts.postalCode)) return 'GB';
	return undefined;
}
