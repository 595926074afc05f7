/**
 * The SLA history every backend keeps for SLA Timer › Get Stats: one compact record per started timer, kept after the
 * timer is stopped or forgotten, so response times, breaches and compliance can be reported for a period. Reading a
 * period costs the leads started in it (an index on the start time in every backend), never the whole history.
 */

/** What Start knows about a lead's timer. Breach and escalation follow from these instants and the response. */
export interface SlaStartRecord {
	/** The timer id: unique per Start. */
	id: string;
	/** The lead key Start and Stop use. */
	key: string;
	startedAt: number;
	dueAt: number;
	/** The first escalation level's instant; null when the tier has no escalation. */
	escalateAt: number | null;
	tier: string;
	/** Owner id from the routing record ('' when none). */
	rep: string;
	repName: string;
	source: string;
	/** The routing rule's name (or id); the fallback queue's name for fallback leads. */
	rule: string;
	fallback: boolean;
	/** Whether Auto-Respond had sent the lead its answer before the timer started. */
	autoResponded: boolean;
	/** Whether a send limit held Auto-Respond's message to the lead (absent in records written before it was kept). */
	autoResponseHeld?: boolean;
}

/** What Stop measured. */
export interface SlaResponse {
	respondedAt: number;
	responseMinutes: number;
	businessResponseMinutes: number;
}

export interface SlaRecord extends SlaStartRecord {
	response: SlaResponse | null;
}

/** How long a record is kept after its start: longer than any period the stats offer. */
export const SLA_HISTORY_RETENTION_MS = 180 * 86_400_000;

export interface SlaHistoryStore {
	/** Records started timers. A lead's unanswered record is replaced by its new one: a restarted timer is one lead. */
	started(records: SlaStartRecord[], now: number): Promise<void>;
	/** Adds the response to the record of each stopped timer (by timer id); ids no longer kept are ignored. */
	answered(responses: Array<{ id: string; key: string; response: SlaResponse }>): Promise<void>;
	/** Records of timers started in [from, to), at most `limit`, oldest first. */
	list(from: number, to: number, limit: number): Promise<SlaRecord[]>;
}

/** A damaged row reads as no record rather than breaking the report. */
export function parseRecord(record: string, response: string | null | undefined): SlaRecord | undefined {
	try {
		const start = JSON.parse(record) as SlaStartRecord;
		if (typeof start?.startedAt !== 'number' || typeof start.dueAt !== 'number') return undefined;
		return { ...start, response: response ? (JSON.parse(response) as SlaRecord['response']) : null };
	} catch {
		return undefined;
	}
}
