/** Corroboration and tie-breaks: the evidence that lets a weak name match through, or picks one of several accounts. */
import { readPath } from '../text/path';
import { accountDomains, keyOf, type AccountIndex } from './account-index';
import { countryOf, leadCountryFor, regionOf, sameNamedDomains, type LeadKeys } from './lead';
import { cityKey, phoneDigits, postalKey, samePhone, streetKey } from './similarity';
import type { AccountRecord, Corroboration, Json, MatchSettings } from './types';

export interface AccountView {
	index: number;
	record: AccountRecord;
	json: Json;
}

/** Which corroborating fields both sides carry and agree on. */
export function corroborations(
	lead: LeadKeys,
	account: AccountRecord,
	enabled: readonly Corroboration[],
): Corroboration[] {
	const agreed: Corroboration[] = [];
	for (const field of enabled) {
		if (field === 'domain') {
			if (lead.domains.length && accountDomains(account).some((d) => lead.domains.includes(d))) agreed.push(field);
		} else if (field === 'phone') {
			if (samePhone(lead.phone, phoneDigits(account.phone))) agreed.push(field);
		} else if (field === 'postalCode') {
			if (lead.postalCode && lead.postalCode === postalKey(account.postalCode)) agreed.push(field);
		} else if (field === 'street') {
			if (lead.street && lead.street === streetKey(account.street)) agreed.push(field);
		} else {
			const own = lead[field];
			if (own && own === placeOf(account, field, lead)) agreed.push(field);
		}
	}
	return agreed;
}

/**
 * Different street, or house numbers far apart on the same street. Numbers close together are one campus or a typo
 * ("4846 N Sheridan" and "4865 N Sheridan Rd").
 */
function differentStreet(a: string, b: string): boolean {
	if (a === b) return false;
	const [numberA, nameA] = a.split(' ');
	const [numberB, nameB] = b.split(' ');
	if (nameA !== nameB) return true;
	return Math.abs(parseInt(numberA, 10) - parseInt(numberB, 10)) > NEARBY_HOUSE_NUMBERS;
}

const NEARBY_HOUSE_NUMBERS = 200;

/**
 * The account's state or province as an ISO 3166-2 code, read in its own country, else in the lead's: an account
 * without a country in a CRM of one country is mostly in that country, and a code that then means another state
 * than the account's can only stop a match against a lead in that country, never make one.
 */
function accountRegion(account: AccountRecord, lead: LeadKeys): string | undefined {
	return regionOf(account.region, countryOf(account.country, account.name) ?? lead.country);
}

/** Which fields both sides carry and disagree on: a different street or country means a different site or organisation. */
export function conflicts(lead: LeadKeys, account: AccountRecord, fields: readonly Corroboration[]): Corroboration[] {
	const found: Corroboration[] = [];
	for (const field of fields) {
		if (field === 'street') {
			const other = streetKey(account.street);
			if (lead.street && other && differentStreet(lead.street, other)) found.push(field);
		} else if (field === 'postalCode') {
			const other = postalKey(account.postalCode);
			if (lead.postalCode && other && other !== lead.postalCode) found.push(field);
		} else if (field === 'phone') {
			const other = phoneDigits(account.phone);
			if (lead.phone && other && !samePhone(lead.phone, other)) found.push(field);
		} else if (field === 'city' || field === 'region') {
			const other = placeOf(account, field, lead);
			if (lead[field] && other && other !== lead[field]) found.push(field);
		} else if (field === 'country') {
			const other = countryOf(account.country, account.name);
			const own = other && leadCountryFor(lead, accountDomains(account));
			if (own && other !== own) found.push(field);
		} else if (field === 'domain') {
			if (otherDomain(lead, account)) found.push(field);
		}
	}
	return found;
}

/** What a conflict is, for the decision record: the two values, and where an implied country comes from. */
export function describeConflicts(lead: LeadKeys, account: AccountRecord, found: readonly Corroboration[]): string {
	return found
		.map((field) => {
			if (field === 'domain')
				return `the lead writes from ${lead.domains.join(', ')}, the account's domain is ${accountDomains(account).join(', ')}`;
			if (field === 'country' && !lead.country && lead.impliedCountry) {
				const { code, from, domain } = lead.impliedCountry;
				const source = from === 'phone' ? 'its phone number' : `its domain ${domain}`;
				return `the lead is in ${code} (by ${source}), the account in ${account.country ?? account.name}`;
			}
			if (field === 'region') return `the lead is in ${lead.region}, the account in ${accountRegion(account, lead)}`;
			return `the ${field} differs`;
		})
		.join('; ');
}

/**
 * The lead writes from a business domain (email or website) and the account has domains, none of them that one or one
 * of the same name (acme.de / acme.com): the lead's organisation is likely another one with the same or a similar name.
 */
