/**
 * Reads the fields out of what a form tool actually sends: a Webhook body wrapper, Typeform answers, HubSpot
 * submissions and contact properties, Facebook lead-ad field_data, Webflow data, WordPress plugin payloads,
 * n8n Form Trigger output and flat rows (CSV). The result is a list of named values; which lead field each
 * one is gets decided by the aliases, in map.ts.
 */
import { isPlainObject, isUnsafeKey } from '../text/clean';
import type { LeadInput } from './schema';

export interface FormField {
	/** Names to match against aliases, best first; the first is the name kept for unknown fields. */
	names: string[];
	value: unknown;
	/** Set for values found inside a nested group: they lose to a field of the same kind found elsewhere. */
	nested?: boolean;
}

export interface ExtractedForm {
	format: string;
	fields: FormField[];
	/** Values known from the payload's structure rather than a field name (Typeform answer types, HubSpot context). */
	hints: LeadInput;
}

const MAX_FIELDS = 500;
const WEBHOOK_KEYS = new Set(['body', 'headers', 'params', 'query', 'webhookUrl', 'executionMode']);
// Keys of the form tools' envelopes: metadata, not something the person typed.
const ENVELOPE_KEYS = new Set([
	'formMode', 'formId', 'form_id', 'formName', 'form_name', 'form', 'event_id', 'event_type', 'triggerType', 'raw', 'quality',
]);
// Blocks this package's nodes write: passed along whole when a lead is normalized again, never flattened.
const LEAF_KEYS = new Set(['utm', 'consent', 'emailFlags', 'match', 'routing', 'sla', 'autoResponse']);

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value ? value : undefined;
}

function pushObject(target: FormField[], object: Record<string, unknown>, depth: number): void {
	for (const key of Object.keys(object)) {
		if (target.length >= MAX_FIELDS) return;
		if (isUnsafeKey(key) || ENVELOPE_KEYS.has(key)) continue;
		const value = object[key];
		if (isPlainObject(value) && depth > 0 && !LEAF_KEYS.has(key)) {
			// WPForms / Elementor entries ({ title, value }) are fields; other nested objects are groups of fields.
			if ('value' in value || 'raw_value' in value) {
				pushEntry(target, value, key);
			} else {
				const before = target.length;
				pushObject(target, value, depth - 1);
				// A group such as { name: { first, last } } also matches as "namefirst"/"namelast".
				for (let i = before; i < target.length; i++) {
					target[i].names.push(`${key} ${target[i].names[0]}`);
					target[i].nested = true;
				}
			}
		} else if (Array.isArray(value) && depth > 0 && value.length && value.every(isFieldEntry)) {
			for (const entry of value) pushEntry(target, entry);
		} else {
			target.push({ names: [key], value });
		}
	}
}

function isFieldEntry(value: unknown): value is Record<string, unknown> {
	return isPlainObject(value) && (typeof value.name === 'string' || typeof value.key === 'string' || typeof value.label === 'string')
		&& ('value' in value || 'values' in value);
}

function pushEntry(target: FormField[], entry: Record<string, unknown>, fallbackName?: string): void {
	if (target.length >= MAX_FIELDS) return;
	const names = [entry.name, entry.key, entry.label, entry.title, fallbackName, entry.id]
		.filter((name): name is string => typeof name === 'string' && name !== '' && !isUnsafeKey(name));
	if (!names.length) return;
	const value = 'value' in entry ? entry.value : 'values' in entry ? entry.values : entry.raw_value;
	target.push({ names: [...new Set(names)], value });
}

function typeformAnswer(answer: Record<string, unknown>): unknown {
	const type = str(answer.type);
	if (type === 'choice' && isPlainObject(answer.choice)) return answer.choice.label ?? answer.choice.other;
	if (type === 'choices' && isPlainObject(answer.choices)) return answer.choices.labels;
	return type ? answer[type] : undefined;
}

function fromTypeform(response: Record<string, unknown>): ExtractedForm {
	const fields: FormField[] = [];
	const hints: LeadInput = {};
	const titles = new Map<string, string>();
	const definition = isPlainObject(response.definition) ? response.definition : undefined;
	if (definition && Array.isArray(definition.fields)) {
		for (const field of definition.fields) {
			if (isPlainObject(field) && str(field.id) && str(field.title)) titles.set(field.id as string, field.title as string);
		}
	}
	const answers = Array.isArray(response.answers) ? response.answers : [];
	for (const answer of answers.slice(0, MAX_FIELDS)) {
		if (!isPlainObject(answer)) continue;
		const field = isPlainObject(answer.field) ? answer.field : {};
		const id = str(field.id);
		const names = [id ? titles.get(id) : undefined, str(field.ref), id].filter((n): n is string => !!n && !isUnsafeKey(n));
		const value = typeformAnswer(answer);
		if (names.length) fields.push({ names, value });
		if (answer.type === 'email' && hints.email === undefined) hints.email = value;
		if (answer.type === 'phone_number' && hints.phone === undefined) hints.phone = value;
		if (answer.type === 'url' && hints.website === undefined) hints.website = value;
	}
	if (isPlainObject(response.hidden)) pushObject(fields, response.hidden, 0);
	hints.submittedAt = response.submitted_at;
	return { format: 'typeform', fields, hints };
}

