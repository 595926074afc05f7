/**
 * The atomic part of a routing decision, shared by the local and the Redis store: among the candidates the caller
 * found eligible, skip those at capacity, pick one by strategy, and record the assignment — all in one step, so
 * concurrent executions can never pick from the same stale counts.
 *
 * Fairness (round robin and weighted): each rep in a pool has a score that grows by 1/weight per lead; the rep with
 * the lowest score wins, ties go to roster order. Equal reps therefore receive exactly equal counts and weights give
 * exact proportions. The pool also keeps a floor, the winning score of its last decision. A rep whose score is below
 * the floor — new to the pool, or back from leave or a full day — is lifted to the floor before the comparison, so
 * they rejoin the rotation on equal terms instead of receiving every lead until they catch up, and nobody else's
 * score is reset when the roster changes.
 *
 * The Redis Lua script in redis/assignment.ts mirrors `chooseCandidate` exactly (it receives the strategy's pick rule
 * from the table in strategies.ts, not its name); tests run both on the same inputs.
 */
import { strategySpec, usesScores, usesWeights, type AssignStrategy } from './strategies';
import type { Windows } from './windows';

export { usesScores, type AssignStrategy } from './strategies';

export type CapacityReason = 'capacity-day' | 'capacity-week' | 'capacity-open';

export interface AssignCandidate {
	id: string;
	/** > 0; ignored except by the weighted strategy. */
	weight: number;
	/** 0 = unlimited. */
	capacityDay: number;
	capacityWeek: number;
	capacityOpen: number;
}

export interface AssignRequest {
	/** Counters for fairness are kept per pool (usually the rule's pool name). */
	pool: string;
	strategy: AssignStrategy;
	/** In preference order: roster order, or seniority order for the priority strategy. */
	candidates: AssignCandidate[];
	windows: Windows;
	/** A number in [0, 1) for the random strategy. */
	random: number;
	/** ISO time of the decision, recorded as the rep's last assignment. */
	at: string;
	/** Decide without advancing any counter. */
	dryRun: boolean;
}

export interface AssignResult {
	repId: string | null;
	/** Candidates passed over because a capacity cap was reached. */
	atCapacity: Array<{ repId: string; why: CapacityReason }>;
}

export interface RepStats {
	repId: string;
	assignedToday: number;
	assignedThisWeek: number;
	assignedTotal: number;
	open: number;
	lastAssignedAt: string | null;
}

export interface StoreStats {
	windows: Windows;
	reps: RepStats[];
	fallbacks: { today: number; thisWeek: number; total: number; lastAt: string | null };
}

/** The counters a store must provide; every method is atomic on its own. */
export interface AssignmentStore {
	/** Names the store in error messages, e.g. "local store" or "Redis at host:6379". */
	readonly label: string;
	assign(request: AssignRequest): Promise<AssignResult>;
	recordFallback(windows: Windows, at: string): Promise<void>;
	/** A lead left a rep's open queue; never goes below zero. Returns the new open count. */
	release(repId: string): Promise<number>;
	stats(windows: Windows): Promise<StoreStats>;
}

export interface CandidateLoad {
	day: number;
	week: number;
	open: number;
	/** Fairness score in the request's pool, undefined when the rep never received a lead there. */
	score: number | undefined;
}

export interface Choice {
	index: number;
	/** Score used for the comparison (after lifting to the floor); the new score is this + 1/weight. */
	score: number;
}

const tolerance = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

export function capacityReason(candidate: AssignCandidate, load: CandidateLoad): CapacityReason | undefined {
	if (candidate.capacityDay > 0 && load.day >= candidate.capacityDay) return 'capacity-day';
	if (candidate.capacityWeek > 0 && load.week >= candidate.capacityWeek) return 'capacity-week';
	if (candidate.capacityOpen > 0 && load.open >= candidate.capacityOpen) return 'capacity-open';
	return undefined;
}

/** Picks among candidates already under capacity (`available` holds indexes into `candidates`). */
export function chooseCandidate(
	request: AssignRequest,
	available: number[],
	loads: CandidateLoad[],
	floor: number,
): Choice | undefined {
	if (!available.length) return undefined;
	const { pick } = strategySpec(request.strategy);
	if (pick === 'random') {
		const index = available[Math.min(available.length - 1, Math.floor(request.random * available.length))];
		return { index, score: 0 };
	}
	if (pick === 'leastLoadedToday') {
		let best = available[0];
		for (const i of available) if (loads[i].day < loads[best].day) best = i;
		return { index: best, score: 0 };
	}
	if (usesScores(request.strategy)) {
		let best: Choice | undefined;
		for (const i of available) {
			const score = Math.max(loads[i].score ?? floor, floor);
			if (!best || score < best.score - tolerance(best.score)) best = { index: i, score };
		}
		return best;
	}
	return { index: available[0], score: 0 };
}

/**
 * Passes over candidates at capacity and picks among the rest: the part of `assign` every backend shares. `chosen` is
 * the winner with the score its new score builds on; without it nobody was available.
 */
export function pickCandidate(
	request: AssignRequest,
	loads: CandidateLoad[],
	floor: number,
): { result: AssignResult; chosen?: { candidate: AssignCandidate; score: number } } {
	const result: AssignResult = { repId: null, atCapacity: [] };
	const available: number[] = [];
	request.candidates.forEach((c, i) => {
		const why = capacityReason(c, loads[i]);
		if (why) result.atCapacity.push({ repId: c.id, why });
		else available.push(i);
	});
	const choice = chooseCandidate(request, available, loads, floor);
	if (!choice) return { result };
	const candidate = request.candidates[choice.index];
	result.repId = candidate.id;
	return { result, chosen: { candidate, score: choice.score } };
}

export function scoreStep(request: AssignRequest, candidate: AssignCandidate): number {
	return usesWeights(request.strategy) ? 1 / candidate.weight : 1;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Rep ids and pool names become object keys in the local store; these three would reach the prototype. */
export function assertSafeKey(key: string, what: string): void {
	if (FORBIDDEN_KEYS.has(key)) throw new Error(`${what} "${key}" is a reserved name; choose another`);
}
