/**
 * Checks that a webhook request was signed by its sender: an HMAC-SHA256 over the raw body (and, for some schemes,
 * the method, URL and a timestamp) with a shared secret, compared in constant time, with a replay window for the
 * schemes that sign a timestamp. Pure: the caller passes the request and the clock.
 */
import { createHmac, timingSafeEqual } from 'crypto';

export type SignatureScheme = 'hubspotV3' | 'typeform' | 'calendly' | 'meta' | 'generic';

export interface GenericScheme {
	/** The header that carries the signature, e.g. `X-Signature`. */
	header: string;
	encoding: 'hex' | 'base64';
	/** Text before the signature in the header, e.g. `sha256=` (ignored when `timestamped`). */
	prefix: string;
	/** Stripe-style `t=<unix seconds>,v1=<signature>` over `<t>.<body>`. */
	timestamped: boolean;
}

export interface SignedRequest {
	method: string;
	/** The URL the sender called, as it sees it (HubSpot signs it). */
	url: string;
	headers: Record<string, unknown>;
	body: Buffer;
}

export interface VerifySettings {
	scheme: SignatureScheme;
	/** The current secret first; a previous one is accepted too while a secret is being rotated. */
	secrets: string[];
	/** How far a signed timestamp may be from `now`, either way. */
	toleranceMs: number;
	now: number;
	generic?: GenericScheme;
}

export type Rejection = { verified: false; problem: string; hint: string };

export type Verdict = { verified: true; scheme: SignatureScheme; signedAt?: number } | Rejection;

interface Check {
	/** The bytes that were signed, for a given timestamp text. */
	signed: Buffer;
	/** The signatures offered by the request (several when a sender rotates secrets). */
	offered: string[];
	encoding: 'hex' | 'base64';
	signedAt?: number;
}

const MISSING_HINT =
	'Requests that do not come from the configured sender are rejected; check that the sender signs its webhooks';
const MISMATCH_HINT =
	'Either the request was not signed with this secret (a forged or changed request), or the secret in the credential is not the one set at the sender. Check the Webhook node keeps the Raw Body.';

export function verifySignature(request: SignedRequest, settings: VerifySettings): Verdict {
	const secrets = settings.secrets.filter((s) => s.length > 0);
	if (!secrets.length)
		return fail('The signing secret is empty', 'Enter the secret in the Lead Routing Signing Secret credential');
	const check = readCheck(request, settings);
	if ('problem' in check) return check;
	if (check.signedAt !== undefined) {
		const skew = settings.now - check.signedAt;
		if (!Number.isFinite(skew) || Math.abs(skew) > settings.toleranceMs) {
			const seconds = Math.round(skew / 1000);
			return fail(
				`The request was signed ${Math.abs(seconds)} s ${seconds >= 0 ? 'ago' : 'in the future'}, outside the replay window of ${Math.round(settings.toleranceMs / 1000)} s`,
				'A replayed or delayed request is rejected. If the clocks of this server and the sender disagree, fix the server clock (NTP).',
			);
		}
	}
	for (const secret of secrets) {
		const expected = createHmac('sha256', secret).update(check.signed).digest(check.encoding);
		if (
			check.offered.some((offered) => sameText(normalize(offered, check.encoding), normalize(expected, check.encoding)))
		) {
			return { verified: true, scheme: settings.scheme, signedAt: check.signedAt };
		}
	}
	return fail('The signature does not match the request', MISMATCH_HINT);
}

function fail(problem: string, hint: string): Rejection {
	return { verified: false, problem, hint };
}

