/**
 * What the matcher needs from a lead. Normalize Lead's canonical fields are used when present; raw form fields
 * (any common spelling) work too, so the node also runs without Normalize Lead in front of it.
 */
import { companyTokens } from '../text/company';
import { registrableDomain } from '../text/domain';
import { isDisposableDomain, isFreeMailDomain } from '../text/email-domains';
import { compilePath } from '../text/path';
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
	fullName?: string;
}

const getters = new Map<string, (json: Json) => unknown>();

function textAt(json: Json, paths: readonly string[]): string | undefined {
	for (const path of paths) {
		let get = getters.get(path);
		if (!get) {
			get = compilePath(path);
			getters.set(path, get);
		}
		const value = get(json);
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return undefined;
}

const FIELDS = {
	email: ['email', 'Email', 'emailAddress', 'email_address', 'e-mail', 'mail', 'raw.email'],
	company: ['company', 'Company', 'companyName', 'company_name', 'organization', 'organisation', 'accountName', 'raw.company', 'companyNormalized'],
	website: ['website', 'Website', 'url', 'companyWebsite', 'company_website', 'raw.website'],
	domain: ['domain', 'emailDomain'],
	phone: ['phone', 'Phone', 'phoneNumber', 'phone_number', 'mobile', 'raw.phone'],
	postalCode: ['postalCode', 'zip', 'Zip', 'zipCode', 'postcode', 'postal_code', 'raw.postalCode'],
	street: ['street', 'address', 'Address', 'streetAddress', 'street_address', 'raw.street'],
	city: ['city', 'City', 'raw.city'],
	firstName: ['firstName', 'first_name', 'FirstName', 'firstname'],
	lastName: ['lastName', 'last_name', 'LastName', 'lastname'],
	fullName: ['fullName', 'full_name', 'name', 'Name'],
} as const;

export function leadKeys(json: Json): LeadKeys {
	const email = textAt(json, FIELDS.email)?.toLowerCase();
	const validEmail = email && /^[^@\s]+@[^@\s]+$/.test(email) ? email : undefined;
	const candidates = [
		validEmail ? registrableDomain(validEmail) : undefined,
		registrableDomain(textAt(json, FIELDS.website)),
		...FIELDS.domain.map((path) => registrableDomain(textAt(json, [path]))),
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
	const companyText = textAt(json, FIELDS.company);
	const tokens = companyTokens(companyText);
	const first = textAt(json, FIELDS.firstName);
	const last = textAt(json, FIELDS.lastName);
	return {
		email: validEmail,
		domains,
		allDomains,
		ignoredDomain,
		tokens,
		name: tokens.join(' '),
		companyText,
		phone: phoneDigits(textAt(json, FIELDS.phone)),
		postalCode: postalKey(textAt(json, FIELDS.postalCode)),
		street: streetKey(textAt(json, FIELDS.street)),
		city: cityKey(textAt(json, FIELDS.city)),
		fullName: first || last ? [first, last].filter(Boolean).join(' ') : textAt(json, FIELDS.fullName),
	};
}
