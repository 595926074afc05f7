/**
 * Reads the fields out of what a form tool actually sends. A table of formats: each names a shape it recognises and,
 * where the shape itself carries meaning (Typeform's answer types, HubSpot's page context, Google's lead columns),
 * adds what it knows; every format's fields come from the general reader (walk.ts), which also reads any payload no
 * format recognises. Which lead field each value is gets decided in map.ts.
 */
import { isPlainObject, isUnsafeKey } from '../text/clean';
import type { LeadInput, LeadInputField } from './schema';
import { nameByLabels, newWalk, sharedNames, walkObject } from './walk';
import type { FormField, Walk } from './walk';

export type { FormField } from './walk';

export interface ExtractedForm {
	format: string;
	fields: FormField[];
	/** Values known from the payload's structure rather than a field name (Typeform answer types, HubSpot context). */
	hints: LeadInput;
	/** Where each hint was read from. */
	hintSources: Partial<Record<LeadInputField, string>>;
	/** The whole item, for a last search when no field holds the lead's email. */
	item?: Json;
	/** The payload is an event that carries a record: its own times are the delivery's (see map.ts isEventTime). */
	envelope?: boolean;
}

type Json = Record<string, unknown>;

interface Format {
	name: string;
	/** Whether the item has this shape. */
	detect(json: Json): boolean;
	/** What the shape says beyond its fields; `at` is the path of the item's form data. */
	hints?(json: Json, at: string, form: ExtractedForm): void;
	/** Formats whose answers are not plain key/value pairs read them themselves. */
	read?(json: Json, at: string, walk: Walk, form: ExtractedForm): void;
}

const WEBHOOK_KEYS = new Set(['body', 'headers', 'params', 'query', 'webhookUrl', 'executionMode']);

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value ? value : undefined;
}

function join(at: string, key: string): string {
	return at ? `${at}.${key}` : key;
}

function hint(form: ExtractedForm, field: LeadInputField, value: unknown, path: string): void {
	if (value === undefined || value === null || value === '' || form.hints[field] !== undefined) return;
	form.hints[field] = value;
	form.hintSources[field] = path;
}

function typeformAnswer(answer: Json): unknown {
	const type = str(answer.type);
	if (type === 'choice' && isPlainObject(answer.choice)) return answer.choice.label ?? answer.choice.other;
	if (type === 'choices' && isPlainObject(answer.choices)) return answer.choices.labels;
	return type ? answer[type] : undefined;
}

/** Typeform answers are typed ({ type: "email", email }) and named by the definition's question titles. */
function readTypeform(response: Json, at: string, walk: Walk, form: ExtractedForm): void {
	const titles = new Map<string, string>();
	const definition = isPlainObject(response.definition) ? response.definition : undefined;
	if (definition && Array.isArray(definition.fields)) {
		for (const field of definition.fields) {
			if (isPlainObject(field) && str(field.id) && str(field.title))
				titles.set(field.id as string, field.title as string);
		}
	}
	const answers = Array.isArray(response.answers) ? response.answers.slice(0, 500) : [];
	const answersAt = join(at, 'answers');
	answers.forEach((answer, index) => {
		if (!isPlainObject(answer)) return;
		const field = isPlainObject(answer.field) ? answer.field : {};
		const id = str(field.id);
		const names = sharedNames(
			[id ? titles.get(id) : undefined, str(field.ref), id].filter((n): n is string => !!n && !isUnsafeKey(n)),
		);
		const value = typeformAnswer(answer);
		const answerAt = `${answersAt}[${index}]`;
		const step = str(answer.type) ?? 'text';
		const path = `${answerAt}.${step}`;
		if (names.length)
			walk.fields.push({
				names,
				key: names[0],
				value,
				at: answerAt,
				step,
				depth: 1,
				role: 'lead',
				person: true,
				holder: 0,
			});
		if (answer.type === 'email') hint(form, 'email', value, path);
		if (answer.type === 'phone_number') hint(form, 'phone', value, path);
		if (answer.type === 'url') hint(form, 'website', value, path);
	});
	if (isPlainObject(response.hidden))
		walkObject(walk, response.hidden, { path: join(at, 'hidden'), depth: 1, role: 'neutral' });
	hint(form, 'submittedAt', response.submitted_at, join(at, 'submitted_at'));
}

