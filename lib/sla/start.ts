/**
 * When a lead's clock starts. An explicit start time (the Started At option) is the user's word: one out of bounds is
 * flagged. Otherwise the clock starts when the lead arrived (`submittedAt`), so a lead that waited in a queue or is
 * replayed does not get a late clock; an arrival time out of bounds (a client clock in the future, a stale replay)
 * starts the clock now instead and says why, since a normal form lead must never be flagged for its timestamp.
 */
import { readInstant } from './timer';

export interface StartWindow {
	/** Clock skew tolerated for a start time slightly in the future. */
	futureToleranceMs: number;
	/** Oldest start accepted; older ones are usually a wrong field or a replayed event. */
	maxAgeMs: number;
}

export function checkStartedAt(
	startedAt: number,
	now: number,
	window: StartWindow,
	label = 'startedAt',
): string | undefined {
	if (startedAt > now + window.futureToleranceMs) {
		return `${label} (${new Date(startedAt).toISOString()}) is in the future`;
	}
	if (startedAt < now - window.maxAgeMs) {
		return `${label} (${new Date(startedAt).toISOString()}) is more than ${Math.round(window.maxAgeMs / 3_600_000)} hours in the past`;
	}
	return undefined;
}

export type StartSource = 'option' | 'submittedAt' | 'now';

export type ClockStart = { ok: true; ms: number; from: StartSource; note?: string } | { ok: false; reason: string };

export interface StartInput {
	/** The Started At option (empty when not set). */
	option: unknown;
	/** The lead's arrival time. */
	submittedAt: unknown;
	now: number;
	window: StartWindow;
}

const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export function chooseStart(input: StartInput): ClockStart {
	const { now, window } = input;
	if (!isEmpty(input.option)) {
		const read = readInstant(input.option, now, 'startedAt');
		if (!read.ok) return read;
		const problem = checkStartedAt(read.ms, now, window);
		return problem ? { ok: false, reason: problem } : { ok: true, ms: read.ms, from: 'option' };
	}
	if (isEmpty(input.submittedAt)) return { ok: true, ms: now, from: 'now' };
	const read = readInstant(input.submittedAt, now, 'submittedAt');
	if (!read.ok) return { ok: true, ms: now, from: 'now', note: `${read.reason}; the clock starts now` };
	const problem = checkStartedAt(read.ms, now, window, 'submittedAt');
	if (problem) return { ok: true, ms: now, from: 'now', note: `${problem}; the clock starts now` };
	return { ok: true, ms: read.ms, from: 'submittedAt' };
}
