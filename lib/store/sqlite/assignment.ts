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

/** Rows of one scope as this connection last read or wrote them (Database.memo says when that is valid). */
interface Memo {
	open: Map<string, number>;
	/** By pool and rep; undefined: no score row yet. */
	scores: Map<string, number | undefined>;
	/** By window and rep. */
	windows: Map<string, number>;
	/** By pool; 0 when the pool has no floor row yet, as the file reads. */
	floors: Map<string, number>;
}

const emptyMemo = (): Memo => ({ open: new Map(), scores: new Map(), windows: new Map(), floors: new Map() });
const key = (a: string, b: string) => `${a}\u0000${b}`;

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

	/** Counts one more lead for `rep` in the day and the week window: one statement for both rows. */
	private bump(windows: Windows, rep: string, now: number): void {
		this.db.run(
			`INSERT INTO route_window (scope, window, rep, n, expires_at) VALUES (?1, ?2, ?4, 1, ?5), (?1, ?3, ?4, 1, ?6)
			 ON CONFLICT (scope, window, rep) DO UPDATE SET n = n + 1`,
			this.scope,
			`d:${windows.day}`,
			`w:${windows.week}`,
			rep,
			now + DAY_TTL_SECONDS * 1000,
			now + WEEK_TTL_SECONDS * 1000,
		);
	}

	/**
	 * The candidates' day, week and open counts, scores in the pool and the pool's floor: from this connection's memo
	 * where it has them, else in four reads for all missing candidates at once (a roster has dozens of reps), each
	 * through its primary key, which then fill the memo. A dry run reads the file and leaves the memo alone.
	 */
	private loads(request: AssignRequest, memo: Memo): { loads: CandidateLoad[]; floor: number } {
		const { pool, candidates } = request;
		const day = `d:${request.windows.day}`;
		const week = `w:${request.windows.week}`;
		const missing = candidates.filter(
			(c) =>
				!memo.open.has(c.id) ||
				!memo.scores.has(key(pool, c.id)) ||
				!memo.windows.has(key(day, c.id)) ||
				!memo.windows.has(key(week, c.id)),
		);
		if (missing.length) {
			const ids = JSON.stringify(missing.map((c) => c.id));
			const inList = 'rep IN (SELECT value FROM json_each(?))';
			for (const c of missing) {
				memo.open.set(c.id, 0);
				memo.scores.set(key(pool, c.id), undefined);
				memo.windows.set(key(day, c.id), 0);
				memo.windows.set(key(week, c.id), 0);
			}
			for (const row of this.db.all<{ rep: string; open: number }>(
				`SELECT rep, open FROM route_rep WHERE scope = ? AND ${inList}`,
				this.scope,
				ids,
			)) {
				memo.open.set(row.rep, row.open);
			}
			const scores = this.db.all<{ rep: string; score: number }>(
				`SELECT rep, score FROM route_score WHERE scope = ? AND pool = ? AND ${inList}`,
				this.scope,
				pool,
				ids,
			);
			for (const row of scores) memo.scores.set(key(pool, row.rep), row.score);
			const windows = this.db.all<{ window: string; rep: string; n: number }>(
				`SELECT window, rep, n FROM route_window WHERE scope = ? AND window IN (?, ?) AND ${inList}`,
				this.scope,
				day,
				week,
				ids,
			);
			for (const row of windows) memo.windows.set(key(row.window, row.rep), row.n);
		}
		if (!memo.floors.has(pool)) {
			memo.floors.set(
				pool,
				this.db.get<{ floor: number }>('SELECT floor FROM route_floor WHERE scope = ? AND pool = ?', this.scope, pool)
					?.floor ?? 0,
			);
		}
		return {
			loads: candidates.map((c) => ({
				day: memo.windows.get(key(day, c.id)) ?? 0,
				week: memo.windows.get(key(week, c.id)) ?? 0,
				open: memo.open.get(c.id) ?? 0,
				score: memo.scores.get(key(pool, c.id)),
			})),
			floor: memo.floors.get(pool) ?? 0,
		};
	}

	async assign(request: AssignRequest): Promise<AssignResult> {
		if (request.dryRun) {
			return this.db.read('deciding a dry run', () => {
				const { loads, floor } = this.loads(request, emptyMemo());
				return pickCandidate(request, loads, floor).result;
			});
		}
		return this.db.write(
			'assigning a lead',
			() => {
				const memo = this.db.memo(`route:${this.scope}`, emptyMemo);
				const { loads, floor } = this.loads(request, memo);
				const { result, chosen: choice } = pickCandidate(request, loads, floor);
				if (!choice) return result;
				const chosen = choice.candidate;
				const pool = request.pool;
				const now = Date.now();
				const day = `d:${request.windows.day}`;
				const week = `w:${request.windows.week}`;
				this.bump(request.windows, chosen.id, now);
				memo.windows.set(key(day, chosen.id), (memo.windows.get(key(day, chosen.id)) ?? 0) + 1);
				memo.windows.set(key(week, chosen.id), (memo.windows.get(key(week, chosen.id)) ?? 0) + 1);
				this.db.run(
					`INSERT INTO route_rep (scope, rep, open, total, last_at) VALUES (?, ?, 1, 1, ?)
					 ON CONFLICT (scope, rep) DO UPDATE SET open = open + 1, total = total + 1, last_at = excluded.last_at`,
					this.scope,
					chosen.id,
					request.at,
				);
				memo.open.set(chosen.id, (memo.open.get(chosen.id) ?? 0) + 1);
				if (usesScores(request.strategy)) {
					const score = choice.score + scoreStep(request, chosen);
					this.db.run(
						'INSERT INTO route_score (scope, pool, rep, score) VALUES (?, ?, ?, ?) ON CONFLICT (scope, pool, rep) DO UPDATE SET score = excluded.score',
						this.scope,
						pool,
						chosen.id,
						score,
					);
					memo.scores.set(key(pool, chosen.id), score);
					// The floor moves once per round of the rotation; an unchanged one is not written again.
					if (choice.score !== floor) {
						this.db.run(
							'INSERT INTO route_floor (scope, pool, floor) VALUES (?, ?, ?) ON CONFLICT (scope, pool) DO UPDATE SET floor = excluded.floor',
							this.scope,
							pool,
							choice.score,
						);
						memo.floors.set(pool, choice.score);
					}
				}
				return result;
			},
			Date.now(),
			true,
		);
	}

	async recordFallback(windows: Windows, at: string): Promise<void> {
		const now = Date.now();
		this.db.write('recording a fallback', () => {
			this.bump(windows, FALLBACK, now);
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
			return (
				this.db.get<{ open: number }>('SELECT open FROM route_rep WHERE scope = ? AND rep = ?', this.scope, repId)
					?.open ?? 0
			);
		});
	}

	async stats(windows: Windows): Promise<StoreStats> {
		return this.db.read('reading statistics', () => {
			const counts = (window: string) => {
				const rows = this.db.all<{ rep: string; n: number }>(
					'SELECT rep, n FROM route_window WHERE scope = ? AND window = ?',
					this.scope,
					window,
				);
				return new Map(rows.map((r) => [r.rep, r.n]));
			};
			const day = counts(`d:${windows.day}`);
			const week = counts(`w:${windows.week}`);
			const reps = this.db.all<RepRow>(
				'SELECT rep, open, total, last_at FROM route_rep WHERE scope = ? ORDER BY rep',
				this.scope,
			);
			const fb = this.db.get<{ total: number; last_at: string | null }>(
				'SELECT total, last_at FROM route_fallback WHERE scope = ?',
				this.scope,
			);
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
				fallbacks: {
					today: day.get(FALLBACK) ?? 0,
					thisWeek: week.get(FALLBACK) ?? 0,
					total: fb?.total ?? 0,
					lastAt: fb?.last_at ?? null,
				},
			};
		});
	}
}
