/**
 * One item through Auto-Respond: plan the lead's and the rep's messages, claim each idempotency key, render, send,
 * confirm. Transport is injected (the node passes SMTP and Twilio senders), so the whole flow is plain TypeScript.
 */
import { renderEmail, renderSms, type EmailTemplates, type MessageStyle } from './compose';
import { deliveryUnknown, RespondSendError } from './errors';
import type { IdempotencyStore } from '../store/idempotency';
import { idempotencyKey, messageIdFor } from './idempotency';
import { giveBackSendLimits, takeSendLimits, type HeldBy, type LimitTake, type SendLimitSettings } from './limits';
import { chooseLeadTemplates, type LanguageSource, type LanguageVariant, type LeadTemplateSet } from './language';
import { leadSource, readLeadFacts, templateView, type Json, type LeadFacts } from './lead';
import { planLeadMessage, type ChannelRules, type LeadPlan } from './plan';
import { isTimeZone } from '../text/time';
import { leadTimeZones } from './quiet-hours';
import { cleanHeaderText } from './sanitize';
import type { Address, MailAccepted, MailMessage } from './smtp';
import type { TwilioAccepted } from './twilio';
import { textOf } from '../text/clean';
import { readPath } from '../text/path';

export interface DedupeSettings {
	store: IdempotencyStore;
	/** `email`, `phone`, or a field path of the item. */
	keyField: string;
	windowMs: number;
	claimTtlMs: number;
	/**
	 * A send interrupted after the message was handed over (n8n died, the connection broke) may have been delivered:
	 * `report` leaves the item as `uncertain` without sending; `sendAgain` sends it again, with the same Message-ID.
	 */
	onInterrupted: 'report' | 'sendAgain';
}

export interface RespondSettings {
	delivery: 'send' | 'compose';
	toLead: boolean;
	toRep: boolean;
	rules: ChannelRules;
	leadTemplates: LeadTemplateSet;
	variants: LanguageVariant[];
	languageSource: LanguageSource;
	languageField: string;
	repTemplates: EmailTemplates;
	repEmail?: string;
	from: Address;
	senderCompany?: string;
	replyToOwner: boolean;
	timeZoneField: string;
	/** Zone for dates in messages when the reader's own is unknown (the workflow's time zone). */
	timeZone: string;
	calendarLink?: string;
	link?: string;
	maxFieldLength: number;
	dedupe?: DedupeSettings;
	/** Limits on messages to leads; absent = none. */
	limits?: SendLimitSettings;
}

export interface Senders {
	email(message: MailMessage): Promise<MailAccepted>;
	sms(to: string, body: string): Promise<TwilioAccepted>;
}

export interface MessageRecord {
	recipient: 'lead' | 'rep';
	/** uncertain: an earlier or this attempt handed the message over but never heard it was accepted. */
	status: 'sent' | 'composed' | 'skipped' | 'deferred' | 'held' | 'uncertain';
	channel?: 'email' | 'sms';
	to?: string;
	messageId?: string;
	acceptedAt?: string;
	latencyMs?: number | null;
	template?: string;
	reason?: string;
	notBefore?: string;
	/** For `held`: the send limit that stopped the message. */
	heldBy?: HeldBy;
	content?: Json;
}

export interface RespondOutcome {
	output: 'sent' | 'skipped' | 'deferred';
	autoResponse: Json;
}

function keyText(item: Json, facts: LeadFacts, keyField: string): string | undefined {
	if (keyField === 'email') return facts.email ?? facts.phone;
	if (keyField === 'phone') return facts.phone ?? facts.email;
	return textOf(readPath(item, keyField));
}

interface Pending {
	recipient: 'lead' | 'rep';
	channel: 'email' | 'sms';
	to: string;
	template: string;
	note?: string;
	compose(): { mail?: MailMessage; sms?: string };
}

