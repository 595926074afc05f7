/**
 * The account index: exact maps for domains, names, acronyms and ids, and an inverted index of name words
 * (plus the head and tail of each name's longest word, so one typo still finds the account) for fuzzy candidates.
 * Never a nested loop: a lead touches only the accounts that share a rare key with it.
 */
import { companyAcronym, companyTokens } from '../text/company';
import { registrableDomain } from '../text/domain';
import { isFreeMailDomain } from '../text/email-domains';
import { hashString, Postings, PostingsBuilder } from './postings';
import type { AccountRecord, Json } from './types';

const SEED = { name: 1, domain: 2, word: 3, head: 4, tail: 5, acronym: 6, id: 7 } as const;
const AFFIX = 4;

export interface AccountIndex {
	size: number;
	/** Matching key of each account's name ('' when it has none). */
	names: string[];
	byName: Postings;
	byDomain: Postings;
	byWord: Postings;
	byAcronym: Postings;
	byId: Postings;
	/** Accounts without a usable name or domain, and accounts whose only domain is free-mail. */
	unusable: number;
	freeMailDomains: number;
}

/** Registrable business domains of an account; free-mail domains never identify a company. */
export function accountDomains(record: AccountRecord): string[] {
	const out: string[] = [];
	for (const raw of record.domains) {
		const domain = registrableDomain(raw);
		if (domain && !isFreeMailDomain(domain) && !out.includes(domain)) out.push(domain);
	}
	return out;
}

export function wordKeys(tokens: readonly string[]): number[] {
	const keys: number[] = [];
	let longest = '';
	for (const token of tokens) {
		keys.push(hashString(token, SEED.word));
		if (token.length > longest.length) longest = token;
	}
	if (longest.length > AFFIX + 1) {
		keys.push(hashString(longest.slice(0, AFFIX), SEED.head), hashString(longest.slice(-AFFIX), SEED.tail));
	}
	return [...new Set(keys)];
}

export const keyOf = {
	name: (name: string) => hashString(name, SEED.name),
	domain: (domain: string) => hashString(domain, SEED.domain),
	acronym: (acronym: string) => hashString(acronym, SEED.acronym),
	id: (id: string) => hashString(id, SEED.id),
};

export function buildAccountIndex(items: readonly Json[], read: (json: Json) => AccountRecord): AccountIndex {
	const size = items.length;
	const names = new Array<string>(size);
	const byName = new PostingsBuilder(size);
	const byDomain = new PostingsBuilder(size);
	const byWord = new PostingsBuilder(size * 4);
	const byAcronym = new PostingsBuilder(Math.ceil(size / 2));
	const byId = new PostingsBuilder(size);
	let unusable = 0;
	let freeMailDomains = 0;
	for (let i = 0; i < size; i++) {
		const record = read(items[i] ?? {});
		if (record.id !== undefined) byId.add(keyOf.id(record.id), i);
		const domains = accountDomains(record);
		if (!domains.length && record.domains.length) freeMailDomains++;
		for (const domain of domains) byDomain.add(keyOf.domain(domain), i);
		const tokens = companyTokens(record.name);
		const name = tokens.join(' ');
		names[i] = name;
		if (!name && !domains.length) unusable++;
		if (!name) continue;
		byName.add(keyOf.name(name), i);
		for (const key of wordKeys(tokens)) byWord.add(key, i);
		const acronym = companyAcronym(tokens);
		if (acronym) byAcronym.add(keyOf.acronym(acronym), i);
	}
	return {
		size,
		names,
		byName: byName.build(),
		byDomain: byDomain.build(),
		byWord: byWord.build(),
		byAcronym: byAcronym.build(),
		byId: byId.build(),
		unusable,
		freeMailDomains,
	};
}

export interface Scratch {
	weights: Float32Array;
	touched: Int32Array;
}

export function scratchFor(index: AccountIndex): Scratch {
	return { weights: new Float32Array(index.size), touched: new Int32Array(index.size) };
}

// A word shared by more accounts than this says little about which one is meant; skip it while rarer words exist.
const COMMON_WORD = 2000;

/** Accounts sharing the rarest words with the lead, best first (at most `limit`), by summed word rarity. */
export function fuzzyCandidates(index: AccountIndex, tokens: readonly string[], limit: number, scratch: Scratch): number[] {
	if (!tokens.length || !index.size) return [];
	const keys = wordKeys(tokens)
		.map((key) => ({ key, count: index.byWord.count(key) }))
		.filter((entry) => entry.count > 0)
		.sort((a, b) => a.count - b.count);
	if (!keys.length) return [];
	const { weights, touched } = scratch;
	let touchedCount = 0;
	for (let k = 0; k < keys.length; k++) {
		const { key, count } = keys[k];
		if (k > 0 && count > COMMON_WORD) break;
		const weight = Math.log(1 + index.size / count);
		const [start, end] = index.byWord.range(key);
		const stop = Math.min(end, start + COMMON_WORD * 4);
		for (let p = start; p < stop; p++) {
			const account = index.byWord.values[p];
			if (weights[account] === 0) touched[touchedCount++] = account;
			weights[account] += weight;
		}
	}
	const best: Array<{ account: number; weight: number }> = [];
	for (let t = 0; t < touchedCount; t++) {
		const account = touched[t];
		const weight = weights[account];
		weights[account] = 0;
		if (best.length < limit) {
			best.push({ account, weight });
			if (best.length === limit) best.sort((a, b) => b.weight - a.weight);
		} else if (weight > best[limit - 1].weight) {
			best[limit - 1] = { account, weight };
			for (let j = limit - 1; j > 0 && best[j].weight > best[j - 1].weight; j--) [best[j], best[j - 1]] = [best[j - 1], best[j]];
		}
	}
	best.sort((a, b) => b.weight - a.weight);
	return best.map((entry) => entry.account);
}
