/**
 * "Answer each lead once" as a store contract: claim → sending → send → confirm. A claim is taken atomically before
 * sending, so two executions racing on the same key cannot both send. Right before the message goes to the mail server
 * or Twilio, `sending` records the intent durably (state `u`, for the whole window); `confirm` records the key as
 * answered once the message was accepted, and a send that surely failed releases the claim so a retry can try again.
 *
 * A claim left behind before `sending` (nothing went out) expires after `claimTtlMs`. A `sending` record left behind
 * (n8n died, or the connection broke, after the message was handed over) does not expire with the claim: a later claim
 * finds it "interrupted" — the message may have been delivered — and by default does not send again; with
 * `retakeInterrupted` it takes the send over, keeping the episode of the first attempt so the message can carry the
 * same Message-ID.
 *
 * n8n's own checkProcessedAndRecord is not used: it reads, changes and writes back one row without a lock (two
 * executions can both see a key as new), it records before the send, and it has no time window.
 */
import { randomBytes } from 'crypto';

export type ClaimResult =
	| {
			claimed: true;
			token: string;
			/** When this claim took over an interrupted send: the time that send started. */
			resumes?: number;
	  }
	| { claimed: false; state: 'sent' | 'pending' | 'interrupted'; at: number };

export interface ClaimOptions {
	/** Take over a send that was interrupted (its `sending` record is older than the claim time) instead of reporting it. */
	retakeInterrupted?: boolean;
}

export interface IdempotencyStore {
	claim(key: string, claimTtlMs: number, now: number, options?: ClaimOptions): Promise<ClaimResult>;
	/**
	 * Records, before the message is handed over, that this claim is sending it: kept for the window, so a crash after
	 * this point is found later as an interrupted send instead of a free key. False when another claim took the key
	 * over meanwhile (this one expired): then nothing must be sent.
	 */
	sending(key: string, token: string, windowMs: number, now: number): Promise<boolean>;
	/** Records the key as answered until `now + windowMs`, unless another claim took it over meanwhile. */
	confirm(key: string, token: string, windowMs: number, now: number): Promise<void>;
	/** Gives up a claim whose send surely failed; a confirmed key is never released. */
	release(key: string, token: string): Promise<void>;
}

/** p: claimed, nothing sent yet; u: sending (the message may be out); s: sent. */
export type EntryState = 'p' | 'u' | 's';

export interface IdempotencyEntry {
	state: EntryState;
	token: string;
	at: number;
	expiresAt: number;
}

/**
 * A token is `<episode>.<attempt>`: the episode names one answer to one lead (the first claim's) and survives a
 * take-over, the attempt tells the claims apart. Tokens written before episodes existed are a bare UUID: their
 * episode is the whole token.
 */
export function newToken(previous?: string): string {
	const attempt = randomBytes(8).toString('hex');
	return `${previous ? episodeOf(previous) : randomBytes(8).toString('hex')}.${attempt}`;
}

export function episodeOf(token: string): string {
	const dot = token.indexOf('.');
	return dot < 0 ? token : token.slice(0, dot);
}

/** The one claim decision, for the backends that decide in our code under their lock (SQLite, static data). */
export function decideClaim(
	existing: IdempotencyEntry | undefined,
	claimTtlMs: number,
	now: number,
	options: ClaimOptions = {},
): { result: ClaimResult; write?: IdempotencyEntry } {
	if (!existing || existing.expiresAt <= now) {
		const token = newToken();
		return { result: { claimed: true, token }, write: { state: 'p', token, at: now, expiresAt: now + claimTtlMs } };
	}
	if (existing.state === 's') return { result: { claimed: false, state: 'sent', at: existing.at } };
	if (existing.state === 'p' || existing.at + claimTtlMs > now)
		return { result: { claimed: false, state: 'pending', at: existing.at } };
	if (!options.retakeInterrupted) return { result: { claimed: false, state: 'interrupted', at: existing.at } };
	// The take-over is itself a send in flight: a concurrent claim sees it as pending, a crash leaves it interrupted.
	const token = newToken(existing.token);
	return {
		result: { claimed: true, token, resumes: existing.at },
		write: { state: 'u', token, at: now, expiresAt: Math.max(existing.expiresAt, now + claimTtlMs) },
	};
}

/** Whether `token` may write over `existing` (sending, confirm): it is its own, or nobody's any more. */
export function holds(existing: IdempotencyEntry | undefined, token: string, now: number): boolean {
	return !existing || existing.token === token || existing.expiresAt <= now;
}
