/**
 * Scratch counters for a replay: past leads decided as a dry run, each at its own moment, with turns and capacity
 * counted here instead of in the real store. Without them every lead of a replayed batch would see the same untouched
 * counters and a round robin would give them all to one rep; with them the batch is spread as it would have been.
 * The counters start empty and live for one execution; the real store is never read or written.
 */
import {
	pickCandidate,
	scoreStep,
	usesScores,
	type AssignmentStore,
	type AssignRequest,
	type AssignResult,
	type CandidateLoad,
	type StoreStats,
} from '../store/assignment';
import type { Windows } from '../store/windows';

export class ReplayCounters implements AssignmentStore {
	readonly label = 'replay counters';
	private readonly counts = new Map<string, number>();
	private readonly scores = new Map<string, number>();
	private readonly floors = new Map<string, number>();
	private readonly reps = new Map<string, { total: number; lastAt: string }>();
	private readonly fallbacks: Array<{ windows: Windows; at: string }> = [];

	private count(key: string): number {
		return this.counts.get(key) ?? 0;
	}

	private add(key: string): void {
		this.counts.set(key, this.count(key) + 1);
	}

	async assign(request: AssignRequest): Promise<AssignResult> {
		const { windows, pool } = request;
		const loads: CandidateLoad[] = request.candidates.map((c) => ({
			day: this.count(`day\u0000${windows.day}\u0000${c.id}`),
			week: this.count(`week\u0000${windows.week}\u0000${c.id}`),
			open: this.count(`open\u0000${c.id}`),
			score: this.scores.get(`${pool}\u0000${c.id}`),
		}));
		const { result, chosen: choice } = pickCandidate(request, loads, this.floors.get(pool) ?? 0);
		if (!choice) return result;
		const chosen = choice.candidate;
		this.add(`day\u0000${windows.day}\u0000${chosen.id}`);
		this.add(`week\u0000${windows.week}\u0000${chosen.id}`);
		this.add(`open\u0000${chosen.id}`);
		this.reps.set(chosen.id, { total: (this.reps.get(chosen.id)?.total ?? 0) + 1, lastAt: request.at });
		if (usesScores(request.strategy)) {
			this.scores.set(`${pool}\u0000${chosen.id}`, choice.score + scoreStep(request, chosen));
			this.floors.set(pool, choice.score);
		}
		return result;
	}

	async recordFallback(windows: Windows, at: string): Promise<void> {
		this.fallbacks.push({ windows, at });
	}

	async release(repId: string): Promise<number> {
		const open = Math.max(0, this.count(`open\u0000${repId}`) - 1);
		this.counts.set(`open\u0000${repId}`, open);
		return open;
	}

	async stats(windows: Windows): Promise<StoreStats> {
		const reps = [...this.reps].map(([repId, rep]) => ({
			repId,
			assignedToday: this.count(`day\u0000${windows.day}\u0000${repId}`),
			assignedThisWeek: this.count(`week\u0000${windows.week}\u0000${repId}`),
			assignedTotal: rep.total,
			open: this.count(`open\u0000${repId}`),
			lastAssignedAt: rep.lastAt,
		}));
		const fallbacks = {
			today: this.fallbacks.filter((f) => f.windows.day === windows.day).length,
			thisWeek: this.fallbacks.filter((f) => f.windows.week === windows.week).length,
			total: this.fallbacks.length,
			lastAt: this.fallbacks.at(-1)?.at ?? null,
		};
		return { windows, reps, fallbacks };
	}
}
