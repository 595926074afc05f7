/**
 * Units sharing a domain: a university's institutes, a hospital group's hospitals, a government's agencies all write
 * from one domain, and the CRM often holds only one of them. A lead on that domain whose company names another unit
 * ("Cardiff University" on cardiff.ac.uk, where the only account is "Wales Gene Park") is not that account's lead.
 */
import { companyAcronym } from '../text/company';
import { domainWords } from '../text/domain';
import { editSimilarity, sameWord } from './similarity';

// Words that join a name's parts in the languages of the registry's names; they tell no organisation apart.
const FILLER = new Set([
	'of',
	'the',
	'for',
	'and',
	'at',
	'in',
	'on',
	'de',
	'des',
	'du',
	'la',
	'le',
	'les',
	'di',
	'del',
	'della',
	'dei',
	'degli',
	'der',
	'die',
	'das',
	'und',
	'et',
	'en',
	'da',
	'do',
	'dos',
	'van',
	'von',
	'zu',
	'fur',
	'al',
	'el',
]);

// The same word in a neighbouring language or spelling ("hospitalier" / "hopital", "Catalunya" / "Catalonia",
// "Akademija" / "Academy") is not a different word: a name and its translation must not look like two units.
const KIN = 0.6;

const WORDS_LIMIT = 24;

// Points of the compass that name a region's unit ("… Western Region", "… Nord"), in the registry's languages.
const COMPASS = new Set([
	'north',
	'south',
	'east',
	'west',
	'northern',
	'southern',
	'eastern',
	'western',
	'nord',
	'ouest',
	'norte',
	'oeste',
	'sud',
]);

/** A name's words that can tell organisations apart: three letters or more, no joining word. */
export function contentWords(tokens: readonly string[]): string[] {
	return tokens.slice(0, WORDS_LIMIT).filter((token) => token.length >= 3 && !FILLER.has(token));
}

function hasKin(word: string, others: readonly string[]): boolean {
	return others.some(
		(other) =>
			other === word ||
			editSimilarity(word, other) >= KIN ||
			// A word and its compound or abbreviation ("Verlag" / "Verlagsgesellschaft", "Inst" / "Institute").
			(Math.min(word.length, other.length) >= 4 && (word.startsWith(other) || other.startsWith(word))),
	);
}

/**
 * How a name spells a domain word: 'word' through a word of the name ("cardiff"), the start of one ("pref" of
 * "prefectural") or the starts of several words in order with one of at least three letters ("uniri" for University of
 * Rijeka, "ulisboa" for Universidade de Lisboa); 'initials' through the first letters of words only ("chu" for Centre
 * Hospitalier Universitaire); undefined when it does not.
 */
export function spelling(word: string, tokens: readonly string[]): 'initials' | 'word' | undefined {
	const words = tokens.slice(0, WORDS_LIMIT);
	if (words.some((token) => token === word || (word.length >= 4 && token.startsWith(word)))) return 'word';
	const failed = new Set<string>();
	// From letter `at` of the domain word, using words from `from` on: at least two pieces, each a word's start.
	const run = (at: number, from: number, pieces: number, longest: number): number => {
		if (at === word.length) return pieces >= 2 ? longest : 0;
		const key = `${at} ${from} ${longest >= 3}`;
		if (failed.has(key)) return 0;
		let best = 0;
		for (let t = from; t < words.length && best < 3; t++) {
			const token = words[t];
			for (let length = Math.min(token.length, word.length - at); length >= 1 && best < 3; length--) {
				if (token.startsWith(word.slice(at, at + length)))
					best = Math.max(best, run(at + length, t + 1, pieces + 1, Math.max(longest, length)));
			}
			// A filler word may be skipped ("Universidade de Lisboa"), a word that carries meaning may not.
			if (!FILLER.has(token)) break;
		}
		if (!best) failed.add(key);
		return best;
	};
	let best = 0;
	for (let start = 0; start < words.length && best < 3; start++) best = Math.max(best, run(0, start, 0, 0));
	return best >= 3 ? 'word' : best ? 'initials' : undefined;
}

/**
 * Why the lead names another unit than this account on the lead's domain, or undefined when it may name the account.
 * Evidence needed, all of it: the lead's company spells a word of the domain with its own words and the account's
 * names do not (so the domain is the organisation's the lead names, not the account's own), the lead's name
 * has words the account's names lack and the account's names have words the lead lacks (a name and its translation
 * share kin words), and neither is the other's acronym.
 */
