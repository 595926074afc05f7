/**
 * SLA timers in SQLite: one row per lead with the time of its next event (`due_at`, indexed), so a check reads only
 * what is due, whatever the backlog. Claiming advances `next` in the same transaction, so overlapping checks in any
 * number of processes emit each level once.
 */
import type { SlaTimer } from '../../sla/timer';
import { DEFAULT_RETENTION_MS, purgeAt, type DueLevel, type TimerStore, type TimerStoreOptions } from '../timers';
import type { Database } from './database';

interface Row {
	key: string;
	record: string;
	next: number;
	purge_at: number;
}

const BATCH = 500;

function parse(text: string): SlaTimer | undefined {
	try {
		const value = JSON.parse(text) as SlaTimer;
		return Array.isArray(value?.levels) && typeof value.key === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

const nextEventAt = (timer: SlaTimer, next: number, purge: number) =>
	next < timer.levels.length ? timer.levels[next].at : purge;

export class SqliteTimerStore implements TimerStore {
	private readonly options: TimerStoreOptions;

	constructor(
		private readonly db: Database,
		private readonly scope: string,
		options: Partial<TimerStoreOptions> = {},
	) {
		this.options = { retentionMs: options.retentionMs ?? DEFAULT_RETENTION_MS };
	}

	async start(timers: SlaTimer[]): Promise<boolean[]> {
		return this.db.write('starting SLA timers', () =>
			timers.map((timer) => {
				const replaced =
					this.db.get('SELECT 1 AS x FROM sla_timer WHERE scope = ? AND key = ?', this.scope, timer.key) !== undefined;
				const purge = purgeAt(timer, this.options);
				this.db.run(
					`INSERT INTO sla_timer (scope, key, record, next, due_at, purge_at) VALUES (?, ?, ?, 0, ?, ?)
					 ON CONFLICT (scope, key) DO UPDATE SET record = excluded.record, next = 0, due_at = excluded.due_at, purge_at = excluded.purge_at`,
					this.scope,
					timer.key,
					JSON.stringify(timer),
					nextEventAt(timer, 0, purge),
					purge,
				);
				return replaced;
			}),
		);
	}

	async stop(keys: string[]): Promise<Array<SlaTimer | undefined>> {
		return this.db.write('stopping SLA timers', () =>
			keys.map((key) => {
				const row = this.db.get<{ record: string }>(
					'SELECT record FROM sla_timer WHERE scope = ? AND key = ?',
					this.scope,
					key,
				);
				if (!row) return undefined;
				this.db.run('DELETE FROM sla_timer WHERE scope = ? AND key = ?', this.scope, key);
				return parse(row.record);
			}),
		);
	}

	private due(now: number, limit: number): Row[] {
		return this.db.all<Row>(
			'SELECT key, record, next, purge_at FROM sla_timer WHERE scope = ? AND due_at <= ? ORDER BY due_at LIMIT ?',
			this.scope,
			now,
			limit,
		);
	}

	async claimDue(now: number, max: number): Promise<DueLevel[]> {
		const claimed: DueLevel[] = [];
		if (max < 1) return claimed;
		return this.db.write('claiming due SLA levels', () => {
			// Each row either advances to a later event or is deleted, so the loop ends. A row may be due again after
			// advancing (several levels passed since the last check): the next round picks it up.
			for (;;) {
				const rows = this.due(now, BATCH);
				if (!rows.length) return claimed;
				for (const row of rows) {
					const timer = parse(row.record);
					if (!timer || row.next >= timer.levels.length) {
						this.db.run('DELETE FROM sla_timer WHERE scope = ? AND key = ?', this.scope, row.key);
						continue;
					}
					const index = row.next;
					this.db.run(
						'UPDATE sla_timer SET next = ?, due_at = ? WHERE scope = ? AND key = ?',
						index + 1,
						nextEventAt(timer, index + 1, row.purge_at),
						this.scope,
						row.key,
					);
					claimed.push({ timer, index, level: { ...timer.levels[index] } });
					if (claimed.length >= max) return claimed;
				}
			}
		});
	}

	async peekDue(now: number, max: number): Promise<DueLevel[]> {
		return this.db.read('reading due SLA levels', () => {
			const due: DueLevel[] = [];
			for (const row of this.due(now, Math.max(1, max))) {
				const timer = parse(row.record);
				if (!timer) continue;
				for (let index = row.next; index < timer.levels.length && due.length < max; index++) {
					const level = timer.levels[index];
					if (level.at > now) break;
					due.push({ timer, index, level: { ...level } });
				}
				if (due.length >= max) break;
			}
			return due;
		});
	}

	async count(): Promise<number> {
		return this.db.read(
			'counting SLA timers',
			() => this.db.get<{ n: number }>('SELECT count(*) AS n FROM sla_timer WHERE scope = ?', this.scope)?.n ?? 0,
		);
	}
}
