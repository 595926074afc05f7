/**
 * Reading the fields Auto-Respond needs from an item, defensively: canonical leads from Normalize Lead / Route Lead,
 * but also raw form payloads (snake_case names, a Webhook's `body`).
 */
import { alpha3ToAlpha2 } from 'i18n-iso-countries';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { plainEmailAddress } from './sanitize';

export type Json = Record<string, unknown>;

export interface LeadFacts {
	email?: string;
	phone?: string;
	firstName?: string;
	lastName?: string;
	fullName?: string;
	company?: string;
	country?: string;
	consentEmail?: boolean;
	consentSms?: boolean;
	submittedAt?: number;
	owner: { id?: string; name?: string; firstName?: string; email?: string; calendarLink?: string; timeZone?: string };
	slaTier?: string;
	score?: number;
}

export function isJson(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object that holds the lead: the item itself, or a Webhook item's `body` when the fields live there. */
export function leadSource(item: Json): Json {
	const body = item.body;
	if (isJson(body) && item.email === undefined && item.phone === undefined) return body;
	return item;
}

function pickString(source: Json, names: string[]): string | undefined {
	for (const name of names) {
		if (!Object.prototype.hasOwnProperty.call(source, name)) continue;
		const value = source[name];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return undefined;
}

function child(source: Json, name: string): Json {
	const value = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
	return isJson(value) ? value : {};
}

function asConsent(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (['true', 'yes', 'y', '1', 'on', 'checked'].includes(text)) return true;
		if (['false', 'no', 'n', '0', 'off', ''].includes(text)) return false;
	}
	if (typeof value === 'number') return value !== 0;
	return undefined;
}

function asTime(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value > 1e12 ? value : value * 1000;
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}

/** E.164 phone number when the value is a valid number (national numbers are read in the lead's country). */
export function validPhone(value: string | undefined, country?: string): string | undefined {
	if (!value || value.length > 40) return undefined;
	const parsed = parsePhoneNumberFromString(value, country as never);
	return parsed?.isValid() ? parsed.number : undefined;
}

export function countryCode(value: string | undefined, phone?: string): string | undefined {
	const text = value?.trim().toUpperCase();
	if (text && /^[A-Z]{2}$/.test(text)) return text;
	if (text && /^[A-Z]{3}$/.test(text)) {
		const alpha2 = alpha3ToAlpha2(text);
		if (alpha2) return alpha2;
	}
	return phone ? parsePhoneNumberFromString(phone)?.country : undefined;
}

export function readLead(item: Json): LeadFacts {
	const lead = leadSource(item);
	const consent = child(lead, 'consent');
	const routing = child(item, 'routing');
	const match = child(item, 'match');
	const sla = child(item, 'sla');
	const countryRaw = pickString(lead, ['country', 'countryCode', 'country_code']);
	const phoneRaw = pickString(lead, ['phone', 'phoneNumber', 'phone_number', 'mobile', 'mobilePhone']);
	const phone = validPhone(phoneRaw, countryCode(countryRaw));
	const fullName = pickString(lead, ['fullName', 'full_name', 'name']);
	const firstName = pickString(lead, ['firstName', 'first_name', 'firstname', 'givenName']) ?? fullName?.split(/\s+/)[0];
	const ownerName = pickString(routing, ['ownerName']) ?? pickString(match, ['ownerName']);
	const score = lead.score;
	return {
		email: plainEmailAddress(pickString(lead, ['email', 'emailAddress', 'email_address', 'Email'])),
		phone,
		firstName,
		lastName: pickString(lead, ['lastName', 'last_name', 'lastname', 'familyName']),
		fullName,
		company: pickString(lead, ['company', 'companyName', 'company_name', 'organization']),
		country: countryCode(countryRaw, phone),
		consentEmail: asConsent(consent.email ?? lead.emailConsent ?? lead.consent_email),
		consentSms: asConsent(consent.sms ?? lead.smsConsent ?? lead.consent_sms),
		submittedAt: asTime(lead.submittedAt ?? lead.submitted_at ?? lead.createdAt),
		owner: {
			id: pickString(routing, ['ownerId']) ?? pickString(match, ['ownerId']),
			name: ownerName,
			firstName: ownerName?.split(/\s+/)[0],
			email: plainEmailAddress(pickString(routing, ['ownerEmail']) ?? pickString(match, ['ownerEmail'])),
			calendarLink: pickString(routing, ['ownerCalendarLink', 'calendarLink']),
			timeZone: pickString(routing, ['ownerTimeZone']),
		},
		slaTier: pickString(sla, ['tier']) ?? pickString(routing, ['slaTier']),
		// The lead score, never quality.score (how complete the data is).
		score: typeof score === 'number' ? score : undefined,
	};
}

export interface SenderInfo {
	name?: string;
	company?: string;
	email?: string;
}

/** What templates see: the item's own fields, canonical names filled in from raw ones, plus `owner`, `sender`, `link`. */
export function templateView(item: Json, facts: LeadFacts, sender: SenderInfo, extra: { calendarLink?: string; link?: string }): Json {
	const lead = leadSource(item);
	return {
		...item,
		...(lead === item ? {} : lead),
		email: facts.email ?? '',
		phone: facts.phone ?? pickString(lead, ['phone']) ?? '',
		firstName: facts.firstName ?? '',
		lastName: facts.lastName ?? '',
		fullName: facts.fullName ?? [facts.firstName, facts.lastName].filter(Boolean).join(' '),
		company: facts.company ?? '',
		country: facts.country ?? '',
		lead,
		owner: { ...facts.owner, calendarLink: extra.calendarLink || facts.owner.calendarLink || '' },
		sender,
		link: extra.link ?? '',
	};
}
