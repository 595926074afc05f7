/**
 * The canonical lead: the one shape every node of the package reads and writes (see docs/ARCHITECTURE.md).
 * Normalize Lead produces it; later nodes add their own blocks (match, routing, sla, autoResponse) and keep
 * every field they do not know.
 */
import { z } from 'zod';

export const QUALITY_CODES = [
	'missing',
	'required',
	'invalid',
	'invalid_type',
	'too_long',
	'disposable',
	'free_mail',
	'role_address',
	'fake',
	'spam',
	'honeypot',
	'duplicate',
	'unknown',
	'unexpected_characters',
	'below_minimum_score',
	'empty',
	'error',
	'uncertain',
] as const;

export const qualityIssueSchema = z.object({
	/** The canonical field (or input field, for honeypots) the issue is about; "lead" for the whole lead. */
	field: z.string(),
	code: z.enum(QUALITY_CODES),
	message: z.string(),
	/** "reject" issues sent the lead to the Rejected output; "warning" issues only lower the score. */
	severity: z.enum(['reject', 'warning']),
});

export const qualitySchema = z.object({
	/** How complete and valid the lead's data is, 0–100. Not the lead score (`score`), which says how valuable it is. */
	score: z.number().int().min(0).max(100),
	qualified: z.boolean(),
	issues: z.array(qualityIssueSchema),
});

export const utmSchema = z.object({
	source: z.string().optional(),
	medium: z.string().optional(),
	campaign: z.string().optional(),
	term: z.string().optional(),
	content: z.string().optional(),
});

export const consentSchema = z.object({ email: z.boolean().optional(), sms: z.boolean().optional() });

/** The canonical fields Normalize Lead writes (all optional but submittedAt). */
export const leadFieldsSchema = z.object({
	email: z.string().email().optional(),
	emailDomain: z.string().optional(),
	emailFlags: z.object({ freeMail: z.boolean(), disposable: z.boolean(), role: z.boolean() }).optional(),
	firstName: z.string().optional(),
	lastName: z.string().optional(),
	fullName: z.string().optional(),
	jobTitle: z.string().optional(),
	phone: z
		.string()
		.regex(/^\+[1-9]\d{4,14}$/)
		.optional(),
	company: z.string().optional(),
	companyNormalized: z.string().optional(),
	website: z.string().optional(),
	domain: z.string().optional(),
	country: z
		.string()
		.regex(/^[A-Z]{2}$/)
		.optional(),
	region: z.string().optional(),
	street: z.string().optional(),
	city: z.string().optional(),
	postalCode: z.string().optional(),
	employees: z.number().int().nonnegative().optional(),
	employeeBand: z.string().optional(),
	segment: z.enum(['SMB', 'Mid-Market', 'Enterprise']).optional(),
	industry: z.string().optional(),
	source: z.string().optional(),
	utm: utmSchema.optional(),
	/**
	 * The lead score, 0–100: how valuable the lead is (fit + intent, or the score a form or CRM sent; see
	 * lib/lead/score.ts). Not `quality.score`, which says how complete and valid the data is.
	 */
	score: z.number().optional(),
	message: z.string().optional(),
	consent: consentSchema.optional(),
	submittedAt: z.string().datetime({ offset: true }),
});

/** A lead as it leaves Normalize Lead; unknown fields (and later nodes' blocks) pass through. */
export const canonicalLeadSchema = leadFieldsSchema
	.extend({
		/** Which input style the fields were read from ("typeform", "webhook/hubspot", "flat", "custom"...). */
		inputFormat: z.string(),
		/** Where each lead field was read from in the input item: "body.fields[2].value", or "custom mapping". */
		fieldSources: z.record(z.string()).optional(),
		raw: z.record(z.unknown()),
		quality: qualitySchema,
		/** Why the lead has its `score`: each part's points, adding up to the score. */
		scoreReasons: z
			.array(z.object({ part: z.enum(['fit', 'intent', 'provided']), points: z.number(), reason: z.string() }))
			.optional(),
		scoreDetail: z
			.object({
				fit: z.number(),
				intent: z.number(),
				computed: z.number(),
				provided: z.number().nullable(),
				method: z.enum(['computed', 'provided', 'blended']),
			})
			.optional(),
	})
	.passthrough();

export type QualityCode = (typeof QUALITY_CODES)[number];
export type QualityIssue = z.infer<typeof qualityIssueSchema>;
export type Quality = z.infer<typeof qualitySchema>;
export type Utm = z.infer<typeof utmSchema>;
export type LeadFields = z.infer<typeof leadFieldsSchema>;

/** The fields a lead is read from (mapped automatically or by the user); some feed nested output blocks. */
export const LEAD_INPUT_FIELDS = [
	'email',
	'firstName',
	'lastName',
	'fullName',
	'jobTitle',
	'phone',
	'company',
	'website',
	'country',
	'region',
	'street',
	'city',
	'postalCode',
	'employees',
	'industry',
	'source',
	'message',
	'score',
	'submittedAt',
	'utmSource',
	'utmMedium',
	'utmCampaign',
	'utmTerm',
	'utmContent',
	'landingPage',
	'consentEmail',
	'consentSms',
] as const;
export type LeadInputField = (typeof LEAD_INPUT_FIELDS)[number];
export type LeadInput = Partial<Record<LeadInputField, unknown>>;