function readCheck(request: SignedRequest, settings: VerifySettings): Check | Rejection {
	const { body } = request;
	switch (settings.scheme) {
		case 'hubspotV3': {
			const signature = header(request, 'x-hubspot-signature-v3');
			const timestamp = header(request, 'x-hubspot-request-timestamp');
			if (!signature || !timestamp)
				return fail('The request has no X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp header', MISSING_HINT);
			if (!/^\d{1,16}$/.test(timestamp))
				return fail('X-HubSpot-Request-Timestamp is not a number of milliseconds', MISSING_HINT);
			const signed = Buffer.concat([
				Buffer.from(`${request.method.toUpperCase()}${hubspotUri(request.url)}`, 'utf8'),
				body,
				Buffer.from(timestamp, 'utf8'),
			]);
			return { signed, offered: [signature], encoding: 'base64', signedAt: Number(timestamp) };
		}
		case 'typeform':
			return prefixed(request, 'typeform-signature', 'sha256=', 'base64');
		case 'meta':
			return prefixed(request, 'x-hub-signature-256', 'sha256=', 'hex');
		case 'calendly':
			return timestamped(request, 'calendly-webhook-signature', 'hex');
		case 'generic': {
			const generic = settings.generic;
			if (!generic || !generic.header.trim())
				return fail('No signature header is configured', 'Set Signature Header, e.g. X-Signature');
			if (generic.timestamped) return timestamped(request, generic.header, generic.encoding);
			return prefixed(request, generic.header, generic.prefix, generic.encoding);
		}
	}
}

function prefixed(request: SignedRequest, name: string, prefix: string, encoding: 'hex' | 'base64'): Check | Rejection {
	const value = header(request, name);
	if (!value) return fail(`The request has no ${name} header`, MISSING_HINT);
	if (prefix && !value.toLowerCase().startsWith(prefix.toLowerCase()))
		return fail(`The ${name} header does not start with "${prefix}"`, MISSING_HINT);
	return { signed: request.body, offered: [value.slice(prefix.length)], encoding };
}

/** `t=<unix seconds>,v1=<signature>[,v1=…]` over `<t>.<body>` (Stripe's scheme, also Calendly's). */
function timestamped(request: SignedRequest, name: string, encoding: 'hex' | 'base64'): Check | Rejection {
	const value = header(request, name);
	if (!value) return fail(`The request has no ${name} header`, MISSING_HINT);
	let t: string | undefined;
	const offered: string[] = [];
	for (const part of value.split(',')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const key = part.slice(0, eq).trim();
		const text = part.slice(eq + 1).trim();
		if (key === 't') t = text;
		else if (key === 'v1') offered.push(text);
	}
	if (!t || !/^\d{1,12}$/.test(t) || !offered.length)
		return fail(`The ${name} header is not of the form t=<timestamp>,v1=<signature>`, MISSING_HINT);
	return {
		signed: Buffer.concat([Buffer.from(`${t}.`, 'utf8'), request.body]),
		offered,
		encoding,
		signedAt: Number(t) * 1000,
	};
}

/** One header value, looked up case-insensitively; a repeated header counts as missing (which one was signed?). */
function header(request: SignedRequest, name: string): string | undefined {
	const wanted = name.trim().toLowerCase();
	for (const [key, value] of Object.entries(request.headers)) {
		if (key.toLowerCase() !== wanted) continue;
		return typeof value === 'string' && value.trim() ? value.trim() : undefined;
	}
	return undefined;
}

// HubSpot signs the URI with these characters decoded (its v3 validation guide lists them).
const HUBSPOT_DECODED: Record<string, string> = {
	'%3A': ':',
	'%2F': '/',
	'%3F': '?',
	'%40': '@',
	'%21': '!',
	'%24': '$',
	'%27': "'",
	'%28': '(',
	'%29': ')',
	'%2A': '*',
	'%2C': ',',
	'%3B': ';',
};

export function hubspotUri(url: string): string {
	return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (code) => HUBSPOT_DECODED[code.toUpperCase()] ?? code);
}

/** Hex is case-insensitive and base64 padding optional: compare one spelling. */
function normalize(text: string, encoding: 'hex' | 'base64'): string {
	return encoding === 'hex' ? text.trim().toLowerCase() : text.trim().replace(/=+$/, '');
}

/** Constant time for equal lengths; a length difference only reveals the length of a public-format digest. */
function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}
