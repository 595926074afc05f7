/**
 * Idempotency keys in Redis: one script to claim and compare-and-set scripts to record sending, confirm or release, so
 * a claim is exact across processes, workers and workflows sharing the server. The claim script is decideClaim
 * (lib/store/idempotency.ts) in Lua: Redis can only decide atomically inside the server.
 */
import type Redis from 'ioredis';
import { StoreUnavailableError } from '../errors';
import { newToken, type ClaimResult, type IdempotencyStore } from '../idempotency';
import { REDIS_HINT } from './connection';

// ARGV: fresh token, now, claim ms, '1' to take over an interrupted send, take-over token's attempt part.
const CLAIM = `local v = redis.call('GET', KEYS[1])
local now = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
if not v then
  redis.call('SET', KEYS[1], cjson.encode({s = 'p', t = ARGV[1], at = now}), 'PX', ttl)
  return cjson.encode({r = 'claimed', t = ARGV[1]})
end
local ok, e = pcall(cjson.decode, v)
if not ok or type(e) ~= 'table' then return cjson.encode({r = 'sent', at = 0}) end
local at = tonumber(e.at) or 0
if e.s == 's' then return cjson.encode({r = 'sent', at = at}) end
if e.s == 'p' or at + ttl > now then return cjson.encode({r = 'pending', at = at}) end
if ARGV[4] ~= '1' then return cjson.encode({r = 'interrupted', at = at}) end
local old = type(e.t) == 'string' and e.t ~= '' and e.t or ARGV[1]
local token = (string.match(old, '^([^.]+)%.') or old) .. '.' .. ARGV[5]
local left = redis.call('PTTL', KEYS[1])
if left < ttl then left = ttl end
redis.call('SET', KEYS[1], cjson.encode({s = 'u', t = token, at = now}), 'PX', left)
return cjson.encode({r = 'claimed', t = token, resumes = at})`;

/** Writes ARGV[2] for ARGV[3] ms unless another token holds the key (sending, confirm). */
const HOLD = `local v = redis.call('GET', KEYS[1])
if v then
  local ok, e = pcall(cjson.decode, v)
  if ok and e.t ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

const RELEASE = `local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, e = pcall(cjson.decode, v)
if ok and e.t == ARGV[1] and (e.s == 'p' or e.s == 'u') then return redis.call('DEL', KEYS[1]) end
return 0`;

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
		claim: (key, ttl, now, options) =>
			guarded(label, 'claiming a lead before sending (nothing was sent)', () => store.claim(key, ttl, now, options)),
		sending: (key, token, windowMs, now) =>
			guarded(label, 'recording that a message is being sent (nothing was sent)', () =>
				store.sending(key, token, windowMs, now),
			),
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
		async claim(key, claimTtlMs, now, options) {
			await releaseOrphans(client);
			const token = newToken();
			let reply: unknown;
			try {
				reply = await client.eval(
					CLAIM,
					1,
					full(key),
					token,
					String(now),
					String(claimTtlMs),
					options?.retakeInterrupted ? '1' : '0',
					token.slice(token.indexOf('.') + 1),
				);
			} catch (error) {
				orphans.set(full(key), token);
				throw error;
			}
			const r = JSON.parse(String(reply)) as { r: string; t?: string; at?: number; resumes?: number };
			if (r.r === 'claimed')
				return { claimed: true, token: String(r.t), ...(r.resumes !== undefined ? { resumes: r.resumes } : {}) };
			return { claimed: false, state: r.r as 'sent' | 'pending' | 'interrupted', at: r.at ?? 0 } satisfies ClaimResult;
		},
		async sending(key, token, windowMs, now) {
			const set = await client.eval(
				HOLD,
				1,
				full(key),
				token,
				JSON.stringify({ s: 'u', t: token, at: now }),
				String(windowMs),
			);
			return Number(set) === 1;
		},
		async confirm(key, token, windowMs, now) {
			await client.eval(HOLD, 1, full(key), token, JSON.stringify({ s: 's', t: token, at: now }), String(windowMs));
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
