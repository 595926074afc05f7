/**
 * Websites and landing-page URLs: a canonical website URL, its registrable domain, and UTM parameters.
 * Parsing uses the WHATWG URL parser and tldts; nothing is split by hand.
 */
import { registrableDomain } from './domain';

export interface Website {
	website: string;
	domain: string;
}

function toUrl(input: string): URL | undefined {
	const text = input.trim();
	if (!text || text.length > 2048 || /\s/.test(text)) return undefined;
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text.replace(/^\/\//, '')}`;
	try {
		const url = new URL(withScheme);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

/** A link a person opens as given (e.g. a booking page): the trimmed text when it is an absolute http(s) URL. */
export function absoluteHttpUrl(input: string): string | undefined {
	const text = input.trim();
	return /^https?:\/\//i.test(text) && toUrl(text)?.hostname ? text : undefined;
}

/** "WWW.Acme.co.uk/about?x=1" → { website: "https://www.acme.co.uk/about", domain: "acme.co.uk" }. */
export function normalizeWebsite(input: string): Website | undefined {
	const url = toUrl(input);
	// "jo@acme.io" parses as a URL with a user name: it is an email, not a website.
	if (!url || url.username || url.password) return undefined;
	const domain = registrableDomain(url.hostname);
	if (!domain) return undefined;
	const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
	return { website: `${url.protocol}//${url.hostname}${path}`, domain };
}

export const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type Utm = Partial<Record<UtmKey, string>>;

/** UTM parameters from a landing-page or referrer URL; empty when there are none. */
export function utmFromUrl(input: string): Utm {
	const url = toUrl(input);
	const utm: Utm = {};
	if (!url) return utm;
	for (const key of UTM_KEYS) {
		const value = url.searchParams.get(`utm_${key}`)?.trim();
		if (value) utm[key] = value.slice(0, 200);
	}
	return utm;
}
