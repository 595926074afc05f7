/**
 * What a lead's company name says about each account: how well it fits the account's names (words weighted by how
 * rare they are among all accounts), whether it names the account in a longer name or as its initials, and, among
 * accounts sharing a domain, which words tell them apart.
 */
import { companyAcronym, elidedTokens } from '../text/company';
import { rarity, wordKey, type AccountIndex } from './account-index';
import { ancestors, type AccountView } from './evidence';
import type { LeadKeys } from './lead';
import { nameSimilarity, tokenSimilarity } from './similarity';
import { spellsInitials, writesUnit } from './units';

// At most this many accounts carry a word for it to make a name one organisation's own.
const OWN_WORD_ACCOUNTS = 2;
// Below this many accounts a word's count says nothing of how common it is among organisations.
const OWN_WORD_MIN_ACCOUNTS = 1000;
const RARE_WORD = 3;

// An account name written as initials ("MICA", "I.B.M."): only such a name is the acronym of a lead's full name.
export const WRITTEN_AS_ACRONYM = /^\s*(?:[Tt]he\s+)?[A-Z](\.?[A-Z]){1,5}\.?(\s|,|$)/;

// A lead's word that points to another account on its domain is one few accounts anywhere carry (a town, not "department").
const SIBLING_WORD_ACCOUNTS = 20;

// What a word all accounts on a domain share still weighs (a little, so a name made only of such words is not empty).
const SHARED_WORD_FLOOR = 0.05;

// Share of an account name's (rarity-weighted) words that a longer lead name must contain to name that account.
const CONTAINED = 0.9;

/** The company's last word when it is written in capitals and is not its only word ("USGS PIERC" → pierc). */
function lastCapitalWord(text: string | undefined): string | undefined {
	const match = text ? /\S\s+([A-Z]{3,8})\s*$/.exec(text) : null;
	return match?.[1].toLowerCase();
}

export class Naming {
	private readonly wordSets = new WeakMap<AccountView, Set<string>>();

	constructor(
		private readonly index: AccountIndex,
		private readonly fuzzyThreshold: number,
		private readonly viewOf: (i: number) => AccountView,
	) {}

	/** How rare a word is among the account names: distinctive words decide a name score, filler words barely count. */
	readonly rarity = (token: string): number => {
		const count = this.index.byWord.count(wordKey(token));
		// A word no account has is as often a typo as a distinctive word: it weighs like a rare one, not the rarest.
		return token.length * rarity(this.index.size, Math.max(RARE_WORD, count));
	};

	/**
	 * A word of the lead's name that hardly any other account carries and this one does ("Quinnipiac"): a name that
	 * is one organisation's, so another domain is more likely its other domain than another organisation's. Names made
	 * of common words ("Ministry of Finance", "Cabinet Office") are the ones organisations share. Measured on ROR dev
	 * leads moved to another of their organisation's domains: 34 right matches without the domain conflict, 6 with it
	 * alone, 26 with this exception.
	 */
	ownWord(lead: LeadKeys, view: AccountView): string | undefined {
		if (this.index.size < OWN_WORD_MIN_ACCOUNTS) return undefined;
		const names = this.wordSet(view);
		return lead.tokens.find(
			(token) => token.length >= 3 && names.has(token) && this.index.byWord.count(wordKey(token)) <= OWN_WORD_ACCOUNTS,
		);
	}

	/**
	 * Whether the lead writes the account's name in words many organisations use ("Cabinet Office"): false when the
	 * list is too small for word counts to tell, so a small CRM never loses a match on it.
	 */
	commonName(lead: LeadKeys, view: AccountView): boolean {
		return this.index.size >= OWN_WORD_MIN_ACCOUNTS && this.ownWord(lead, view) === undefined;
	}

	/** The words of each of an account's names (its name first, then its other names). */
	nameWords(view: AccountView): string[][] {
		return [this.index.names.get(view.index), ...(this.index.otherNames.get(view.index) ?? [])].map((name) =>
			name.split(' '),
		);
	}

	/** The best name score of an account's name and its other names against the lead's name. */
	nameScore(name: string, i: number, weight = this.rarity): number {
		let best = nameSimilarity(name, this.index.names.get(i), weight);
		for (const other of this.index.otherNames.get(i) ?? [])
			if (best < 1) best = Math.max(best, nameSimilarity(name, other, weight));
		return best;
	}

	/**
	 * The word measure alone (no character measure) between the lead's words and an account's names: among siblings
	 * the names differ in one word ("… de Misantla" / "… de Centla"), which the character measure would overlook.
	 */
	wordScore(tokens: readonly string[], i: number, weight: (token: string) => number): number {
		let best = tokenSimilarity(tokens, this.index.names.get(i).split(' '), weight);
		for (const other of this.index.otherNames.get(i) ?? [])
			if (best < 1) best = Math.max(best, tokenSimilarity(tokens, other.split(' '), weight));
		return best;
	}

	/**
	 * Word weights among accounts sharing a domain: a word most of them carry ("Instituto Tecnológico Superior de …",
	 * "NOAA … Laboratory") tells none of them apart, so the words that differ decide which one the lead names.
	 */
	siblingWeight(views: readonly AccountView[]): (token: string) => number {
		const counts = new Map<string, number>();
		for (const view of views) {
			for (const word of this.wordSet(view)) counts.set(word, (counts.get(word) ?? 0) + 1);
		}
		return (token) => this.rarity(token) * Math.max(SHARED_WORD_FLOOR, 1 - (counts.get(token) ?? 0) / views.length);
	}

