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

// Labels under a public suffix that name no organisation ("ac.uk", "pref.aichi.jp" keeps "aichi").
const GENERIC_LABELS = new Set(['gouv', 'gobierno', 'info', 'name']);

/**
 * The words a registrable domain is spelled from: its labels and hyphenated parts ("chu-montpellier.fr" → "chu",
 * "montpellier"), with the public suffix's own labels when they name a place ("pref.aichi.jp" → "pref", "aichi").
 */
export function domainWords(domain: string): string[] {
	const { name, suffix } = splitDomain(domain);
	const labels = suffix.split('.').slice(0, -1);
	const words = [...name.split(/[.-]/), ...labels.filter((label) => label.length >= 4)];
	return [...new Set(words.filter((word) => word.length >= 3 && !GENERIC_LABELS.has(word)))];
}

/** A registrable domain's own name and its public suffix: "acme" and "co.uk" of acme.co.uk. */
export function splitDomain(domain: string): { name: string; suffix: string } {
	const parsed = parse(domain, { allowPrivateDomains: false });
	return { name: parsed.domainWithoutSuffix ?? domain, suffix: parsed.publicSuffix ?? '' };
}
