/**
 * What the matcher needs from a lead, from the package's one lead reading (canonical fields, else common raw
 * spellings), so the node also runs without Normalize Lead in front of it.
 */
import { readLead, readPhoneAndCountry } from '../lead/view';
import { companyQualifier, companyTokens } from '../text/company';
import { countryCode } from '../text/country';
import { registrableDomain, splitDomain } from '../text/domain';
import { regionCode } from '../text/region';
import { isDisposableDomain, isFreeMailDomain } from '../text/email-domains';
import { cityKey, phoneDigits, postalKey, streetKey } from './similarity';
import type { Json } from './types';

export interface LeadKeys {
	email?: string;
	/** Business domains (email domain unless free-mail or disposable, website domain), deduplicated. */
	domains: string[];
	/** Every domain the lead carries, free-mail included: the keys of manual and never-match overrides. */
	allDomains: string[];
	ignoredDomain?: string;
	tokens: string[];
	name: string;
	companyText?: string;
	phone?: string;
	postalCode?: string;
	street?: string;
	city?: string;
	/** ISO 3166-2 ("US-CA"): the region field read in the lead's country. */
	region?: string;
	/** ISO alpha-2: the country field, else a country in the company's trailing qualifier, else the region's country. */
	country?: string;
	/**
	 * When no field states the country: the country of an international phone number, else of a business domain's
	 * country-code ending. Weak evidence, only ever held against an account (see `leadCountryFor`).
	 */
	impliedCountry?: { code: string; from: 'phone' | 'domain'; domain?: string };
	fullName?: string;
}

export function leadKeys(json: Json): LeadKeys {
	const lead = readLead(json);
	const email = lead.email?.toLowerCase();
	const validEmail = email && /^[^@\s]+@[^@\s]+$/.test(email) ? email : undefined;
	const candidates = [
		validEmail ? registrableDomain(validEmail) : undefined,
		registrableDomain(lead.website),
		registrableDomain(lead.domain),
		registrableDomain(lead.emailDomain),
	];
	const allDomains = [...new Set(candidates.filter((d): d is string => !!d))];
	let ignoredDomain: string | undefined;
	const domains = allDomains.filter((domain) => {
		if (isFreeMailDomain(domain) || isDisposableDomain(domain)) {
			ignoredDomain ??= domain;
			return false;
		}
		return true;
	});
	const companyText = lead.company;
	const tokens = companyTokens(companyText);
	const first = lead.firstName;
	const last = lead.lastName;
	const country = countryOf(lead.country, companyText) ?? regionCountry(json.region);
	return {
		email: validEmail,
		domains,
		allDomains,
		ignoredDomain,
		tokens,
		name: tokens.join(' '),
		companyText,
		phone: phoneDigits(lead.phone),
		postalCode: postalKey(lead.postalCode),
		street: streetKey(lead.street),
		city: cityKey(lead.city),
		region: regionOf(lead.region, country),
		country,
		impliedCountry: country ? undefined : impliedCountry(readPhoneAndCountry(lead).country, domains),
		fullName: first || last ? [first, last].filter(Boolean).join(' ') : lead.fullName,
	};
}

/** A country field, or else a country the name itself is qualified with ("Eli Lilly (Portugal)"). */
export function countryOf(field: string | undefined, name: string | undefined): string | undefined {
	const fromField = field ? countryCode(field) : undefined;
	if (fromField) return fromField;
	const qualifier = companyQualifier(name);
	return qualifier ? countryCode(qualifier) : undefined;
}

/**
 * The ISO 3166-2 code of a state or province field, read in `country`'s table ("IN" is Indiana in the US); undefined
 * for a region of a country without a table here, which cannot be compared.
 */
export function regionOf(field: string | undefined, country: string | undefined): string | undefined {
	return field ? regionCode(field, country).code : undefined;
}

/** The country of an ISO 3166-2 region as Normalize Lead writes it ("US-MA" → "US"). */
function regionCountry(region: unknown): string | undefined {
	const match = typeof region === 'string' ? /^([A-Z]{2})-[A-Z0-9]{1,3}$/.exec(region.trim()) : null;
	return match ? countryCode(match[1]) : undefined;
}

// Country-code endings sold worldwide as generic ones (.io, .co, .ai, .me, .tv …): they say nothing of where a lead is.
const VANITY_ENDINGS = new Set(
	'ac ad ag ai am as bz cc cd co dj fm gg gl im io je la ly me ms mu nu sc sh so st tk to tv vc vg ws'.split(' '),
);

function impliedCountry(phoneCountry: string | undefined, domains: readonly string[]): LeadKeys['impliedCountry'] {
	if (phoneCountry) return { code: phoneCountry, from: 'phone' };
	for (const domain of domains) {
		const ending = domain.slice(domain.lastIndexOf('.') + 1);
		const code = ending.length === 2 && !VANITY_ENDINGS.has(ending) ? countryCode(ending) : undefined;
		if (code) return { code, from: 'domain', domain };
	}
	return undefined;
}

// Endings of public bodies and schools: the name under them is an acronym many countries use (most.gov.pk, most.gov.bd).
const INSTITUTIONAL = /^(ac|edu|go|gob|gouv|gov|govt|gv|mil|nic|sch)\./;

/** The part of a registrable domain before its public suffix ("acme" of acme.co.uk), and whether that is institutional. */
function domainLabel(domain: string): { label: string; institutional: boolean } {
	const { name, suffix } = splitDomain(domain);
	return { label: name, institutional: INSTITUTIONAL.test(suffix) };
}

/**
 * Two domains of one organisation as far as the text tells: the same name under another ending (acme.de, acme.com),
 * unless it is a public body's or school's, or one name a hyphenated part of the other (siemens.com, siemens-energy.com).
 */
export function sameNamedDomains(a: string, b: string): boolean {
	if (a === b) return true;
	const [first, second] = [domainLabel(a), domainLabel(b)];
	const [x, y] = [first.label, second.label];
	if (x === y) return !first.institutional && !second.institutional;
	const [short, long] = x.length <= y.length ? [x, y] : [y, x];
	return short.length >= 3 && long.split(/[.-]/).includes(short);
}

/**
 * The lead's country as held against this account: a stated one, else the phone's, else a domain ending's unless the
 * account itself uses that domain or one of the same name (a .de domain of a US account says nothing of the lead).
 */
export function leadCountryFor(lead: LeadKeys, accountDomains: readonly string[]): string | undefined {
	const implied = lead.impliedCountry;
	if (lead.country || !implied) return lead.country;
	const { domain } = implied;
	return domain && accountDomains.some((own) => sameNamedDomains(own, domain)) ? undefined : implied.code;
}
