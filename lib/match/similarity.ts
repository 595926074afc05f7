/**
 * Evidence measures: how alike two company-name keys are, and whether corroborating fields agree.
 * Name keys come from normalizeCompanyName, so legal forms and punctuation are already gone.
 */
import { distance } from 'fastest-levenshtein';

/** 1 − edit distance / longer length: catches typos and dropped spaces. */
export function editSimilarity(a: string, b: string): number {
	if (a === b) return 1;
	const longer = Math.max(a.length, b.length);
	if (!longer) return 0;
	return 1 - distance(a, b) / longer;
}

function tokenMatch(token: string, others: readonly string[]): number {
	let best = 0;
	for (const other of others) {
		if (other === token) return 1;
		// Typos inside a word count only for words long enough that one edit does not make another word.
		// A length gap above a fifth already rules out the 0.8 needed, without computing the distance.
		if (token.length >= 5 && other.length >= 5 && Math.abs(token.length - other.length) * 5 <= Math.max(token.length, other.length)) {
			const similarity = editSimilarity(token, other);
			if (similarity >= 0.8 && similarity > best) best = similarity;
		}
	}
	return best;
}

/**
 * Soft Dice over words, weighted by word length so stray one-letter fragments count little:
 * reordered words ("Group Quitzon" / "Quitzon Group") score 1.
 */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
	let total = 0;
	let matched = 0;
	for (const token of a) {
		total += token.length;
		matched += token.length * tokenMatch(token, b);
	}
	for (const token of b) {
		total += token.length;
		matched += token.length * tokenMatch(token, a);
	}
	return total ? matched / total : 0;
}

/**
 * How much of the shorter name (by word weight) the other name contains: "Curtis" in "Chicago Public Schools Curtis,
 * George W." is 1. Weights are word rarity, so shared filler words ("school", "center") count little.
 */
export function containment(a: readonly string[], b: readonly string[], weight: (token: string) => number): number {
	let totalA = 0;
	let totalB = 0;
	for (const token of a) totalA += weight(token);
	for (const token of b) totalB += weight(token);
	const [short, long, total] = totalA <= totalB ? [a, b, totalA] : [b, a, totalB];
	if (!total) return 0;
	let found = 0;
	for (const token of short) found += weight(token) * tokenMatch(token, long);
	return found / total;
}

/** The name score used for every decision: the better of the character and the word measure. */
export function nameSimilarity(a: string, b: string): number {
	if (!a || !b) return 0;
	if (a === b) return 1;
	return Math.max(editSimilarity(a, b), tokenSimilarity(a.split(' '), b.split(' ')));
}

/** Digits of a phone number; national and international forms agree on their last digits. */
export function phoneDigits(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const digits = String(value).replace(/\D/g, '');
	return digits.length >= 7 ? digits : undefined;
}

export function samePhone(a: string | undefined, b: string | undefined): boolean {
	if (!a || !b) return false;
	// Ten digits cover a national number with area code; seven is the shortest local number we trust.
	const n = Math.min(a.length, b.length, 10);
	return a.slice(-n) === b.slice(-n);
}

export function postalKey(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const key = String(value).toLowerCase().replace(/[^a-z0-9]/g, '');
	if (key.length < 3) return undefined;
	// US ZIP+4 and plain ZIP are the same place for matching.
	return /^\d{9}$/.test(key) ? key.slice(0, 5) : key;
}

const STREET_WORDS: Record<string, string> = {
	street: 'st', avenue: 'ave', av: 'ave', road: 'rd', boulevard: 'blvd', drive: 'dr', lane: 'ln', place: 'pl',
	court: 'ct', parkway: 'pkwy', highway: 'hwy', square: 'sq', terrace: 'ter', suite: 'ste',
};
const DIRECTIONS = new Set(['n', 's', 'e', 'w', 'north', 'south', 'east', 'west', 'ne', 'nw', 'se', 'sw']);

/** House number plus the first word of the street name: "707 E. 37th Street" → "707 37th". */
export function streetKey(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const words = value
		.slice(0, 200)
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
		.split(' ')
		.map((word) => (Object.hasOwn(STREET_WORDS, word) ? STREET_WORDS[word] : word));
	const numberAt = words.findIndex((word) => /^\d+[a-z]?$/.test(word));
	if (numberAt < 0) return undefined;
	const name = words.slice(numberAt + 1).find((word) => word && !DIRECTIONS.has(word));
	return name ? `${words[numberAt]} ${name}` : undefined;
}

export function cityKey(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const key = value.slice(0, 100).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
	return key || undefined;
}
