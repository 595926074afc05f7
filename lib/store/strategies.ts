/**
 * The strategy table: every pool strategy's name, UI text, candidate order and the pick rule it uses. Validation,
 * the UI options, candidate ordering and the stores are all derived from it, so a new strategy that picks like an
 * existing one is one row here. A new pick rule is also a branch in `chooseCandidate` (assignment.ts) and in its
 * Redis Lua mirror (redis/assignment.ts), which the assignment contract tests keep equal.
 */

/**
 * How the stores choose among candidates under capacity. `turns` / `weightedTurns`: lowest fairness score wins, each
 * lead adds 1 (or 1/weight) to the winner's score; `leastLoadedToday`: fewest leads today; `first`: the first one in
 * the order given; `random`: uniform.
 */
export type PickRule = 'first' | 'leastLoadedToday' | 'random' | 'turns' | 'weightedTurns';

export interface StrategySpec {
	/** The option's name in the editor. */
	label: string;
	description?: string;
	pick: PickRule;
	/** Candidates in seniority order (roster Priority, lowest first) instead of roster order. */
	bySeniority: boolean;
}

export const POOL_STRATEGIES = {
	leastLoaded: {
		label: 'Least Loaded',
		description: 'Fewest leads today',
		pick: 'leastLoadedToday',
		bySeniority: false,
	},
	priority: {
		label: 'Priority',
		description: 'Most senior eligible rep first (lowest Priority number)',
		pick: 'first',
		bySeniority: true,
	},
	random: { label: 'Random', pick: 'random', bySeniority: false },
	roundRobin: { label: 'Round Robin', description: 'Equal turns in roster order', pick: 'turns', bySeniority: false },
	weighted: {
		label: 'Weighted Round Robin',
		description: "Turns in proportion to each rep's weight",
		pick: 'weightedTurns',
		bySeniority: false,
	},
} as const satisfies Record<string, StrategySpec>;

export type PoolStrategy = keyof typeof POOL_STRATEGIES;

/** `direct`: one named rep (account owner, specific rep); the stores still check capacity and record the lead. */
export type AssignStrategy = PoolStrategy | 'direct';

const DIRECT: StrategySpec = { label: 'Direct', pick: 'first', bySeniority: false };

export const DEFAULT_POOL_STRATEGY: PoolStrategy = 'roundRobin';

export function isPoolStrategy(value: string): value is PoolStrategy {
	return Object.prototype.hasOwnProperty.call(POOL_STRATEGIES, value);
}

export function strategySpec(strategy: AssignStrategy): StrategySpec {
	return strategy === 'direct' ? DIRECT : POOL_STRATEGIES[strategy];
}

/** Every strategy a store may be asked for (contract tests draw from it). */
export const ASSIGN_STRATEGIES: AssignStrategy[] = [...(Object.keys(POOL_STRATEGIES) as PoolStrategy[]), 'direct'];

/** Whether the pick keeps fairness scores per pool. */
export function usesScores(strategy: AssignStrategy): boolean {
	const { pick } = strategySpec(strategy);
	return pick === 'turns' || pick === 'weightedTurns';
}

/** Whether the rep's roster weight counts (otherwise every candidate weighs 1). */
export function usesWeights(strategy: AssignStrategy): boolean {
	return strategySpec(strategy).pick === 'weightedTurns';
}
