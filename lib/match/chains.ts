/**
 * A chain's locations: schools, clinics and salons name each campus by the chain's name and a place after a dash
 * ("Prism Career Institute-Cherry Hill", "Summit Dental Academy - Boise"), all on the chain's domain. A lead naming
 * the chain with another place is another campus, however alike the two names are as a whole.
 */
import { companyTokens } from '../text/company';
import { sameWord } from './similarity';

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
	const chain = companyTokens(parts[1]);
	const place = companyTokens(parts[2]);
	if (chain.length < 2 || !place.length) return undefined;
	return { chain: chain.join(' '), place, text: { chain: parts[1].trim(), place: parts[2].trim() } };
}

/**
 * Why the lead names another location of the account's chain: one chain, and no word of one place after the dash
 * is, even misspelled, a word of the other; undefined otherwise.
 */
export function otherLocation(leadText: string | undefined, accountName: string | undefined): string | undefined {
	if (!leadText || !accountName || !/[-–—]/.test(leadText) || !/[-–—]/.test(accountName)) return undefined;
	const lead = location(leadText);
	const account = lead && location(accountName);
	if (!lead || !account || lead.chain !== account.chain) return undefined;
	if (lead.place.some((word) => account.place.some((other) => sameWord(word, other)))) return undefined;
	return `the lead names another location of "${account.text.chain}" ("${lead.text.place}", not "${account.text.place}")`;
}
