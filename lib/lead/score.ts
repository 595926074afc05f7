/**
 * The lead score: how valuable a lead is, as fit (who they are: company size, business address, country, job title,
 * industry) plus intent (what they ask for, where they came from), 0–100, with every point's reason. Not to be
 * confused with `quality.score`, which says how complete and valid the lead's data is.
 *
 * The reasons always add up to the score: caps, the floor at 0 and a score sent with the lead appear as reasons too.
 */
import { foldKey, foldWords } from '../text/clean';
import { findWord, type CompiledGroup, type ScoreModel, type SourceKind } from './score-model';
import type { LeadFields } from './schema';

export type ProvidedScoreMode = 'wins' | 'blend' | 'ignore';

export interface ScoreReason {
	part: 'fit' | 'intent' | 'provided';
	points: number;
	reason: string;
}

export interface ScoreDetail {
	fit: number;
	intent: number;
	/** fit + intent, 0–100. */
	computed: number;
	/** The score the form or CRM sent, read as 0–100; null when none came. */
	provided: number | null;
	method: 'computed' | 'provided' | 'blended';
}

export interface LeadScore {
	score: number;
	reasons: ScoreReason[];
	detail: ScoreDetail;
}

export interface ScoreSettings {
	model: ScoreModel;
	provided: ProvidedScoreMode;
	/** Share of the provided score when blending, 0–1. */
	providedShare: number;
}

const MEDIUM_KINDS: Record<string, SourceKind> = {};
const SOURCE_KINDS_BY_NAME: Record<string, SourceKind> = {};
const group = (kind: SourceKind, mediums: string[], sources: string[]) => {
	for (const medium of mediums) MEDIUM_KINDS[medium] = kind;
	for (const source of sources) SOURCE_KINDS_BY_NAME[source] = kind;
};
group(
	'paid',
	[
		'cpc',
		'ppc',
		'paid',
		'paidsearch',
		'paidsocial',
		'paidmedia',
		'display',
		'cpm',
		'cpv',
		'banner',
		'sem',
		'ads',
		'ad',
		'retargeting',
		'remarketing',
		'sponsored',
	],
	['adwords', 'googleads', 'facebookads', 'linkedinads', 'bingads', 'microsoftads'],
);
group(
	'referral',
	['referral', 'referal', 'partner', 'partners', 'affiliate', 'affiliates'],
	['partner', 'referral', 'affiliate'],
);
group(
	'email',
	['email', 'newsletter', 'emailmarketing', 'mailing'],
	['newsletter', 'email', 'mailchimp', 'hubspotemail'],
);
group(
	'social',
	['social', 'socialmedia', 'sm', 'organicsocial', 'socialnetwork'],
	['linkedin', 'facebook', 'twitter', 'x', 'instagram', 'youtube', 'tiktok', 'reddit', 'xing'],
);
group(
	'organic',
	['organic', 'seo', 'organicsearch'],
	['google', 'bing', 'yahoo', 'duckduckgo', 'ecosia', 'baidu', 'yandex', 'qwant'],
);

const SOURCE_WORDS: Array<[SourceKind, string]> = [
	['paid', 'ads'],
	['referral', 'partner'],
	['referral', 'referral'],
	['email', 'newsletter'],
];

/** Where the lead came from, by UTM medium first (it says how), else by the source's name. */
export function sourceKind(
	lead: Pick<LeadFields, 'utm' | 'source'>,
): { kind: SourceKind; evidence: string } | undefined {
	const medium = lead.utm?.medium;
	if (medium) {
		const kind = Object.hasOwn(MEDIUM_KINDS, foldKey(medium)) ? MEDIUM_KINDS[foldKey(medium)] : undefined;
		if (kind) return { kind, evidence: `utm_medium "${medium}"` };
	}
	for (const source of [lead.utm?.source, lead.source]) {
		if (!source) continue;
		const key = foldKey(source);
		if (Object.hasOwn(SOURCE_KINDS_BY_NAME, key))
			return { kind: SOURCE_KINDS_BY_NAME[key], evidence: `source "${source}"` };
		const word = SOURCE_WORDS.find(([, w]) => key.includes(w));
		if (word) return { kind: word[0], evidence: `source "${source}"` };
	}
	return undefined;
}

const SOURCE_TEXT: Record<SourceKind, string> = {
	paid: 'a paid campaign',
	referral: 'a referral or partner',
	organic: 'organic search',
	email: 'an email campaign',
	social: 'social media',
};

function firstGroup(
	text: string | undefined,
	groups: CompiledGroup[],
): { group: CompiledGroup; word: string } | undefined {
	if (!text) return undefined;
	const folded = foldWords(text);
	for (const group of groups) {
		const word = findWord(folded, group.words);
		if (word) return { group, word };
	}
	return undefined;
}