function hubspotHints(json: Json, at: string, form: ExtractedForm): void {
	const context = isPlainObject(json.context) ? json.context : {};
	hint(form, 'landingPage', context.pageUri, join(at, 'context.pageUri'));
	hint(form, 'landingPage', json.pageUrl, join(at, 'pageUrl'));
	hint(form, 'submittedAt', json.submittedAt, join(at, 'submittedAt'));
	hint(form, 'submittedAt', json.createdAt, join(at, 'createdAt'));
	const legal = isPlainObject(json.legalConsentOptions) ? json.legalConsentOptions : undefined;
	const consent = legal && isPlainObject(legal.consent) ? legal.consent : undefined;
	if (consent && Array.isArray(consent.communications)) {
		hint(
			form,
			'consentEmail',
			consent.communications.some((c) => isPlainObject(c) && c.value === true),
			join(at, 'legalConsentOptions.consent'),
		);
	}
}

function isFieldList(value: unknown): boolean {
	return (
		Array.isArray(value) &&
		value.some(
			(v) =>
				isPlainObject(v) &&
				(typeof v.name === 'string' || typeof v.label === 'string') &&
				('value' in v || 'values' in v),
		)
	);
}

/** In order: the first format whose shape matches names the item; the last matches everything. */
const FORMATS: Format[] = [
	{
		name: 'typeform',
		detect: (j) => isPlainObject(j.form_response) && Array.isArray(j.form_response.answers),
		read: (j, at, walk, form) => readTypeform(j.form_response as Json, join(at, 'form_response'), walk, form),
	},
	{ name: 'typeform', detect: (j) => Array.isArray(j.answers) && isPlainObject(j.definition), read: readTypeform },
	{
		name: 'facebookLeadAds',
		// Graph API leads, and n8n's Facebook Lead Ads Trigger with or without "Simplify Output".
		detect: (j) =>
			Array.isArray(j.field_data) || (isPlainObject(j.data) && 'created_time' in j && ('ad' in j || 'adset' in j)),
		hints: (j, at, form) => {
			hint(form, 'submittedAt', j.created_time, join(at, 'created_time'));
			hint(form, 'source', 'facebook', join(at, 'field_data'));
		},
	},
	{
		name: 'googleAdsLeadForm',
		detect: (j) => Array.isArray(j.user_column_data),
		hints: (j, at, form) => {
			hint(form, 'submittedAt', j.lead_submit_time, join(at, 'lead_submit_time'));
			hint(form, 'source', 'google', join(at, 'user_column_data'));
		},
	},
	{
		name: 'hubspot',
		detect: (j) =>
			(isFieldList(j.fields) && ('context' in j || 'legalConsentOptions' in j)) ||
			isFieldList(j.values) ||
			isPlainObject(j.properties),
		hints: hubspotHints,
	},
	{
		name: 'webflow',
		detect: (j) =>
			(isPlainObject(j.payload) && isPlainObject(j.payload.data)) ||
			(isPlainObject(j.data) && ('site' in j || '_id' in j || 'd' in j)),
		hints: (j, at, form) => {
			if (isPlainObject(j.payload)) hint(form, 'submittedAt', j.payload.submittedAt, join(at, 'payload.submittedAt'));
			hint(form, 'submittedAt', j.d, join(at, 'd'));
		},
	},
	{ name: 'n8nForm', detect: (j) => 'formMode' in j && 'submittedAt' in j },
	{
		name: 'wordpress',
		detect: (j) => isPlainObject(j.fields) || Array.isArray(j.fields) || isPlainObject(j.form_fields),
	},
	{ name: 'flat', detect: () => true },
];

