/** Windowed counters in SQLite: one row per event, checked and recorded for every limit in one transaction. */
import { randomUUID } from 'crypto';
import type { CounterStore, TakeResult } from '../counters';
import type { Database } from './database';

export function sqliteCounters(db: Database, scope: string): CounterStore {
	const inWindow = (key: string, windowMs: number, now: number) =>
		db.get<{ n: number; oldest: number | null }>(
			'SELECT count(*) AS n, min(at) AS oldest FROM limit_event WHERE scope = ? AND key = ? AND at > ?',
			scope,
			key,
			now - windowMs,
		) ?? { n: 0, oldest: null };
	return {
		take: async (limits, now) =>
			db.write(
				'checking a limit',
				(): TakeResult => {
					for (const { key, limit, windowMs } of limits) {
						const { n, oldest } = inWindow(key, windowMs, now);
						if (n >= limit) return { allowed: false, key, count: n, retryAt: (oldest ?? now) + windowMs };
					}
					const token = randomUUID();
					for (const { key, windowMs } of limits) {
						db.run(
							'INSERT INTO limit_event (scope, key, token, at, expires_at) VALUES (?, ?, ?, ?, ?)',
							scope,
							key,
							token,
							now,
							now + windowMs,
						);
					}
					return { allowed: true, token };
				},
				now,
			),
		giveBack: async (keys, token) =>
			db.write('giving back a limit', () => {
				for (const key of keys)
					db.run('DELETE FROM limit_event WHERE scope = ? AND key = ? AND token = ?', scope, key, token);
			}),
		count: async (key, windowMs, now) => db.read('reading a limit', () => inWindow(key, windowMs, now).n),
	};
}
