/**
 * Windowed counters with limits: "at most N events per key in any window of W milliseconds" (a sliding window, so a
 * burst cannot pass 2N across a window boundary). Every backend decides a take in one atomic step, so the limit is
 * exact across executions, processes and (with Redis) hosts.
 *
 * A key's window is part of its meaning: use the same `windowMs` for a key every time (put the window in the key when
 * one subject has several limits, e.g. `sms:+4930…:1d`).
 */
export interface WindowLimit {
	key: string;
	/** Events allowed within the window; 0 refuses every take. */
	limit: number;
	windowMs: number;
}

export type TakeResult =
	| { allowed: true; token: string }
	/** `key` is the first limit that refused; `retryAt` is when its oldest event leaves the window. */
	| { allowed: false; key: string; count: number; retryAt: number };

export interface CounterStore {
	/**
	 * All or nothing: when every key has fewer than its `limit` events in the window ending at `now`, records one event
	 * under each key (all with one token) and allows; otherwise records nothing and refuses.
	 */
	take(limits: WindowLimit[], now: number): Promise<TakeResult>;
	/** Removes the events one take recorded (e.g. the send it reserved failed); unknown tokens are ignored. */
	giveBack(keys: string[], token: string): Promise<void>;
	/** Events recorded under `key` within the window ending at `now`. */
	count(key: string, windowMs: number, now: number): Promise<number>;
}
