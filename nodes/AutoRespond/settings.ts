import { LeadRoutingError } from '../../lib/errors';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { LanguageSource, LanguageVariant } from '../../lib/respond/language';
import type { ChannelRules, LeadChannelMode } from '../../lib/respond/plan';
import { isTimeZone, parseClock } from '../../lib/text/time';
import type { RespondSettings } from '../../lib/respond/respond';
import { cleanHeaderText, plainEmailAddress } from '../../lib/respond/sanitize';
import type { Address, SmtpSettings, TlsMode } from '../../lib/respond/smtp';
import { str } from '../shared/parameters';

const TLS_MODES: TlsMode[] = ['starttls', 'opportunistic', 'tls', 'none'];

export function smtpSettings(credentials: ICredentialDataDecryptedObject, timeoutSeconds: number): SmtpSettings {
	const host = str(credentials.host).trim();
	if (!host)
		throw new LeadRoutingError(
			'The SMTP credential has no host',
			'Open the Lead Routing SMTP credential and enter the mail server host',
		);
	const tls = TLS_MODES.find((mode) => mode === credentials.tlsMode) ?? 'starttls';
	const port = Number(credentials.port) || (tls === 'tls' ? 465 : 587);
	const ms = Math.round(Math.min(Math.max(timeoutSeconds, 1), 120) * 1000);
	return {
		host,
		port,
		tls,
		user: str(credentials.user) || undefined,
		password: str(credentials.password) || undefined,
		allowUnauthorizedCerts: credentials.allowUnauthorizedCerts === true,
		connectionTimeoutMs: ms,
		greetingTimeoutMs: ms,
		socketTimeoutMs: ms * 3,
	};
}

/** "Acme Sales <sales@example.com>" or "sales@example.com". Scanned by hand: a regex here backtracked on long input. */
export function parseSender(value: string): Address | undefined {
	const text = value.trim();
	const open = text.lastIndexOf('<');
	let addressText = text;
	let rawName = '';
	if (open >= 0 && text.endsWith('>')) {
		addressText = text.slice(open + 1, -1);
		rawName = text.slice(0, open).trim();
		if (/[<>]/.test(rawName)) return undefined;
		if (rawName.startsWith('"') && rawName.endsWith('"') && rawName.length >= 2) rawName = rawName.slice(1, -1);
	}
	const address = plainEmailAddress(addressText);
	if (!address) return undefined;
	const name = rawName ? cleanHeaderText(rawName) : undefined;
	return name ? { name, address } : { address };
}

function senderAddress(options: IDataObject, defaultSender: string, needed: boolean): Address {
	const fromEmail = str(options.fromEmail).trim();
	const fromName = cleanHeaderText(str(options.fromName)).slice(0, 100);
	const parsed = parseSender(fromEmail || defaultSender);
	if (!parsed) {
		// A Sender Email that was typed but is not an address is a mistake in every mode; an absent one only matters when sending.
		if (!needed && !fromEmail) return { name: fromName || undefined, address: fromEmail };
		throw new LeadRoutingError(
			fromEmail
				? `Sender Email "${fromEmail}" is not a valid email address`
				: 'No sender address: select a Lead Routing SMTP credential with a Default Sender, or set Options › Sender Email',
			"Set Options › Sender Email, or the SMTP credential's Default Sender",
		);
	}
	return { ...parsed, name: fromName || parsed.name };
}

