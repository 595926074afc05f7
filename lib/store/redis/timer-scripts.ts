/**
 * Lua scripts of the Redis timer store. Keys: KEYS[1] the sorted set of pending levels (member `<level index>:<lead key>`,
 * or `p:<lead key>` for forgetting a finished timer; score = due time in ms), KEYS[2] the hash lead key → timer JSON.
 * Each script runs atomically, so a level removed from the set by one claim can never be claimed by another.
 */
import { createHash } from 'crypto';
import type Redis from 'ioredis';

const REMOVE_OLD = `
local function remove_members(key, record)
  local n = #cjson.decode(record).levels
  for i = 0, n - 1 do redis.call('ZREM', KEYS[1], i .. ':' .. key) end
  redis.call('ZREM', KEYS[1], 'p:' .. key)
end
`;

/** ARGV: lead key, timer JSON, level count n, n level times, purge time. Returns 1 when a timer was replaced. */
export const START = `${REMOVE_OLD}
local key = ARGV[1]
local old = redis.call('HGET', KEYS[2], key)
if old then remove_members(key, old) end
redis.call('HSET', KEYS[2], key, ARGV[2])
local n = tonumber(ARGV[3])
for i = 0, n - 1 do redis.call('ZADD', KEYS[1], ARGV[4 + i], i .. ':' .. key) end
redis.call('ZADD', KEYS[1], ARGV[4 + n], 'p:' .. key)
if old then return 1 end
return 0
`;

/** ARGV: lead key. Returns the timer JSON, or nil. */
export const STOP = `${REMOVE_OLD}
local key = ARGV[1]
local old = redis.call('HGET', KEYS[2], key)
if not old then return false end
remove_members(key, old)
redis.call('HDEL', KEYS[2], key)
return old
`;

/**
 * ARGV: now (ms), batch size, reply TTL (ms). Returns { members looked at, { level index, timer JSON, … } }.
 * KEYS[3] keeps a copy of the reply for a while: if the answer never reaches the node (a timeout), the node that sent
 * this claim fetches it on its next check instead of losing the levels it removed.
 */
export const CLAIM = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, member in ipairs(due) do
  redis.call('ZREM', KEYS[1], member)
  local sep = string.find(member, ':', 1, true)
  local tag = string.sub(member, 1, sep - 1)
  local key = string.sub(member, sep + 1)
  if tag == 'p' then
    redis.call('HDEL', KEYS[2], key)
  else
    local record = redis.call('HGET', KEYS[2], key)
    if record then
      out[#out + 1] = tag
      out[#out + 1] = record
    end
  end
end
if #out > 0 then redis.call('SET', KEYS[3], cjson.encode(out), 'PX', tonumber(ARGV[3])) end
return { #due, out }
`;

type ScriptArg = string | number;

const sha1 = (script: string) => createHash('sha1').update(script).digest('hex');
const SHAS = new Map<string, string>([START, STOP, CLAIM].map((script) => [script, sha1(script)]));

function isNoScript(error: unknown): boolean {
	return error instanceof Error && error.message.includes('NOSCRIPT');
}

/** EVALSHA, loading the script on first use or after the server lost its script cache. */
export async function runScript(client: Redis, script: string, keys: string[], args: ScriptArg[]): Promise<unknown> {
	const sha = SHAS.get(script) ?? sha1(script);
	try {
		return await client.evalsha(sha, keys.length, ...keys, ...args);
	} catch (error) {
		if (!isNoScript(error)) throw error;
		await client.script('LOAD', script);
		return await client.evalsha(sha, keys.length, ...keys, ...args);
	}
}

/** Many EVALSHA calls in one round trip (e.g. Start for every item of an execution). */
export async function runScriptMany(
	client: Redis,
	script: string,
	keys: string[],
	argLists: ScriptArg[][],
): Promise<unknown[]> {
	if (!argLists.length) return [];
	await client.script('LOAD', script);
	const sha = SHAS.get(script) ?? sha1(script);
	const pipeline = client.pipeline();
	for (const args of argLists) pipeline.evalsha(sha, keys.length, ...keys, ...args);
	const results = (await pipeline.exec()) ?? [];
	return results.map(([error, value]) => {
		if (error) throw error;
		return value;
	});
}
