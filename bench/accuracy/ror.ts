/**
 * Real organisation names as a lead → account task, built from the Research Organization Registry (ROR, CC0) data
 * dump: accounts are real organisations, leads name them the way people do (ROR's own aliases, acronyms and labels in
 * other languages), a quarter of the leads name organisations that are not accounts. The rules are in
 * docs/ACCURACY.md; they were written before the first measurement. Nothing in the matcher knows these records.
 */
import { readFileSync } from 'fs';
import { accountReader } from '../../lib/match/accounts';
import { getAccountIndex } from '../../lib/match/cache';
import { AccountMatcher } from '../../lib/match/matcher';
import { hashString } from '../../lib/match/postings';
import { DEFAULT_SETTINGS, type Json, type MatchSettings } from '../../lib/match/types';
import { normalizeCompanyName } from '../../lib/text/company';
import { registrableDomain } from '../../lib/text/domain';
import { seededRandom } from '../util';

interface RorName {
	value: string;
	types: string[];
	lang: string | null;
}

export interface RorRecord {
	id: string;
	status: string;
	names: RorName[];
	domains?: string[];
	links?: Array<{ type: string; value: string }>;
	locations?: Array<{
		geonames_details?: {
			name?: string | null;
			country_code?: string | null;
			country_name?: string | null;
			country_subdivision_code?: string | null;
			country_subdivision_name?: string | null;
		};
	}>;
	relationships?: Array<{ type: string; id: string }>;
}

export type NameKind = 'acronym' | 'alias' | 'display' | 'label';
export type Half = 'check' | 'dev';

interface Lead {
	json: Json;
	truth: string | null;
	kind: NameKind;
	/** The organisation's name as drawn, before noise. */
	written: string;
	ownAccount: boolean;
	businessDomain: boolean;
}

export interface Tally {
	leads: number;
	withAccount: number;
	matched: number;
	correct: number;
	wrongAccount: number;
	falseMatch: number;
}

export interface RorResult {
	half: Half;
	accounts: number;
	overall: Tally;
	byMethod: Record<string, { matched: number; correct: number }>;
	byKind: Record<string, Tally>;
	byDomain: Record<string, Tally>;
	baselines: { domain: Tally; name: Tally };
	/** Leads whose company (before noise) is one of the other names listed on their own account. */
	listedOnAccount: number;
	/** Wrong matches: lead text, truth name, matched name, method, reason (for reading, never for tuning records). */
	mistakes: Array<{
		lead: string;
		truth: string | null;
		got: string | null;
		method: string;
		reason: string;
		sameCountry: boolean | null;
		related: boolean;
	}>;
}

const LEADS = 5000;
const ACCOUNT_SHARE = 0.8;
const NEGATIVE_SHARE = 0.25;
/** Free-mail domains the evaluations' leads write from. */
export const FREE_MAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com'];

export function displayName(record: RorRecord): string | undefined {
	return (
		record.names.find((name) => name.types.includes('ror_display'))?.value ??
		record.names.find((name) => name.types.includes('label'))?.value
	);
}

export function domainOf(record: RorRecord): string | undefined {
	const website = record.links?.find((link) => link.type === 'website')?.value;
	return registrableDomain(record.domains?.[0]) ?? registrableDomain(website);
}

export function emptyTally(): Tally {
	return { leads: 0, withAccount: 0, matched: 0, correct: 0, wrongAccount: 0, falseMatch: 0 };
}

export function count(tally: Tally, truth: string | null, matched: string | null): void {
	tally.leads++;
	if (truth) tally.withAccount++;
	if (!matched) return;
	tally.matched++;
	if (matched === truth) tally.correct++;
	else if (truth) tally.wrongAccount++;
	else tally.falseMatch++;
}

/** One letter changed in a word of six or more letters, or a change of case, accents or a leading "The". */
export function noisy(text: string, random: () => number): string {
	const pick = Math.floor(random() * 5);
	if (pick === 0) return text.toLowerCase();
	if (pick === 1) return text.toUpperCase();
	if (pick === 2) return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
	if (pick === 3) return /^the\s/i.test(text) ? text : `The ${text}`;
	const words = text.split(' ');
	const long = words.map((word, i) => ({ word, i })).filter(({ word }) => /^\p{L}{6,}$/u.test(word));
	if (!long.length) return text;
	const { word, i } = long[Math.floor(random() * long.length)];
	const at = 1 + Math.floor(random() * (word.length - 2));
	words[i] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
	return words.join(' ');
}

function pickName(record: RorRecord, random: () => number): { text: string; kind: NameKind } {
	const display = displayName(record) ?? '';
	const roll = random();
	const of = (type: string) =>
		record.names.filter(
			(name) => name.types.includes(type) && !name.types.includes('ror_display') && name.value !== display,
		);
	const choose = (names: RorName[], kind: NameKind) =>
		names.length ? { text: names[Math.floor(random() * names.length)].value, kind } : undefined;
	const drawn =
		roll < 0.35
			? undefined
			: roll < 0.55
				? choose(of('alias'), 'alias')
				: roll < 0.7
					? choose(of('acronym'), 'acronym')
					: roll < 0.85
						? choose(of('label'), 'label')
						: undefined;
	return drawn ?? { text: display, kind: 'display' };
}

