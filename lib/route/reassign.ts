/**
 * Reassign: the owner declined the lead or did not answer in time. Their open lead is given back, they join the
 * lead's history, and the lead is routed again through the same rules, never to anyone who declined or let it go
 * unanswered. When everyone eligible has refused it, it ends in the fallback queue with those reasons in `skipped`.
 */
import { decide, type DecideInput } from './decide';
import { PreviousDecisionError } from './history';
import { historyAfter, readPreviousDecision, refusedBy } from './history';
import { releaseOpenLead, type ReleaseOutcome } from './release';
import type { Decision } from './types';

export type RefusalReason = 'declined' | 'no-answer';

export interface ReassignInput extends Omit<DecideInput, 'exclude' | 'history'> {
	/** The lead's current decision record (checked here: a bad one is a PreviousDecisionError, nothing changed). */
	previous: unknown;
	/** 'declined' or 'no-answer' (checked: it may come from an expression). */
	why: unknown;
}

function refusal(why: unknown): RefusalReason {
	if (why === 'declined' || why === 'no-answer') return why;
	throw new PreviousDecisionError(`Why must be "declined" or "no-answer", got "${String(why).slice(0, 100)}"`);
}

export async function reassign(input: ReassignInput): Promise<{ decision: Decision; release: ReleaseOutcome }> {
	const { previous: raw, why, ...rest } = input;
	const previous = readPreviousDecision(raw);
	const history = historyAfter(previous, refusal(why), new Date(input.now).toISOString());
	const decision = await decide({ ...rest, exclude: refusedBy(history), history });
	// Given back once the new decision stands, so a failed re-route leaves the counts as they were. The previous owner
	// is excluded from this decision, so the order does not change who is chosen.
	const release: ReleaseOutcome = input.dryRun
		? { released: false, reason: 'Dry run: no counter changes' }
		: await releaseOpenLead(input.store, previous);
	return { decision, release };
}
