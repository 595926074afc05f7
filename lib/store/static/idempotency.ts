/** Idempotency keys in the workflow's static data (the legacy store): exact within one n8n process. */
import { randomUUID } from 'crypto';
import type { ClaimResult, IdempotencyStore } from '../idempotency';
import { withLocalState, type JsonObject, type LocalScope } from './state';

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
export function staticIdempotency(scope: LocalScope): IdempotencyStore {
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
