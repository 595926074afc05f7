/**
 * Making lead-typed text safe for the place it lands: mail headers, HTML, URLs, SMS. A lead controls every
 * character of a form field, so nothing here trusts input: control characters go, sizes are capped.
 */

// C0/C1 controls, plus the Unicode line/paragraph separators some mail clients treat as line breaks.
const CONTROL_EXCEPT_NEWLINE_TAB = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;
const ALL_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
// Bidi overrides and isolates can visually reorder a subject or sender name (spoofing); real RTL text needs none.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/** Cuts to at most `max` code points without splitting a surrogate pair; marks the cut with an ellipsis. */
export function capLength(value: string, max: number): string {
	if (value.length <= max) return value;
	let count = 0;
	let index = 0;
	let cutAt = 0;
	for (const char of value) {
		if (count === max - 1) cutAt = index;
		count++;
		index += char.length;
		if (count > max) return `${value.slice(0, cutAt)}…`;
	}
	return value;
}

/** For message bodies: keeps line breaks and tabs, drops other control characters, normalises CRLF to LF. */
export function cleanBodyText(value: string): string {
	return value.replace(/\r\n?/g, '\n').replace(CONTROL_EXCEPT_NEWLINE_TAB, '');
}

/** For anything that ends up in a header line (subject, display names): one line, no controls, no bidi tricks. */
export function cleanHeaderText(value: string): string {
	return value.replace(ALL_CONTROL, ' ').replace(BIDI_CONTROL, '').replace(/\s+/g, ' ').trim();
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Only links a mail client can open without running anything. */
export function isSafeUrl(value: string): boolean {
	const trimmed = value.trim();
	if (/[\s<>"']/.test(trimmed)) return false;
	return /^(https?:\/\/[^/\s]+|mailto:[^\s]+|tel:\+?[0-9()\-. ]+$)/i.test(trimmed);
}

// Deliberately stricter than RFC 5322: one plain address, no display name, no comments, no quoted local part,
// so a lead cannot smuggle a second recipient or a header into the envelope.
const EMAIL =
	/^[A-Za-z0-9.!#$%&*+/=?^_`{|}~'-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function plainEmailAddress(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	if (trimmed.length > 254 || !EMAIL.test(trimmed)) return undefined;
	if (trimmed.includes('..') || trimmed.startsWith('.') || trimmed.split('@')[0].endsWith('.')) return undefined;
	return trimmed;
}
