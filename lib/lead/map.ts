/**
 * Automatic mapping: which form field is which lead field. Exact aliases first (in preference order), then
 * hints from the payload's structure, then loose rules for labels no alias list can foresee
 * ("What's your work email?"), and finally any value that is plainly an email address.
 */
import { foldKey, isPlainObject, isUnsafeKey } from '../text/clean';
import { fieldForKey } from './aliases';
import type { ExtractedForm, FormField } from './extract';
import type { LeadInput, LeadInputField } from './schema';

export interface MappedForm {
	input: LeadInput;
	/** Form fields no lead field used, by their original names (kept on the output when asked). */
	unknown: Array<[string, unknown]>;
}

const LOOSE_RULES: Array<[LeadInputField, RegExp]> = [
	['email', /e?mail/],
	['phone', /phone|mobile|telef|cellular/],
	['company', /company|organi[sz]ation|employer/],
	['fullName', /^(?:what(?:s|is)?)?(?:your)?(?:full)?name/],
	['country', /country/],
	['website', /website/],
	['jobTitle', /jobtitle|yourrole/],
	['employees', /employees|companysize|headcount/],
	['message', /message|howcanwehelp/],
];
const EMAIL_VALUE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[a-z]{2,}$/i;

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function setBlock(input: LeadInput, value: unknown, prefix: 'utm' | 'consent'): void {
	if (!isPlainObject(value)) return;
	if (prefix === 'utm') {
		input.utmSource ??= value.source;
		input.utmMedium ??= value.medium;
		input.utmCampaign ??= value.campaign;
		input.utmTerm ??= value.term;
		input.utmContent ??= value.content;
	} else {
		input.consentEmail ??= value.email;
		input.consentSms ??= value.sms;
	}
}

export function mapForm(form: ExtractedForm): MappedForm {
	const input: LeadInput = {};
	const best = new Map<LeadInputField, number>();
	const used = new Set<FormField>();
	for (const field of form.fields) {
		if (isEmpty(field.value)) continue;
		const primary = field.names[0];
		if (primary === 'utm' || primary === 'consent') {
			setBlock(input, field.value, primary);
			used.add(field);
			continue;
		}
		for (const name of field.names) {
			const hit = fieldForKey(foldKey(name));
			if (!hit) continue;
			const rank = hit.rank + (field.nested ? 1000 : 0);
			const current = best.get(hit.field);
			if (current === undefined || rank < current) {
				best.set(hit.field, rank);
				input[hit.field] = field.value;
			}
			used.add(field);
			break;
		}
	}
	for (const [key, value] of Object.entries(form.hints) as Array<[LeadInputField, unknown]>) {
		if (input[key] === undefined && !isEmpty(value)) input[key] = value;
	}
	for (const field of form.fields) {
		if (used.has(field) || isEmpty(field.value)) continue;
		const folded = foldKey(field.names[0]);
		const rule = LOOSE_RULES.find(([lead, pattern]) => input[lead] === undefined && pattern.test(folded));
		if (rule) {
			input[rule[0]] = field.value;
			used.add(field);
		}
	}
	if (input.email === undefined) {
		const found = form.fields.find((field) => !used.has(field) && typeof field.value === 'string' && EMAIL_VALUE.test(field.value.trim()));
		if (found) {
			input.email = found.value;
			used.add(found);
		}
	}
	const unknown: Array<[string, unknown]> = [];
	for (const field of form.fields) {
		if (!used.has(field) && !isUnsafeKey(field.names[0])) unknown.push([field.names[0], field.value]);
	}
	return { input, unknown };
}
