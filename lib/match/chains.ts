/**
 * A chain's locations: schools, clinics and salons name each campus by the chain's name and a place after a dash
 * ("Prism Career Institute-Cherry Hill", "Summit Dental Academy - Boise"), all on the chain's domain. A lead naming
 * the chain with another place is another campus, however alike the two names are as a whole.
 */
import { companyTokens } from '../text/company';
import { sameWord } from './similarity';
import { contentWords } from './units';

// The last dash with spaces around it ("CEA Paris-Saclay - Etablissement de Saclay"), else the last one at all.
const SPACED_DASH = /^(.*\S)\s+[-–—]\s+(\S.*)$/s;
const ANY_DASH = /^(.*\S)[-–—](\S[^-–—]*)$/s;

interface Location {
	chain: string;
	place: string[];
	text: { chain: string; place: string };
}

/** The chain's name and the place after the dash; undefined for a name without one. */
function location(name: string): Location | undefined {
	const parts = SPACED_DASH.exec(name) ?? ANY_DASH.exec(name);
	if (!parts) return undefined;
	// A chain's name is two words written apart at least: "Max-Planck-Institut für Physik" is no "Max-Planck" campus.
	if (!/\S\s+\S/.test(parts[1])) return undefined;
	const chain = companyTokens(parts[1]);
	const place = companyTokens(parts[2]);
	if (chain.length < 2 || !place.length) return undefined;
	return { chain: chain.join(' '), place, text: { chain: parts[1].trim(), place: parts[2].trim() } };
}

/**
 * Why the lead names another location of the account's chain: one chain, and each place after the dash has a word
 * the other lacks, even misspelled or shortened ("Cherry Hil" is "Cherry Hill"); undefined otherwise.
 */
export function otherLocation(leadText: string | undefined, accountName: string | undefined): string | undefined {
	if (!leadText || !accountName || !/[-–—]/.test(leadText) || !/[-–—]/.test(accountName)) return undefined;
	const lead = location(leadText);
	const account = lead && location(accountName);
	if (!lead || !account || lead.chain !== account.chain) return undefined;
	// Words both places carry ("Etablissement de …", "… Campus") are the chain's, not the place's. No cognates here:
	// towns alike in their first letters are other towns ("Westbrook" / "Westboro").
	const alike = (word: string, other: string) =>
		sameWord(word, other) || word.startsWith(other) || other.startsWith(word);
	const own = (place: string[], other: string[]) =>
		contentWords(place).filter((word) => !other.some((shared) => alike(word, shared)));
	if (!own(lead.place, account.place).length || !own(account.place, lead.place).length) return undefined;
	return `the lead names another location of "${account.text.chain}" ("${lead.text.place}", not "${account.text.place}")`;
}
