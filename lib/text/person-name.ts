/**
 * Person names: casing that leaves deliberate capitals alone, and splitting a full name into first and last.
 * Words typed in one case ("JOHN MCDONALD", "maria van der berg") are recased; words with mixed case are
 * assumed to be written the way their owner writes them ("DeAndre", "McKenzie") and kept.
 */

// Lowercase when not the first word: "Ludwig van Beethoven", "Maria de los Santos".
const PARTICLES = new Set([
	'van',
	'von',
	'der',
	'den',
	'de',
	'del',
	'della',
	'di',
	'da',
	'das',
	'dos',
	'du',
	'la',
	'le',
	'los',
	'las',
	'ter',
	'ten',
	'op',
	'zu',
	'af',
	'al',
	'bin',
	'bint',
	'ibn',
	'y',
	'e',
]);
const HONORIFICS = new Set([
	'mr',
	'mrs',
	'ms',
	'miss',
	'mx',
	'dr',
	'prof',
	'sir',
	'madam',
	'herr',
	'frau',
	'mme',
	'mlle',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);
const ROMAN = /^(ii|iii|iv|vi|vii|viii)$/i;

function capitalizeWord(word: string): string {
	if (!word) return word;
	if (ROMAN.test(word)) return word.toUpperCase();
	const lower = word.toLocaleLowerCase();
	// "mcdonald" → "McDonald"; "Mac" is left alone because Macy, Mack and Machado are not Mac-names.
	if (lower.length > 3 && lower.startsWith('mc')) return 'Mc' + lower.charAt(2).toLocaleUpperCase() + lower.slice(3);
	return lower.charAt(0).toLocaleUpperCase() + lower.slice(1);
}

function caseToken(token: string, isFirst: boolean): string {
	const lower = token.toLocaleLowerCase();
	if (!isFirst && PARTICLES.has(lower)) return lower;
	// Capitalize each piece around hyphens and apostrophes: "o'neil" → "O'Neil", "anne-marie" → "Anne-Marie".
	return lower
		.split(/([-'’])/)
		.map((part, index, parts) => {
			// "d'" and "l'" elisions stay lowercase inside a name ("Guy d'Artois") but not at the start.
			if (
				(part === 'd' || part === 'l') &&
				parts[index + 1] &&
				/['’]/.test(parts[index + 1]) &&
				!(isFirst && index === 0)
			) {
				return part;
			}
			return /[-'’]/.test(part) ? part : capitalizeWord(part);
		})
		.join('');
}

/** Whether the text has letters in only one case (so its casing carries no information). */
function isSingleCase(text: string): boolean {
	return text === text.toLocaleLowerCase() || text === text.toLocaleUpperCase();
}

/**
 * Collapses spaces and recases each word typed all-lowercase or ALL-UPPERCASE; words with deliberate mixed case
 * ("McKenzie", "DeAndre") are kept as typed.
 */
export function casePersonName(name: string): string {
	const text = name.replace(/\s+/g, ' ').trim();
	if (!text) return text;
	return text
		.split(' ')
		.map((token, index) => (isSingleCase(token) ? caseToken(token, index === 0) : token))
		.join(' ');
}

export interface SplitName {
	firstName?: string;
	lastName?: string;
}

function bare(token: string): string {
	return token.replace(/\./g, '').toLowerCase();
}

/**
 * Splits "Dr. Ludwig van Beethoven Jr." into first "Ludwig" and last "van Beethoven"; "Smith, John" is read as
 * last, first. Everything before the last name (with its particles) is the first name.
 */
export function splitFullName(fullName: string): SplitName {
	const text = fullName.replace(/\s+/g, ' ').trim();
	if (!text) return {};
	const comma = text.indexOf(',');
	if (comma > 0 && text.indexOf(',', comma + 1) < 0) {
		const last = text.slice(0, comma).trim();
		const first = text.slice(comma + 1).trim();
		if (last && first && !SUFFIXES.has(bare(first))) return { firstName: first, lastName: last };
	}
	const tokens = text.replace(/,/g, ' ').split(' ').filter(Boolean);
	while (tokens.length > 1 && HONORIFICS.has(bare(tokens[0]))) tokens.shift();
	while (tokens.length > 1 && SUFFIXES.has(bare(tokens[tokens.length - 1]))) tokens.pop();
	if (tokens.length === 1) return { firstName: tokens[0] };
	let start = tokens.length - 1;
	while (start > 1 && PARTICLES.has(tokens[start - 1].toLowerCase())) start--;
	return { firstName: tokens.slice(0, start).join(' '), lastName: tokens.slice(start).join(' ') };
}

/** Whether a name contains characters no name has: digits, URLs, "@", emoji and other symbols. */
export function hasNonNameCharacters(name: string): boolean {
	if (/^[A-Za-z .'-]*$/.test(name)) return false;
	return /[\d@#$%^*_=+<>{}[\]|\\/~`]|\p{Extended_Pictographic}/u.test(name);
}

// What chat widgets and analytics tools call a visitor they have no name for: "Anonymous", "Visitor 1234",
// "Guest #42", "Unknown visitor", "user_8831", "V1604324532" and generated names such as "Anonymous Koala".
const GENERATED_NAME =
	/^(?:an? )?(?:(?:anonymous|anon|unknown|unnamed|new|returning|site|website|web|chat)[ _-]?)?(?:visitor|guest|user|customer|lead|contact|person)(?:[ _#:-]*[a-z]*\d[a-z0-9]*)?$|^(?:anonymous|anon|unknown|unnamed)(?:[ _#:-]*\d+)?$|^[a-z]{0,3}\d{4,}$/i;
const ANONYMOUS_ALIAS = /^(?:anonymous|anon)[ _-]+\p{L}+(?:[ -]\p{L}+)?$/iu;

/**
 * Whether a name is one a tool made up for a visitor it could not identify, not a person's. "Guest" or "Lead" alone
 * is also a surname, so a last name (`wholeName` false) counts only with a number or an "anonymous"/"visitor" word.
 */
export function isGeneratedName(name: string, wholeName = true): boolean {
	const text = name.replace(/\s+/g, ' ').trim();
	if (!text || text.length > 60) return false;
	if (ANONYMOUS_ALIAS.test(text)) return true;
	if (!GENERATED_NAME.test(text)) return false;
	return wholeName || /\d|anon|unknown|unnamed|visitor/i.test(text);
}
