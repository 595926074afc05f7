/** Turns the rules and fallback as entered in the node into checked configuration. */
import { LeadRoutingError } from '../errors';
import { DEFAULT_POOL_STRATEGY, isPoolStrategy } from '../store/strategies';
import { absoluteHttpUrl } from '../text/web';
import type { FallbackConfig, RuleAction, RuleConfig } from './types';

/** A routing rule or the fallback queue is set up so that it cannot work. */
export class RuleConfigError extends LeadRoutingError {
	constructor(message: string) {
		super(message, 'Fix the routing rule or the fallback queue settings.');
	}
}

export interface RawRule {
	name?: unknown;
	assignTo?: unknown;
	repId?: unknown;
	team?: unknown;
	strategy?: unknown;
	queueName?: unknown;
	queueOwnerId?: unknown;
	requiredSkills?: unknown;
	respectWorkingHours?: unknown;
	onNoEligible?: unknown;
	teamBookingUrl?: unknown;
}

const ACTIONS: RuleAction[] = ['accountOwner', 'pool', 'queue', 'specificRep'];

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function slug(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** The id a rule has in decision records: its name as a slug, or its position. */
export function ruleIdOf(raw: RawRule, index: number): string {
	return slug(text(raw.name)) || `rule-${index + 1}`;
}

export function toRuleConfig(raw: RawRule, index: number): RuleConfig {
	const name = text(raw.name) || `Rule ${index + 1}`;
	const label = `Rule ${index + 1}${text(raw.name) ? ` ("${name}")` : ''}`;
	const action = text(raw.assignTo) || 'pool';
	if (!ACTIONS.includes(action as RuleAction)) throw new RuleConfigError(`${label}: unknown action "${action}"`);
	const strategy = text(raw.strategy) || DEFAULT_POOL_STRATEGY;
	if (!isPoolStrategy(strategy)) throw new RuleConfigError(`${label}: unknown strategy "${strategy}"`);
	const rule: RuleConfig = {
		id: ruleIdOf(raw, index),
		name,
		action: action as RuleAction,
		repId: text(raw.repId),
		team: text(raw.team),
		strategy,
		queueName: text(raw.queueName),
		queueOwnerId: text(raw.queueOwnerId),
		requiredSkills: text(raw.requiredSkills)
			.split(',')
			.map((s) => s.trim().toLowerCase())
			.filter(Boolean),
		respectWorkingHours: raw.respectWorkingHours === true,
		onNoEligible: raw.onNoEligible === 'fallback' ? 'fallback' : 'nextRule',
		teamBookingUrl: action === 'queue' ? bookingUrl(raw.teamBookingUrl, `${label}: Team Booking Link`) : '',
	};
	if (rule.action === 'specificRep' && !rule.repId) throw new RuleConfigError(`${label}: set the Rep ID to assign to`);
	if (rule.action === 'queue' && !rule.queueName) throw new RuleConfigError(`${label}: set the Queue Name`);
	// A queue without an owner would leave its leads unowned, which the fallback exists to prevent.
	if (rule.action === 'queue' && !rule.queueOwnerId) throw new RuleConfigError(`${label}: set the Queue Owner ID`);
	return rule;
}

export function toRuleConfigs(raw: RawRule[]): RuleConfig[] {
	return withUniqueIds(raw.map(toRuleConfig));
}

/** Two rules with the same name still need distinct ids in the decision record; the first keeps its id. */
export function withUniqueIds(rules: RuleConfig[]): RuleConfig[] {
	const seen = new Map<string, number>();
	return rules.map((rule) => {
		const n = (seen.get(rule.id) ?? 0) + 1;
		seen.set(rule.id, n);
		return n > 1 ? { ...rule, id: `${rule.id}-${n}` } : rule;
	});
}

/** A team booking link as typed: empty, or an absolute http(s) URL. */
function bookingUrl(raw: unknown, label: string): string {
	const link = text(raw);
	if (!link) return '';
	const url = absoluteHttpUrl(link);
	if (!url)
		throw new RuleConfigError(
			`${label} "${link.slice(0, 200)}" is not a web address; use a full link such as https://cal.com/team/sales`,
		);
	return url;
}

export function toFallbackConfig(raw: {
	queueName?: unknown;
	ownerId?: unknown;
	ownerName?: unknown;
	ownerEmail?: unknown;
	bookingUrl?: unknown;
}): FallbackConfig {
	const fallback = {
		queueName: text(raw.queueName),
		ownerId: text(raw.ownerId),
		ownerName: text(raw.ownerName),
		ownerEmail: text(raw.ownerEmail).toLowerCase(),
		bookingUrl: bookingUrl(raw.bookingUrl, 'The Fallback Team Booking Link'),
	};
	if (!fallback.queueName || !fallback.ownerId) {
		throw new RuleConfigError(
			'The fallback queue needs a name and an owner ID, so that no lead is ever left without an owner',
		);
	}
	return fallback;
}

const RULE_MEMO_LIMIT = 1000;

export type BuiltRule = { ok: true; rule: RuleConfig } | { ok: false; ruleId: string; error: LeadRoutingError };

/**
 * Rule `index` built from raw values that may come from the lead (e.g. the team from `{{ $json.team }}`): each distinct
 * set of values is checked and built once per execution, not once per lead. `key` identifies the values (undefined: not
 * remembered). A check that fails is returned, not thrown: the caller decides whether it stops the node (a fixed
 * setting) or only makes the rule not apply to this lead (a value from the lead).
 */
export function ruleBuilder(): (raw: RawRule, index: number, key: string | undefined) => BuiltRule {
	const memo = new Map<string, BuiltRule>();
	return (raw, index, key) => {
		const known = key === undefined ? undefined : memo.get(`${index}\u0000${key}`);
		if (known) return known;
		let built: BuiltRule;
		try {
			built = { ok: true, rule: toRuleConfig(raw, index) };
		} catch (error) {
			if (!(error instanceof LeadRoutingError)) throw error;
			built = { ok: false, ruleId: ruleIdOf(raw, index), error };
		}
		if (key !== undefined && memo.size < RULE_MEMO_LIMIT) memo.set(`${index}\u0000${key}`, built);
		return built;
	};
}
