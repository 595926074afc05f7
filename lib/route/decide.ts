/**
 * One routing decision: rules in order, first rule that matches and yields an eligible owner wins, otherwise the
 * fallback queue, which always exists. Eligibility is computed here; the store picks and records atomically.
 */
import { randomUUID } from 'crypto';
import type { AssignCandidate, AssignmentStore, AssignStrategy } from '../store/assignment';
import type { Windows } from '../store/windows';
import { filterEligible, type EligibilityContext } from './eligibility';
import type { Rep, Roster } from './roster';
import type { Decision, FallbackConfig, RoutingReason, RoutingRecord, RuleConfig, Skipped, SkipReason } from './types';

export interface DecideInput {
	lead: Record<string, unknown>;
	rules: RuleConfig[];
	roster: Roster;
	fallback: FallbackConfig;
	store: AssignmentStore;
	now: number;
	windows: Windows;
	dryRun: boolean;
	/** Whether rule `index`'s conditions match this lead (n8n's filter, evaluated lazily). */
	matches: (index: number) => boolean | Promise<boolean>;
	/** Skip the current owner of a lead whose SLA was breached, so it goes to someone else. */
	slaReroute: boolean;
	random?: () => number;
	decisionId?: string;
}

function child(value: unknown, key: string): Record<string, unknown> | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const inner = (value as Record<string, unknown>)[key];
	return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : undefined;
}

function str(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function findRep(roster: Roster, idOrEmail: string): Rep | undefined {
	return roster.byId.get(idOrEmail) ?? roster.byEmail.get(idOrEmail.toLowerCase());
}

function zoneOf(rep: Rep | undefined): string | null {
	return rep?.timeZoneGiven ? rep.timeZone : null;
}

function candidate(rep: Rep, strategy: AssignStrategy): AssignCandidate {
	return {
		id: rep.id,
		weight: strategy === 'weighted' ? rep.weight : 1,
		capacityDay: rep.capacityDay,
		capacityWeek: rep.capacityWeek,
		capacityOpen: rep.capacityOpen,
	};
}

interface RuleTarget {
	reps: Rep[];
	strategy: AssignStrategy;
	pool: string;
	reason: RoutingReason;
}

/** The reps a rule may assign to, or undefined when the rule does not apply to this lead. */
function target(rule: RuleConfig, input: DecideInput, skipped: Skipped[]): RuleTarget | undefined {
	const { roster, lead } = input;
	const direct = (idOrEmail: string, reason: RoutingReason): RuleTarget | undefined => {
		if (!idOrEmail) return undefined;
		const rep = findRep(roster, idOrEmail);
		if (!rep) skipped.push({ repId: idOrEmail, why: 'not-in-roster' });
		return { reps: rep ? [rep] : [], strategy: 'direct', pool: `direct:${rule.id}`, reason };
	};
	if (rule.action === 'accountOwner') {
		const match = child(lead, 'match');
		return direct(str(match?.ownerId) || str(match?.ownerEmail), 'account-owner');
	}
	if (rule.action === 'specificRep') return direct(rule.repId, 'specific-rep');
	const team = rule.team.trim().toLowerCase();
	const members = team ? (roster.teams.get(team) ?? []) : roster.reps;
	const reps =
		rule.strategy === 'priority' ? [...members].sort((a, b) => a.priority - b.priority) : members;
	return { reps, strategy: rule.strategy, pool: `${team ? `team:${team}` : 'all'}:${rule.strategy}`, reason: 'pool' };
}

function dedupe(skipped: Skipped[]): Skipped[] {
	if (skipped.length < 2) return skipped.slice();
	const seen = new Set<string>();
	return skipped.filter((s) => {
		const key = `${s.repId}\u0000${s.why}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

export async function decide(input: DecideInput): Promise<Decision> {
	const { rules, store, dryRun } = input;
	const decisionId = input.decisionId ?? randomUUID();
	const assignedAt = new Date(input.now).toISOString();
	const skipped: Skipped[] = [];
	const excluded = new Map<string, SkipReason>();
	const previousOwner = str(child(input.lead, 'routing')?.ownerId);
	if (input.slaReroute && previousOwner && str(child(input.lead, 'sla')?.status) === 'breached') {
		excluded.set(previousOwner, 'sla-breach');
	}
	const ctx: EligibilityContext = { now: input.now, excluded };
	const base = { decisionId, assignedAt, dryRun };
	let anyApplied = false;

	for (let index = 0; index < rules.length; index++) {
		const rule = rules[index];
		// Awaiting a plain boolean still costs a microtask per rule; only wait for real promises.
		const matched = input.matches(index);
		if (!(typeof matched === 'boolean' ? matched : await matched)) continue;
		if (rule.action === 'queue') {
			const owner = findRep(input.roster, rule.queueOwnerId);
			const routing: RoutingRecord = {
				ownerId: owner?.id ?? rule.queueOwnerId,
				ownerName: owner?.name ?? '',
				ownerEmail: owner?.email ?? '',
				ownerTimeZone: zoneOf(owner),
				ruleId: rule.id,
				ruleName: rule.name,
				strategy: 'queue',
				reason: 'queue',
				skipped: dedupe(skipped),
				...base,
				queue: rule.queueName,
			};
			return { outcome: 'assigned', ruleIndex: index, routing };
		}
		const t = target(rule, input, skipped);
		if (!t) continue;
		anyApplied = true;
		const eligible = filterEligible(t.reps, rule, ctx, skipped);
		if (eligible.length) {
			const result = await store.assign({
				pool: t.pool,
				strategy: t.strategy,
				candidates: eligible.map((rep) => candidate(rep, t.strategy)),
				windows: input.windows,
				random: (input.random ?? Math.random)(),
				at: assignedAt,
				dryRun,
			});
			skipped.push(...result.atCapacity);
			const rep = result.repId ? input.roster.byId.get(result.repId) : undefined;
			if (rep) {
				const routing: RoutingRecord = {
					ownerId: rep.id,
					ownerName: rep.name,
					ownerEmail: rep.email,
					ownerTimeZone: zoneOf(rep),
					ruleId: rule.id,
					ruleName: rule.name,
					strategy: t.strategy,
					reason: t.reason,
					skipped: dedupe(skipped),
					...base,
					queue: null,
				};
				return { outcome: 'assigned', ruleIndex: index, routing };
			}
		}
		if (rule.onNoEligible === 'fallback') break;
	}

	const reason: RoutingReason = !input.roster.reps.length
		? 'empty-roster'
		: anyApplied
			? 'no-eligible-rep'
			: 'no-rule-matched';
	if (!dryRun) await store.recordFallback(input.windows, assignedAt);
	const { fallback } = input;
	const owner = findRep(input.roster, fallback.ownerId);
	return {
		outcome: 'fallback',
		ruleIndex: null,
		routing: {
			ownerId: fallback.ownerId,
			ownerName: fallback.ownerName || owner?.name || '',
			ownerEmail: fallback.ownerEmail || owner?.email || '',
			ownerTimeZone: zoneOf(owner),
			ruleId: 'fallback',
			ruleName: fallback.queueName,
			strategy: 'fallback',
			reason,
			skipped: dedupe(skipped),
			...base,
			queue: fallback.queueName,
		},
	};
}
