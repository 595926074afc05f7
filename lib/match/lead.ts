/**
 * What the matcher needs from a lead, from the package's one lead reading (canonical fields, else common raw
 * spellings), so the node also runs without Normalize Lead in front of it.
 */
import { readLead } from '../lead/view';
import { companyQualifier, companyTokens } from '../text/company';
import { countryCode } from '../text/country';
import { registrableDomain } from '../text/domain';
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
	/** ISO alpha-2: the country field, else a country in the company's trailing qualifier, else the region's country. */
	country?: string;
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
		country: countryOf(lead.country, companyText) ?? regionCountry(json.region),
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

/** The country of an ISO 3166-2 region as Normalize Lead writes it ("US-MA" → "US"). */
function regionCountry(region: unknown): string | undefined {
	const match = typeof region === 'string' ? /^([A-Z]{2})-[A-Z0-9]{1,3}$/.exec(region.trim()) : null;
	return match ? countryCode(match[1]) : undefined;
}
