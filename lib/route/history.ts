/**
 * The owners a lead had before: a previous decision record read back from an item (it may have passed through other
 * nodes, a sheet or a wait, so it is checked, never trusted), and the history the next decision carries.
 */
import { z } from 'zod';
import { LeadRoutingError } from '../errors';
import type { HandOffReason, RoutingHistoryEntry, SkipReason } from './types';

/** The previous decision record a Reassign needs is missing or not a Route Lead record. */
export class PreviousDecisionError extends LeadRoutingError {
	constructor(message: string) {
		super(
			message,
			'Pass the lead\'s Route Lead record (the item\'s "routing" field, as Route Lead wrote it) in Previous Decision; the default {{ $json.routing }} works when the item still carries it.',
		);
	}
}

const word = z.string().trim().min(1).max(500);

const entrySchema = z.object({
	ownerId: word,
	ownerName: z.string().max(500).default(''),
	decisionId: z.string().max(500).default(''),
	assignedAt: z.string().max(100).default(''),
	endedAt: z.string().max(100).default(''),
	why: z.enum(['declined', 'no-answer', 'reassigned']),
});

const recordSchema = z.object({
	ownerId: word,
	ownerName: z.string().max(500).default(''),
	decisionId: word,
	assignedAt: word,
	strategy: z.string().default(''),
	dryRun: z.boolean().default(false),
	history: z.array(entrySchema).default([]),
});

export type PreviousDecision = z.output<typeof recordSchema>;

/** The previous record, or what is wrong with it. */
function parsePrevious(value: unknown): { ok: true; record: PreviousDecision } | { ok: false; problem: string } {
	if (value === undefined || value === null || value === '') {
		return { ok: false, problem: 'Previous Decision is empty: the item carries no routing record to reassign' };
	}
	let record = value;
	if (typeof record === 'string') {
		try {
			record = JSON.parse(record);
		} catch {
			return { ok: false, problem: 'Previous Decision is text that is not a routing record (not valid JSON)' };
		}
	}
	if (typeof record !== 'object' || record === null || Array.isArray(record)) {
		return {
			ok: false,
			problem: 'Previous Decision is not a routing record (expected an object such as the item\'s "routing")',
		};
	}
	const parsed = recordSchema.safeParse(record);
	if (parsed.success) return { ok: true, record: parsed.data };
	const issue = parsed.error.issues[0];
	return {
		ok: false,
		problem: `Previous Decision is not a complete routing record: ${issue.path.join('.') || 'record'} ${issue.message}`,
	};
}

/** The previous record, or a PreviousDecisionError saying what is wrong with it. */
export function readPreviousDecision(value: unknown): PreviousDecision {
	const previous = parsePrevious(value);
	if (!previous.ok) throw new PreviousDecisionError(previous.problem);
	return previous.record;
}

/** The history after the previous owner gave the lead up at `endedAt`, oldest first. */
export function historyAfter(previous: PreviousDecision, why: HandOffReason, endedAt: string): RoutingHistoryEntry[] {
	const { ownerId, ownerName, decisionId, assignedAt } = previous;
	return [...previous.history, { ownerId, ownerName, decisionId, assignedAt, endedAt, why }];
}

/** Reps who declined the lead or let it go unanswered: it never goes back to them. */
export function refusedBy(history: RoutingHistoryEntry[]): Map<string, SkipReason> {
	const refused = new Map<string, SkipReason>();
	for (const entry of history) {
		if (entry.why !== 'reassigned' && !refused.has(entry.ownerId)) refused.set(entry.ownerId, entry.why);
	}
	return refused;
}

/**
 * The history Route carries when an item already has a routing record (e.g. re-routed after an SLA breach): the
 * previous owner joins it as 'reassigned' (a dry run gave it to nobody). An item without a usable record starts a new history.
 */
export function carriedHistory(routing: unknown, endedAt: string): RoutingHistoryEntry[] {
	// Most leads arrive without a record: no parse for them.
	if (typeof routing !== 'object' || routing === null) return [];
	const previous = parsePrevious(routing);
	if (!previous.ok) return [];
	return previous.record.dryRun ? previous.record.history : historyAfter(previous.record, 'reassigned', endedAt);
}
