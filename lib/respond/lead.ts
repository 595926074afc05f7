/**
 * The facts Auto-Respond needs from an item, from the package's one lead reading (lib/lead/view.ts): canonical leads
 * from Normalize Lead / Route Lead, but also raw form payloads (snake_case names, a Webhook's `body`).
 */
import { isJson, leadSource, readConsent, readLead, readPhoneAndCountry, type Json } from '../lead/view';
import { textOf } from '../text/clean';
import { plainEmailAddress } from './sanitize';

export type { Json };
export { isJson, leadSource };

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

function asTime(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value > 1e12 ? value : value * 1000;
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}

export function readLeadFacts(item: Json): LeadFacts {
	const lead = readLead(item);
	const { phone, country } = readPhoneAndCountry(lead);
	const consent = readConsent(lead);
	const ownerName = lead.routing.ownerName ?? lead.match.ownerName;
	return {
		email: plainEmailAddress(lead.email),
		phone,
		firstName: lead.firstName ?? lead.fullName?.split(/\s+/)[0],
		lastName: lead.lastName,
		fullName: lead.fullName,
		company: lead.company,
		country,
		consentEmail: consent.email,
		consentSms: consent.sms,
		submittedAt: asTime(lead.submittedAt),
		owner: {
			id: lead.routing.ownerId ?? lead.match.ownerId,
			name: ownerName,
			firstName: ownerName?.split(/\s+/)[0],
			email: plainEmailAddress(lead.routing.ownerEmail ?? lead.match.ownerEmail),
			calendarLink: lead.routing.ownerCalendarLink,
			timeZone: lead.routing.ownerTimeZone,
		},
		slaTier: lead.sla.tier ?? lead.routing.slaTier,
		score: lead.score,
	};
}

export interface SenderInfo {
	name?: string;
	company?: string;
	email?: string;
}

/** What templates see: the item's own fields, canonical names filled in from raw ones, plus `owner`, `sender`, `link`. */
export function templateView(
	item: Json,
	facts: LeadFacts,
	sender: SenderInfo,
	extra: { calendarLink?: string; link?: string },
): Json {
	const lead = leadSource(item);
	return {
		...item,
		...(lead === item ? {} : lead),
		email: facts.email ?? '',
		phone: facts.phone ?? textOf(lead.phone) ?? '',
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
