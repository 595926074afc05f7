/**
 * Assignment counters in Redis: one Lua script (EVALSHA) checks capacity, picks and records, so decisions are exact
 * across queue-mode workers and across workflows sharing a prefix. The script mirrors assignment.ts line for line.
 */
import { createHash } from 'crypto';
import { strategySpec } from '../strategies';
import type Redis from 'ioredis';
import type { AssignmentStore, AssignRequest, AssignResult, CapacityReason, StoreStats } from '../assignment';
import { StoreUnavailableError } from '../errors';
import { COMMAND_TIMEOUT_MS, REDIS_HINT } from './connection';
import { DAY_TTL_SECONDS, WEEK_TTL_SECONDS, type Windows } from '../windows';

// KEYS: 1 pool scores, 2 pool floor, 3 day counts, 4 week counts, 5 open, 6 total, 7 last assignment
// ARGV: 1 pick rule (strategies.ts), 2 dry run, 3 random, 4 at, 5 day ttl, 6 week ttl, 7 n, then per candidate id, weight, caps x3
const ASSIGN_LUA = `
local pick = ARGV[1]
local dry = ARGV[2] == '1'
local n = tonumber(ARGV[7])
local avail = {}
local skipped = {}
for i = 0, n - 1 do
  local b = 8 + i * 5
  local id = ARGV[b]
  local d = tonumber(redis.call('HGET', KEYS[3], id) or '0')
  local w = tonumber(redis.call('HGET', KEYS[4], id) or '0')
  local o = tonumber(redis.call('HGET', KEYS[5], id) or '0')
  local capD, capW, capO = tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4])
  if capD > 0 and d >= capD then skipped[#skipped + 1] = id; skipped[#skipped + 1] = 'capacity-day'
  elseif capW > 0 and w >= capW then skipped[#skipped + 1] = id; skipped[#skipped + 1] = 'capacity-week'
  elseif capO > 0 and o >= capO then skipped[#skipped + 1] = id; skipped[#skipped + 1] = 'capacity-open'
  else avail[#avail + 1] = { id = id, weight = tonumber(ARGV[b + 1]), day = d } end
end
if #avail == 0 then return { '', skipped } end
local chosen, score = nil, 0
local scored = pick == 'turns' or pick == 'weightedTurns'
if pick == 'random' then
  chosen = avail[math.min(#avail, math.floor(tonumber(ARGV[3]) * #avail) + 1)]
elseif pick == 'leastLoadedToday' then
  chosen = avail[1]
  for _, c in ipairs(avail) do if c.day < chosen.day then chosen = c end end
elseif scored then
  local floor = tonumber(redis.call('GET', KEYS[2]) or '0')
  for _, c in ipairs(avail) do
    local s = tonumber(redis.call('HGET', KEYS[1], c.id) or tostring(floor))
    if s < floor then s = floor end
    if chosen == nil or s < score - 1e-9 * math.max(1, math.abs(score)) then chosen = c; score = s end
  end
else
  chosen = avail[1]
end
if not dry then
  redis.call('HINCRBY', KEYS[3], chosen.id, 1)
  redis.call('EXPIRE', KEYS[3], tonumber(ARGV[5]))
  redis.call('HINCRBY', KEYS[4], chosen.id, 1)
  redis.call('EXPIRE', KEYS[4], tonumber(ARGV[6]))
  redis.call('HINCRBY', KEYS[5], chosen.id, 1)
  redis.call('HINCRBY', KEYS[6], chosen.id, 1)
  redis.call('HSET', KEYS[7], chosen.id, ARGV[4])
  if scored then
    local step = 1
    if pick == 'weightedTurns' then step = 1 / chosen.weight end
    redis.call('HSET', KEYS[1], chosen.id, string.format('%.17g', score + step))
    redis.call('SET', KEYS[2], string.format('%.17g', score))
  end
end
return { chosen.id, skipped }
`;

const RELEASE_LUA = `
local v = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') - 1
if v < 0 then v = 0 end
redis.call('HSET', KEYS[1], ARGV[1], v)
return v
`;

interface Script {
	lua: string;
	sha: string;
}

const script = (lua: string): Script => ({ lua, sha: createHash('sha1').update(lua).digest('hex') });
const ASSIGN = script(ASSIGN_LUA);
const RELEASE = script(RELEASE_LUA);

function messageOf(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	// ioredis words a lost connection in terms of its own options; say what happened instead.
	if (/enableOfflineQueue|Connection is closed/.test(message)) return `the connection to Redis is lost (${message})`;
	if (/Command timed out/.test(message))
		return `Redis did not answer within ${COMMAND_TIMEOUT_MS / 1000} s (${message})`;
	return message;
}

