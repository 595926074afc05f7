/** Idempotency keys in SQLite: claim, confirm and release each decide in one transaction. */
import { randomUUID } from 'crypto';
import type { ClaimResult, IdempotencyStore } from '../idempotency';
import type { Database } from './database';

interface Row {
	state: string;
	token: string;
	at: number;
	expires_at: number;
}

export function sqliteIdempotency(db: Database, scope: string): IdempotencyStore {
	const row = (key: string) =>
		db.get<Row>('SELECT state, token, at, expires_at FROM idempotency WHERE scope = ? AND key = ?', scope, key);
	const put = (key: string, state: 'p' | 's', token: string, at: number, expiresAt: number) =>
		db.run(
			`INSERT INTO idempotency (scope, key, state, token, at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
			 ON CONFLICT (scope, key) DO UPDATE SET state = excluded.state, token = excluded.token, at = excluded.at, expires_at = excluded.expires_at`,
			scope,
			key,
			state,
			token,
			at,
			expiresAt,
		);
	return {
		claim: async (key, claimTtlMs, now) =>
			db.write(
				'claiming a lead before sending (nothing was sent)',
				(): ClaimResult => {
					const existing = row(key);
					if (existing && existing.expires_at > now) {
						return { claimed: false, state: existing.state === 's' ? 'sent' : 'pending', at: existing.at };
					}
					const token = randomUUID();
					put(key, 'p', token, now, now + claimTtlMs);
					return { claimed: true, token };
				},
				now,
			),
		confirm: async (key, token, windowMs, now) =>
			db.write(
				'recording a sent message',
				() => {
					const existing = row(key);
					if (!existing || existing.token === token || existing.expires_at <= now)
						put(key, 's', token, now, now + windowMs);
				},
				now,
			),
		release: async (key, token) =>
			db.write('releasing a claim', () => {
				db.run("DELETE FROM idempotency WHERE scope = ? AND key = ? AND token = ? AND state = 'p'", scope, key, token);
			}),
	};
}