/** A list of events or records (SendGrid and EmailOctopus post one): its first record is the lead, read at "[0]". */
function firstRecord(list: unknown[]): Json | undefined {
	const first = list[0];
	return isPlainObject(first) ? first : undefined;
}

function parseBody(body: unknown): { json: Json; at: string } | undefined {
	if (isPlainObject(body)) return { json: body, at: 'body' };
	if (Array.isArray(body)) {
		const first = firstRecord(body);
		return first && { json: first, at: 'body[0]' };
	}
	if (typeof body !== 'string' || body.length > 1_000_000) return undefined;
	const text = body.trim();
	if (text.startsWith('{') || text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (isPlainObject(parsed)) return { json: parsed, at: 'body' };
			const first = Array.isArray(parsed) ? firstRecord(parsed) : undefined;
			return first && { json: first, at: 'body[0]' };
		} catch {
			return undefined;
		}
	}
	if (text.includes('=')) {
		const out: Json = Object.create(null) as Json;
		for (const [key, value] of new URLSearchParams(text)) if (!isUnsafeKey(key)) out[key] = value;
		return { json: out, at: 'body' };
	}
	return undefined;
}

function isWebhookEnvelope(json: Json): boolean {
	if (!('body' in json)) return false;
	const keys = Object.keys(json);
	return keys.every((key) => WEBHOOK_KEYS.has(key)) || ('headers' in json && ('webhookUrl' in json || 'query' in json));
}

// Keys by which a payload names the event it reports ("topic": "contact.lead.created", "event": "invitee.created").
const EVENT_NAME_KEYS = [
	'event',
	'event_type',
	'eventType',
	'eventName',
	'event_name',
	'topic',
	'webhookEvent',
	'triggerEvent',
];
// Keys under which an event carries its record.
const EVENT_BODY_KEYS = ['data', 'payload', 'object', 'resource'];

// Keys of a person's own record: a root holding one is the lead's record, not an envelope around it.
const PERSON_ROOT_KEYS = ['email', 'name', 'first_name', 'firstName', 'last_name', 'lastName', 'phone'];

/**
 * An event envelope: it names its event and carries records in objects of its own, or it carries one record under an
 * event body key (data, payload, object) while holding no person's field itself (Calendly's { created_at, payload }).
 */
function isEventEnvelope(json: Json): boolean {
	const carries = EVENT_BODY_KEYS.some((key) => isPlainObject(json[key]));
	if (EVENT_NAME_KEYS.some((key) => typeof json[key] === 'string'))
		return carries || Object.values(json).some(isPlainObject);
	return carries && (typeof json.type === 'string' || !PERSON_ROOT_KEYS.some((key) => key in json));
}

function readItem(json: Json, at: string): ExtractedForm {
	const format = FORMATS.find((f) => f.detect(json)) as Format;
	const form: ExtractedForm = {
		format: format.name,
		fields: [],
		hints: {},
		hintSources: {},
		envelope: isEventEnvelope(json),
	};
	const walk = newWalk();
	if (format.read) format.read(json, at, walk, form);
	else walkObject(walk, json, { path: at, depth: 0, role: 'neutral' });
	nameByLabels(walk);
	form.fields = walk.fields;
	format.hints?.(json, at, form);
	return form;
}

/** The form fields of one input item, whatever tool sent them. */
export function extractForm(json: Json): ExtractedForm {
	if (!isWebhookEnvelope(json)) return { ...readItem(json, ''), item: json };
	const body = parseBody(json.body);
	const form = readItem(body?.json ?? {}, body?.at ?? 'body');
	const headers = isPlainObject(json.headers) ? json.headers : {};
	hint(form, 'landingPage', headers.referer, 'headers.referer');
	if (isPlainObject(json.query)) {
		// A GET form puts its fields in the query string.
		const walk = newWalk();
		walk.holders = form.fields.length + 1000;
		walkObject(walk, json.query, { path: 'query', depth: 0, role: 'neutral' });
		form.fields.push(...walk.fields);
	}
	return { ...form, format: `webhook/${form.format}`, item: json };
}
