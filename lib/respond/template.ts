/**
 * Message templates: `{{path}}`, `{{path|fallback}}`, sections `{{#path}}…{{/path}}` (shown when the value is
 * present) and `{{^path}}…{{/path}}` (shown when it is missing). Deliberately logic-less: nothing a lead types can
 * execute or change the template's structure, values are only ever inserted as escaped text.
 */
import { LeadRoutingError } from '../errors';
import { readableDateTime, type DateStyle } from './dates';
import { capLength, cleanBodyText, cleanHeaderText, escapeHtml, isSafeUrl } from './sanitize';

export type RenderMode = 'text' | 'html' | 'header';

type Token =
	| { kind: 'text'; value: string }
	| { kind: 'var'; path: string[]; fallback: string; urlContext: boolean }
	| { kind: 'section'; path: string[]; inverted: boolean; children: Token[] };

export interface CompiledTemplate {
	name: string;
	tokens: Token[];
}

export class TemplateError extends LeadRoutingError {
	constructor(message: string) {
		super(
			`Template error: ${message}`,
			'Fix the template: placeholders look like {{firstName}}, {{owner.name|our team}} or {{#company}}…{{/company}}',
		);
	}
}

const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;
const URL_ATTRIBUTE = /(?:href|src)\s*=\s*["']?$/i;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

interface Tag {
	start: number;
	end: number;
	inner: string;
}

function nextTag(source: string, from: number, name: string): Tag | undefined {
	const start = source.indexOf('{{', from);
	if (start < 0) return undefined;
	const close = source.indexOf('}}', start + 2);
	if (close < 0) {
		throw new TemplateError(
			`${name}: "{{" at position ${start + 1} is never closed with "}}" (near "${snippet(source, start)}")`,
		);
	}
	const inner = source.slice(start + 2, close);
	if (inner.includes('{{') || inner.startsWith('{')) {
		throw new TemplateError(
			`${name}: unsupported placeholder near "${snippet(source, start)}"; use {{field}}, {{field|fallback}} or {{#field}}…{{/field}}`,
		);
	}
	return { start, end: close + 2, inner };
}

function snippet(source: string, at: number): string {
	return source.slice(at, at + 30).replace(/\s+/g, ' ');
}

function parsePath(raw: string, name: string, source: string, at: number): string[] {
	const path = raw.trim();
	if (!PATH.test(path)) {
		throw new TemplateError(
			`${name}: "{{${raw}}}" is not a valid placeholder (near "${snippet(source, at)}"); use a field name such as {{firstName}} or {{routing.ownerName}}`,
		);
	}
	const segments = path.split('.');
	if (segments.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) {
		throw new TemplateError(`${name}: "{{${raw}}}" is not allowed`);
	}
	return segments;
}

/** A section tag alone on its line takes the line with it, so templates can put sections on their own lines. */
function standaloneBounds(source: string, tag: Tag): { start: number; end: number } {
	const lineStart = source.lastIndexOf('\n', tag.start - 1) + 1;
	if (!/^[ \t]*$/.test(source.slice(lineStart, tag.start))) return tag;
	const rest = /^[ \t]*(\r?\n|$)/.exec(source.slice(tag.end));
	if (!rest) return tag;
	return { start: lineStart, end: tag.end + rest[0].length };
}

export function compileTemplate(source: string, name: string, html = false): CompiledTemplate {
	const root: Token[] = [];
	const stack: { path: string; children: Token[] }[] = [{ path: '', children: root }];
	let position = 0;
	for (let tag = nextTag(source, 0, name); tag; tag = nextTag(source, position, name)) {
		const trimmed = tag.inner.trim();
		const sigil = trimmed[0];
		const isSection = sigil === '#' || sigil === '^' || sigil === '/';
		const bounds = isSection ? standaloneBounds(source, tag) : tag;
		const current = stack[stack.length - 1].children;
		if (bounds.start > position) current.push({ kind: 'text', value: source.slice(position, bounds.start) });
		position = bounds.end;
		if (sigil === '#' || sigil === '^') {
			const path = parsePath(trimmed.slice(1), name, source, tag.start);
			const children: Token[] = [];
			current.push({ kind: 'section', path, inverted: sigil === '^', children });
			stack.push({ path: path.join('.'), children });
		} else if (sigil === '/') {
			const path = parsePath(trimmed.slice(1), name, source, tag.start).join('.');
			const open = stack[stack.length - 1];
			if (stack.length === 1 || open.path !== path) {
				throw new TemplateError(
					`${name}: "{{/${path}}}" closes a section that is not open${stack.length > 1 ? ` (open: {{#${open.path}}})` : ''}`,
				);
			}
			stack.pop();
		} else {
			const bar = tag.inner.indexOf('|');
			const rawPath = bar < 0 ? tag.inner : tag.inner.slice(0, bar);
			const fallback = bar < 0 ? '' : tag.inner.slice(bar + 1).trim();
			const previous = current[current.length - 1];
			const urlContext = html && previous?.kind === 'text' && URL_ATTRIBUTE.test(previous.value);
			current.push({ kind: 'var', path: parsePath(rawPath, name, source, tag.start), fallback, urlContext });
		}
	}
	if (stack.length > 1) {
		throw new TemplateError(
			`${name}: section {{#${stack[stack.length - 1].path}}} is never closed with {{/${stack[stack.length - 1].path}}}`,
		);
	}
	if (position < source.length) root.push({ kind: 'text', value: source.slice(position) });
	const stray = html ? undefined : findStray(root);
	if (stray !== undefined) {
		throw new TemplateError(
			`${name}: "}}" without a matching "{{" (near "${snippet(stray, Math.max(0, stray.indexOf('}}') - 20))}")`,
		);
	}
	return { name, tokens: root };
}

// In HTML "}}" is legitimate (minified CSS); in subjects and plain text it is almost always a broken placeholder.
function findStray(tokens: Token[]): string | undefined {
	for (const token of tokens) {
		if (token.kind === 'text' && token.value.includes('}}')) return token.value;
		if (token.kind === 'section') {
			const inner = findStray(token.children);
			if (inner !== undefined) return inner;
		}
	}
	return undefined;
}

export function lookup(view: unknown, path: string[]): unknown {
	let current: unknown = view;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

function asText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (Array.isArray(value)) return value.filter((v) => ['string', 'number'].includes(typeof v)).join(', ');
	return '';
}

function isPresent(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === '') return false;
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'string') return value.trim() !== '';
	return true;
}

export interface RenderOptions {
	mode: RenderMode;
	/** Longest value (in characters) taken from the data; longer values are cut. */
	maxFieldLength: number;
	/** Date-time values are written out for this reader; without it they are inserted as they are. */
	dates?: DateStyle;
}

function renderValue(raw: string, mode: RenderMode, urlContext: boolean): string {
	if (mode === 'header') return cleanHeaderText(raw);
	const body = cleanBodyText(raw);
	if (mode === 'text') return body;
	if (urlContext) return isSafeUrl(body) ? escapeHtml(body.trim()) : '';
	return escapeHtml(body).replace(/\n/g, '<br>\n');
}

interface RenderState {
	out: string[];
	/** The last thing written was a value ending in "." (a company "Acme Inc."). */
	valueEndsWithPeriod: boolean;
}

function valueText(path: string[], view: unknown, options: RenderOptions): string {
	const value = lookup(view, path);
	if (options.dates && typeof value === 'string') {
		const readable = readableDateTime(value, options.dates);
		if (readable) return readable;
	}
	return capLength(asText(value), options.maxFieldLength);
}

// "… on behalf of {{company}}." with the company "Acme Inc." must not read "Acme Inc.."
const SENTENCE_PERIOD = /^\.(?=$|[\s)"'\]»”’<])/;

function pushText(text: string, state: RenderState): void {
	if (!text) return;
	state.out.push(state.valueEndsWithPeriod ? text.replace(SENTENCE_PERIOD, '') : text);
	state.valueEndsWithPeriod = false;
}

function renderTokens(tokens: Token[], view: unknown, options: RenderOptions, state: RenderState): void {
	for (const token of tokens) {
		if (token.kind === 'text') {
			pushText(token.value, state);
		} else if (token.kind === 'section') {
			if (isPresent(lookup(view, token.path)) !== token.inverted) renderTokens(token.children, view, options, state);
		} else {
			const value = valueText(token.path, view, options);
			const text = value.trim() !== '' ? renderValue(value, options.mode, token.urlContext) : token.fallback;
			if (!text) continue;
			state.out.push(text);
			state.valueEndsWithPeriod = text.endsWith('.');
		}
	}
}

export function renderTemplate(template: CompiledTemplate, view: unknown, options: RenderOptions): string {
	const state: RenderState = { out: [], valueEndsWithPeriod: false };
	renderTokens(template.tokens, view, options, state);
	const text = state.out.join('');
	return options.mode === 'header' ? cleanHeaderText(text) : text;
}
