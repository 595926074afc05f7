/**
 * Normalize Lead's settings, validated once: a wrong setting is a configuration problem with a message that
 * says how to fix it, never a silently rejected lead.
 */
import { z } from 'zod';
import { LeadRoutingError } from '../errors';
import { countryCode } from '../text/country';
import { isPhoneCountry } from '../text/phone';
import type { SegmentThresholds } from '../text/employees';
import { compileScoreModel, scoreRulesSchema } from './score-model';
import type { ProvidedScoreMode, ScoreSettings } from './score';

export const REQUIRED_FIELD_CHOICES = [
	'company',
	'country',
	'email',
	'emailOrPhone',
	'firstName',
	'lastName',
	'name',
	'phone',
	'website',
] as const;
export type RequiredField = (typeof REQUIRED_FIELD_CHOICES)[number];
export const DUPLICATE_MODES = ['flag', 'keepFirst', 'rejectAll'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

export interface LeadOptions {
	defaultCountry?: string;
	segments: SegmentThresholds;
	requiredFields: RequiredField[];
	rejectDisposable: boolean;
	rejectInvalidEmail: boolean;
	rejectFreeMail: boolean;
	spamChecks: boolean;
	honeypotField?: string;
	minimumScore: number;
	duplicates: DuplicateMode;
	keepUnknownFields: boolean;
	/** The lead score (fit + intent); undefined when turned off. */
	score?: ScoreSettings;
}

export const DEFAULT_OPTIONS: LeadOptions = {
	segments: { midMarketFrom: 100, enterpriseFrom: 1000 },
	requiredFields: ['email'],
	rejectDisposable: true,
	rejectInvalidEmail: true,
	rejectFreeMail: false,
	spamChecks: true,
	minimumScore: 0,
	duplicates: 'keepFirst',
	keepUnknownFields: true,
	score: { model: compileScoreModel({}, [], []), provided: 'wins', providedShare: 0.5 },
};

const rawSchema = z
	.object({
		defaultCountry: z.string().max(100),
		midMarketFrom: z.number(),
		enterpriseFrom: z.number(),
		requiredFields: z.array(z.string()),
		rejectDisposable: z.boolean(),
		rejectInvalidEmail: z.boolean(),
		rejectFreeMail: z.boolean(),
		spamChecks: z.boolean(),
		honeypotField: z.string().max(200),
		minimumScore: z.number(),
		duplicates: z.string(),
		keepUnknownFields: z.boolean(),
		leadScore: z.boolean(),
		providedScore: z.enum(['wins', 'blend', 'ignore']),
		providedScoreShare: z.number(),
		targetCountries: z.string().max(5000),
		targetIndustries: z.string().max(5000),
		scoreRules: z.union([z.string().max(100_000), z.record(z.unknown())]),
	})
	.partial();

/** Validates the node's Options collection; throws a LeadRoutingError whose hint says how to fix it. */
export function parseLeadOptions(raw: unknown): LeadOptions {
	const parsed = rawSchema.safeParse(raw ?? {});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new LeadRoutingError(
			`The option "${issue.path.join('.')}" has a value of the wrong type`,
			`${issue.message}. If the option uses an expression, make sure it returns the expected type.`,
		);
	}
	const o = parsed.data;
	const options: LeadOptions = { ...DEFAULT_OPTIONS, segments: { ...DEFAULT_OPTIONS.segments } };
	if (o.defaultCountry?.trim()) {
		const code = countryCode(o.defaultCountry);
		if (!code || !isPhoneCountry(code)) {
			throw new LeadRoutingError(
				`"${o.defaultCountry.slice(0, 40)}" is not a country`,
				'Set Default Phone Country to a two-letter ISO code such as US, GB or DE (country names work too).',
			);
		}
		options.defaultCountry = code;
	}
	const mid = o.midMarketFrom ?? options.segments.midMarketFrom;
	const enterprise = o.enterpriseFrom ?? options.segments.enterpriseFrom;
	if (!Number.isInteger(mid) || !Number.isInteger(enterprise) || mid < 1 || enterprise <= mid) {
		throw new LeadRoutingError(
			'The segment thresholds do not fit together',
			`Mid-Market From must be a whole number of at least 1 and smaller than Enterprise From (now ${mid} and ${enterprise}).`,
		);
	}
	options.segments = { midMarketFrom: mid, enterpriseFrom: enterprise };
	if (o.requiredFields) {
		const unknown = o.requiredFields.filter((field) => !(REQUIRED_FIELD_CHOICES as readonly string[]).includes(field));
		if (unknown.length) {
			throw new LeadRoutingError(
				`Unknown required field "${unknown[0]}"`,
				`Choose from: ${REQUIRED_FIELD_CHOICES.join(', ')}.`,
			);
		}
		options.requiredFields = o.requiredFields as RequiredField[];
	}
	const minimumScore = o.minimumScore ?? 0;
	if (!Number.isFinite(minimumScore) || minimumScore < 0 || minimumScore > 100) {
		throw new LeadRoutingError(
			'Minimum Quality Score must be between 0 and 100',
			`It is now ${minimumScore}. Use 0 to turn the check off.`,
		);
	}
	options.minimumScore = minimumScore;
	if (o.duplicates !== undefined) {
		if (!(DUPLICATE_MODES as readonly string[]).includes(o.duplicates)) {
			throw new LeadRoutingError(
				`Unknown duplicate handling "${o.duplicates}"`,
				`Choose one of: ${DUPLICATE_MODES.join(', ')}.`,
			);
		}
		options.duplicates = o.duplicates as DuplicateMode;
	}
	options.score = parseScoreSettings(o);
	const honeypot = o.honeypotField?.trim();
	if (honeypot) options.honeypotField = honeypot;
	for (const key of [
		'rejectDisposable',
		'rejectInvalidEmail',
		'rejectFreeMail',
		'spamChecks',
		'keepUnknownFields',
	] as const) {
		if (o[key] !== undefined) options[key] = o[key];
	}
	return options;
}

