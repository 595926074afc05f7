/**
 * Turning untrusted form values into clean text: any JSON value in, a trimmed single-line string (or undefined) out.
 * Never throws, never walks into huge or nested values.
 */

/** Values longer than this are not text a person typed into a form field. */
export const MAX_FIELD_CHARS = 10_000;

// Control characters, zero-width characters and bidirectional overrides: invisible, and a classic spoofing vector.
const INVISIBLE =
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const SPACES = /\s+/g;
// Most values are already clean; one test is cheaper than two replacements.
const NEEDS_CLEANING =
	/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\s\s|[^\S ]/;

export type TextProblem = 'invalid_type' | 'too_long';

export interface TextResult {
	text?: string;
	problem?: TextProblem;
}

/**
 * A field value as text. Numbers and booleans become strings; a one-element array (Facebook's `values`, checkbox
 * groups) gives its first element; objects and long values are problems, not text.
 */
export function toText(value: unknown, maxChars = MAX_FIELD_CHARS): TextResult {
	let v = value;
	if (Array.isArray(v)) {
		const first = v.find((entry) => entry !== null && entry !== undefined && entry !== '');
		if (first === undefined) return {};
		v = first;
	}
	if (v === null || v === undefined) return {};
	if (typeof v === 'number') return Number.isFinite(v) ? { text: String(v) } : { problem: 'invalid_type' };
	if (typeof v === 'bigint') return { text: v.toString() };
	if (typeof v === 'boolean') return { text: v ? 'true' : 'false' };
	if (typeof v !== 'string') return { problem: 'invalid_type' };
	if (v.length > maxChars * 4) return { problem: 'too_long' };
	const text = NEEDS_CLEANING.test(v) ? v.replace(INVISIBLE, '').replace(SPACES, ' ').trim() : v.trim();
	if (!text) return {};
	if (text.length > maxChars) return { problem: 'too_long' };
	return { text };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
// An opening or closing tag of the elements mail and chat tools wrap text in.
const HTML_TAG =
	/<\/?(?:div|p|br|span|b|i|u|strong|em|a|ul|ol|li|h[1-6]|table|tr|td|th|tbody|blockquote|font|html|body)\b[^<>]{0,500}>/i;

/**
 * The text of an HTML fragment (mail and chat tools send a message's body as HTML): block ends and <br> become line
 * breaks, other tags go, the common entities are decoded. Text without such tags is returned as it is.
 */
export function htmlToText(text: string): string {
	if (!HTML_TAG.test(text)) return text;
	return text
		.replace(/<(?:br\s*\/?|\/(?:p|div|li|h[1-6]|tr|blockquote))>/gi, '\n')
		.replace(/<[^<>]{0,2000}>/g, '')
		.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name]);
}

/** Multi-line text (a message): keeps line breaks, removes invisible characters, trims. */
export function toMultilineText(value: unknown, maxChars = MAX_FIELD_CHARS): TextResult {
	if (typeof value !== 'string') return toText(value, maxChars);
	if (value.length > maxChars * 4) return { problem: 'too_long' };
	const text = value
		.replace(/\r\n?/g, '\n')
		.replace(INVISIBLE, '')
		.replace(/[ \t]+/g, ' ')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
	if (!text) return {};
	if (text.length > maxChars) return { problem: 'too_long' };
	return { text };
}

const folded = new Map<string, string>();

/** Lowercase, accents removed, everything but letters and digits dropped: "E-Mail Address" → "emailaddress". */
export function foldKey(key: string): string {
	const hit = folded.get(key);
	if (hit !== undefined) return hit;
	const result = key
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '');
	// Field names repeat across every lead of a form; values passed here are short (keys, country names).
	if (key.length <= 200) {
		if (folded.size >= 10_000) folded.clear();
		folded.set(key, result);
	}
	return result;
}

/**
 * Text folded for word matching: lowercase, accents removed, every run of other characters one space, padded with a
 * space on both sides — so `folded.includes(' price quote ')` finds whole words and phrases.
 */
export function foldWords(text: string): string {
	// Most messages are plain ASCII: no Unicode decomposition and a cheaper character class for them.
	if (/^[\x20-\x7e]*$/.test(text))
		return ` ${text
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, ' ')
			.trim()} `;
	const lower = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
	return ` ${lower.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** Lead data as text: a string (trimmed) or a finite number; undefined for anything else and for blank text. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** Whether a key could rewrite an object's prototype chain if copied naively. */
export function isUnsafeKey(key: string): boolean {
	return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}
