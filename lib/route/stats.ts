/** Turns raw store counters into the report the Stats operation returns. */
import type { StoreStats } from '../store/assignment';
import type { Roster } from './roster';

export interface RepReport {
	repId: string;
	name: string;
	/** The roster weight (1 when not in the roster): a rep's fair share of a pool is weight / sum of weights. */
	weight: number;
	assignedToday: number;
	assignedThisWeek: number;
	assignedTotal: number;
	open: number;
	lastAssignedAt: string | null;
}

interface Window {
	assigned: number;
	fallbacks: number;
	/** fallbacks / (assigned + fallbacks); 0 when nothing was routed. */
	fallbackRate: number;
}

export interface RoutingReport {
	day: string;
	week: string;
	timeZone: string;
	today: Window;
	thisWeek: Window;
	allTime: Window;
	lastAssignmentAt: string | null;
	lastFallbackAt: string | null;
	reps: RepReport[];
}

const rate = (assigned: number, fallbacks: number) =>
	assigned + fallbacks ? Math.round((fallbacks / (assigned + fallbacks)) * 10000) / 10000 : 0;

function window(assigned: number, fallbacks: number): Window {
	return { assigned, fallbacks, fallbackRate: rate(assigned, fallbacks) };
}

export function summarizeStats(stats: StoreStats, timeZone: string, roster?: Roster): RoutingReport {
	const known = new Map(stats.reps.map((r) => [r.repId, r]));
	const ids = [
		...(roster?.reps.map((r) => r.id) ?? []),
		...stats.reps.map((r) => r.repId).filter((id) => !roster?.byId.has(id)),
	];
	const reps: RepReport[] = ids.map((repId) => {
		const s = known.get(repId);
		return {
			repId,
			name: roster?.byId.get(repId)?.name ?? '',
			weight: roster?.byId.get(repId)?.weight ?? 1,
			assignedToday: s?.assignedToday ?? 0,
			assignedThisWeek: s?.assignedThisWeek ?? 0,
			assignedTotal: s?.assignedTotal ?? 0,
			open: s?.open ?? 0,
			lastAssignedAt: s?.lastAssignedAt ?? null,
		};
	});
	const sum = (pick: (r: RepReport) => number) => reps.reduce((n, r) => n + pick(r), 0);
	const last =
		reps
			.map((r) => r.lastAssignedAt)
			.filter((t): t is string => !!t)
			.sort()
			.pop() ?? null;
	const fb = stats.fallbacks;
	return {
		day: stats.windows.day,
		week: stats.windows.week,
		timeZone,
		today: window(
			sum((r) => r.assignedToday),
			fb.today,
		),
		thisWeek: window(
			sum((r) => r.assignedThisWeek),
			fb.thisWeek,
		),
		allTime: window(
			sum((r) => r.assignedTotal),
			fb.total,
		),
		lastAssignmentAt: last,
		lastFallbackAt: fb.lastAt,
		reps,
	};
}