async function deliver(
	pending: Pending,
	settings: RespondSettings,
	senders: Senders,
	facts: LeadFacts,
	keyValue: string | undefined,
): Promise<MessageRecord> {
	const base = { recipient: pending.recipient, channel: pending.channel, to: pending.to, template: pending.template };
	const dedupe = settings.dedupe;
	const key =
		dedupe && keyValue
			? idempotencyKey(pending.recipient === 'rep' ? `rep:${pending.to}` : 'lead', keyValue)
			: undefined;
	let token: string | undefined;
	let resumes: number | undefined;
	if (dedupe && key) {
		const claim = await dedupe.store.claim(key, dedupe.claimTtlMs, Date.now(), {
			retakeInterrupted: dedupe.onInterrupted === 'sendAgain',
		});
		if (!claim.claimed) {
			const when = new Date(claim.at).toISOString();
			if (claim.state === 'interrupted')
				return {
					...base,
					status: 'uncertain',
					reason: `A send to this recipient started at ${when} and was interrupted before ${pending.channel === 'sms' ? 'Twilio' : 'the mail server'} confirmed it (n8n stopped or the connection broke): it may have been delivered, so it is not sent again. Check the ${pending.channel === 'sms' ? 'Twilio message log' : 'sent mail'} and answer by hand if needed, or set If a Send Was Interrupted to Send Again`,
				};
			const reason =
				claim.state === 'sent'
					? `Already answered at ${when} (duplicate within the idempotency window)`
					: `Another send to this recipient has been in progress since ${when} (duplicate submission)`;
			return { ...base, status: 'skipped', reason };
		}
		token = claim.token;
		resumes = claim.resumes;
	}
	let take: LimitTake | undefined;
	if (settings.limits && pending.recipient === 'lead') {
		try {
			take = await takeSendLimits(settings.limits, pending.channel, pending.to, Date.now());
		} catch (error) {
			if (dedupe && key && token) await dedupe.store.release(key, token).catch(() => undefined);
			throw error;
		}
		if (!take.allowed) {
			// Held, not answered: the claim goes back so the lead can be answered once the limit allows.
			if (dedupe && key && token) await dedupe.store.release(key, token).catch(() => undefined);
			return { ...base, status: 'held', reason: take.reason, heldBy: take.heldBy };
		}
	}
	let record: MessageRecord;
	try {
		const message = pending.compose();
		if (message.mail && key && token) message.mail.messageId = messageIdFor(key, token, message.mail.from.address);
		if (settings.delivery === 'compose') {
			record = {
				...base,
				status: 'composed',
				content: (message.mail ? { ...message.mail } : { from: settings.from, body: message.sms }) as Json,
			};
		} else {
			// Durable before the hand-over: a crash from here on is found later as an interrupted send, not a free key.
			if (dedupe && key && token && !(await dedupe.store.sending(key, token, dedupe.windowMs, Date.now()))) {
				if (settings.limits && take?.allowed) await giveBackSendLimits(settings.limits, take).catch(() => undefined);
				return {
					...base,
					status: 'skipped',
					reason: 'Another send to this recipient took over while this one waited (duplicate submission)',
				};
			}
			const accepted = message.mail
				? await senders.email(message.mail)
				: await senders.sms(pending.to, message.sms ?? '');
			const acceptedAt = accepted.acceptedAt;
			record = {
				...base,
				status: 'sent',
				messageId: 'messageId' in accepted ? accepted.messageId : accepted.sid,
				acceptedAt: new Date(acceptedAt).toISOString(),
				latencyMs:
					facts.submittedAt !== undefined && acceptedAt >= facts.submittedAt - 60_000
						? Math.max(0, acceptedAt - facts.submittedAt)
						: null,
			};
		}
	} catch (error) {
		if (deliveryUnknown(error) && dedupe && key && token) {
			// The message may be out: the "sending" record stays (a later attempt sees the interruption) and the send
			// limit stays taken.
			if (dedupe.onInterrupted === 'sendAgain') throw error;
			return {
				...base,
				status: 'uncertain',
				reason: `${error.message} (${error.detail}): it may have been delivered, so it is not sent again. Check the ${pending.channel === 'sms' ? 'Twilio message log' : 'sent mail'} and answer by hand if needed, or set If a Send Was Interrupted to Send Again`,
			};
		}
		// The claim would expire anyway; a store hiccup here must not hide the send error.
		if (dedupe && key && token) await dedupe.store.release(key, token).catch(() => undefined);
		if (settings.limits && take?.allowed) await giveBackSendLimits(settings.limits, take).catch(() => undefined);
		throw error;
	}
	if (pending.note) record.reason = pending.note;
	if (resumes !== undefined && record.status === 'sent') {
		const again = `sent again after a send interrupted at ${new Date(resumes).toISOString()}${pending.channel === 'sms' ? ' (Twilio has no idempotency key: the lead may have two texts)' : ' (same Message-ID as that attempt)'}`;
		record.reason = record.reason ? `${record.reason}; ${again}` : again;
	}
	if (dedupe && key && token) {
		try {
			await dedupe.store.confirm(key, token, dedupe.windowMs, Date.now());
		} catch (error) {
			// The message is out: report it as sent. The claim stays and blocks repeats until it expires.
			const why = error instanceof Error ? error.message : String(error);
			record.reason = `${record.reason ? `${record.reason}; ` : ''}sent, but recording it for idempotency failed (${why})`;
		}
	}
	return record;
}

