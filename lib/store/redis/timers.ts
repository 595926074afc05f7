/**
 * Timers in Redis: a sorted set of pending levels by due time and a hash of timer records. A check reads only the
 * due head of the set (ZRANGEBYSCORE … LIMIT) and removes what it returns in the same Lua call, so overlapping checks
 * on any number of workers emit each level once.
 */
import { randomUUID } from 'crypto';
import type Redis from 'ioredis';
import type { SlaTimer } from '../../sla/timer';
import { CLAIM, runScript, runScriptMany, START, STOP } from './timer-scripts';
import { DEFAULT_RETENTION_MS, DueLevel, purgeAt, TimerStore, TimerStoreOptions } from '../timers';

const BATCH = 500;
/** How long a claim's reply is kept for recovery after a lost answer. */
const REPLY_TTL_MS = 10 * 60_000;

/**
 * Claims this process sent whose answer was lost (reply key → when sent). Their levels were possibly removed from the
 * due set already; the next check of this process reads them back from the kept reply, so they are not lost.
 */
const unanswered = new Map<string, number>();

export class RedisTimerStore implements TimerStore {
	private readonly keys: string[];
	private readonly options: TimerStoreOptions;

	/** `keyPrefix` separates stores, e.g. `lead-routing:wf:42:sla:`. */
	constructor(
		private readonly client: Redis,
		keyPrefix: string,
		options: Partial<TimerStoreOptions> = {},
	) {
		this.keys = [`${keyPrefix}timers:due`, `${keyPrefix}timers:data`];
		this.options = { retentionMs: options.retentionMs ?? DEFAULT_RETENTION_MS };
	}

	async start(timers: SlaTimer[]): Promise<boolean[]> {
		const argLists = timers.map((timer) => [
			timer.key,
			JSON.stringify(timer),
			timer.levels.length,
			...timer.levels.map((level) => level.at),
			purgeAt(timer, this.options),
		]);
		const results = await runScriptMany(this.client, START, this.keys, argLists);
		return results.map((result) => result === 1);
	}

	async stop(keys: string[]): Promise<Array<SlaTimer | undefined>> {
		const results = await Promise.all(keys.map(async (key) => await runScript(this.client, STOP, this.keys, [key])));
		return results.map((result) => (typeof result === 'string' ? parseTimer(result) : undefined));
	}

	async claimDue(now: number, max: number): Promise<DueLevel[]> {
		const claimed: DueLevel[] = [];
		const take = (flat: string[]) => {
			for (let i = 0; i + 1 < flat.length; i += 2) {
				const index = Number(flat[i]);
				const timer = parseTimer(flat[i + 1]);
				const level = timer?.levels[index];
				if (timer && level) claimed.push({ timer, index, level });
			}
		};
		take(await this.recoverUnanswered());
		while (claimed.length < max) {
			const batch = Math.min(BATCH, max - claimed.length);
			const replyKey = `${this.keys[0]}:reply:${randomUUID()}`;
			let reply: unknown;
			try {
				reply = await runScript(this.client, CLAIM, [...this.keys, replyKey], [now, batch, REPLY_TTL_MS]);
			} catch (error) {
				unanswered.set(replyKey, Date.now());
				throw error;
			}
			// The answer arrived: its kept copy is not needed (not awaited; it expires anyway).
			this.client.unlink(replyKey).catch(() => undefined);
			const [seen, flat] = parseClaimReply(reply);
			take(flat);
			if (seen < batch) break;
		}
		return claimed;
	}

	/** Levels of this store's earlier claims whose answer was lost (see `unanswered`). */
	private async recoverUnanswered(): Promise<string[]> {
		const flat: string[] = [];
		for (const [replyKey, sentAt] of [...unanswered]) {
			if (!replyKey.startsWith(`${this.keys[0]}:reply:`)) continue;
			const [[, kept] = [null, null]] = ((await this.client.multi().get(replyKey).del(replyKey).exec()) ?? []) as Array<
				[Error | null, unknown]
			>;
			if (typeof kept === 'string' && kept) {
				const parsed: unknown = JSON.parse(kept);
				if (Array.isArray(parsed)) flat.push(...parsed.map(String));
				unanswered.delete(replyKey);
			} else if (Date.now() - sentAt > REPLY_TTL_MS) {
				// Never ran (the request was lost with the connection), or its reply expired.
				unanswered.delete(replyKey);
			}
		}
		return flat;
	}

	async peekDue(now: number, max: number): Promise<DueLevel[]> {
		const members = await this.client.zrangebyscore(this.keys[0], '-inf', now, 'LIMIT', 0, Math.max(1, max));
		const pending = members
			.map((member) => ({ index: member.slice(0, member.indexOf(':')), key: member.slice(member.indexOf(':') + 1) }))
			.filter((entry) => entry.index !== 'p');
		if (!pending.length) return [];
		const records = await this.client.hmget(this.keys[1], ...pending.map((entry) => entry.key));
		const due: DueLevel[] = [];
		pending.forEach((entry, i) => {
			const timer = records[i] ? parseTimer(records[i] as string) : undefined;
			const index = Number(entry.index);
			const level = timer?.levels[index];
			if (timer && level) due.push({ timer, index, level });
		});
		return due;
	}

	async count(): Promise<number> {
		return await this.client.hlen(this.keys[1]);
	}

	/** Deletes every timer of this store (tests and benchmarks). */
	async clear(): Promise<void> {
		await this.client.del(...this.keys);
	}
}

function parseClaimReply(reply: unknown): [number, string[]] {
	if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) return [0, []];
	return [Number(reply[0]), reply[1].map(String)];
}

function parseTimer(text: string): SlaTimer | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && Array.isArray((value as SlaTimer).levels)
			? (value as SlaTimer)
			: undefined;
	} catch {
		return undefined;
	}
}
