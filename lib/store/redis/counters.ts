/**
 * Windowed counters in Redis: one sorted set per key (member = take token, score = event time), checked and recorded
 * by one Lua script, so the limit is exact across hosts.
 */
import { randomUUID } from 'crypto';
import type Redis from 'ioredis';
import type { CounterStore } from '../counters';
import { StoreUnavailableError } from '../errors';
import { REDIS_HINT } from './connection';

// KEYS: one sorted set per limit. ARGV: now, token, then per key: limit, window ms.
// Returns { 1 } when allowed, or { 0, index of the refusing key (1-based), count, oldest event time }.
const TAKE = `
local now = tonumber(ARGV[1])
for i = 1, #KEYS do
  local limit, window = tonumber(ARGV[1 + i * 2]), tonumber(ARGV[2 + i * 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local n = redis.call('ZCARD', KEYS[i])
  if n >= limit then
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    return { 0, i, n, oldest[2] or tostring(now) }
  end
end
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 + i * 2]))
end
return { 1 }
`;

export function redisCounters(client: Redis, keyPrefix: string, label: string): CounterStore {
	const guard = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
		try {
			return await fn();
		} catch (error) {
			const summary = `The state store (${label}) failed while ${what}`;
			throw new StoreUnavailableError(`${summary}: ${(error as Error).message}`, {
				hint: REDIS_HINT,
				cause: error,
				summary,
			});
		}
	};
	return {
		take: (limits, now) =>
			guard('checking a limit', async () => {
				const token = randomUUID();
				const args: Array<string | number> = [now, token];
				for (const l of limits) args.push(l.limit, l.windowMs);
				const reply = (await client.eval(
					TAKE,
					limits.length,
					...limits.map((l) => keyPrefix + l.key),
					...args,
				)) as Array<number | string>;
				if (Number(reply[0]) === 1) return { allowed: true, token };
				const refused = limits[Number(reply[1]) - 1];
				return {
					allowed: false,
					key: refused.key,
					count: Number(reply[2]),
					retryAt: Number(reply[3]) + refused.windowMs,
				};
			}),
		giveBack: (keys, token) =>
			guard('giving back a limit', async () => {
				const pipeline = client.pipeline();
				for (const key of keys) pipeline.zrem(keyPrefix + key, token);
				await pipeline.exec();
			}),
		count: (key, windowMs, now) =>
			guard('reading a limit', async () => await client.zcount(keyPrefix + key, `(${now - windowMs}`, '+inf')),
	};
}
