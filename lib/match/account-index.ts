/**
 * The account index: exact maps for domains, names, acronyms and ids, and an inverted index of name words
 * (plus the head and tail of each name's longest word, so one typo still finds the account) for fuzzy candidates.
 * Never a nested loop: a lead touches only the accounts that share a rare key with it.
 */
import { companyAcronym, companyTokens } from '../text/company';
import { registrableDomain } from '../text/domain';
import { isFreeMailDomain } from '../text/email-domains';
import { NameStore } from './name-store';
import { HashPostingsBuilder, hashString, type Postings, PostingsBuilder } from './postings';
import type { AccountReader } from './accounts';
import { streetKey } from './similarity';
import type { AccountRecord, Json } from './types';

const SEED = { name: 1, domain: 2, word: 3, head: 4, tail: 5, acronym: 6, id: 7, street: 8 } as const;
// Head and tail of each word: a typo in the middle of a word leaves one of them intact.
const AFFIX = 4;

export interface AccountIndex {
	size: number;
	/** Matching key of each account's name ('' when it has none). */
	names: NameStore;
	/** Matching keys of the other names of the few accounts that list any (also in byName). */
	otherNames: Map<number, string[]>;
	byName: Postings;
	byDomain: Postings;
	byWord: Postings;
	/** Sum of each account's word-key rarities: the denominator of the weighted overlap that ranks candidates. */
	wordWeight: Float32Array;
	byAcronym: Postings;
	byId: Postings;
	/** Parent id key → the accounts naming that parent: a domain's accounts' units, which may hold no domain. */
	byParent: Postings;
	/** Street key (house number and street name) → accounts: candidates for a lead at the same address. */
	byStreet: Postings;
	/** Accounts with neither a usable name nor a domain. */
	unusable: number;
}

/** Registrable business domains of an account; free-mail domains never identify a company. */
export function accountDomains(record: AccountRecord): string[] {
	return businessDomains(record.domains);
}

function businessDomains(raws: readonly string[]): string[] {
	const out: string[] = [];
	for (const raw of raws) {
		const domain = registrableDomain(raw);
		if (domain && !isFreeMailDomain(domain) && !out.includes(domain)) out.push(domain);
	}
	return out;
}

/** Matching keys of an account's other names (the reader joins them with ";"). */
function otherNameKeys(joined: string | undefined): string[] {
	if (!joined) return [];
	const keys = joined
		.split(';')
		.map((other) => companyTokens(other).join(' '))
		.filter(Boolean);
	return [...new Set(keys)];
}

/** Whether `name` is an account's name or one of its other names. */
export function isNamed(index: AccountIndex, i: number, name: string): boolean {
	return index.names.get(i) === name || !!index.otherNames.get(i)?.includes(name);
}

export function wordKey(token: string): number {
	return hashString(token, SEED.word);
}

export function wordKeys(tokens: readonly string[]): number[] {
	const keys: number[] = [];
	// A name has a handful of keys: a scan of them is cheaper than a Set, and keeps the same first-seen order.
	const push = (key: number) => {
		if (!keys.includes(key)) keys.push(key);
	};
	for (const token of tokens) {
		push(hashString(token, SEED.word));
		if (token.length > AFFIX) {
			push(hashString(token, SEED.head, 0, AFFIX));
			push(hashString(token, SEED.tail, token.length - AFFIX));
		}
	}
	return keys;
}

export const keyOf = {
	name: (name: string) => hashString(name, SEED.name),
	domain: (domain: string) => hashString(domain, SEED.domain),
	acronym: (acronym: string) => hashString(acronym, SEED.acronym),
	id: (id: string) => hashString(id, SEED.id),
	street: (street: string) => hashString(street, SEED.street),
};

