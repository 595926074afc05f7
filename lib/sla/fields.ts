import { textOf } from '../text/clean';
import { readPath } from '../text/path';

/** Longest lead ID kept as a timer key: the key is stored (in static data or Redis) with every timer. */
export const MAX_KEY_LENGTH = 1000;

/** Why a lead ID cannot be a timer key, or undefined when it can. */
export function keyProblem(key: string | undefined, field: string): string | undefined {
	if (!key) return `Lead ID field "${field}" is empty`;
	if (key.length > MAX_KEY_LENGTH) return `Lead ID field "${field}" is longer than ${MAX_KEY_LENGTH} characters`;
	return undefined;
}

/** A timer key from lead data: non-empty text or a finite number, trimmed. */
export function readKey(data: unknown, path: string): string | undefined {
	return textOf(readPath(data, path));
}

/**
 * Splits "a, b; c" into trimmed entries, without leading or trailing empty ones (an empty entry inside stays, so it
 * can be reported). Split, then trim: a pattern with \\s* around the separator backtracks quadratically on long runs of spaces.
 */
export function splitList(text: string): string[] {
	const parts = String(text ?? '')
		.split(/[,;\n]/)
		.map((part) => part.trim());
	let start = 0;
	let end = parts.length;
	while (start < end && !parts[start]) start++;
	while (end > start && !parts[end - 1]) end--;
	return parts.slice(start, end);
}
