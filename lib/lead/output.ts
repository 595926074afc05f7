/** Building output objects from untrusted input without ever touching a prototype. */
import { isUnsafeKey } from '../text/clean';
import type { LeadFields } from './normalize';
import type { Quality } from './schema';
import type { LeadScore } from './score';

const MAX_DEPTH = 32;

/**
 * A JSON-safe deep copy of the original item for `raw`: plain data only, `__proto__`/`constructor`/`prototype`
 * keys dropped, Dates as ISO strings, cycles and runaway depth cut.
 */
export function safeClone(value: unknown, depth = 0, ancestors: object[] = []): unknown {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) return null;
		if (typeof value === 'bigint') return value.toString();
		if (typeof value === 'function' || typeof value === 'symbol') return undefined;
		return value;
	}
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
	// The ancestor path is at most MAX_DEPTH long: a linear scan is cheaper than a WeakSet here.
	if (depth >= MAX_DEPTH || ancestors.includes(value)) return null;
	ancestors.push(value);
	let out: unknown;
	if (Array.isArray(value)) {
		out = value.map((entry) => safeClone(entry, depth + 1, ancestors));
	} else {
		const copy: Record<string, unknown> = {};
		for (const key of Object.keys(value)) {
			if (isUnsafeKey(key)) continue;
			const entry = safeClone((value as Record<string, unknown>)[key], depth + 1, ancestors);
			if (entry !== undefined) copy[key] = entry;
		}
		out = copy;
	}
	ancestors.pop();
	return out;
}

// The order fields appear on output items: identity, contact, company, place, firmographics, marketing.
const ORDER: Array<keyof LeadFields> = [
	'email',
	'emailDomain',
	'emailFlags',
	'firstName',
	'lastName',
	'fullName',
	'jobTitle',
	'phone',
	'company',
	'companyNormalized',
	'website',
	'domain',
	'country',
	'region',
	'street',
	'city',
	'postalCode',
	'employees',
	'employeeBand',
	'segment',
	'industry',
	'source',
	'utm',
	'score',
	'message',
	'consent',
	'submittedAt',
];
// The records the later nodes write decide who owns a lead and who is emailed: a payload must not pre-fill them
// (they stay in `raw`).
const PIPELINE_RECORDS = ['match', 'routing', 'sla', 'autoResponse'];
const SCORE_FIELDS = ['scoreReasons', 'scoreDetail'];
const RESERVED = new Set<string>([
	...ORDER,
	...SCORE_FIELDS,
	'inputFormat',
	'fieldSources',
	'raw',
	'quality',
	...PIPELINE_RECORDS,
]);

export interface OutputParts {
	lead: LeadFields;
	inputFormat: string;
	unknown: Array<[string, unknown]>;
	raw: unknown;
	quality: Quality;
	/** Where each lead field was read from in the input item. */
	fieldSources: Record<string, string>;
	/** The lead score's explanation; `lead.score` holds the score itself. */
	score?: Pick<LeadScore, 'reasons' | 'detail'>;
}

export function buildOutput(parts: OutputParts): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of ORDER) {
		const value = parts.lead[key];
		if (value !== undefined) out[key] = value;
		if (key === 'score' && parts.score) {
			out.scoreReasons = parts.score.reasons;
			out.scoreDetail = parts.score.detail;
		}
	}
	out.inputFormat = parts.inputFormat;
	out.fieldSources = parts.fieldSources;
	for (const [key, value] of parts.unknown) {
		if (isUnsafeKey(key) || RESERVED.has(key) || key in out) continue;
		const copy = safeClone(value);
		if (copy !== undefined) out[key] = copy;
	}
	out.raw = parts.raw;
	out.quality = parts.quality;
	return out;
}
