/**
 * Assignment counters in the local store: exact for concurrent executions of one n8n process (withLocalState
 * serializes them), persisted in the workflow's static data. Only the current day and week windows are kept.
 */
import {
	assertSafeKey,
	pickCandidate,
	scoreStep,
	usesScores,
	type AssignmentStore,
	type AssignRequest,
	type AssignResult,
	type CandidateLoad,
	type StoreStats,
} from '../assignment';
import { isJsonObject, withLocalStateSync, type JsonObject, type LocalScope } from './state';
import type { Windows } from '../windows';

type Counts = Record<string, number>;

interface WindowCounts {
	key: string;
	counts: Counts;
}

interface RouteState {
	scores: Record<string, Counts>;
	floors: Counts;
	day: WindowCounts;
	week: WindowCounts;
	open: Counts;
	total: Counts;
	last: Record<string, string>;
	fallback: { day: WindowCounts; week: WindowCounts; total: number; lastAt: string | null };
}

function record<T>(value: unknown): Record<string, T> {
	return isJsonObject(value) ? (value as Record<string, T>) : {};
}

function windowCounts(value: unknown): WindowCounts {
	const v = record<unknown>(value);
	return { key: typeof v.key === 'string' ? v.key : '', counts: record<number>(v.counts) };
}

/** Reads (and repairs) the state object in place so that later writes land in the persisted object. */
const repaired = new WeakSet<JsonObject>();

function routeState(raw: JsonObject): RouteState {
	if (repaired.has(raw)) return raw as unknown as RouteState;
	const fb = record<unknown>(raw.fallback);
	raw.scores = record(raw.scores);
	raw.floors = record(raw.floors);
	raw.day = windowCounts(raw.day);
	raw.week = windowCounts(raw.week);
	raw.open = record(raw.open);
	raw.total = record(raw.total);
	raw.last = record(raw.last);
	raw.fallback = {
		day: windowCounts(fb.day),
		week: windowCounts(fb.week),
		total: typeof fb.total === 'number' ? fb.total : 0,
		lastAt: typeof fb.lastAt === 'string' ? fb.lastAt : null,
	};
	repaired.add(raw);
	return raw as unknown as RouteState;
}

/** Moves a window to `key`, dropping the counts of the previous window. */
function roll(window: WindowCounts, key: string): WindowCounts {
	if (window.key !== key) {
		window.key = key;
		window.counts = {};
	}
	return window;
}

const get = (counts: Counts, id: string) => (Object.hasOwn(counts, id) ? counts[id] : 0);

export class LocalAssignmentStore implements AssignmentStore {
	readonly label = 'local store';

	constructor(private readonly scope: LocalScope) {}

	async assign(request: AssignRequest): Promise<AssignResult> {
		const pool = `pool:${request.pool}`;
		for (const c of request.candidates) assertSafeKey(c.id, 'Rep ID');
		return await withLocalStateSync(this.scope, (raw) => {
			const state = routeState(raw);
			const day = request.dryRun ? state.day : roll(state.day, request.windows.day);
			const week = request.dryRun ? state.week : roll(state.week, request.windows.week);
			const sameDay = day.key === request.windows.day;
			const sameWeek = week.key === request.windows.week;
			const scores = Object.hasOwn(state.scores, pool) ? state.scores[pool] : {};
			const loads: CandidateLoad[] = request.candidates.map((c) => ({
				day: sameDay ? get(day.counts, c.id) : 0,
				week: sameWeek ? get(week.counts, c.id) : 0,
				open: get(state.open, c.id),
				score: Object.hasOwn(scores, c.id) ? scores[c.id] : undefined,
			}));
			const { result, chosen: choice } = pickCandidate(request, loads, get(state.floors, pool));
			if (!choice || request.dryRun) return result;
			const chosen = choice.candidate;
			day.counts[chosen.id] = get(day.counts, chosen.id) + 1;
			week.counts[chosen.id] = get(week.counts, chosen.id) + 1;
			state.open[chosen.id] = get(state.open, chosen.id) + 1;
			state.total[chosen.id] = get(state.total, chosen.id) + 1;
			state.last[chosen.id] = request.at;
			if (usesScores(request.strategy)) {
				scores[chosen.id] = choice.score + scoreStep(request, chosen);
				state.scores[pool] = scores;
				state.floors[pool] = choice.score;
			}
			return result;
		});
	}

	async recordFallback(windows: Windows, at: string): Promise<void> {
		await withLocalStateSync(this.scope, (raw) => {
			const { fallback } = routeState(raw);
			const day = roll(fallback.day, windows.day);
			const week = roll(fallback.week, windows.week);
			day.counts.n = get(day.counts, 'n') + 1;
			week.counts.n = get(week.counts, 'n') + 1;
			fallback.total += 1;
			fallback.lastAt = at;
		});
	}

	async release(repId: string): Promise<number> {
		assertSafeKey(repId, 'Rep ID');
		return await withLocalStateSync(this.scope, (raw) => {
			const state = routeState(raw);
			const open = Math.max(0, get(state.open, repId) - 1);
			state.open[repId] = open;
			return open;
		});
	}

	async stats(windows: Windows): Promise<StoreStats> {
		return await withLocalStateSync(this.scope, (raw) => {
			const state = routeState(raw);
			const dayCounts = state.day.key === windows.day ? state.day.counts : {};
			const weekCounts = state.week.key === windows.week ? state.week.counts : {};
			const ids = new Set([...Object.keys(state.total), ...Object.keys(state.open)]);
			const fb = state.fallback;
			return {
				windows,
				reps: [...ids].map((repId) => ({
					repId,
					assignedToday: get(dayCounts, repId),
					assignedThisWeek: get(weekCounts, repId),
					assignedTotal: get(state.total, repId),
					open: get(state.open, repId),
					lastAssignedAt: Object.hasOwn(state.last, repId) ? state.last[repId] : null,
				})),
				fallbacks: {
					today: fb.day.key === windows.day ? get(fb.day.counts, 'n') : 0,
					thisWeek: fb.week.key === windows.week ? get(fb.week.counts, 'n') : 0,
					total: fb.total,
					lastAt: fb.lastAt,
				},
			};
		});
	}
}