/** The lead reads dates in their own zone: an explicit one, else their country's when it has only one. */
function leadZone(item: Json, facts: LeadFacts, settings: RespondSettings): string {
	const zones = leadTimeZones(
		keyText(leadSource(item), facts, settings.timeZoneField),
		facts.country,
		settings.timeZone,
	);
	return zones.length === 1 ? zones[0] : settings.timeZone;
}

function leadPending(
	plan: Extract<LeadPlan, { kind: 'send' }>,
	item: Json,
	facts: LeadFacts,
	settings: RespondSettings,
	view: Json,
	now: number,
): Pending {
	const chosen = chooseLeadTemplates(settings.leadTemplates, settings.variants, settings.languageSource, {
		country: facts.country,
		fieldValue: keyText(item, facts, settings.languageField),
	});
	const style: MessageStyle = {
		maxFieldLength: settings.maxFieldLength,
		dates: { zone: leadZone(item, facts, settings), language: chosen.language, now },
	};
	const replyTo =
		settings.replyToOwner && facts.owner.email
			? { name: cleanHeaderText(facts.owner.name ?? ''), address: facts.owner.email }
			: undefined;
	return {
		recipient: 'lead',
		channel: plan.channel,
		to: plan.to,
		template: plan.channel === 'sms' ? `${chosen.name}.sms` : chosen.name,
		note: plan.note,
		compose: () =>
			plan.channel === 'sms'
				? { sms: renderSms(chosen.set.sms, view, 'Lead SMS Text', style) }
				: {
						mail: {
							from: settings.from,
							to: {
								name: cleanHeaderText(
									facts.fullName ?? [facts.firstName, facts.lastName].filter(Boolean).join(' '),
								).slice(0, 100),
								address: plan.to,
							},
							replyTo,
							autoGenerated: true,
							...renderEmail(chosen.set, view, 'Lead Email', style),
						},
					},
	};
}

function repPending(repEmail: string, facts: LeadFacts, settings: RespondSettings, view: Json, now: number): Pending {
	// The rep reads dates in their roster time zone (routing.ownerTimeZone).
	const zone = isTimeZone(facts.owner.timeZone) ? facts.owner.timeZone : settings.timeZone;
	const style: MessageStyle = { maxFieldLength: settings.maxFieldLength, dates: { zone, language: 'en', now } };
	return {
		recipient: 'rep',
		channel: 'email',
		to: repEmail,
		template: 'rep',
		compose: () => ({
			mail: {
				from: settings.from,
				to: { name: cleanHeaderText(facts.owner.name ?? '').slice(0, 100), address: repEmail },
				replyTo: facts.email ? { address: facts.email } : undefined,
				autoGenerated: false,
				...renderEmail(settings.repTemplates, view, 'Rep Notice', style),
			},
		}),
	};
}