export function buildAccountIndex(items: readonly Json[], read: AccountReader): AccountIndex {
	const size = items.length;
	// Every key is computed twice, counted and then placed, rather than held: at a million accounts the held pairs
	// were the memory peak.
	const byId = new PostingsBuilder();
	const byParent = new PostingsBuilder();
	const byDomain = new PostingsBuilder();
	const byStreet = new PostingsBuilder();
	// Each account's first domain key (0: no domain), kept between the passes because parsing domains is most of their
	// time; the few accounts with several are parsed again. The array becomes wordWeight at the end.
	const firstDomain = new Int32Array(size);
	const severalDomains = new Set<number>();
	for (let pass = 0; pass < 2; pass++) {
		if (pass) for (const builder of [byId, byParent, byDomain, byStreet]) builder.placeNext();
		for (let i = 0; i < size; i++) {
			const json = items[i] ?? {};
			const id = read.field(json, 'id');
			if (id !== undefined) byId.add(keyOf.id(id), i);
			const parentId = read.field(json, 'parentId');
			if (parentId !== undefined && parentId !== id) byParent.add(keyOf.id(parentId), i);
			const street = streetKey(read.field(json, 'street'));
			if (street) byStreet.add(keyOf.street(street), i);
			if (pass && !severalDomains.has(i)) {
				if (firstDomain[i]) byDomain.add(firstDomain[i], i);
				continue;
			}
			// Free-mail account domains are indexed but can never be hit: leads look up only business domains.
			let previous: string | undefined;
			let keys = 0;
			for (const raw of read.domains(json)) {
				const domain = registrableDomain(raw);
				if (domain && domain !== previous) {
					const key = keyOf.domain(domain);
					byDomain.add(key, i);
					if (keys++ === 0) firstDomain[i] = key;
				}
				previous = domain ?? previous;
			}
			if (keys > 1) severalDomains.add(i);
		}
	}
	const idPostings = byId.build();
	const parentPostings = byParent.build();
	const domainPostings = byDomain.build();
	const streetPostings = byStreet.build();

	const names = new NameStore(size);
	const byName = new PostingsBuilder();
	const byAcronym = new PostingsBuilder();
	const byWord = new HashPostingsBuilder(size);
	const otherNames = new Map<number, string[]>();
	let unusable = 0;
	for (let pass = 0; pass < 2; pass++) {
		if (pass) for (const builder of [byName, byAcronym, byWord]) builder.placeNext();
		for (let i = 0; i < size; i++) {
			let name: string;
			let tokens: string[];
			if (pass === 0) {
				const others = otherNameKeys(read.field(items[i] ?? {}, 'otherNames'));
				if (others.length) otherNames.set(i, others);
				tokens = companyTokens(read.field(items[i] ?? {}, 'name'));
				name = tokens.join(' ');
				names.push(name);
				if (!name && !firstDomain[i]) unusable++;
			} else {
				// The second pass reads the stored name: its tokens joined by spaces, and no token holds a space.
				name = names.get(i);
				tokens = name ? name.split(' ') : [];
			}
			for (const other of otherNames.get(i) ?? []) byName.add(keyOf.name(other), i);
			if (!name) continue;
			byName.add(keyOf.name(name), i);
			for (const key of wordKeys(tokens)) byWord.add(key, i);
			const acronym = companyAcronym(tokens);
			if (acronym) byAcronym.add(keyOf.acronym(acronym), i);
		}
	}
	const wordPostings = byWord.build();
	const wordWeight = new Float32Array(firstDomain.buffer).fill(0);
	wordPostings.forEachList((start, end) => {
		const weight = rarity(size, end - start);
		for (let p = start; p < end; p++) wordWeight[wordPostings.value(p)] += weight;
	});
	return {
		size,
		names,
		otherNames,
		byName: byName.build(),
		byDomain: domainPostings,
		byWord: wordPostings,
		wordWeight,
		byAcronym: byAcronym.build(),
		byId: idPostings,
		byParent: parentPostings,
		byStreet: streetPostings,
		unusable,
	};
}

// A word shared by more accounts than this says little about which one is meant: it never brings candidates in,
// it only ranks the candidates rarer words found.
const COMMON_WORD = 600;
// Ranking by common words costs a binary search per candidate: worth it only while the candidates are few.
const BOOST_LIMIT = 256;
// Once this many candidates are in, rarer words have spoken; commoner ones only rank (binary search below).
const SCAN_BUDGET = 1000;

// Scanning stops once SCAN_BUDGET accounts are in, after at most COMMON_WORD more: the most one lead touches.
const MOST_TOUCHED = SCAN_BUDGET + COMMON_WORD;
// Open addressing over the touched accounts, at most 40 % full; small enough to stay in the processor's cache.
const SCRATCH_SLOTS = 4096;

