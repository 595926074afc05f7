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
	const labels = domain.split('.');
	if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
		return { ok: false, reason: 'has an invalid domain', text };
	}
	// The labels are validated above, so tldts can skip hostname extraction and validation.
	const parsed = parse(domain, {
		allowPrivateDomains: false,
		extractHostname: false,
		validateHostname: false,
		mixedInputs: false,
	});
	if (!parsed.domain || !parsed.isIcann || parsed.isIp) {
		return { ok: false, reason: 'has a domain that does not end in a real top-level domain', text };
	}
	const disposable = isDisposableDomain(domain) || isDisposableDomain(parsed.domain);
	return {
		ok: true,
		value: {
			email: text,
			local,
			domain,
			registrableDomain: parsed.domain,
			freeMail: !disposable && (isFreeMailDomain(domain) || isFreeMailDomain(parsed.domain)),
			disposable,
			role: isRoleLocalPart(local),
		},
	};
}
