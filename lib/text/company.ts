/**
 * Company-name matching key: the comparable core of a name, without legal form, punctuation, accents,
 * "&"/"and" or a leading "The". Display names stay as typed; only this key is used for comparison.
 */

import { transliterate } from 'transliteration';
import { countryCode } from './country';

// Legal forms in the major jurisdictions, as tokens after punctuation is removed ("S.A." → "sa").
const LEGAL_FORMS = new Set([
	'inc',
	'incorporated',
	'corp',
	'corporation',
	'co',
	'company',
	'llc',
	'llp',
	'lp',
	'ltd',
	'limited',
	'plc',
	'gmbh',
	'ag',
	'kg',
	'ug',
	'ohg',
	'ev',
	'sa',
	'sas',
	'sarl',
	'srl',
	'spa',
	'bv',
	'nv',
	'vof',
	'ab',
	'as',
	'asa',
	'oy',
	'oyj',
	'aps',
	'pty',
	'pvt',
	'kk',
	'sl',
	'sau',
	'slu',
	'sro',
	'spzoo',
	'zoo',
	'sp',
	'kft',
	'doo',
	'ad',
	'se',
	'lda',
	'ltda',
	'cia',
	'pte',
	'bhd',
	'sdn',
	'tbk',
	'pt',
	'ooo',
	'zao',
	'oao',
	'pjsc',
	'jsc',
	'holdings',
	// Cyrillic and Japanese legal forms, which survive folding as letters.
	'ооо',
	'зао',
	'оао',
	'пао',
	'ао',
	'株式会社',
	'有限会社',
]);

// Legal forms often glued to the name ("AcmePLC"); only long, unambiguous ones, and only after a long stem.
const GLUED_FORMS = ['gmbh', 'corp', 'llc', 'llp', 'ltd', 'plc', 'inc'];

// Names are compared on at most this many characters: enough for any real name, bounded work for junk input.
const MAX_NAME_CHARS = 300;

/** Lowercase, accents folded, "&" as "and", punctuation as spaces, whitespace collapsed. */
export function foldCompanyText(name: string): string {
	// Plain ASCII (most names) skips Unicode normalisation and the slower Unicode-aware pattern.
	const ascii = /^[\x00-\x7f]*$/.test(name);
	let text = ascii
		? name.toLowerCase()
		: name
				.normalize('NFKD')
				.replace(/[\u0300-\u036f]/g, '')
				// Recomposed: decomposition split kana with voiced marks ("ジ") and Hangul syllables into parts.
				.normalize('NFC')
				.toLowerCase();
	if (text.includes('&')) text = text.replace(/&/g, ' and ');
	if (text.includes('.')) text = text.replace(/(\b[a-z])\.(?=[a-z]\b\.?)/g, '$1');
	// An apostrophe inside a word keeps the word whole: "Alzheimer’s" and "Alzheimer's" are "alzheimers", not "alzheimer s".
	if (/['’ʼ]/.test(text)) text = text.replace(/(?<=[\p{L}\p{N}])['’ʼ](?=\p{L})/gu, '');
	return (ascii ? text.replace(/[^a-z0-9]+/g, ' ') : text.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
}

function unglue(token: string): string {
	for (const form of GLUED_FORMS) {
		if (token.length >= form.length + 4 && token.endsWith(form)) return token.slice(0, -form.length);
	}
	return token;
}

// A trailing parenthesis qualifies a name with a place or an acronym ("Holland & Knight (United Arab Emirates)");
// a country there is left out of the key (it is geography, compared as such), a city or an acronym stays.
const QUALIFIER = /^(.*\S)\s*\(([^()]{1,60})\)\s*$/s;

/** The text of a trailing "(…)" qualifier, which the matching key leaves out. */
export function companyQualifier(name: unknown): string | undefined {
	if (typeof name !== 'string' || name.length > MAX_NAME_CHARS) return undefined;
	return QUALIFIER.exec(name)?.[2].trim() || undefined;
}

/** Tokens of the matching key, in order. */
export function companyTokens(name: unknown): string[] {
	if (typeof name !== 'string') return [];
	const text = name.slice(0, MAX_NAME_CHARS);
	const qualified = text.endsWith(')') ? QUALIFIER.exec(text) : null;
	const base = qualified && countryCode(qualified[2].trim()) ? qualified[1] : text;
	const tokens = foldCompanyText(base).split(' ').filter(Boolean);
	if (tokens[0] === 'the' && tokens.length > 1) tokens.shift();
	// Strip legal forms only from the end, so "Co-op Bank" or "AG Barr" keep their names; keep at least one token.
	while (tokens.length > 1 && (LEGAL_FORMS.has(tokens[tokens.length - 1]) || tokens[tokens.length - 1] === 'and'))
		tokens.pop();
	if (tokens.length === 1 && LEGAL_FORMS.has(tokens[0])) return tokens;
	tokens[tokens.length - 1] = unglue(tokens[tokens.length - 1] ?? '');
	return tokens.map(latinWord).filter((token) => token !== 'and' && token !== '');
}

// A letter outside Latin (Cyrillic, Greek, CJK, Arabic, …) or a Latin letter that folding leaves as is ("ł", "ø", "ß").
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * A word in another script spelled in Latin letters ("Московский" → "moskovskii", "济南大学" → "jinandaxue"), so a name
 * written in its own script meets the same organisation's name written in Latin letters. One word stays one word (CJK
 * writes no spaces between words, so its syllables stay together). Legal forms are stripped before this, in their own
 * script.
 */
function latinWord(token: string): string {
	if (!NOT_ASCII.test(token)) return token;
	return foldCompanyText(transliterate(token, { unknown: ' ' })).replace(/ /g, '');
}

// An elided article or preposition ("d'", "l'", "dell'") before a word.
const ELISION = /(?<![\p{L}\p{N}])(d|l|dell|dall|nell|sull|all)['’ʼ](?=\p{L})/giu;

/**
 * Tokens with elided articles as words of their own ("Centre d'Analyse" → centre d analyse), as a name is read when it
 * is spelled as initials (C-A, not C-D). The matching key keeps "d'Analyse" one word, so "L'Oréal" meets "Loreal".
 */
export function elidedTokens(name: unknown): string[] {
	return companyTokens(typeof name === 'string' ? name.replace(ELISION, '$1 ') : name);
}

/** The matching key used for exact comparison ("The Smith & Sons, Inc." → "smith sons"). */
export function normalizeCompanyName(name: unknown): string {
	return companyTokens(name).join(' ');
}

const ACRONYM_SKIP = new Set(['of', 'the', 'for', 'de', 'der', 'des', 'du', 'la', 'le', 'von', 'van']);

/**
 * The initials of a multi-word key ("international business machines" → "ibm"); undefined for one-word keys,
 * where an acronym would be the word itself.
 */
export function companyAcronym(tokens: readonly string[]): string | undefined {
	const words = tokens.filter((token) => !ACRONYM_SKIP.has(token));
	if (words.length < 2 || words.length > 8) return undefined;
	let acronym = '';
	for (const word of words) acronym += word[0];
	return acronym;
}