function summary(messages: MessageRecord[], output: RespondOutcome['output']): Json {
	const primary =
		messages.find(
			(m) => m.recipient === 'lead' && (m.status === 'sent' || m.status === 'composed' || m.status === 'deferred'),
		) ??
		messages.find((m) => m.status === 'sent' || m.status === 'composed') ??
		messages[0];
	const held = messages.find((m) => m.recipient === 'lead' && m.status === 'held');
	// Not known to be answered: it must stand out (status, reason) rather than pass as sent or as a plain skip.
	const uncertain = messages.find((m) => m.status === 'uncertain');
	const status = held
		? 'held'
		: uncertain
			? 'uncertain'
			: output === 'sent'
				? primary?.status === 'composed'
					? 'composed'
					: 'sent'
				: output;
	const reasons = messages
		.filter((m) => (m.status === 'skipped' || m.status === 'held' || m.status === 'uncertain') && m.reason)
		.map((m) => `${m.recipient}: ${m.reason}`);
	return {
		status,
		channel: primary?.channel ?? null,
		to: primary?.to ?? null,
		messageId: primary?.messageId ?? null,
		acceptedAt: primary?.acceptedAt ?? null,
		sentAt: primary?.acceptedAt ?? null,
		latencyMs: primary?.latencyMs ?? null,
		template: primary?.template ?? null,
		...(output === 'skipped' || held || uncertain ? { reason: reasons.join('; ') || 'Nothing to send' } : {}),
		...(held?.heldBy ? { heldBy: held.heldBy as unknown as Json } : {}),
		...(primary?.notBefore ? { notBefore: primary.notBefore } : {}),
		messages,
	};
}

export async function respondToItem(
	item: Json,
	settings: RespondSettings,
	senders: Senders,
	now = Date.now(),
): Promise<RespondOutcome> {
	const facts = readLeadFacts(item);
	const view = templateView(
		item,
		facts,
		{ name: settings.from.name, company: settings.senderCompany, email: settings.from.address },
		{
			calendarLink: settings.calendarLink,
			link: settings.link,
		},
	);
	const keyValue = settings.dedupe ? keyText(item, facts, settings.dedupe.keyField) : undefined;
	const messages: MessageRecord[] = [];
	const queue: Pending[] = [];
	let deferred = false;
	if (settings.toLead) {
		const plan = planLeadMessage(facts, settings.rules, now, keyText(leadSource(item), facts, settings.timeZoneField));
		if (plan.kind === 'skip') messages.push({ recipient: 'lead', status: 'skipped', reason: plan.reason });
		else if (plan.kind === 'defer') {
			deferred = true;
			const reason = `Quiet hours in the lead's time zone (${plan.zones.slice(0, 3).join(', ')}${plan.zones.length > 3 ? ', …' : ''})`;
			messages.push({
				recipient: 'lead',
				status: 'deferred',
				channel: 'sms',
				to: plan.to,
				reason,
				notBefore: new Date(plan.notBefore).toISOString(),
			});
		} else queue.push(leadPending(plan, item, facts, settings, view, now));
	}
	if (settings.toRep) {
		const repEmail = settings.repEmail || facts.owner.email;
		if (!repEmail)
			messages.push({
				recipient: 'rep',
				status: 'skipped',
				reason: 'No rep email address (routing.ownerEmail is empty)',
			});
		else queue.push(repPending(repEmail, facts, settings, view, now));
	}
	if (settings.dedupe && !keyValue) {
		const reason = `The idempotency key field "${settings.dedupe.keyField}" is empty, so the lead cannot be answered exactly once`;
		for (const pending of queue.splice(0))
			messages.push({
				recipient: pending.recipient,
				status: 'skipped',
				channel: pending.channel,
				to: pending.to,
				reason,
			});
	}
	for (const pending of queue) {
		try {
			messages.push(await deliver(pending, settings, senders, facts, keyValue));
		} catch (error) {
			throw error instanceof Error ? new RespondSendError(error, messages) : error;
		}
	}
	const output = deferred
		? 'deferred'
		: messages.some((m) => m.status === 'sent' || m.status === 'composed')
			? 'sent'
			: 'skipped';
	return { output, autoResponse: summary(messages, output) };
}