function otherDomain(lead: LeadKeys, account: AccountRecord): boolean {
	if (!lead.domains.length) return false;
	const own = accountDomains(account);
	return own.length > 0 && !lead.domains.some((domain) => own.some((other) => sameNamedDomains(domain, other)));
}

/** Account numbers whose id is exactly `id` (hash hits verified). */
export function accountsWithId(index: AccountIndex, id: string, viewOf: (i: number) => AccountView): number[] {
	return index.byId.get(keyOf.id(id)).filter((i) => viewOf(i).record.id === id);
}

function parentOf(index: AccountIndex, view: AccountView, viewOf: (i: number) => AccountView): AccountView | undefined {
	const parentId = view.record.parentId;
	if (!parentId || parentId === view.record.id) return undefined;
	const found = accountsWithId(index, parentId, viewOf)[0];
	return found === undefined ? undefined : viewOf(found);
}

/** The accounts that name this one as their parent (one level down). */
export function unitsOf(index: AccountIndex, view: AccountView, viewOf: (i: number) => AccountView): AccountView[] {
	const id = view.record.id;
	if (!id) return [];
	return index.byParent
		.get(keyOf.id(id))
		.map(viewOf)
		.filter((unit) => unit.record.parentId === id && unit.record.id !== id);
}

/** The chain above an account, nearest first, stopping at cycles. */
export function ancestors(index: AccountIndex, view: AccountView, viewOf: (i: number) => AccountView): AccountView[] {
	const chain: AccountView[] = [];
	const seen = new Set<string | undefined>([view.record.id]);
	let current = parentOf(index, view, viewOf);
	while (current && !seen.has(current.record.id) && chain.length < 50) {
		chain.push(current);
		seen.add(current.record.id);
		current = parentOf(index, current, viewOf);
	}
	return chain;
}

function comparable(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim()) {
		const number = Number(value);
		if (Number.isFinite(number)) return number;
		const date = Date.parse(value);
		if (Number.isFinite(date)) return date;
	}
	return undefined;
}

export const PLACES = ['city', 'region', 'country'] as const;

/** The account's city, region or country as the tie-break compares it; undefined when the account does not say. */
function placeOf(account: AccountRecord, field: (typeof PLACES)[number], lead: LeadKeys): string | undefined {
	if (field === 'city') return cityKey(account.city) || undefined;
	return (field === 'region' ? accountRegion(account, lead) : countryOf(account.country, account.name)) || undefined;
}

export interface TieBreak {
	winner: AccountView;
	how: string;
}

/** Picks one of several accounts when the evidence allows it; undefined means a real tie. */
export function breakTie(
	index: AccountIndex,
	tied: readonly AccountView[],
	lead: LeadKeys,
	settings: MatchSettings,
	viewOf: (i: number) => AccountView,
	named = true,
): TieBreak | undefined {
	const corroborated = tied.filter((view) => corroborations(lead, view.record, settings.corroborateWith).length > 0);
	if (corroborated.length === 1) {
		const fields = corroborations(lead, corroborated[0].record, settings.corroborateWith);
		return { winner: corroborated[0], how: `only it also agrees on ${fields.join(', ')}` };
	}
	const pool = corroborated.length > 1 ? corroborated : tied;
	// Accounts the lead names alike (a school's campuses, towns of one name): the one where the lead is, when the
	// others are known to be elsewhere; an account whose city, region or country is empty may well be the lead's ("City
	// of Rochester" in Indiana, holding no country, is not Rochester NY's). Never among accounts it does not name: a
	// city shared with one unit on a domain is no sign the lead is from that unit.
	for (const field of named ? PLACES : []) {
		const placed = pool.filter((view) => corroborations(lead, view.record, [field]).length);
		const elsewhere = (view: AccountView) => view === placed[0] || placeOf(view.record, field, lead) !== undefined;
		if (placed.length === 1 && pool.every(elsewhere))
			return { winner: placed[0], how: `only it is in the lead's ${field}` };
	}
	if (settings.preferParent) {
		const ids = new Set(pool.map((view) => view.record.id));
		const top = pool.filter((view) => !ancestors(index, view, viewOf).some((parent) => ids.has(parent.record.id)));
		if (top.length === 1) return { winner: top[0], how: 'parent account preferred over its subsidiaries' };
	}
	if (settings.tieBreakField) {
		const field = settings.tieBreakField;
		const scored = pool
			.map((view) => ({ view, value: comparable(readPath(view.json, field)) }))
			.filter((entry): entry is { view: AccountView; value: number } => entry.value !== undefined)
			.sort((a, b) => (settings.tieBreakOrder === 'largest' ? b.value - a.value : a.value - b.value));
		if (scored.length && (scored.length === 1 || scored[0].value !== scored[1].value)) {
			return { winner: scored[0].view, how: `${settings.tieBreakOrder} ${field}` };
		}
	}
	return undefined;
}