// Typing "{{" in n8n's editor can flip a field to Expression mode. A value like "=Hi {{firstName}}" whose every
// "{{…}}" is one of our placeholders is meant as our template, not as JavaScript: it is used as written (minus "=").
// Applied to trimmed tags: a leading \s* before the optional sigil made the pattern backtrack on long blanks.
const OUR_TAG = /^[#^/]?\s*[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\s*(?:\|[^$]*)?$/;

function rawParameter(ctx: IExecuteFunctions, path: string): unknown {
	let current: unknown = ctx.getNode().parameters;
	for (const segment of path.split(/\.|\[(\d+)\]/).filter(Boolean)) {
		if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment))
			return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

/** The insides of "{{…}}" pairs, leftmost first (found with indexOf: a lazy regex is quadratic on many "{{"). */
function placeholderTags(value: string): string[] {
	const tags: string[] = [];
	for (let at = value.indexOf('{{'); at >= 0;) {
		const close = value.indexOf('}}', at + 2);
		if (close < 0) break;
		tags.push(value.slice(at + 2, close));
		at = value.indexOf('{{', close + 2);
	}
	return tags;
}

export function isPlaceholderExpression(value: unknown): value is string {
	if (typeof value !== 'string' || !value.startsWith('=')) return false;
	const tags = placeholderTags(value);
	return tags.length > 0 && tags.every((tag) => OUR_TAG.test(tag.trim()));
}

function templateParameter(ctx: IExecuteFunctions, path: string, i: number): string {
	const raw = rawParameter(ctx, path);
	if (isPlaceholderExpression(raw)) return raw.slice(1);
	return str(ctx.getNodeParameter(path, i, ''));
}

function variants(ctx: IExecuteFunctions, i: number): LanguageVariant[] {
	const list = rawParameter(ctx, 'languageVariants.variant');
	if (!Array.isArray(list)) return [];
	return list.map((_variant, k) => {
		const field = (name: string) => templateParameter(ctx, `languageVariants.variant[${k}].${name}`, i);
		return {
			language: field('language').trim(),
			countries: field('countries')
				.split(/[\s,;]+/)
				.map((code) => code.trim().toUpperCase())
				.filter(Boolean),
			subject: field('subject'),
			text: field('text'),
			html: field('html'),
			sms: field('sms'),
		};
	});
}

function channelRules(ctx: IExecuteFunctions, i: number, options: IDataObject, toLead: boolean): ChannelRules {
	const mode = (toLead ? ctx.getNodeParameter('leadChannel', i, 'email') : 'email') as LeadChannelMode;
	const smsPossible = toLead && mode !== 'email';
	const rules: ChannelRules = {
		mode,
		smsTiers:
			mode === 'smsWhenAllowed'
				? str(ctx.getNodeParameter('smsTiers', i, ''))
						.split(',')
						.map((t) => t.trim().toLowerCase())
						.filter(Boolean)
				: [],
		requireSmsConsent: options.requireSmsConsent !== false,
		respectEmailOptOut: options.respectEmailOptOut !== false,
	};
	const minScore = mode === 'smsWhenAllowed' ? Number(ctx.getNodeParameter('smsMinScore', i, 0)) : 0;
	if (minScore > 0) rules.smsMinScore = minScore;
	if (smsPossible && ctx.getNodeParameter('quietHours', i, true) === true) {
		const start = str(ctx.getNodeParameter('quietStart', i, '20:00'));
		const end = str(ctx.getNodeParameter('quietEnd', i, '08:00'));
		if (parseClock(start) === undefined || parseClock(end) === undefined) {
			throw new LeadRoutingError(
				`Quiet hours "${start}" to "${end}" are not valid times`,
				'Use 24-hour times like 20:00 and 08:00',
			);
		}
		const fallbackZone = str(options.fallbackTimeZone).trim() || ctx.getTimezone();
		if (!isTimeZone(fallbackZone)) {
			throw new LeadRoutingError(
				`Fallback Time Zone "${fallbackZone}" is not a valid time zone`,
				'Use an IANA name such as Europe/Berlin, or leave it empty',
			);
		}
		rules.quietHours = {
			start,
			end,
			whenQuiet: ctx.getNodeParameter('whenQuiet', i, 'defer') === 'email' ? 'email' : 'defer',
			fallbackZone,
		};
	}
	return rules;
}

/** Everything except the idempotency store, read for item `i` (parameters may be expressions). */
export function readSettings(
	ctx: IExecuteFunctions,
	i: number,
	defaultSender: string,
): Omit<RespondSettings, 'dedupe'> {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const recipients = str(ctx.getNodeParameter('recipients', i, 'lead'));
	const toLead = recipients !== 'rep';
	const toRep = recipients !== 'lead';
	const delivery = ctx.getNodeParameter('delivery', i, 'send') === 'compose' ? 'compose' : 'send';
	const rules = channelRules(ctx, i, options, toLead);
	const smsOnly = toLead && !toRep && rules.mode === 'sms' && !rules.quietHours;
	const repEmail = str(options.repEmail).trim();
	const timeZone = str(options.fallbackTimeZone).trim() || ctx.getTimezone();
	if (!isTimeZone(timeZone)) {
		throw new LeadRoutingError(
			`Fallback Time Zone "${timeZone}" is not a valid time zone`,
			'Use an IANA name such as Europe/Berlin, or leave it empty',
		);
	}
	if (repEmail && !plainEmailAddress(repEmail))
		throw new LeadRoutingError(
			`Rep Email "${repEmail}" is not a valid email address`,
			'Enter one plain address such as rep@example.com',
		);
	return {
		delivery,
		toLead,
		toRep,
		rules,
		leadTemplates: {
			subject: templateParameter(ctx, 'leadSubject', i),
			text: templateParameter(ctx, 'leadText', i),
			html: templateParameter(ctx, 'leadHtml', i),
			sms: rules.mode === 'email' || !toLead ? '' : templateParameter(ctx, 'leadSms', i),
		},
		variants: toLead ? variants(ctx, i) : [],
		languageSource: (toLead ? ctx.getNodeParameter('languageFrom', i, 'country') : 'none') as LanguageSource,
		languageField: toLead ? str(ctx.getNodeParameter('languageField', i, 'language')) : 'language',
		repTemplates: toRep
			? {
					subject: templateParameter(ctx, 'repSubject', i),
					text: templateParameter(ctx, 'repText', i),
					html: templateParameter(ctx, 'repHtml', i),
				}
			: { subject: '', text: '', html: '' },
		repEmail: repEmail || undefined,
		from: senderAddress(options, defaultSender, !smsOnly && delivery === 'send'),
		senderCompany: str(options.senderCompany) || undefined,
		replyToOwner: options.replyToOwner !== false,
		timeZoneField: str(options.timeZoneField).trim() || 'timeZone',
		timeZone,
		calendarLink: str(options.calendarLink).trim() || undefined,
		link: str(options.link).trim() || undefined,
		maxFieldLength: numberSetting(options.maxFieldLength, 'Options › Max Field Length', 500, 10, 10_000),
	};
}

/**
 * A number the editor limits but an expression can set to anything: outside the range it is a configuration error
 * rather than a silent default, so a typo never turns into, say, an unlimited window.
 */
export function numberSetting(raw: unknown, label: string, fallback: number, min: number, max: number): number {
	const value = raw === undefined || raw === null || raw === '' ? fallback : Number(raw);
	if (!Number.isFinite(value) || value < min || value > max) {
		throw new LeadRoutingError(
			`${label} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
			`Enter a number from ${min} to ${max}, or remove it to use ${fallback}`,
		);
	}
	return value;
}