// toLocaleString builds a number format per call: too slow for every lead.
function thousands(value: number): string {
	const digits = String(value);
	let out = '';
	for (let end = digits.length; end > 0; end -= 3)
		out = `${digits.slice(Math.max(0, end - 3), end)}${out ? `,${out}` : ''}`;
	return out;
}

function cap(total: number, max: number, part: 'fit' | 'intent', reasons: ScoreReason[]): number {
	if (total <= max) return total;
	reasons.push({ part, points: max - total, reason: `${part === 'fit' ? 'Fit' : 'Intent'} is capped at ${max}` });
	return max;
}

function fitReasons(lead: LeadFields, model: ScoreModel, reasons: ScoreReason[]): number {
	const { rules } = model;
	const add = (points: number, reason: string) => {
		reasons.push({ part: 'fit', points, reason });
		return points;
	};
	let fit = 0;
	if (lead.segment) {
		const segmentPoints = rules.segment[lead.segment];
		const size = lead.employees === undefined ? '' : ` (${thousands(lead.employees)} employees)`;
		if (segmentPoints) fit += add(segmentPoints, `${lead.segment} company${size}`);
	}
	const flags = lead.emailFlags;
	if (lead.emailDomain && flags && !flags.disposable) {
		if (flags.freeMail) add(0, `Free-mail address (${lead.emailDomain}), not a company domain`);
		else if (rules.businessEmail) fit += add(rules.businessEmail, `Business email address (${lead.emailDomain})`);
		if (flags.role && rules.roleAddress)
			fit += add(rules.roleAddress, `Shared role address (${lead.email?.split('@')[0]}@), not a person`);
	}
	if (lead.country && model.targetCountries.has(lead.country) && rules.targetCountry) {
		fit += add(rules.targetCountry, `In a target country (${lead.country})`);
	}
	const title = firstGroup(lead.jobTitle, model.seniority);
	if (title) fit += add(title.group.points, `${title.group.label} job title ("${lead.jobTitle}")`);
	if (lead.industry && model.targetIndustries.length && rules.targetIndustry) {
		const word = findWord(foldWords(lead.industry), model.targetIndustries);
		if (word) fit += add(rules.targetIndustry, `Target industry (${lead.industry})`);
	}
	return cap(fit, rules.fitMax, 'fit', reasons);
}

function intentReasons(lead: LeadFields, model: ScoreModel, reasons: ScoreReason[]): number {
	let intent = 0;
	if (lead.message) {
		const folded = foldWords(lead.message);
		for (const group of model.intent) {
			const word = findWord(folded, group.words);
			if (!word || !group.points) continue;
			intent += group.points;
			reasons.push({
				part: 'intent',
				points: group.points,
				reason: `The message asks about ${group.label} ("${word}")`,
			});
		}
	}
	const source = sourceKind(lead);
	const sourcePoints = source ? model.rules.source[source.kind] : undefined;
	if (source && sourcePoints) {
		intent += sourcePoints;
		reasons.push({
			part: 'intent',
			points: sourcePoints,
			reason: `Came from ${SOURCE_TEXT[source.kind]} (${source.evidence})`,
		});
	}
	return cap(intent, model.rules.intentMax, 'intent', reasons);
}

const clamp = (value: number) => Math.min(100, Math.max(0, Math.round(value)));

export function scoreLead(lead: LeadFields, settings: ScoreSettings, provided: number | undefined): LeadScore {
	const reasons: ScoreReason[] = [];
	const fit = fitReasons(lead, settings.model, reasons);
	const intent = intentReasons(lead, settings.model, reasons);
	const computed = clamp(fit + intent);
	if (computed !== fit + intent) {
		reasons.push({
			part: computed > fit + intent ? 'fit' : 'intent',
			points: computed - (fit + intent),
			reason: `The score stays within 0–100`,
		});
	}
	const detail: ScoreDetail = { fit, intent, computed, provided: null, method: 'computed' };
	if (provided === undefined || !Number.isFinite(provided)) return { score: computed, reasons, detail };

	const given = clamp(provided);
	detail.provided = given;
	const sent = given === provided ? `${given}` : `${provided}, read as ${given}`;
	if (settings.provided === 'ignore') {
		reasons.push({ part: 'provided', points: 0, reason: `The score sent with the lead (${sent}) is ignored` });
		return { score: computed, reasons, detail };
	}
	if (settings.provided === 'wins') {
		detail.method = 'provided';
		reasons.push({
			part: 'provided',
			points: given - computed,
			reason: `The score sent with the lead (${sent}) replaces the computed ${computed}`,
		});
		return { score: given, reasons, detail };
	}
	const share = settings.providedShare;
	const score = clamp(share * given + (1 - share) * computed);
	detail.method = 'blended';
	const percent = Math.round(share * 100);
	reasons.push({
		part: 'provided',
		points: score - computed,
		reason: `Blended ${percent} % of the score sent with the lead (${sent}) with ${100 - percent} % of the computed ${computed}`,
	});
	return { score, reasons, detail };
}