const scoreModels = new Map<string, ScoreSettings['model']>();

function listOf(text: string | undefined): string[] {
	return (text ?? '')
		.split(/[,;\n]/)
		.map((entry) => entry.trim())
		.filter(Boolean);
}

function parseScoreRules(raw: string | Record<string, unknown> | undefined): ReturnType<typeof scoreRulesSchema.parse> {
	if (raw === undefined || (typeof raw === 'string' && !raw.trim())) return {};
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw new LeadRoutingError(
				'Score Rules (JSON) is not valid JSON',
				`${(error as Error).message}. Leave the option empty for the default rules.`,
			);
		}
	}
	const parsed = scoreRulesSchema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new LeadRoutingError(
			`Score Rules (JSON) has a problem at "${issue.path.join('.') || '(top)'}"`,
			`${issue.message}. Parts you may set: segment, businessEmail, roleAddress, targetCountry, targetIndustry, seniority, fitMax, intent, source, intentMax (see the lead score documentation).`,
		);
	}
	return parsed.data;
}

function parseScoreSettings(o: z.infer<typeof rawSchema>): ScoreSettings | undefined {
	if (o.leadScore === false) return undefined;
	const share = o.providedScoreShare ?? 50;
	if (!Number.isFinite(share) || share < 0 || share > 100) {
		throw new LeadRoutingError('Provided Score Share must be between 0 and 100 (%)', `It is now ${share}.`);
	}
	const countries = listOf(o.targetCountries).map((name) => {
		const code = countryCode(name);
		if (!code)
			throw new LeadRoutingError(
				`Target Countries: "${name.slice(0, 40)}" is not a country`,
				'Use two-letter ISO codes such as US, GB or DE (country names work too), separated by commas.',
			);
		return code;
	});
	const industries = listOf(o.targetIndustries);
	const key = JSON.stringify([o.scoreRules ?? '', countries, industries]);
	let model = scoreModels.get(key);
	if (!model) {
		model = compileScoreModel(parseScoreRules(o.scoreRules), countries, industries);
		if (scoreModels.size >= 100) scoreModels.clear();
		scoreModels.set(key, model);
	}
	return { model, provided: (o.providedScore ?? 'wins') as ProvidedScoreMode, providedShare: share / 100 };
}
