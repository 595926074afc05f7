/** Giving back a lead's place in its owner's open-lead count (Release Open Lead, and Reassign before it routes again). */
import type { AssignmentStore } from '../store/assignment';

export type ReleaseOutcome = { released: true; ownerId: string; open: number } | { released: false; reason: string };

/** Lowers the open-lead count of the owner in a routing record; says why nothing was released otherwise. */
export async function releaseOpenLead(store: AssignmentStore, routing: unknown): Promise<ReleaseOutcome> {
	const record =
		typeof routing === 'object' && routing !== null && !Array.isArray(routing)
			? (routing as Record<string, unknown>)
			: {};
	const ownerId = record.ownerId;
	if (typeof ownerId !== 'string' || !ownerId) {
		return { released: false, reason: 'The item has no routing.ownerId (route it with Route Lead first)' };
	}
	// Only reps the store counted hold an open lead: a dry run counted nothing, and queues have no open-lead count.
	if (record.dryRun === true)
		return { released: false, reason: 'The routing record is a dry run; it counted no open lead' };
	if (record.strategy === 'queue' || record.strategy === 'fallback') {
		return {
			released: false,
			reason: `The lead went to a queue (routing.strategy "${record.strategy}"), which has no open-lead count`,
		};
	}
	return { released: true, ownerId, open: await store.release(ownerId) };
}
