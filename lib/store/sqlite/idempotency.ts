/** Idempotency keys in SQLite: claim, sending, confirm and release each decide in one transaction. */
import {
	decideClaim,
	holds,
	type ClaimResult,
	type EntryState,
	type IdempotencyEntry,
	type IdempotencyStore,
} from '../idempotency';
import type { Database } from './database';

interface Row {
	state: string;
	token: string;
	at: number;
	expires_at: number;
}

export function sqliteIdempotency(db: Database, scope: string): IdempotencyStore {
	const entry = (key: string): IdempotencyEntry | undefined => {
		const row = db.get<Row>(
			'SELECT state, token, at, expires_at FROM idempotency WHERE scope = ? AND key = ?',
			scope,
			key,
		);
		return row && { state: row.state as EntryState, token: row.token, at: row.at, expiresAt: row.expires_at };
	};
	const put = (key: string, e: IdempotencyEntry) =>
		db.run(
			`INSERT INTO idempotency (scope, key, state, token, at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
			 ON CONFLICT (scope, key) DO UPDATE SET state = excluded.state, token = excluded.token, at = excluded.at, expires_at = excluded.expires_at`,
			scope,
			key,
			e.state,
			e.token,
			e.at,
			e.expiresAt,
		);
	return {
		claim: async (key, claimTtlMs, now, options) =>
			db.write(
				'claiming a lead before sending (nothing was sent)',
				(): ClaimResult => {
					const decision = decideClaim(entry(key), claimTtlMs, now, options);
					if (decision.write) put(key, decision.write);
					return decision.result;
				},
				now,
			),
		sending: async (key, token, windowMs, now) =>
			db.write(
				'recording that a message is being sent (nothing was sent)',
				() => {
					if (!holds(entry(key), token, now)) return false;
					put(key, { state: 'u', token, at: now, expiresAt: now + windowMs });
					return true;
				},
				now,
			),
		confirm: async (key, token, windowMs, now) =>
			db.write(
				'recording a sent message',
				() => {
					if (holds(entry(key), token, now)) put(key, { state: 's', token, at: now, expiresAt: now + windowMs });
				},
				now,
			),
		release: async (key, token) =>
			db.write('releasing a claim', () => {
				db.run(
					"DELETE FROM idempotency WHERE scope = ? AND key = ? AND token = ? AND state IN ('p', 'u')",
					scope,
					key,
					token,
				);
			}),
	};
}
