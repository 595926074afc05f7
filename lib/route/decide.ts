/**
 * One routing decision: rules in order, first rule that matches and yields an eligible owner wins, otherwise the
 * fallback queue, which always exists. Eligibility is computed here; the store picks and records atomically.
 */
import { randomUUID } from 'crypto';
import { readLead, type LeadView } from '../lead/view';
import type { AssignCandidate, AssignmentStore, AssignStrategy } from '../store/assignment';
import { strategySpec, usesWeights } from '../store/strategies';
import type { Windows } from '../store/windows';
import { filterEligible, type EligibilityContext } from './eligibility';
import type { Rep, Roster } from './roster';
import type {
	Decision,
	FallbackConfig,
	RoutingHistoryEntry,
	RoutingReason,
	RoutingRecord,
	RuleConfig,
	Skipped,
	SkipReason,
} from './types';

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
	/** Reps this lead must never go to (e.g. those who declined it), with the reason recorded when one is passed over. */
	exclude?: ReadonlyMap<string, SkipReason>;
	/** The lead's earlier owners, carried into the record. */
	history?: RoutingHistoryEntry[];
	random?: () => number;
	decisionId?: string;
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
		weight: usesWeights(strategy) ? rep.weight : 1,
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
function target(rule: RuleConfig, input: DecideInput, lead: LeadView, skipped: Skipped[]): RuleTarget | undefined {
	const { roster } = input;
	const direct = (idOrEmail: string, reason: RoutingReason): RuleTarget | undefined => {
		if (!idOrEmail) return undefined;
		const rep = findRep(roster, idOrEmail);
		if (!rep) skipped.push({ repId: idOrEmail, why: 'not-in-roster' });
		return { reps: rep ? [rep] : [], strategy: 'direct', pool: `direct:${rule.id}`, reason };
	};
	if (rule.action === 'accountOwner') {
		return direct(lead.match.ownerId || lead.match.ownerEmail || '', 'account-owner');
	}
	if (rule.action === 'specificRep') return direct(rule.repId, 'specific-rep');
	const team = rule.team.trim().toLowerCase();
	const members = team ? (roster.teams.get(team) ?? []) : roster.reps;
	const reps = strategySpec(rule.strategy).bySeniority ? [...members].sort((a, b) => a.priority - b.priority) : members;
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

/** The routing record without the parts every decision shares (skipped reps, decision ID, time, dry run, history). */
type Choice = Omit<RoutingRecord, 'skipped' | 'decisionId' | 'assignedAt' | 'dryRun' | 'history'>;

interface Owner {
	id: string;
	name: string;
	email: string;
	rep: Rep | undefined;
}

/** A rep books on their own page; a queue or the fallback on its team page, else on its owner's page when the owner is a rep. */
function chosen(
	owner: Owner,
	rule: { id: string; name: string },
	strategy: Choice['strategy'],
	reason: RoutingReason,
	queue: string | null,
	teamBookingUrl = '',
): Choice {
	return {
		ownerId: owner.id,
		ownerName: owner.name,
		ownerEmail: owner.email,
		ownerTimeZone: zoneOf(owner.rep),
		ruleId: rule.id,
		ruleName: rule.name,
		strategy,
		reason,
		queue,
		ownerBookingUrl: teamBookingUrl || owner.rep?.bookingUrl || null,
	};
}

/** The first rule that matches and yields an owner, or undefined (after the skipped reps were recorded). */
type RulesResult = { index: number; choice: Choice } | { anyApplied: boolean };

async function chooseByRules(
	input: DecideInput,
	lead: LeadView,
	skipped: Skipped[],
	assignedAt: string,
): Promise<RulesResult> {
	const { rules, store, dryRun } = input;
	const excluded = new Map<string, SkipReason>();
	const previousOwner = lead.routing.ownerId;
	if (input.slaReroute && previousOwner && lead.sla.status === 'breached') excluded.set(previousOwner, 'sla-breach');
	for (const [repId, why] of input.exclude ?? []) excluded.set(repId, why);
	const ctx: EligibilityContext = { now: input.now, excluded };
	let anyApplied = false;
	for (let index = 0; index < rules.length; index++) {
		const rule = rules[index];
		// Awaiting a plain boolean still costs a microtask per rule; only wait for real promises.
		const matched = input.matches(index);
		if (!(typeof matched === 'boolean' ? matched : await matched)) continue;
		if (rule.action === 'queue') {
			const owner = findRep(input.roster, rule.queueOwnerId);
			const who = {
				id: owner?.id ?? rule.queueOwnerId,
				name: owner?.name ?? '',
				email: owner?.email ?? '',
				rep: owner,
			};
			// A queue whose owner declined this lead would hand it straight back to them.
			const refused = input.exclude?.get(who.id);
			if (refused) {
				anyApplied = true;
				skipped.push({ repId: who.id, why: refused });
				continue;
			}
			return { index, choice: chosen(who, rule, 'queue', 'queue', rule.queueName, rule.teamBookingUrl) };
		}
		const t = target(rule, input, lead, skipped);
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
			if (rep)
				return {
					index,
					choice: chosen({ id: rep.id, name: rep.name, email: rep.email, rep }, rule, t.strategy, t.reason, null),
				};
		}
		if (rule.onNoEligible === 'fallback') break;
	}
	return { anyApplied };
}

export async function decide(input: DecideInput): Promise<Decision> {
	const decisionId = input.decisionId ?? randomUUID();
	const assignedAt = new Date(input.now).toISOString();
	const skipped: Skipped[] = [];
	const byRules = await chooseByRules(input, readLead(input.lead), skipped, assignedAt);
	let ruleIndex: number | null = null;
	let choice: Choice;
	if ('choice' in byRules) {
		ruleIndex = byRules.index;
		choice = byRules.choice;
	} else {
		const reason: RoutingReason = !input.roster.reps.length
			? 'empty-roster'
			: byRules.anyApplied
				? 'no-eligible-rep'
				: 'no-rule-matched';
		if (!input.dryRun) await input.store.recordFallback(input.windows, assignedAt);
		const { fallback } = input;
		const owner = findRep(input.roster, fallback.ownerId);
		const who = {
			id: fallback.ownerId,
			name: fallback.ownerName || owner?.name || '',
			email: fallback.ownerEmail || owner?.email || '',
			rep: owner,
		};
		choice = chosen(
			who,
			{ id: 'fallback', name: fallback.queueName },
			'fallback',
			reason,
			fallback.queueName,
			fallback.bookingUrl,
		);
	}
	const { queue, ownerBookingUrl, ...owner } = choice;
	const routing: RoutingRecord = {
		...owner,
		skipped: dedupe(skipped),
		decisionId,
		assignedAt,
		dryRun: input.dryRun,
		queue,
		ownerBookingUrl,
		history: input.history ?? [],
	};
	return { outcome: ruleIndex === null ? 'fallback' : 'assigned', ruleIndex, routing };
}
