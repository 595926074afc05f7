/** Windowed counters in the workflow's static data (the legacy store): exact within one n8n process. */
import { randomUUID } from 'crypto';
import type { CounterStore, TakeResult } from '../counters';
import { withLocalState, type JsonObject, type LocalScope } from './state';

/** Per key (prefixed, so "__proto__" stays data): the events still inside their window, as [at, expiresAt, token]. */
type Event = [at: number, expiresAt: number, token: string];

function events(state: JsonObject, key: string, now: number): Event[] {
	if (typeof state.events !== 'object' || state.events === null) state.events = {};
	const all = state.events as Record<string, Event[]>;
	const slot = `k:${key}`;
	const live = (Array.isArray(all[slot]) ? all[slot] : []).filter((e) => Array.isArray(e) && e[1] > now);
	if (live.length) all[slot] = live;
	else delete all[slot];
	return live;
}

export function staticCounters(scope: LocalScope): CounterStore {
	return {
		take: async (limits, now) =>
			await withLocalState(scope, (state): TakeResult => {
				for (const { key, limit, windowMs } of limits) {
					const inWindow = events(state, key, now).filter((e) => e[0] > now - windowMs);
					if (inWindow.length >= limit) {
						const oldest = Math.min(...inWindow.map((e) => e[0]));
						return {
							allowed: false,
							key,
							count: inWindow.length,
							retryAt: inWindow.length ? oldest + windowMs : now + windowMs,
						};
					}
				}
				const token = randomUUID();
				const all = state.events as Record<string, Event[]>;
				for (const { key, windowMs } of limits)
					all[`k:${key}`] = [...events(state, key, now), [now, now + windowMs, token]];
				return { allowed: true, token };
			}),
		giveBack: async (keys, token) =>
			await withLocalState(scope, (state) => {
				const all = (state.events ?? {}) as Record<string, Event[]>;
				for (const key of keys) {
					const slot = `k:${key}`;
					if (Array.isArray(all[slot])) all[slot] = all[slot].filter((e) => e[2] !== token);
				}
			}),
		count: async (key, windowMs, now) =>
			await withLocalState(scope, (state) => events(state, key, now).filter((e) => e[0] > now - windowMs).length),
	};
}