export function anotherUnit(
	leadTokens: readonly string[],
	accountNames: ReadonlyArray<readonly string[]>,
	domain: string,
): string | undefined {
	const lead = contentWords(leadTokens);
	if (lead.length < 2) return undefined;
	const parts = domainWords(domain);
	// Domain words the lead spells with its words (initials alone also spell a translation's domain: "pan.pl" is
	// Polska Akademia Nauk, whose account may be named "Polish Academy of Sciences").
	const leadSpells = parts.filter((part) => spelling(part, leadTokens) === 'word');
	if (!leadSpells.length) return undefined;
	const leadAcronym = companyAcronym(leadTokens);
	let differ: { leadOnly: string[]; accountOnly: string[]; unspelled: string[] } | undefined;
	for (const name of accountNames) {
		// The domain must be the lead's organisation's more than the account's: a word of it the account does not spell.
		const unspelled = leadSpells.filter((part) => !spelling(part, name));
		if (!unspelled.length) return undefined;
		const acronym = companyAcronym(name);
		if ((acronym && leadTokens.includes(acronym)) || (leadAcronym && name.includes(leadAcronym))) return undefined;
		const words = contentWords(name);
		const leadOnly = lead.filter((word) => !hasKin(word, words));
		const accountOnly = words.filter((word) => !hasKin(word, lead));
		if (!leadOnly.length || !accountOnly.length) return undefined;
		differ ??= { leadOnly, accountOnly, unspelled };
	}
	if (!differ) return undefined;
	const { leadOnly, accountOnly, unspelled } = differ;
	return `the lead's company spells the domain ${domain} ("${unspelled.join('", "')}") where the account's name does not, and names "${leadOnly.join(' ')}" where the account names "${accountOnly.join(' ')}": another organisation or unit on the same domain`;
}

/**
 * Whether a lead names a sibling of this account rather than the account: several accounts share a domain and a
 * name ("Summit Dental Academy - Boise", "… - Portland"), and the lead writes that shared name with a telling word of
 * its own where the account has another ("… - Pocatello" against "… - Boise"). `siblings` are every account's words.
 */
export function namesOtherSibling(
	leadTokens: readonly string[],
	accountTokens: readonly string[],
	siblings: ReadonlyArray<readonly string[]>,
): boolean {
	const lead = contentWords(leadTokens);
	const own = contentWords(accountTokens);
	const common = own.filter((word) => siblings.every((words) => words.includes(word)));
	if (!common.length || !common.some((word) => lead.includes(word))) return false;
	const differs = (word: string, others: readonly string[]) =>
		!common.includes(word) && !others.some((other) => sameWord(word, other));
	return lead.some((word) => differs(word, own)) && own.some((word) => differs(word, lead));
}

/**
 * Whether a lead's name is another unit's than the account's on a domain that is neither's own: no word of the
 * domain is spelled by the lead's name or by the account's names (the domain is a larger organisation's, shared by its
 * units), and each name has at least two telling words the other lacks ("Laboratoire de Chimie et Physique Quantiques"
 * / "Laboratoire Collisions Agrégats Réactivité" on ups-tlse.fr). One differing word is as often a variant of the same
 * name ("Xi'an Red Cross Hospital" / "Xi'an Honghui Hospital") and says nothing here.
 */
export function siblingOnSharedDomain(
	leadTokens: readonly string[],
	accountNames: ReadonlyArray<readonly string[]>,
	domain: string,
): boolean {
	const spelled = (part: string) =>
		spelling(part, leadTokens) !== undefined || accountNames.some((name) => spelling(part, name) !== undefined);
	return differingWords(leadTokens, accountNames) >= 2 && !domainWords(domain).some(spelled);
}

/**
 * Whether a lead's name is a similar account name with one of its telling words swapped for another ("Naval Air
 * Systems Command" / "Naval Sea Systems Command", "Clínica Universitária de Cardiologia" / "… de Pneumologia"): the
 * sibling of the account, not the account. A typo, an abbreviation, a compound or a cognate in another language is
 * no swap; two words alike only in some letters are ("Herbipôle" / "Horticole"), and so are two points of the compass
 * ("Western" / "Eastern").
 */
export function swapsWord(leadTokens: readonly string[], accountNames: ReadonlyArray<readonly string[]>): boolean {
	return differingWords(leadTokens, accountNames) >= 1;
}

