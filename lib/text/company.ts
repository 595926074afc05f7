/**
 * Company-name matching key: the comparable core of a name, without legal form, punctuation, accents,
 * "&"/"and" or a leading "The". Display names stay as typed; only this key is used for comparison.
 */

// Legal forms in the major jurisdictions, as tokens after punctuation is removed ("S.A." → "sa").
const LEGAL_FORMS = new Set([
	'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc',
	'gmbh', 'ag', 'kg', 'ug', 'ohg', 'ev', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'vof', 'ab', 'as', 'asa',
	'oy', 'oyj', 'aps', 'pty', 'pvt', 'kk', 'sl', 'sau', 'slu', 'sro', 'spzoo', 'zoo', 'sp', 'kft', 'doo', 'ad',
	'se', 'lda', 'ltda', 'cia', 'pte', 'bhd', 'sdn', 'tbk', 'pt', 'ooo', 'zao', 'oao', 'pjsc', 'jsc', 'holdings',
]);

/** Lowercase, accents folded, "&" as "and", punctuation as spaces, whitespace collapsed. */
export function foldCompanyText(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/(\b[a-z])\.(?=[a-z]\b\.?)/g, '$1')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Tokens of the matching key, in order. */
export function companyTokens(name: unknown): string[] {
	if (typeof name !== 'string') return [];
	const tokens = foldCompanyText(name.slice(0, 1000)).split(' ').filter(Boolean);
	if (tokens[0] === 'the' && tokens.length > 1) tokens.shift();
	// Strip legal forms only from the end, so "Co-op Bank" or "AG Barr" keep their names; keep at least one token.
	while (tokens.length > 1 && (LEGAL_FORMS.has(tokens[tokens.length - 1]) || tokens[tokens.length - 1] === 'and')) tokens.pop();
	return tokens.filter((token) => token !== 'and');
}

/** The matching key used for exact comparison ("The Smith & Sons, Inc." → "smith sons"). */
export function normalizeCompanyName(name: unknown): string {
	return companyTokens(name).join(' ');
}