export class RedisAssignmentStore implements AssignmentStore {
	/**
	 * @param keyPrefix every key starts with it, e.g. `lead-routing:wf:<workflowId>:route:`
	 * @param label names the store in errors, e.g. `Redis at 127.0.0.1:6379`
	 */
	constructor(
		private readonly client: Redis,
		private readonly keyPrefix: string,
		readonly label: string,
	) {}

	private key(...parts: string[]): string {
		return this.keyPrefix + parts.join(':');
	}

	private async guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
		try {
			return await fn();
		} catch (error) {
			if (error instanceof StoreUnavailableError) throw error;
			const summary = `The state store (${this.label}) failed while ${what}`;
			throw new StoreUnavailableError(`${summary}: ${messageOf(error)}`, { hint: REDIS_HINT, cause: error, summary });
		}
	}

	private async run(s: Script, keys: string[], args: Array<string | number>): Promise<unknown> {
		try {
			return await this.client.evalsha(s.sha, keys.length, ...keys, ...args);
		} catch (error) {
			if (!messageOf(error).startsWith('NOSCRIPT')) throw error;
			return await this.client.eval(s.lua, keys.length, ...keys, ...args);
		}
	}

	async assign(request: AssignRequest): Promise<AssignResult> {
		const keys = [
			this.key('score', request.pool),
			this.key('floor', request.pool),
			this.key('day', request.windows.day),
			this.key('week', request.windows.week),
			this.key('open'),
			this.key('total'),
			this.key('last'),
		];
		const args: Array<string | number> = [
			strategySpec(request.strategy).pick,
			request.dryRun ? '1' : '0',
			request.random,
			request.at,
			DAY_TTL_SECONDS,
			WEEK_TTL_SECONDS,
			request.candidates.length,
		];
		for (const c of request.candidates) args.push(c.id, c.weight, c.capacityDay, c.capacityWeek, c.capacityOpen);
		const reply = await this.guard('assigning a lead', () => this.run(ASSIGN, keys, args));
		const [repId, skipped] = reply as [string, string[]];
		const atCapacity: AssignResult['atCapacity'] = [];
		for (let i = 0; i < skipped.length; i += 2)
			atCapacity.push({ repId: skipped[i], why: skipped[i + 1] as CapacityReason });
		return { repId: repId || null, atCapacity };
	}

	async recordFallback(windows: Windows, at: string): Promise<void> {
		await this.guard('recording a fallback', async () => {
			const day = this.key('fb', 'day', windows.day);
			const week = this.key('fb', 'week', windows.week);
			await this.client
				.multi()
				.incr(day)
				.expire(day, DAY_TTL_SECONDS)
				.incr(week)
				.expire(week, WEEK_TTL_SECONDS)
				.incr(this.key('fb', 'total'))
				.set(this.key('fb', 'last'), at)
				.exec();
		});
	}

	async release(repId: string): Promise<number> {
		const reply = await this.guard('releasing a lead', () => this.run(RELEASE, [this.key('open')], [repId]));
		return Number(reply);
	}

	async stats(windows: Windows): Promise<StoreStats> {
		return await this.guard('reading statistics', async () => {
			const c = this.client;
			const [day, week, total, open, last, fb] = await Promise.all([
				c.hgetall(this.key('day', windows.day)),
				c.hgetall(this.key('week', windows.week)),
				c.hgetall(this.key('total')),
				c.hgetall(this.key('open')),
				c.hgetall(this.key('last')),
				c.mget(
					this.key('fb', 'day', windows.day),
					this.key('fb', 'week', windows.week),
					this.key('fb', 'total'),
					this.key('fb', 'last'),
				),
			]);
			const num = (map: Record<string, string>, id: string) => (Object.hasOwn(map, id) ? Number(map[id]) : 0);
			const ids = new Set([...Object.keys(total), ...Object.keys(open)]);
			return {
				windows,
				reps: [...ids].map((repId) => ({
					repId,
					assignedToday: num(day, repId),
					assignedThisWeek: num(week, repId),
					assignedTotal: num(total, repId),
					open: num(open, repId),
					lastAssignedAt: Object.hasOwn(last, repId) ? last[repId] : null,
				})),
				fallbacks: {
					today: Number(fb[0] ?? 0),
					thisWeek: Number(fb[1] ?? 0),
					total: Number(fb[2] ?? 0),
					lastAt: fb[3] ?? null,
				},
			};
		});
	}
}
