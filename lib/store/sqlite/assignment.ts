/** Assignment counters in SQLite: capacity check, choice and record in one transaction (chooseCandidate decides). */
import {
	pickCandidate,
	scoreStep,
	usesScores,
	type AssignmentStore,
	type AssignRequest,
	type AssignResult,
	type CandidateLoad,
	type StoreStats,
} from '../assignment';
import { DAY_TTL_SECONDS, WEEK_TTL_SECONDS, type Windows } from '../windows';
import type { Database } from './database';

/** The fallback queue's window counts share route_window with the reps under this id (rep IDs are never empty). */
const FALLBACK = '';

interface RepRow {
	rep: string;
	open: number;
	total: number;
	last_at: string | null;
}

export class SqliteAssignmentStore implements AssignmentStore {
	constructor(
		private readonly db: Database,
		private readonly scope: string,
		readonly label: string,
	) {}

	private bump(window: string, rep: string, ttlSeconds: number, now: number): void {
		this.db.run(
			`INSERT INTO route_window (scope, window, rep, n, expires_at) VALUES (?, ?, ?, 1, ?)
			 ON CONFLICT (scope, window, rep) DO UPDATE SET n = n + 1`,
			this.scope,
			window,
			rep,
			now + ttlSeconds * 1000,
		);
	}

	async assign(request: AssignRequest): Promise<AssignResult> {
		const day = `d:${request.windows.day}`;
		const week = `w:${request.windows.week}`;
		const pool = request.pool;
		const run = () => {
			// Four reads for all candidates at once (a roster has dozens of reps), each through its primary key.
			const ids = JSON.stringify(request.candidates.map((c) => c.id));
			const byRep = <T extends { rep: string }>(sql: string, ...params: Array<string | number>) =>
				new Map(this.db.all<T>(sql, ...params).map((row) => [row.rep, row]));
			const inList = 'rep IN (SELECT value FROM json_each(?))';
			const open = byRep<{ rep: string; open: number }>(`SELECT rep, open FROM route_rep WHERE scope = ? AND ${inList}`, this.scope, ids);
			const scores = byRep<{ rep: string; score: number }>(`SELECT rep, score FROM route_score WHERE scope = ? AND pool = ? AND ${inList}`, this.scope, pool, ids);
			const windows = this.db.all<{ window: string; rep: string; n: number }>(
				`SELECT window, rep, n FROM route_window WHERE scope = ? AND window IN (?, ?) AND ${inList}`,
				this.scope,
				day,
				week,
				ids,
			);
			const count = (window: string, rep: string) => windows.find((w) => w.window === window && w.rep === rep)?.n ?? 0;
			const loads: CandidateLoad[] = request.candidates.map((c) => ({
				day: count(day, c.id),
				week: count(week, c.id),
				open: open.get(c.id)?.open ?? 0,
				score: scores.get(c.id)?.score,
			}));
			const floor = this.db.get<{ floor: number }>('SELECT floor FROM route_floor WHERE scope = ? AND pool = ?', this.scope, pool)?.floor ?? 0;
			const { result, chosen: choice } = pickCandidate(request, loads, floor);
			if (!choice || request.dryRun) return result;
			const chosen = choice.candidate;
			const now = Date.now();
			this.bump(day, chosen.id, DAY_TTL_SECONDS, now);
			this.bump(week, chosen.id, WEEK_TTL_SECONDS, now);
			this.db.run(
				`INSERT INTO route_rep (scope, rep, open, total, last_at) VALUES (?, ?, 1, 1, ?)
				 ON CONFLICT (scope, rep) DO UPDATE SET open = open + 1, total = total + 1, last_at = excluded.last_at`,
				this.scope,
				chosen.id,
				request.at,
			);
			if (usesScores(request.strategy)) {
				this.db.run(
					'INSERT INTO route_score (scope, pool, rep, score) VALUES (?, ?, ?, ?) ON CONFLICT (scope, pool, rep) DO UPDATE SET score = excluded.score',
					this.scope,
					pool,
					chosen.id,
					choice.score + scoreStep(request, chosen),
				);
				this.db.run(
					'INSERT INTO route_floor (scope, pool, floor) VALUES (?, ?, ?) ON CONFLICT (scope, pool) DO UPDATE SET floor = excluded.floor',
					this.scope,
					pool,
					choice.score,
				);
			}
			return result;
		};
		return request.dryRun ? this.db.read('deciding a dry run', run) : this.db.write('assigning a lead', run);
	}

	async recordFallback(windows: Windows, at: string): Promise<void> {
		const now = Date.now();
		this.db.write('recording a fallback', () => {
			this.bump(`d:${windows.day}`, FALLBACK, DAY_TTL_SECONDS, now);
			this.bump(`w:${windows.week}`, FALLBACK, WEEK_TTL_SECONDS, now);
			this.db.run(
				`INSERT INTO route_fallback (scope, total, last_at) VALUES (?, 1, ?)
				 ON CONFLICT (scope) DO UPDATE SET total = total + 1, last_at = excluded.last_at`,
				this.scope,
				at,
			);
		});
	}

	async release(repId: string): Promise<number> {
		return this.db.write('releasing a lead', () => {
			this.db.run(
				`INSERT INTO route_rep (scope, rep, open, total) VALUES (?, ?, 0, 0)
				 ON CONFLICT (scope, rep) DO UPDATE SET open = max(0, open - 1)`,
				this.scope,
				repId,
			);
			return this.db.get<{ open: number }>('SELECT open FROM route_rep WHERE scope = ? AND rep = ?', this.scope, repId)?.open ?? 0;
		});
	}

	async stats(windows: Windows): Promise<StoreStats> {
		return this.db.read('reading statistics', () => {
			const counts = (window: string) => {
				const rows = this.db.all<{ rep: string; n: number }>('SELECT rep, n FROM route_window WHERE scope = ? AND window = ?', this.scope, window);
				return new Map(rows.map((r) => [r.rep, r.n]));
			};
			const day = counts(`d:${windows.day}`);
			const week = counts(`w:${windows.week}`);
			const reps = this.db.all<RepRow>('SELECT rep, open, total, last_at FROM route_rep WHERE scope = ? ORDER BY rep', this.scope);
			const fb = this.db.get<{ total: number; last_at: string | null }>('SELECT total, last_at FROM route_fallback WHERE scope = ?', this.scope);
			return {
				windows,
				reps: reps.map((r) => ({
					repId: r.rep,
					assignedToday: day.get(r.rep) ?? 0,
					assignedThisWeek: week.get(r.rep) ?? 0,
					assignedTotal: r.total,
					open: r.open,
					lastAssignedAt: r.last_at,
				})),
				fallbacks: { today: day.get(FALLBACK) ?? 0, thisWeek: week.get(FALLBACK) ?? 0, total: fb?.total ?? 0, lastAt: fb?.last_at ?? null },
			};
		});
	}
}