/** Account fields added to the evaluation after its first rules, each from a random stream of its own. */
export interface AccountExtras {
	otherNames: boolean;
	states: boolean;
}

export const ALL_EXTRAS: AccountExtras = { otherNames: true, states: true };

// Share of accounts holding their state or province (GeoNames' subdivision name, as a CRM's state field holds it).
const STATE_KEPT = 0.7;

// Share of accounts' ROR acronyms, and of their aliases and other-language labels, that the CRM lists as other names.
const LISTED_ACRONYM = 0.5;
const LISTED_OTHER_NAME = 0.2;

/**
 * The other names a CRM would plausibly hold for an organisation: its acronym half the time, each alias or label a fifth
 * of the time. Drawn from a random stream of their own, so the accounts, leads and truths are the same with or
 * without them, and independently of which name any lead writes.
 */
function listedNames(record: RorRecord, random: () => number): string[] {
	const display = displayName(record);
	return record.names
		.filter((name) => name.value !== display && !name.types.includes('ror_display'))
		.filter((name) => random() < (name.types.includes('acronym') ? LISTED_ACRONYM : LISTED_OTHER_NAME))
		.map((name) => name.value);
}

/** Reads the ROR dump and builds one half's accounts and leads (the split is by a hash of the family's top ROR id). */
export function buildRorTask(
	path: string,
	half: Half,
	seed = 14,
	fields: AccountExtras = ALL_EXTRAS,
): { accounts: Json[]; leads: Lead[]; byId: Map<string, RorRecord> } {
	const all = (JSON.parse(readFileSync(path, 'utf8')) as RorRecord[]).filter(
		(record) => record.status === 'active' && displayName(record),
	);
	// A family (a record and its ROR parents) stays in one half, so parents and children meet as they do in a CRM.
	const everyone = new Map(all.map((record) => [record.id, record]));
	const rootOf = (record: RorRecord): string => {
		let current = record;
		for (let depth = 0; depth < 10; depth++) {
			const parent = current.relationships?.find((relation) => relation.type === 'parent')?.id;
			const next = parent ? everyone.get(parent) : undefined;
			if (!next) break;
			current = next;
		}
		return current.id;
	};
	const records = all.filter((record) => (hashString(rootOf(record), 99) & 1) === (half === 'dev' ? 0 : 1));
	const byId = new Map(records.map((record) => [record.id, record]));
	const random = seededRandom(seed + (half === 'dev' ? 0 : 1000));
	const listing = seededRandom(seed + 7 + (half === 'dev' ? 0 : 1000));
	const stating = seededRandom(seed + 13 + (half === 'dev' ? 0 : 1000));
	const isAccount = new Set<string>();
	for (const record of records) if (random() < ACCOUNT_SHARE) isAccount.add(record.id);
	const accounts: Json[] = [];
	records.forEach((record, n) => {
		if (!isAccount.has(record.id)) return;
		const place = record.locations?.[0]?.geonames_details;
		const domain = domainOf(record);
		const parent = record.relationships?.find((relation) => relation.type === 'parent')?.id;
		const listed = listedNames(record, listing);
		const state =
			place?.country_subdivision_name && stating() < STATE_KEPT ? place.country_subdivision_name : undefined;
		accounts.push({
			id: record.id,
			name: displayName(record),
			...(domain && random() < 0.85 ? { domain } : {}),
			...(place?.country_name && random() < 0.9 ? { country: place.country_name } : {}),
			...(place?.name && random() < 0.7 ? { city: place.name } : {}),
			...(parent ? { parentId: parent } : {}),
			...(fields.otherNames && listed.length ? { otherNames: listed } : {}),
			...(fields.states && state ? { state } : {}),
			ownerId: `owner-${n % 60}`,
		});
	});
	const truthOf = (record: RorRecord): string | null => {
		let current: RorRecord | undefined = record;
		for (let depth = 0; current && depth < 10; depth++) {
			if (isAccount.has(current.id)) return current.id;
			const parent: string | undefined = current.relationships?.find((relation) => relation.type === 'parent')?.id;
			current = parent ? byId.get(parent) : undefined;
		}
		return null;
	};
	const inAccounts = records.filter((record) => isAccount.has(record.id));
	const outside = records.filter((record) => !isAccount.has(record.id));
	const leads: Lead[] = [];
	for (let n = 0; n < LEADS; n++) {
		const pool = random() < NEGATIVE_SHARE ? outside : inAccounts;
		const record = pool[Math.floor(random() * pool.length)];
		const { text, kind } = pickName(record, random);
		const company = random() < 0.3 ? noisy(text, random) : text;
		const domain = domainOf(record);
		const place = record.locations?.[0]?.geonames_details;
		const mail = random();
		const email =
			mail < 0.35 && domain
				? `jane.doe@${domain}`
				: mail < 0.75
					? `jane.doe${n}@${FREE_MAIL[n % FREE_MAIL.length]}`
					: undefined;
		const json: Json = {
			company,
			...(email ? { email } : {}),
			...(domain && random() < 0.15 ? { website: `https://www.${domain}/` } : {}),
			...(place?.country_code && random() < 0.8 ? { country: place.country_code } : {}),
			...(place?.country_code && place.country_subdivision_code && random() < 0.4
				? { region: `${place.country_code}-${place.country_subdivision_code}` }
				: {}),
			...(place?.name && random() < 0.5 ? { city: place.name } : {}),
		};
		leads.push({
			json,
			truth: truthOf(record),
			kind,
			written: text,
			ownAccount: isAccount.has(record.id),
			businessDomain: !!email?.endsWith(`@${domain}`) || 'website' in json,
		});
	}
	return { accounts, leads, byId };
}

