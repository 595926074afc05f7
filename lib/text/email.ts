/**
 * Email addresses as forms deliver them: "  John.Doe@Example.COM ", "mailto:jd@x.io", "Jane <jane@x.io>".
 * The syntax check is the practical subset every mail provider accepts, and the domain must end in a real
 * public suffix (tldts), so "jane@localhost" or "jane@site.invalid" are not valid lead addresses.
 */
import { parse } from 'tldts';
import { isDisposableDomain, isFreeMailDomain, isRoleLocalPart } from './email-domains';

export interface ParsedEmail {
	email: string;
	local: string;
	domain: string;
	registrableDomain: string;
	freeMail: boolean;
	disposable: boolean;
	role: boolean;
}

export type EmailResult = { ok: true; value: ParsedEmail } | { ok: false; reason: string; text: string };

const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const ANGLE = /<([^<>\s]+@[^<>\s]+)>/;

export function parseEmail(input: string): EmailResult {
	let text = input.trim().toLowerCase();
	if (text.length > 320)
		return { ok: false, reason: 'is longer than an email address can be', text: text.slice(0, 80) };
	const angle = ANGLE.exec(text);
	if (angle) text = angle[1];
	if (text.startsWith('mailto:')) text = text.slice(7).split('?')[0];
	text = text.replace(/\.+$/, '');
	const at = text.lastIndexOf('@');
	if (at <= 0 || at === text.length - 1) return { ok: false, reason: 'has no "@" between a name and a domain', text };
	const local = text.slice(0, at);
	const domain = text.slice(at + 1);
	if (/\s/.test(text)) return { ok: false, reason: 'contains spaces', text };
	if (local.length > 64 || text.length > 254) return { ok: false, reason: 'is too long', text };
	if (!LOCAL.test(local)) return { ok: false, reason: 'has characters not allowed before the "@"', text };
	const facts = domainFacts(domain);
	if (typeof facts === 'string') return { ok: false, reason: facts, text };
	return {
		ok: true,
		value: {
			email: text,
			local,
			domain,
			registrableDomain: facts.registrableDomain,
			freeMail: facts.freeMail,
			disposable: facts.disposable,
			role: isRoleLocalPart(local),
		},
	};
}

interface DomainFacts {
	registrableDomain: string;
	freeMail: boolean;
	disposable: boolean;
}

// Leads share a few domains (gmail.com, the companies of one market): what a domain is gets worked out once.
const domains = new Map<string, DomainFacts | string>();

/** What an email domain is, or why it cannot be one. */
function domainFacts(domain: string): DomainFacts | string {
	let facts = domains.get(domain);
	if (facts === undefined) {
		facts = readDomain(domain);
		if (domains.size >= 10_000) domains.clear();
		domains.set(domain, facts);
	}
	return facts;
}

function readDomain(domain: string): DomainFacts | string {
	const labels = domain.split('.');
	if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return 'has an invalid domain';
	// The labels are validated above, so tldts can skip hostname extraction and validation.
	const parsed = parse(domain, {
		allowPrivateDomains: false,
		extractHostname: false,
		validateHostname: false,
		mixedInputs: false,
	});
	if (!parsed.domain || !parsed.isIcann || parsed.isIp)
		return 'has a domain that does not end in a real top-level domain';
	const disposable = isDisposableDomain(domain) || isDisposableDomain(parsed.domain);
	return {
		registrableDomain: parsed.domain,
		freeMail: !disposable && (isFreeMailDomain(domain) || isFreeMailDomain(parsed.domain)),
		disposable,
	};
}
