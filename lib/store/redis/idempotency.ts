/**
 * Idempotency keys in Redis: SET NX to claim and compare-and-set scripts to confirm or release, so a claim is exact
 * across processes, workers and workflows sharing the server.
 */
import { randomUUID } from 'crypto';
import type Redis from 'ioredis';
import { StoreUnavailableError } from '../errors';
import type { IdempotencyStore } from '../idempotency';
import { REDIS_HINT } from './connection';

const CONFIRM = `local v = redis.call('GET', KEYS[1])
if v then
  local ok, e = pcall(cjson.decode, v)
  if ok and e.t ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

const RELEASE = `local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, e = pcall(cjson.decode, v)
if ok and e.t == ARGV[1] and e.s == 'p' then return redis.call('DEL', KEYS[1]) end
return 0`;

function parseEntry(value: string | null): { s: string; at: number } | undefined {
	if (!value) return undefined;
	try {
		const parsed = JSON.parse(value) as { s?: unknown; at?: unknown };
		return { s: String(parsed.s), at: typeof parsed.at === 'number' ? parsed.at : 0 };
	} catch {
		return { s: 's', at: 0 };
	}
}

/** A Redis failure named as the store that failed (ioredis alone says only e.g. "Command timed out"). */
async function guarded<T>(label: string, what: string, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		const summary = `The idempotency store (${label}) failed while ${what}`;
		const message = error instanceof Error ? error.message : String(error);
		throw new StoreUnavailableError(`${summary}: ${message}`, { hint: REDIS_HINT, cause: error, summary });
	}
}

/**
 * Exact across processes, workers and workflows sharing the Redis server: SET NX and compare-and-set scripts.
 * `keyPrefix` ends with the scope and feature (see RedisStateStore); `label` names the server in errors.
 */
export function redisIdempotency(client: Redis, keyPrefix: string, label: string): IdempotencyStore {
	const store = plainRedisIdempotency(client, keyPrefix);
	return {
		claim: (key, ttl, now) =>
			guarded(label, 'claiming a lead before sending (nothing was sent)', () => store.claim(key, ttl, now)),
		confirm: (key, token, windowMs, now) =>
			guarded(label, 'recording a sent message', () => store.confirm(key, token, windowMs, now)),
		release: (key, token) => guarded(label, 'releasing a claim', () => store.release(key, token)),
	};
}

/**
 * Claims this process took (or may have taken) but could not use or release, because Redis did not answer: a SET whose
 * reply timed out may still have been applied. They are released (compare-and-delete on the token, so a confirmed
 * send is never touched) before the next claim, so a retry right after the outage is not blocked until the claim
 * expires.
 */
const orphans = new Map<string, string>();

async function releaseOrphans(client: Redis): Promise<void> {
	for (const [fullKey, token] of [...orphans]) {
		await client.eval(RELEASE, 1, fullKey, token);
		orphans.delete(fullKey);
	}
}

function plainRedisIdempotency(client: Redis, keyPrefix: string): IdempotencyStore {
	const full = (key: string) => `${keyPrefix}${key}`;
	return {
		async claim(key, claimTtlMs, now) {
			await releaseOrphans(client);
			for (let attempt = 0; attempt < 3; attempt++) {
				const token = randomUUID();
				let set: string | null;
				try {
					set = await client.set(full(key), JSON.stringify({ s: 'p', t: token, at: now }), 'PX', claimTtlMs, 'NX');
				} catch (error) {
					orphans.set(full(key), token);
					throw error;
				}
				if (set === 'OK') return { claimed: true, token };
				const entry = parseEntry(await client.get(full(key)));
				if (entry) return { claimed: false, state: entry.s === 'p' ? 'pending' : 'sent', at: entry.at };
			}
			throw new Error('the idempotency key changed three times while claiming it');
		},
		async confirm(key, token, windowMs, now) {
			await client.eval(CONFIRM, 1, full(key), token, JSON.stringify({ s: 's', t: token, at: now }), String(windowMs));
		},
		async release(key, token) {
			try {
				await client.eval(RELEASE, 1, full(key), token);
			} catch (error) {
				orphans.set(full(key), token);
				throw error;
			}
		},
	};
}
