/**
 * The one reading of a lead by the nodes after Normalize Lead (Match Account, Route Lead, Auto-Respond, SLA Timer).
 * Normalize Lead's canonical fields come first; the common raw spellings follow, so each node also runs on a raw form
 * item or a Webhook item (whose fields live in `body`). The blocks later nodes add (`match`, `routing`, `sla`) are read
 * from the item itself. Consent, phone and country are read the way Normalize Lead reads them.
 */
import { textOf } from '../text/clean';
import { countryCode } from '../text/country';
import { compilePath } from '../text/path';
import { normalizePhone } from '../text/phone';
import { parseConsent } from './read';

export type Json = Record<string, unknown>;

export function isJson(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object that holds the lead's own fields: the item, or a Webhook item's `body` when the fields live there. */
export function leadSource(item: Json): Json {
	const body = item.body;
	if (isJson(body) && item.email === undefined && item.phone === undefined) return body;
	return item;
}

// In order of preference: canonical name first, then raw spellings forms and CRMs send.
const FIELDS = {
	email: ['email', 'Email', 'emailAddress', 'email_address', 'e-mail', 'mail', 'raw.email'],
	firstName: ['firstName', 'first_name', 'FirstName', 'firstname', 'givenName'],
	lastName: ['lastName', 'last_name', 'LastName', 'lastname', 'familyName'],
	fullName: ['fullName', 'full_name', 'name', 'Name'],
	company: [
		'company',
		'Company',
		'companyName',
		'company_name',
		'organization',
		'organisation',
		'accountName',
		'raw.company',
		'companyNormalized',
	],
	website: ['website', 'Website', 'url', 'companyWebsite', 'company_website', 'raw.website'],
	domain: ['domain'],
	emailDomain: ['emailDomain'],
	phone: ['phone', 'Phone', 'phoneNumber', 'phone_number', 'mobile', 'mobilePhone', 'raw.phone'],
	country: ['country', 'countryCode', 'country_code'],
	postalCode: ['postalCode', 'zip', 'Zip', 'zipCode', 'postcode', 'postal_code', 'raw.postalCode'],
	street: ['street', 'address', 'Address', 'streetAddress', 'street_address', 'raw.street'],
	city: ['city', 'City', 'raw.city'],
	region: ['region', 'state', 'State', 'province', 'raw.region'],
} as const;

type TextField = keyof typeof FIELDS;

const getters = Object.fromEntries(
	Object.entries(FIELDS).map(([field, paths]) => [field, paths.map((path) => compilePath(path))]),
) as Record<TextField, Array<(data: object) => unknown>>;

function firstText(source: Json, field: TextField): string | undefined {
	for (const get of getters[field]) {
		const text = textOf(get(source));
		if (text !== undefined) return text;
	}
	return undefined;
}

function block(item: Json, name: string): Json {
	const value = Object.prototype.hasOwnProperty.call(item, name) ? item[name] : undefined;
	return isJson(value) ? value : {};
}

function own(source: Json, name: string): unknown {
	return Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
}

export type LeadView = Partial<Record<TextField, string>> & {
	/** The consent answers as given (read them with `readConsent`). */
	consentEmail?: unknown;
	consentSms?: unknown;
	submittedAt?: unknown;
	/** The lead score (never `quality.score`, which says how complete the data is). */
	score?: number;
	match: { ownerId?: string; ownerName?: string; ownerEmail?: string };
	routing: {
		ownerId?: string;
		ownerName?: string;
		ownerEmail?: string;
		ownerCalendarLink?: string;
		ownerTimeZone?: string;
		slaTier?: string;
	};
	sla: { tier?: string; status?: string };
};

/** Reads the fields every node after Normalize Lead uses; values are trimmed text, never validated here. */
export function readLead(item: Json): LeadView {
	const lead = leadSource(item);
	const consent = block(lead, 'consent');
	const match = block(item, 'match');
	const routing = block(item, 'routing');
	const sla = block(item, 'sla');
	const view: LeadView = {
		consentEmail: own(consent, 'email') ?? own(lead, 'emailConsent') ?? own(lead, 'consent_email'),
		consentSms: own(consent, 'sms') ?? own(lead, 'smsConsent') ?? own(lead, 'consent_sms'),
		submittedAt: own(lead, 'submittedAt') ?? own(lead, 'submitted_at') ?? own(lead, 'createdAt'),
		score: typeof lead.score === 'number' && Number.isFinite(lead.score) ? lead.score : undefined,
		match: {
			ownerId: textOf(own(match, 'ownerId')),
			ownerName: textOf(own(match, 'ownerName')),
			ownerEmail: textOf(own(match, 'ownerEmail')),
		},
		routing: {
			ownerId: textOf(own(routing, 'ownerId')),
			ownerName: textOf(own(routing, 'ownerName')),
			ownerEmail: textOf(own(routing, 'ownerEmail')),
			ownerCalendarLink:
				textOf(own(routing, 'ownerBookingUrl')) ??
				textOf(own(routing, 'ownerCalendarLink')) ??
				textOf(own(routing, 'calendarLink')),
			ownerTimeZone: textOf(own(routing, 'ownerTimeZone')),
			slaTier: textOf(own(routing, 'slaTier')),
		},
		sla: { tier: textOf(own(sla, 'tier')), status: textOf(own(sla, 'status')) },
	};
	for (const field of Object.keys(FIELDS) as TextField[]) {
		const text = firstText(lead, field);
		if (text !== undefined) view[field] = text;
	}
	return view;
}

/** Consent as Normalize Lead reads it: booleans, yes/no words in several languages, checkbox arrays, consent sentences. */
export function readConsent(view: LeadView): { email?: boolean; sms?: boolean } {
	return { email: parseConsent(view.consentEmail), sms: parseConsent(view.consentSms) };
}

/**
 * The lead's phone in E.164 (national numbers read in the lead's country) and its ISO country: the country field by
 * name or code, else the country of an international phone number.
 */
export function readPhoneAndCountry(view: LeadView): { phone?: string; country?: string } {
	const named = view.country ? countryCode(view.country) : undefined;
	const parsed = view.phone ? normalizePhone(view.phone, [named]) : undefined;
	return { phone: parsed?.ok ? parsed.e164 : undefined, country: named ?? (parsed?.ok ? parsed.country : undefined) };
}
