/** Turning templates and one lead into finished messages: subject line, plain text, HTML, SMS body. */
import { capLength, escapeHtml } from './sanitize';
import { compileTemplate, renderTemplate, type CompiledTemplate, type RenderOptions } from './template';
import { SMS_MAX_LENGTH } from './twilio';

export const SUBJECT_MAX_LENGTH = 250;

export interface EmailTemplates {
	subject: string;
	text: string;
	/** Empty: HTML is made from the plain text. */
	html: string;
}

export interface EmailContent {
	subject: string;
	text: string;
	html: string;
}

const compiled = new Map<string, CompiledTemplate>();
const CACHE_LIMIT = 500;

/** Compiles once per distinct source; throws TemplateError on bad syntax. */
export function template(source: string, name: string, html = false): CompiledTemplate {
	const key = `${html ? 'h' : 't'}\u0000${name}\u0000${source}`;
	let found = compiled.get(key);
	if (!found) {
		found = compileTemplate(source, name, html);
		if (compiled.size >= CACHE_LIMIT) compiled.clear();
		compiled.set(key, found);
	}
	return found;
}

/** Checks every template up front, so a typo is a configuration error before anything is sent. */
export function validateEmailTemplates(templates: EmailTemplates, label: string): void {
	template(templates.subject, `${label} Subject`);
	template(templates.text, `${label} Text`);
	if (templates.html) template(templates.html, `${label} HTML`, true);
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Plain text → safe HTML: everything escaped, links clickable, blank lines become paragraphs. */
export function textToHtml(text: string): string {
	return text
		.split(/\n{2,}/)
		.map((paragraph) =>
			escapeHtml(paragraph)
				.replace(URL_IN_TEXT, (url) => `<a href="${url}">${url}</a>`)
				.replace(/\n/g, '<br>\n'),
		)
		.filter((paragraph) => paragraph.trim() !== '')
		.map((paragraph) => `<p>${paragraph}</p>`)
		.join('\n');
}

function htmlDocument(body: string): string {
	if (/<html[\s>]/i.test(body)) return body;
	return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body dir="auto">\n${body}\n</body></html>`;
}

/** How values are written into a message: the longest value taken, and the reader for whom dates are written out. */
export type MessageStyle = Omit<RenderOptions, 'mode'>;

export function renderEmail(
	templates: EmailTemplates,
	view: unknown,
	label: string,
	style: MessageStyle,
): EmailContent {
	const subject = renderTemplate(template(templates.subject, `${label} Subject`), view, { ...style, mode: 'header' });
	const text = renderTemplate(template(templates.text, `${label} Text`), view, { ...style, mode: 'text' }).trim();
	const html = templates.html
		? renderTemplate(template(templates.html, `${label} HTML`, true), view, { ...style, mode: 'html' })
		: textToHtml(text);
	return { subject: capLength(subject, SUBJECT_MAX_LENGTH), text: `${text}\n`, html: htmlDocument(html) };
}

export function renderSms(source: string, view: unknown, label: string, style: MessageStyle): string {
	const body = renderTemplate(template(source, label), view, { ...style, mode: 'text' }).trim();
	return capLength(body, SMS_MAX_LENGTH);
}
