/**
 * The whole of Normalize Lead for plain data: input item → canonical lead with a verdict, and the in-batch
 * duplicate pass. The n8n node only reads parameters and sorts the results into its two outputs.
 */
import { foldKey, isPlainObject } from '../text/clean';
import { extractForm } from './extract';
import type { ExtractedForm } from './extract';
import { mapForm } from './map';
import type { MappedForm } from './map';
import { normalizeLeadInput } from './normalize';
import type { LeadOptions } from './options';
import { buildOutput, safeClone } from './output';
import { qualify } from './qualify';
import type { LeadInput, Quality } from './schema';
import { scoreLead } from './score';

export interface ProcessedLead {
	json: Record<string, unknown>;
	quality: Quality;
	/** The lowercased email, for the duplicate pass. */
	email?: string;
}

export interface LeadSource {
	/** The input item's json; never modified. */
	json: unknown;
	/** Custom mapping: lead field → value, as the user's expressions produced them. */
	mapped?: LeadInput;
	/** With a custom mapping: whether fields the user did not map are still detected automatically. */
	detectUnmapped?: boolean;
}

// Honeypot names of common form services, checked when spam checks are on and no honeypot field is set.
const COMMON_HONEYPOTS = ['_gotcha', 'botfield', 'honeypot', '_honeypot', 'hpfield'].map(foldKey);

function findHoneypot(form: ExtractedForm, options: LeadOptions): { field: string; value: string } | undefined {
	const wanted = options.honeypotField ? [foldKey(options.honeypotField)] : options.spamChecks ? COMMON_HONEYPOTS : [];
	if (!wanted.length) return undefined;
	for (const field of form.fields) {
		if (!wanted.includes(foldKey(field.key))) continue;
		const value = field.value;
		const filled =
			typeof value === 'string' ? value.trim() !== '' : value !== null && value !== undefined && value !== false;
		if (filled) return { field: field.key, value: String(value).slice(0, 100) };
	}
	return undefined;
}

export function processLead(source: LeadSource, options: LeadOptions, now: Date): ProcessedLead {
	const json = isPlainObject(source.json) ? source.json : {};
	const form = extractForm(json);
	const automatic: MappedForm =
		source.mapped && !source.detectUnmapped ? { input: {}, unknown: [], sources: {}, notes: [] } : mapForm(form);
	// mapForm's objects are this lead's own: copied only when a custom mapping writes into them.
	const input: LeadInput = source.mapped ? { ...automatic.input } : automatic.input;
	const sources: Record<string, string> = source.mapped ? { ...automatic.sources } : automatic.sources;
	if (source.mapped) {
		for (const [key, value] of Object.entries(source.mapped) as Array<[keyof LeadInput, unknown]>) {
			if (value !== undefined && value !== null && value !== '') {
				input[key] = value;
				sources[key] = 'custom mapping';
			}
		}
	}
	const normalized = normalizeLeadInput(input, {
		defaultCountry: options.defaultCountry,
		segments: options.segments,
		now,
	});
	for (const note of automatic.notes) normalized.findings.add(note.field, 'uncertain', note.message);
	const quality = qualify(
		{
			lead: normalized.lead,
			findings: normalized.findings.list,
			empty: normalized.empty,
			honeypot: findHoneypot(form, options),
		},
		options,
	);
	const score = options.score ? scoreLead(normalized.lead, options.score, normalized.lead.score) : undefined;
	if (score) normalized.lead.score = score.score;
	const output = buildOutput({
		lead: normalized.lead,
		score,
		inputFormat: source.mapped ? 'custom' : form.format,
		unknown: !options.keepUnknownFields
			? []
			: source.mapped && !source.detectUnmapped
				? Object.entries(json)
				: automatic.unknown,
		raw: safeClone(json),
		quality,
		fieldSources: fieldSources(sources, normalized.lead),
	});
	return { json: output, quality, email: normalized.lead.email };
}

// Lead fields read from another input field than their own name: the UTM block and the landing page feed `utm`.
const OUTPUT_OF: Record<string, string> = {
	utmSource: 'utm',
	utmMedium: 'utm',
	utmCampaign: 'utm',
	utmTerm: 'utm',
	utmContent: 'utm',
	landingPage: 'utm',
	consentEmail: 'consent',
	consentSms: 'consent',
};

/** Where each field of the lead came from, for the fields the lead has. */
function fieldSources(sources: Record<string, string>, lead: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const field in sources) {
		const block = Object.hasOwn(OUTPUT_OF, field) ? OUTPUT_OF[field] : undefined;
		if (lead[block ?? field] !== undefined) out[field] = sources[field];
	}
	return out;
}

/**
 * In-batch duplicates by email. "flag" keeps every lead and notes the later ones; "keepFirst" rejects the later
 * ones; "rejectAll" rejects every lead whose email appears more than once.
 */
export function markDuplicates(
	leads: Array<ProcessedLead | undefined>,
	mode: LeadOptions['duplicates'] | ((index: number) => LeadOptions['duplicates']),
): void {
	const firstIndex = new Map<string, number>();
	const counts = new Map<string, number>();
	for (const lead of leads) if (lead?.email) counts.set(lead.email, (counts.get(lead.email) ?? 0) + 1);
	leads.forEach((lead, index) => {
		if (!lead?.email || (counts.get(lead.email) ?? 0) < 2) return;
		const itemMode = typeof mode === 'function' ? mode(index) : mode;
		const first = firstIndex.get(lead.email);
		if (first === undefined) firstIndex.set(lead.email, index);
		if (first === undefined && itemMode !== 'rejectAll') return;
		const reject = itemMode !== 'flag';
		lead.quality.issues.push({
			field: 'email',
			code: 'duplicate',
			severity: reject ? 'reject' : 'warning',
			message:
				first === undefined
					? `${counts.get(lead.email)} leads in this batch share this email address.`
					: `Same email address as item ${first} of this batch.`,
		});
		if (reject) lead.quality.qualified = false;
	});
}
