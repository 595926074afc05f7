/** Turns the rules and fallback as entered in the node into checked configuration. */
import { LeadRoutingError } from '../errors';
import type { FallbackConfig, PoolStrategy, RuleAction, RuleConfig } from './types';

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
}

const ACTIONS: RuleAction[] = ['accountOwner', 'pool', 'queue', 'specificRep'];
const STRATEGIES: PoolStrategy[] = ['leastLoaded', 'priority', 'random', 'roundRobin', 'weighted'];

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function slug(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

export function toRuleConfig(raw: RawRule, index: number): RuleConfig {
	const name = text(raw.name) || `Rule ${index + 1}`;
	const label = `Rule ${index + 1}${text(raw.name) ? ` ("${name}")` : ''}`;
	const action = text(raw.assignTo) || 'pool';
	if (!ACTIONS.includes(action as RuleAction)) throw new RuleConfigError(`${label}: unknown action "${action}"`);
	const strategy = text(raw.strategy) || 'roundRobin';
	if (!STRATEGIES.includes(strategy as PoolStrategy)) throw new RuleConfigError(`${label}: unknown strategy "${strategy}"`);
	const rule: RuleConfig = {
		id: slug(text(raw.name)) || `rule-${index + 1}`,
		name,
		action: action as RuleAction,
		repId: text(raw.repId),
		team: text(raw.team),
		strategy: strategy as PoolStrategy,
		queueName: text(raw.queueName),
		queueOwnerId: text(raw.queueOwnerId),
		requiredSkills: text(raw.requiredSkills)
			.split(',')
			.map((s) => s.trim().toLowerCase())
			.filter(Boolean),
		respectWorkingHours: raw.respectWorkingHours === true,
		onNoEligible: raw.onNoEligible === 'fallback' ? 'fallback' : 'nextRule',
	};
	if (rule.action === 'specificRep' && !rule.repId) throw new RuleConfigError(`${label}: set the Rep ID to assign to`);
	if (rule.action === 'queue' && !rule.queueName) throw new RuleConfigError(`${label}: set the Queue Name`);
	// A queue without an owner would leave its leads unowned, which the fallback exists to prevent.
	if (rule.action === 'queue' && !rule.queueOwnerId) throw new RuleConfigError(`${label}: set the Queue Owner ID`);
	return rule;
}

export function toRuleConfigs(raw: RawRule[]): RuleConfig[] {
	const rules = raw.map(toRuleConfig);
	const seen = new Map<string, number>();
	// Two rules with the same name still need distinct ids in the decision record.
	for (const rule of rules) {
		const n = (seen.get(rule.id) ?? 0) + 1;
		seen.set(rule.id, n);
		if (n > 1) rule.id = `${rule.id}-${n}`;
	}
	return rules;
}

export function toFallbackConfig(raw: { queueName?: unknown; ownerId?: unknown; ownerName?: unknown; ownerEmail?: unknown }): FallbackConfig {
	const fallback = {
		queueName: text(raw.queueName),
		ownerId: text(raw.ownerId),
		ownerName: text(raw.ownerName),
		ownerEmail: text(raw.ownerEmail).toLowerCase(),
	};
	if (!fallback.queueName || !fallback.ownerId) {
		throw new RuleConfigError('The fallback queue needs a name and an owner ID, so that no lead is ever left without an owner');
	}
	return fallback;
}
