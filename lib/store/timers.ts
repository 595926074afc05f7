/** The SLA timer store contract every backend implements (lib/store/<backend>/timers.ts). */
import type { LevelPoint } from '../sla/levels';
import type { SlaTimer } from '../sla/timer';

export interface DueLevel {
	timer: SlaTimer;
	/** Position of the level in `timer.levels`. */
	index: number;
	level: LevelPoint;
}

export interface TimerStoreOptions {
	/** How long a timer whose last level has passed is kept, so a late Stop can still measure the response. */
	retentionMs: number;
}

export const DEFAULT_RETENTION_MS = 30 * 86_400_000;

export interface TimerStore {
	/** Records the timers, replacing any open timer with the same key; returns, per timer, whether one was replaced. */
	start(timers: SlaTimer[]): Promise<boolean[]>;
	/** Closes the timers and returns them (undefined for a key with no open timer). */
	stop(keys: string[]): Promise<Array<SlaTimer | undefined>>;
	/**
	 * Claims up to `max` levels due at `now`. A claimed level is never returned again, by any caller: this is what makes
	 * each level fire exactly once when checks overlap. A level is never dropped, even when a later one is also due.
	 */
	claimDue(now: number, max: number): Promise<DueLevel[]>;
	/** The levels `claimDue` would return now, without claiming them (previews such as a trigger's test fetch). */
	peekDue(now: number, max: number): Promise<DueLevel[]>;
	/** Open timers (including finished ones still kept for a late Stop). */
	count(): Promise<number>;
}

/** The instant when a finished timer is forgotten. */
export function purgeAt(timer: SlaTimer, options: TimerStoreOptions): number {
	const last = timer.levels.length ? timer.levels[timer.levels.length - 1].at : timer.startedAt;
	return last + Math.max(1, options.retentionMs);
}