/** Runs the matcher and the two naive baselines over one half. */
export function rorGazetteer(
	path: string,
	half: Half,
	settings: Partial<MatchSettings> = {},
	fields: AccountExtras = ALL_EXTRAS,
	seed = 14,
): RorResult {
	const { accounts, leads, byId } = buildRorTask(path, half, seed, fields);
	const mapping = { preset: 'plain' as const };
	const read = accountReader(mapping);
	const { index } = getAccountIndex(accounts, read, mapping, false);
	const matcher = new AccountMatcher(index, accounts, read, { ...DEFAULT_SETTINGS, ...settings });
	const byDomain = new Map<string, string[]>();
	const byName = new Map<string, string[]>();
	for (const account of accounts) {
		const id = String(account.id);
		const domain = typeof account.domain === 'string' ? account.domain : undefined;
		if (domain) byDomain.set(domain, [...(byDomain.get(domain) ?? []), id]);
		const name = normalizeCompanyName(account.name);
		if (name) byName.set(name, [...(byName.get(name) ?? []), id]);
	}
	const only = (ids: string[] | undefined) => (ids?.length === 1 ? ids[0] : null);
	const result: RorResult = {
		half,
		accounts: accounts.length,
		overall: emptyTally(),
		byMethod: {},
		byKind: {},
		byDomain: {},
		baselines: { domain: emptyTally(), name: emptyTally() },
		mistakes: [],
		listedOnAccount: 0,
	};
	const nameOf = (id: string | null) =>
		id ? (displayName(byId.get(id) ?? { id, status: '', names: [] }) ?? id) : null;
	const countryOf = (id: string | null) =>
		id ? (byId.get(id)?.locations?.[0]?.geonames_details?.country_code ?? null) : null;
	const listed = new Map(
		accounts.map((account) => [String(account.id), Array.isArray(account.otherNames) ? account.otherNames : []]),
	);
	for (const lead of leads) {
		if (lead.ownAccount && lead.truth && listed.get(lead.truth)?.includes(lead.written)) result.listedOnAccount++;
		const outcome = matcher.match(lead.json);
		const got = outcome.route === 'matched' ? outcome.match.accountId : null;
		count(result.overall, lead.truth, got);
		count((result.byKind[lead.kind] ??= emptyTally()), lead.truth, got);
		count(
			(result.byDomain[lead.businessDomain ? 'business domain' : 'no business domain'] ??= emptyTally()),
			lead.truth,
			got,
		);
		if (got) {
			const stats = (result.byMethod[outcome.match.method] ??= { matched: 0, correct: 0 });
			stats.matched++;
			if (got === lead.truth) stats.correct++;
			else {
				const related =
					!!lead.truth &&
					[got, lead.truth].some((a) =>
						byId.get(a)?.relationships?.some((r) => r.id === (a === got ? lead.truth : got)),
					);
				const truthCountry =
					countryOf(lead.truth) ?? (typeof lead.json.country === 'string' ? lead.json.country : null);
				result.mistakes.push({
					lead: String(lead.json.company),
					truth: nameOf(lead.truth),
					got: nameOf(got),
					method: outcome.match.method,
					reason: outcome.match.reason,
					sameCountry: truthCountry ? truthCountry === countryOf(got) : null,
					related,
				});
			}
		}
		const email = typeof lead.json.email === 'string' ? lead.json.email : '';
		const leadDomain =
			registrableDomain(email.split('@')[1]) ?? registrableDomain(lead.json.website as string | undefined);
		count(
			result.baselines.domain,
			lead.truth,
			leadDomain && !FREE_MAIL.includes(leadDomain) ? only(byDomain.get(leadDomain)) : null,
		);
		count(result.baselines.name, lead.truth, only(byName.get(normalizeCompanyName(lead.json.company))));
	}
	return result;
}
