/**
 * Registrable domains ("example.co.uk" from "https://www.shop.example.co.uk/path") via the Public Suffix List
 * (tldts), never by splitting on dots.
 */
import { parse } from 'tldts';

/** The registrable domain of a URL, host or email address, lowercased; undefined when there is none. */
export function registrableDomain(input: unknown): string | undefined {
	if (typeof input !== 'string') return undefined;
	let text = input.trim().toLowerCase();
	if (!text || text.length > 2048) return undefined;
	const at = text.lastIndexOf('@');
	if (at >= 0 && !text.includes('/')) text = text.slice(at + 1);
	const parsed = parse(text, { allowPrivateDomains: false });
	if (!parsed.domain || parsed.isIp || !parsed.isIcann) return undefined;
	return parsed.domain;
}