	/**
	 * Whether the lead names this account: a similar name, its initials written as the lead's acronym ("LEME"), or all
	 * of the account's distinctive words inside a longer lead name ("X Institute at the University of Y" names both).
	 */
	names(lead: LeadKeys, view: AccountView, score = this.nameScore(lead.name, view.index)): boolean {
		if (score >= this.fuzzyThreshold) return true;
		const words = this.index.names.get(view.index).split(' ');
		if (lead.tokens.length === 1 && WRITTEN_AS_ACRONYM.test(lead.companyText ?? ''))
			return (
				companyAcronym(words) === lead.name ||
				spellsInitials(lead.name, words) ||
				(/['’ʼ]/.test(view.record.name ?? '') && spellsInitials(lead.name, elidedTokens(view.record.name))) ||
				this.ownPartSpelled(lead.name, view, words)
			);
		// A longer name ending in the account's initials in capitals, or in an acronym the account lists ("USGS PIERC",
		// "CEA LIST", "Laboratoire MAPIEM") names it; the words before qualify it with the parent or the kind of unit.
		const acronym = companyAcronym(words);
		const last = lastCapitalWord(lead.companyText);
		if (
			last &&
			((acronym && acronym.length >= 3 && last === acronym) || this.index.otherNames.get(view.index)?.includes(last))
		)
			return true;
		if (words.length < 2 || lead.tokens.length <= words.length) return false;
		let total = 0;
		let found = 0;
		for (const word of words) {
			const weight = this.rarity(word);
			total += weight;
			if (lead.tokens.includes(word)) found += weight;
		}
		return total > 0 && found / total >= CONTAINED;
	}

	/** Whether the lead writes this unit's short form or translation among the accounts on its domain (see units.ts). */
	writesUnitOf(lead: LeadKeys, view: AccountView, views: readonly AccountView[]): boolean {
		// One word is no unit's name (see writesUnit); most leads on a shared domain stop here, before any parent is read.
		if (lead.tokens.length < 2) return false;
		const parents = ancestors(this.index, view, this.viewOf).flatMap((parent) => this.nameWords(parent));
		const family = {
			words: parents.flat(),
			acronyms: parents.map((name) => (name.length === 1 ? name[0] : (companyAcronym(name) ?? ''))),
		};
		const others = () => views.filter((other) => other !== view).flatMap((other) => this.nameWords(other));
		return writesUnit(lead.tokens, this.nameWords(view), family, others);
	}

	/**
	 * Whether an acronym spells what follows a parent's name in a unit's name: "SDL" for "Utah State University Space
	 * Dynamics Laboratory" under "Utah State University"; the parent may be written as its acronym ("NOAA …").
	 */
	private ownPartSpelled(acronym: string, view: AccountView, words: readonly string[]): boolean {
		for (const parent of ancestors(this.index, view, this.viewOf)) {
			const parentWords = this.index.names.get(parent.index).split(' ');
			const spelled = companyAcronym(parentWords);
			const skip = parentWords.every((word, n) => words[n] === word)
				? parentWords.length
				: spelled && words[0] === spelled
					? 1
					: 0;
			if (skip && words.length - skip >= 2 && spellsInitials(acronym, words.slice(skip))) return true;
		}
		return false;
	}

	/**
	 * A word of the lead's that another account on the domain carries and neither this one nor its parents or units
	 * do, and exactly one other account on the domain carries: "… of Technological Studies of
	 * Tozeur" names the Tozeur institute, not the Gafsa one whose English name lacks the town.
	 */
	anotherSiblingsWord(lead: LeadKeys, view: AccountView, views: readonly AccountView[]): boolean {
		const words = (of: AccountView) => this.wordSet(of);
		// Rare words the account lacks first (cheap): a chain's domain may hold thousands of accounts to compare.
		const rare = lead.tokens.filter(
			(token) =>
				token.length >= 3 &&
				!words(view).has(token) &&
				this.index.byWord.count(wordKey(token)) <= SIBLING_WORD_ACCOUNTS,
		);
		if (!rare.length) return false;
		// Words of the account and of its parents and units on the domain ("… at the University of New Brunswick").
		const family = views.filter((other) => other === view || this.sameFamily(other, [view])).map(words);
		const candidates = rare.filter((token) => !family.some((set) => set.has(token)));
		if (!candidates.length) return false;
		const others = views.filter((other) => other !== view && !this.sameFamily(other, [view])).map(words);
		return candidates.some((token) => others.filter((set) => set.has(token)).length === 1);
	}

	/** The words of all of an account's names, as a set; kept while the account's view is. */
	private wordSet(view: AccountView): Set<string> {
		let set = this.wordSets.get(view);
		if (!set) {
			set = new Set(this.nameWords(view).flat());
			this.wordSets.set(view, set);
		}
		return set;
	}

	/** Whether an account is a parent or child (at any depth) of one of the others. */
	sameFamily(view: AccountView, others: readonly AccountView[]): boolean {
		const ids = new Set(others.map((other) => other.record.id));
		if (ancestors(this.index, view, this.viewOf).some((parent) => ids.has(parent.record.id))) return true;
		return others.some((other) =>
			ancestors(this.index, other, this.viewOf).some((parent) => parent.record.id === view.record.id),
		);
	}
}