/**
 * The weights of the accounts one lead touches, by account (plus one; 0 is an empty slot): a table sized by the most
 * one lead can touch, not by the account list (an array per account was 4 MB at a million accounts).
 */
export interface Scratch {
	accounts: Int32Array;
	weights: Float32Array;
	/** Slots in the order their accounts were first touched. */
	touched: Int32Array;
}

export function scratchFor(index: AccountIndex): Scratch {
	return {
		accounts: new Int32Array(SCRATCH_SLOTS),
		weights: new Float32Array(SCRATCH_SLOTS),
		touched: new Int32Array(Math.min(index.size, MOST_TOUCHED)),
	};
}

function slotOf(accounts: Int32Array, account: number): number {
	let slot = Math.imul(account + 1, 0x9e3779b1) >>> 20;
	while (accounts[slot] !== 0 && accounts[slot] !== account + 1) slot = (slot + 1) & (SCRATCH_SLOTS - 1);
	return slot;
}

export function rarity(size: number, count: number): number {
	return Math.log(1 + size / count);
}

/** Whether the sorted posting slice [start, end) holds `account`. */
function holds(postings: Postings, start: number, end: number, account: number): boolean {
	let lo = start;
	let hi = end - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const value = postings.value(mid);
		if (value === account) return true;
		if (value < account) lo = mid + 1;
		else hi = mid - 1;
	}
	return false;
}

/** Accounts sharing the rarest words with the lead, best first (at most `limit`), by summed word rarity. */
export function fuzzyCandidates(
	index: AccountIndex,
	tokens: readonly string[],
	limit: number,
	scratch: Scratch,
): number[] {
	if (!tokens.length || !index.size) return [];
	const keys = wordKeys(tokens)
		.map((key) => ({ key, count: index.byWord.count(key) }))
		.filter((entry) => entry.count > 0)
		.sort((a, b) => a.count - b.count);
	if (!keys.length) return [];
	const { accounts, weights, touched } = scratch;
	const postings = index.byWord;
	let leadWeight = 0;
	for (const { count } of keys) leadWeight += rarity(index.size, count);
	let touchedCount = 0;
	let k = 0;
	for (; k < keys.length && (k === 0 || (keys[k].count <= COMMON_WORD && touchedCount < SCAN_BUDGET)); k++) {
		const weight = rarity(index.size, keys[k].count);
		const [start, end] = index.byWord.range(keys[k].key);
		const stop = Math.min(end, start + COMMON_WORD);
		for (let p = start; p < stop; p++) {
			const account = postings.value(p);
			const slot = slotOf(accounts, account);
			if (accounts[slot] === 0) {
				accounts[slot] = account + 1;
				touched[touchedCount++] = slot;
			}
			weights[slot] += weight;
		}
	}
	// Postings are in account order (placed account by account), so membership in a long list is a binary search.
	for (let boosted = 0; k < keys.length && boosted < 3 && touchedCount <= BOOST_LIMIT; k++, boosted++) {
		const weight = rarity(index.size, keys[k].count);
		const [start, end] = index.byWord.range(keys[k].key);
		for (let t = 0; t < touchedCount; t++) {
			if (holds(postings, start, end, accounts[touched[t]] - 1)) weights[touched[t]] += weight;
		}
	}
	// Weighted Jaccard of the word keys: a long name sharing many middling words does not outrank one rare shared word.
	const rank = (slot: number) => weights[slot] / (leadWeight + index.wordWeight[accounts[slot] - 1] - weights[slot]);
	const best: Array<{ account: number; rank: number }> = [];
	for (let t = 0; t < touchedCount; t++) {
		const slot = touched[t];
		const account = accounts[slot] - 1;
		const score = rank(slot);
		// Every touched slot is emptied here, so the table is empty again for the next lead.
		accounts[slot] = 0;
		weights[slot] = 0;
		if (best.length < limit) {
			best.push({ account, rank: score });
			if (best.length === limit) best.sort((a, b) => b.rank - a.rank);
		} else if (score > best[limit - 1].rank) {
			best[limit - 1] = { account, rank: score };
			for (let j = limit - 1; j > 0 && best[j].rank > best[j - 1].rank; j--)
				[best[j], best[j - 1]] = [best[j - 1], best[j]];
		}
	}
	best.sort((a, b) => b.rank - a.rank);
	return best.map((entry) => entry.account);
}
