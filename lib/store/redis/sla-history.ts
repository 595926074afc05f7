/**
 * SLA history in Redis: a hash of records (timer id → JSON), a hash of responses, a sorted set of ids by start time (a
 * period reads only its own range) and a hash lead key → id of its unanswered record, so a restart replaces it.
 */
import type Redis from 'ioredis';
import { parseRecord, SLA_HISTORY_RETENTION_MS, type SlaHistoryStore, type SlaRecord } from '../sla-history';
import { runScript } from './timer-scripts';

/** KEYS: data, responses, by start, open. ARGV: cutoff, then per record: id, key, startedAt, JSON. */
const STARTED = `
local old = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1], 'LIMIT', 0, 500)
for _, id in ipairs(old) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
end
for i = 2, #ARGV, 4 do
  local id, key = ARGV[i], ARGV[i + 1]
  local previous = redis.call('HGET', KEYS[4], key)
  if previous then
    redis.call('HDEL', KEYS[1], previous)
    redis.call('ZREM', KEYS[3], previous)
  end
  redis.call('HSET', KEYS[1], id, ARGV[i + 3])
  redis.call('ZADD', KEYS[3], ARGV[i + 2], id)
  redis.call('HSET', KEYS[4], key, id)
end
return 1
`;

/** KEYS as STARTED. ARGV per response: id, key, JSON. */
const ANSWERED = `
for i = 1, #ARGV, 3 do
  local id, key = ARGV[i], ARGV[i + 1]
  if redis.call('HEXISTS', KEYS[1], id) == 1 then redis.call('HSET', KEYS[2], id, ARGV[i + 2]) end
  if redis.call('HGET', KEYS[4], key) == id then redis.call('HDEL', KEYS[4], key) end
end
return 1
`;

const CHUNK = 1000;

/** `keyPrefix` is the scope's SLA prefix, e.g. `lead-routing:wf:42:sla:`. */
export function redisSlaHistory(client: Redis, keyPrefix: string): SlaHistoryStore {
	const keys = ['data', 'responses', 'started', 'open'].map((name) => `${keyPrefix}history:${name}`);
	return {
		async started(records, now) {
			if (!records.length) return;
			const args = records.flatMap((r) => [r.id, r.key, r.startedAt, JSON.stringify(r)]);
			await runScript(client, STARTED, keys, [now - SLA_HISTORY_RETENTION_MS, ...args]);
		},
		async answered(responses) {
			if (!responses.length) return;
			await runScript(
				client,
				ANSWERED,
				keys,
				responses.flatMap((r) => [r.id, r.key, JSON.stringify(r.response)]),
			);
		},
		async list(from, to, limit) {
			const ids = await client.zrangebyscore(keys[2], from, `(${to}`, 'LIMIT', 0, Math.max(0, limit));
			const records: SlaRecord[] = [];
			for (let i = 0; i < ids.length; i += CHUNK) {
				const chunk = ids.slice(i, i + CHUNK);
				const [data, responses] = await Promise.all([client.hmget(keys[0], ...chunk), client.hmget(keys[1], ...chunk)]);
				data.forEach((text, j) => {
					const record = text ? parseRecord(text, responses[j]) : undefined;
					if (record) records.push(record);
				});
			}
			return records;
		},
	};
}