function fromHubSpot(json: Record<string, unknown>): ExtractedForm {
	const fields: FormField[] = [];
	const hints: LeadInput = {};
	for (const list of [json.fields, json.values]) {
		if (Array.isArray(list)) for (const entry of list) if (isPlainObject(entry)) pushEntry(fields, entry);
	}
	if (isPlainObject(json.properties)) {
		for (const key of Object.keys(json.properties)) {
			if (isUnsafeKey(key) || fields.length >= MAX_FIELDS) continue;
			const property = json.properties[key];
			// Legacy contact payloads wrap each property as { value, versions }.
			fields.push({ names: [key], value: isPlainObject(property) && 'value' in property ? property.value : property });
		}
	}
	const context = isPlainObject(json.context) ? json.context : {};
	hints.landingPage = context.pageUri ?? json.pageUrl;
	hints.submittedAt = json.submittedAt ?? json.createdAt;
	const legal = isPlainObject(json.legalConsentOptions) ? json.legalConsentOptions : undefined;
	const consent = legal && isPlainObject(legal.consent) ? legal.consent : undefined;
	if (consent && Array.isArray(consent.communications)) {
		hints.consentEmail = consent.communications.some((c) => isPlainObject(c) && c.value === true);
	}
	return { format: 'hubspot', fields, hints };
}

function fromFacebook(json: Record<string, unknown>): ExtractedForm {
	const fields: FormField[] = [];
	for (const entry of (json.field_data as unknown[]).slice(0, MAX_FIELDS)) {
		if (isPlainObject(entry)) pushEntry(fields, entry);
	}
	return { format: 'facebookLeadAds', fields, hints: { submittedAt: json.created_time, source: 'facebook' } };
}

function fromFlat(json: Record<string, unknown>, format: string): ExtractedForm {
	const fields: FormField[] = [];
	pushObject(fields, json, 2);
	return { format, fields, hints: {} };
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
	if (isPlainObject(body)) return body;
	if (typeof body !== 'string' || body.length > 1_000_000) return undefined;
	const text = body.trim();
	if (text.startsWith('{')) {
		try {
			const parsed: unknown = JSON.parse(text);
			return isPlainObject(parsed) ? parsed : undefined;
		} catch {
			return undefined;
		}
	}
	if (text.includes('=')) {
		const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
		for (const [key, value] of new URLSearchParams(text)) if (!isUnsafeKey(key)) out[key] = value;
		return out;
	}
	return undefined;
}

function isWebhookEnvelope(json: Record<string, unknown>): boolean {
	if (!('body' in json)) return false;
	const keys = Object.keys(json);
	return keys.every((key) => WEBHOOK_KEYS.has(key)) || ('headers' in json && ('webhookUrl' in json || 'query' in json));
}

/** The form fields of one input item, whatever tool sent them. */
export function extractForm(json: Record<string, unknown>, depth = 0): ExtractedForm {
	if (depth < 2 && isWebhookEnvelope(json)) {
		const body = parseBody(json.body) ?? {};
		const inner = extractForm(body, depth + 1);
		const headers = isPlainObject(json.headers) ? json.headers : {};
		inner.hints.landingPage ??= headers.referer;
		if (isPlainObject(json.query)) {
			// A GET form puts its fields in the query string.
			const query = fromFlat(json.query, 'query');
			inner.fields.push(...query.fields);
		}
		return { ...inner, format: `webhook/${inner.format}` };
	}
	if (isPlainObject(json.form_response) && Array.isArray(json.form_response.answers)) return fromTypeform(json.form_response);
	if (Array.isArray(json.answers) && isPlainObject(json.definition)) return fromTypeform(json);
	if (Array.isArray(json.field_data)) return fromFacebook(json);
	// n8n's Facebook Lead Ads Trigger with "Simplify Output": answers under data, ad details beside them.
	if (isPlainObject(json.data) && 'created_time' in json && ('ad' in json || 'adset' in json)) {
		const form = fromFlat(json.data, 'facebookLeadAds');
		form.hints = { submittedAt: json.created_time, source: 'facebook' };
		return form;
	}
	if (Array.isArray(json.fields) && json.fields.some(isFieldEntry) && ('context' in json || 'legalConsentOptions' in json)) {
		return fromHubSpot(json);
	}
	if (Array.isArray(json.values) && json.values.some(isFieldEntry)) return fromHubSpot(json);
	if (isPlainObject(json.properties)) return fromHubSpot(json);
	if (isPlainObject(json.payload) && isPlainObject(json.payload.data)) {
		const form = fromFlat(json.payload.data, 'webflow');
		form.hints.submittedAt = json.payload.submittedAt;
		return form;
	}
	if (isPlainObject(json.data) && ('site' in json || '_id' in json || 'd' in json)) {
		const form = fromFlat(json.data, 'webflow');
		form.hints.submittedAt = json.d;
		return form;
	}
	if ('formMode' in json && 'submittedAt' in json) return fromFlat(json, 'n8nForm');
	if (isPlainObject(json.fields) || Array.isArray(json.fields) || isPlainObject(json.form_fields)) {
		return fromFlat(json, 'wordpress');
	}
	return fromFlat(json, 'flat');
}
