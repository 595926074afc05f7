/**
 * Qualification: which findings reject a lead under the user's options, and the quality score.
 * The score starts at 100 and loses a fixed weight per finding, so every point lost is explained by an issue.
 */
import type { Finding } from './issues';
import type { LeadFields } from './normalize';
import type { LeadOptions, RequiredField } from './options';
import type { Quality, QualityCode, QualityIssue } from './schema';

const WEIGHTS: Partial<Record<QualityCode, number>> = {
	empty: 100,
	honeypot: 100,
	spam: 50,
	fake: 40,
	disposable: 40,
	required: 30,
	invalid_type: 10,
	too_long: 10,
	free_mail: 10,
	role_address: 10,
	unknown: 5,
	unexpected_characters: 5,
	error: 100,
};
// Findings whose weight depends on the field: a missing or invalid email matters more than a missing company.
const FIELD_WEIGHTS: Record<string, Partial<Record<QualityCode, number>>> = {
	email: { missing: 30, invalid: 40 },
	fullName: { missing: 15 },
	company: { missing: 10 },
	phone: { invalid: 10 },
	website: { invalid: 5 },
	employees: { invalid: 5 },
};

export function weightOf(finding: Pick<Finding, 'field' | 'code'>): number {
	return FIELD_WEIGHTS[finding.field]?.[finding.code] ?? WEIGHTS[finding.code] ?? 0;
}

const REQUIRED_LABELS: Record<RequiredField, string> = {
	company: 'a company',
	country: 'a country',
	email: 'a valid email address',
	emailOrPhone: 'an email address or a phone number',
	firstName: 'a first name',
	lastName: 'a last name',
	name: 'a name',
	phone: 'a valid phone number',
	website: 'a website',
};

function hasRequired(lead: LeadFields, field: RequiredField): boolean {
	switch (field) {
		case 'emailOrPhone':
			return !!lead.email || !!lead.phone;
		case 'name':
			return !!lead.fullName;
		default:
			return lead[field] !== undefined;
	}
}

// Codes saying a field's value was there but could not be used: for a required field, that issue is the reason.
const UNUSABLE = new Set<QualityCode>(['invalid', 'invalid_type', 'too_long', 'spam', 'unknown']);

function rejects(finding: Finding, options: LeadOptions, required: Set<Finding>): boolean {
	if (required.has(finding)) return true;
	switch (finding.code) {
		case 'empty':
		case 'required':
		case 'honeypot':
		case 'error':
		case 'below_minimum_score':
			return true;
		case 'invalid':
			return finding.field === 'email' && options.rejectInvalidEmail;
		case 'disposable':
			return options.rejectDisposable;
		case 'free_mail':
			return options.rejectFreeMail;
		case 'fake':
		case 'spam':
			return options.spamChecks;
		default:
			return false;
	}
}

export interface QualifyInput {
	lead: LeadFields;
	findings: Finding[];
	empty: boolean;
	/** The honeypot field's value, when the form had one and it was filled in. */
	honeypot?: { field: string; value: string };
}

export function qualify(input: QualifyInput, options: LeadOptions): Quality {
	const findings = input.empty ? input.findings.filter((f) => f.code !== 'missing') : [...input.findings];
	// Findings that reject because they leave a required field empty.
	const required = new Set<Finding>();
	if (input.empty) {
		findings.push({ field: 'lead', code: 'empty', message: 'The item has no lead fields at all.' });
	} else {
		if (!input.lead.email && !findings.some((f) => f.field === 'email')) {
			findings.push({ field: 'email', code: 'missing', message: 'The lead has no email address.' });
		}
		if (!input.lead.company && !findings.some((f) => f.field === 'company')) {
			findings.push({ field: 'company', code: 'missing', message: 'The lead has no company.' });
		}
		for (const field of options.requiredFields) {
			if (hasRequired(input.lead, field)) continue;
			const target = field === 'name' ? 'fullName' : field;
			// A value that was sent but is unusable (an invalid email) is reported once, as what it is: not also as missing.
			const unusable = findings.find((f) => f.field === target && UNUSABLE.has(f.code));
			if (unusable) {
				required.add(unusable);
				continue;
			}
			// A required field replaces the plain "missing" note about the same field.
			const at = findings.findIndex((f) => f.field === target && f.code === 'missing');
			if (at >= 0) findings.splice(at, 1);
			findings.push({
				field: target,
				code: 'required',
				message: `The lead needs ${REQUIRED_LABELS[field]}, and has none.`,
			});
		}
	}
	if (input.honeypot) {
		findings.push({
			field: input.honeypot.field,
			code: 'honeypot',
			message: `The hidden field "${input.honeypot.field}" was filled in, which only bots do.`,
		});
	}
	const score = Math.max(0, 100 - findings.reduce((sum, finding) => sum + weightOf(finding), 0));
	// Findings hold exactly these three keys (Findings.add and the ones above): written out, not spread, per lead.
	const issues: QualityIssue[] = findings.map((finding) => ({
		field: finding.field,
		code: finding.code,
		message: finding.message,
		severity: rejects(finding, options, required) ? 'reject' : 'warning',
	}));
	if (options.minimumScore > 0 && score < options.minimumScore) {
		issues.push({
			field: 'lead',
			code: 'below_minimum_score',
			severity: 'reject',
			message: `The quality score ${score} is below the minimum of ${options.minimumScore}.`,
		});
	}
	return { score, qualified: !issues.some((issue) => issue.severity === 'reject'), issues };
}
