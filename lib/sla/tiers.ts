/** The SLA tier table (e.g. hot 5 min, warm 1 h, cold 24 h) and the ways a lead picks its tier. */
import { LeadRoutingError } from '../errors';

export interface TierDefinition {
	name: string;
	/** Response target in business minutes. */
	minutes: number;
	/** Used when tiers are chosen by score: the tier with the highest minimum the score reaches wins. */
	minScore?: number;
	/** Used when tiers are chosen by condition: the first tier whose condition is true wins. */
	applies?: boolean;
}

export interface Tier {
	name: string;
	minutes: number;
	minScore: number;
	applies: boolean;
}

export type TierChoice =
	| { by: 'condition' }
	| { by: 'name'; name: unknown }
	| { by: 'segment'; segment: unknown }
	| { by: 'score'; score: unknown };

/** `note` says why the default tier was used instead of the lead's own choice. */
export type TierResult = { ok: true; tier: Tier; note?: string } | { ok: false; reason: string };

export function validateTiers(definitions: TierDefinition[]): Tier[] {
	if (!definitions.length) {
		throw new LeadRoutingError(
			'The SLA tier table is empty',
			'Add at least one tier with a name and a response time in minutes.',
		);
	}
	const seen = new Set<string>();
	return definitions.map((definition, index) => {
		const name = String(definition.name ?? '').trim();
		if (!name)
			throw new LeadRoutingError(
				`SLA tier ${index + 1} has no name`,
				'Give every tier a name, e.g. hot, warm or cold.',
			);
		const folded = name.toLowerCase();
		if (seen.has(folded))
			throw new LeadRoutingError(`SLA tier "${name}" is listed twice`, 'Give every tier a different name.');
		seen.add(folded);
		const minutes = Number(definition.minutes);
		if (!Number.isFinite(minutes) || minutes <= 0) {
			throw new LeadRoutingError(
				`SLA tier "${name}" has an invalid response time (${definition.minutes})`,
				'Enter the response time as a number of minutes greater than 0.',
			);
		}
		const minScore =
			definition.minScore === undefined || definition.minScore === null ? 0 : Number(definition.minScore);
		if (!Number.isFinite(minScore)) {
			throw new LeadRoutingError(
				`SLA tier "${name}" has an invalid minimum score`,
				'Enter the minimum score as a number.',
			);
		}
		return { name, minutes, minScore, applies: definition.applies !== false };
	});
}

export function findTier(tiers: Tier[], name: unknown): Tier | undefined {
	if (typeof name !== 'string' && typeof name !== 'number') return undefined;
	const folded = String(name).trim().toLowerCase();
	return folded ? tiers.find((tier) => tier.name.toLowerCase() === folded) : undefined;
}

function describe(value: unknown): string {
	return value === undefined || value === null || value === '' ? 'empty' : JSON.stringify(value);
}

/**
 * The tier for leads no tier takes (no score, an unknown segment, no condition true): the named one, or the table's
 * last row, which reads as the catch-all like a Switch's fallback output.
 */
export function defaultTier(tiers: Tier[], name: unknown): Tier {
	if (name === undefined || name === null || String(name).trim() === '') return tiers[tiers.length - 1];
	const tier = findTier(tiers, name);
	if (!tier) {
		throw new LeadRoutingError(
			`Options › Default Tier ${describe(name)} is not in the tier table`,
			`Use one of the tier names (${tiers.map((t) => t.name).join(', ')}), or remove the option to use the last tier.`,
		);
	}
	return tier;
}

/** Picks the tier for one lead; the default tier takes what nothing else matches, saying why in `note`. */
export function chooseTier(tiers: Tier[], choice: TierChoice, fallback?: Tier): TierResult {
	const chosen = pick(tiers, choice);
	if (chosen.ok || !fallback) return chosen;
	return { ok: true, tier: fallback, note: `${chosen.reason}: default tier "${fallback.name}"` };
}

function pick(tiers: Tier[], choice: TierChoice): TierResult {
	switch (choice.by) {
		case 'condition': {
			const tier = tiers.find((candidate) => candidate.applies);
			return tier ? { ok: true, tier } : { ok: false, reason: 'No SLA tier condition is true for this lead' };
		}
		case 'name': {
			const tier = findTier(tiers, choice.name);
			return tier ? { ok: true, tier } : { ok: false, reason: `No SLA tier is named ${describe(choice.name)}` };
		}
		case 'segment': {
			const tier = findTier(tiers, choice.segment);
			return tier
				? { ok: true, tier }
				: { ok: false, reason: `No SLA tier matches the segment ${describe(choice.segment)}` };
		}
		case 'score': {
			const score =
				typeof choice.score === 'string' && choice.score.trim() !== '' ? Number(choice.score) : choice.score;
			if (typeof score !== 'number' || !Number.isFinite(score)) {
				return { ok: false, reason: `The lead score is not a number (${describe(choice.score)})` };
			}
			let best: Tier | undefined;
			for (const tier of tiers) if (score >= tier.minScore && (!best || tier.minScore > best.minScore)) best = tier;
			return best ? { ok: true, tier: best } : { ok: false, reason: `No SLA tier accepts the score ${score}` };
		}
	}
}
