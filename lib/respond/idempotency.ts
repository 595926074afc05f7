/**
 * "Answer each lead once": claim → send → confirm. A claim is taken atomically before sending, so two executions
 * racing on the same key cannot both send; the key is only recorded as answered (for the whole window) once the
 * server accepted the message, and a failed send releases the claim so a retry can try again. A claim left behind
 * by a crashed process expires after `claimTtlMs`.
 *
 * n8n's own checkProcessedAndRecord is not used: it reads, changes and writes back one row without a lock (two
 * executions can both see a key as new), it records before the send, and it has no time window.
 */
import { createHash, randomUUID } from 'crypto';
import type Redis from 'ioredis';
import { withLocalState, type JsonObject } from '../store/local-state';
import { StoreUnavailableError } from '../store/redis-connection';

export type ClaimResult =
	| { claimed: true; token: string }
	| { claimed: false; state: 'sent' | 'pending'; at: number };

export interface IdempotencyStore {
	claim(key: string, claimTtlMs: number, now: number): Promise<ClaimResult>;
	confirm(key: string, token: string, windowMs: number, now: number): Promise<void>;
	release(key: string, token: string): Promise<void>;
}

/** Keys are hashed: the store never holds a lead's email address or phone number. */
export function idempotencyKey(recipient: string, value: string): string {
	return createHash('sha256').update(`${recipient}\u0000${value.trim().toLowerCase()}`).digest('hex').slice(0, 40);
}

type Entry = [state: 'p' | 's', token: string, expiresAt: number, at: number];
const PRUNE_EVERY = 200;

function entries(state: JsonObject): Record<string, Entry> {
	if (typeof state.entries !== 'object' || state.entries === null) state.entries = {};
	return state.entries as Record<string, Entry>;
}

function prune(state: JsonObject, now: number): void {
	const writes = (typeof state.writes === 'number' ? state.writes : 0) + 1;
	state.writes = writes;
	if (writes % PRUNE_EVERY !== 0) return;
	const all = entries(state);
	for (const [key, entry] of Object.entries(all)) if (entry[2] <= now) delete all[key];
}

/** Exact for every execution of one n8n process (serialized per workflow), persisted in the workflow's static data. */
export function localIdempotency(workflowId: string, staticData: JsonObject): IdempotencyStore {
	const scope = { workflowId, namespace: 'leadRouting.respond', staticData };
	return {
		claim: async (key, claimTtlMs, now) =>
			await withLocalState(scope, (state): ClaimResult => {
				const all = entries(state);
				const existing = all[key];
				if (existing && existing[2] > now) {
					return { claimed: false, state: existing[0] === 's' ? 'sent' : 'pending', at: existing[3] };
				}
				const token = randomUUID();
				all[key] = ['p', token, now + claimTtlMs, now];
				prune(state, now);
				return { claimed: true, token };
			}),
		confirm: async (key, token, windowMs, now) =>
			await withLocalState(scope, (state) => {
				const all = entries(state);
				const existing = all[key];
				if (!existing || existing[1] === token || existing[2] <= now) all[key] = ['s', token, now + windowMs, now];
			}),
		release: async (key, token) =>
			await withLocalState(scope, (state) => {
				const all = entries(state);
				if (all[key]?.[1] === token && all[key][0] === 'p') delete all[key];
			}),
	};
}

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
		throw new StoreUnavailableError(`${summary}: ${message}`, { cause: error, summary });
	}
}

/**
 * Exact across processes, workers and workflows sharing the Redis server: SET NX and compare-and-set scripts.
 * `label` names the server in errors, e.g. "Redis at 10.0.0.5:6379".
 */
export function redisIdempotency(client: Redis, keyPrefix: string, workflowId: string, label = 'Redis'): IdempotencyStore {
	const store = plainRedisIdempotency(client, keyPrefix, workflowId);
	return {
		claim: (key, ttl, now) => guarded(label, 'claiming a lead before sending (nothing was sent)', () => store.claim(key, ttl, now)),
		confirm: (key, token, windowMs, now) => guarded(label, 'recording a sent message', () => store.confirm(key, token, windowMs, now)),
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

function plainRedisIdempotency(client: Redis, keyPrefix: string, workflowId: string): IdempotencyStore {
	const full = (key: string) => `${keyPrefix}respond:${workflowId}:${key}`;
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
