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

function tokenMatch(token: string, other: string): number {
	if (other === token) return 1;
	// Typos inside a word count only for words long enough that one edit does not make another word.
	// A length gap above a fifth already rules out the 0.8 needed, without computing the distance.
	if (
		token.length >= 5 &&
		other.length >= 5 &&
		Math.abs(token.length - other.length) * 5 <= Math.max(token.length, other.length)
	) {
		const plain = editSimilarity(token, other);
		if (plain >= 0.8) return plain;
		// A swap costs two plain edits, so only a near miss can reach 0.8 once swaps count as one; no real word is
		// longer than MAX_WORD, and beyond it the quadratic swap-aware distance is not worth its cost.
		const longer = Math.max(token.length, other.length);
		if (plain < 0.6 || longer > MAX_WORD) return 0;
		const similarity = 1 - swapDistance(token, other) / longer;
		if (similarity >= 0.8) return similarity;
	}
	return 0;
}

/** One word, or the same word with a typo ("Acadeym"); never two words that differ more ("Northern", "Southern"). */
export function sameWord(token: string, other: string): boolean {
	return tokenMatch(token, other) > 0;
}

const MAX_WORD = 48;
const MAX_WORDS = 64;

/** Edit distance where two neighbouring letters swapped count as one edit, the commonest typo ("Acadeym"). */
function swapDistance(a: string, b: string): number {
	const width = b.length + 1;
	const rows = [new Array<number>(width).fill(0), new Array<number>(width).fill(0), new Array<number>(width).fill(0)];
	for (let j = 0; j < width; j++) rows[1][j] = j;
	for (let i = 1; i <= a.length; i++) {
		const [before, previous] = [rows[(i - 1) % 3], rows[i % 3]];
		const current = rows[(i + 1) % 3];
		current[0] = i;
		for (let j = 1; j < width; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2] + 1);
			current[j] = best;
		}
	}
	return rows[(a.length + 1) % 3][b.length];
}

function bestMatch(token: string, others: readonly string[]): number {
	let best = 0;
	for (const other of others) {
		const similarity = tokenMatch(token, other);
		if (similarity > best) best = similarity;
		if (best === 1) break;
	}
	return best;
}

/** Word weight when no index is at hand: longer words say more than one-letter fragments. */
export const byLength = (token: string): number => token.length;

// Words in another order are the same name told differently ("Group Quitzon" / "Quitzon Group"), but not identical.
const ORDER_PENALTY = 0.04;

/**
 * Soft Dice over words, each word used once (a repeated word counts twice), weighted by `weight` (word rarity in the
 * matcher, so distinctive words decide: "Arizona Water Science Center" is not "Oregon Water Science Center"), and a
 * little less than 1 when the shared words come in another order.
 */
export function tokenSimilarity(
	wordsA: readonly string[],
	wordsB: readonly string[],
	weight: (token: string) => number = byLength,
): number {
	// Name keys hold a few words; the bound keeps the pairwise comparison small on junk input.
	const a = wordsA.length > MAX_WORDS ? wordsA.slice(0, MAX_WORDS) : wordsA;
	const b = wordsB.length > MAX_WORDS ? wordsB.slice(0, MAX_WORDS) : wordsB;
	let total = 0;
	const weightsB = b.map(weight);
	for (const w of weightsB) total += w;
	const used = new Uint8Array(b.length);
	let matched = 0;
	let lastJ = -1;
	let pairs = 0;
	let inversions = 0;
	for (const token of a) {
		const w = weight(token);
		total += w;
		let best = 0;
		let bestJ = -1;
		for (let j = 0; j < b.length; j++) {
			if (used[j]) continue;
			const similarity = tokenMatch(token, b[j]);
			if (similarity > best) {
				best = similarity;
				bestJ = j;
				if (similarity === 1) break;
			}
		}
		if (bestJ < 0) continue;
		used[bestJ] = 1;
		matched += best * (w + weightsB[bestJ]);
		pairs++;
		if (bestJ < lastJ) inversions++;
		lastJ = bestJ;
	}
	if (!total) return 0;
	const score = matched / total;
	return inversions && pairs > 1 ? score * (1 - (ORDER_PENALTY * inversions) / (pairs - 1)) : score;
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
	for (const token of short) found += weight(token) * bestMatch(token, long);
	return found / total;
}

/**
 * The name score used for every decision: the better of the character and the word measure. The matcher passes word
 * rarity as the weight; without it words weigh by length.
 */
export function nameSimilarity(a: string, b: string, weight: (token: string) => number = byLength): number {
	if (!a || !b) return 0;
	if (a === b) return 1;
	const wordsA = a.split(' ');
	const wordsB = b.split(' ');
	const byWords = tokenSimilarity(wordsA, wordsB, weight);
	// The character measure is for typos and words glued or split ("acmesolutions"). Where a word was replaced by
	// another, it would let long shared filler outweigh the one distinctive word ("Arizona" / "Oregon Water Science").
	return replacesWord(wordsA, wordsB) ? byWords : Math.max(byWords, editSimilarity(a, b));
}

/** Same number of words, and one of them is not a misspelling of the word in its place. */
function replacesWord(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (editSimilarity(a[i], b[i]) < 0.5) return true;
	return false;
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
	const key = String(value)
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
	if (key.length < 3) return undefined;
	// US ZIP+4 and plain ZIP are the same place for matching.
	return /^\d{9}$/.test(key) ? key.slice(0, 5) : key;
}

const STREET_WORDS: Record<string, string> = {
	street: 'st',
	avenue: 'ave',
	av: 'ave',
	road: 'rd',
	boulevard: 'blvd',
	drive: 'dr',
	lane: 'ln',
	place: 'pl',
	court: 'ct',
	parkway: 'pkwy',
	highway: 'hwy',
	square: 'sq',
	terrace: 'ter',
	suite: 'ste',
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
	const key = value
		.slice(0, 100)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '');
	return key || undefined;
}
