/**
 * "Answer each lead once" as a store contract: claim → send → confirm. A claim is taken atomically before sending, so
 * two executions racing on the same key cannot both send; the key is recorded as answered (for the whole window) only
 * once the message was accepted, and a failed send releases the claim so a retry can try again. A claim left behind by
 * a crashed process expires after `claimTtlMs`.
 *
 * n8n's own checkProcessedAndRecord is not used: it reads, changes and writes back one row without a lock (two
 * executions can both see a key as new), it records before the send, and it has no time window.
 */
export type ClaimResult = { claimed: true; token: string } | { claimed: false; state: 'sent' | 'pending'; at: number };

export interface IdempotencyStore {
	claim(key: string, claimTtlMs: number, now: number): Promise<ClaimResult>;
	/** Records the key as answered until `now + windowMs`, unless another claim took it over meanwhile. */
	confirm(key: string, token: string, windowMs: number, now: number): Promise<void>;
	/** Gives up a claim that was not used (the send failed); a confirmed key is never released. */
	release(key: string, token: string): Promise<void>;
}