/**
 * How many telling words a lead's name and an account's names each have that the other lacks (the fewer side, at the
 * name that differs least): 1 for a swapped word, 2 or more for another name altogether. A typo, an abbreviation, a
 * compound or a cognate in another language is the same word; two points of the compass are not ("Western" /
 * "Eastern"). A short other name ("NWS", "WR") is no evidence either way: only names of two words or more count.
 */
export function differingWords(leadTokens: readonly string[], accountNames: ReadonlyArray<readonly string[]>): number {
	const lead = contentWords(leadTokens);
	if (lead.length < 2) return 0;
	const alike = (word: string, others: readonly string[]) =>
		others.some((other) =>
			COMPASS.has(word) || COMPASS.has(other)
				? word === other
				: cognate(word, other) || sameWord(word, other) || other.startsWith(word) || word.startsWith(other),
		);
	const names = accountNames.map(contentWords).filter((words) => words.length >= 2);
	if (!names.length) return 0;
	return Math.min(
		...names.map((words) =>
			Math.min(lead.filter((word) => !alike(word, words)).length, words.filter((word) => !alike(word, lead)).length),
		),
	);
}

/** The same word in another language or inflection: a shared start of four letters or more, half the shorter word. */
function cognate(word: string, other: string): boolean {
	if (word === other) return true;
	const shorter = Math.min(word.length, other.length);
	let shared = 0;
	while (shared < shorter && word[shared] === other[shared]) shared++;
	return shared >= 4 && shared * 2 >= shorter;
}

/**
 * Whether a lead's name is a unit's own name, short or translated, among the accounts on a domain: it writes every
 * word of one of the unit's names beyond its parents' names ("Calamba" of "University of Perpetual Help System DALTA
 * Calamba"), every word it writes is in that name or is a parent's acronym ("UEM Jaipur"), and one of them is no other
 * account's on the domain, written as the unit writes it (or with a typo). A translation's other words are cognates
 * ("Museum of Natural History" for "Museo de Historia Natural"). A chain's campuses differ in a town whose start may be
 * alike ("Westbrook" / "Westboro"), which is why the telling word must be the unit's own. `family` holds the parents'
 * words and acronyms, `others` every other account's words on the domain.
 */
export function writesUnit(
	leadTokens: readonly string[],
	unit: ReadonlyArray<readonly string[]>,
	family: { words: readonly string[]; acronyms: readonly string[] },
	others: () => ReadonlyArray<readonly string[]>,
): boolean {
	const lead = contentWords(leadTokens);
	if (lead.length < 2) return false;
	const same = (word: string, words: readonly string[]) => words.some((other) => sameWord(word, other));
	const within = (word: string, words: readonly string[]) =>
		same(word, words) || words.some((other) => cognate(word, other));
	let read: ReadonlyArray<readonly string[]> | undefined;
	const otherWords = () => (read ??= others());
	return unit.some((name) => {
		const own = contentWords(name).filter((word) => !family.words.includes(word));
		return (
			own.length > 0 &&
			own.every((word) => within(word, lead)) &&
			lead.every((word) => within(word, name) || family.acronyms.includes(word)) &&
			// The other accounts' words are read last, and only then: a chain's domain may hold thousands of accounts.
			lead.some((word) => same(word, own) && !otherWords().some((words) => within(word, words)))
		);
	});
}

/**
 * Whether an acronym spells a name's initials the way organisations write their own: joining words ("de", "et", "of")
 * and one- or two-letter words may be spelled or left out ("CIAS" for Centro de Investigação em Antropologia e Saúde,
 * "LOMC" for Laboratoire Ondes et Milieux Complexes). Every other word is spelled by its first letter, in order. Three
 * letters at least: two are too few to leave words out.
 */
export function spellsInitials(acronym: string, tokens: readonly string[]): boolean {
	if (acronym.length < 3) return false;
	const words = tokens.slice(0, WORDS_LIMIT);
	const optional = (word: string) => FILLER.has(word) || word.length <= 2;
	const failed = new Set<number>();
	const from = (at: number, letter: number): boolean => {
		if (letter === acronym.length) return words.slice(at).every(optional);
		if (at === words.length) return false;
		const key = at * (acronym.length + 1) + letter;
		if (failed.has(key)) return false;
		const word = words[at];
		const fits = (word[0] === acronym[letter] && from(at + 1, letter + 1)) || (optional(word) && from(at + 1, letter));
		if (!fits) failed.add(key);
		return fits;
	};
	return from(0, 0);
}
