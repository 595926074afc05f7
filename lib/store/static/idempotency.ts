/** Idempotency keys in the workflow's static data (the legacy store): exact within one n8n process. */
import {
	decideClaim,
	holds,
	type ClaimResult,
	type EntryState,
	type IdempotencyEntry,
	type IdempotencyStore,
} from '../idempotency';
import { withLocalState, type JsonObject, type LocalScope } from './state';

type Entry = [state: EntryState, token: string, expiresAt: number, at: number];
const PRUNE_EVERY = 200;

function entries(state: JsonObject): Record<string, Entry> {
	if (typeof state.entries !== 'object' || state.entries === null) state.entries = {};
	return state.entries as Record<string, Entry>;
}

function read(entry: Entry | undefined): IdempotencyEntry | undefined {
	return entry && { state: entry[0], token: entry[1], expiresAt: entry[2], at: entry[3] };
}

function write(e: IdempotencyEntry): Entry {
	return [e.state, e.token, e.expiresAt, e.at];
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
		claim: async (key, claimTtlMs, now, options) =>
			await withLocalState(scope, (state): ClaimResult => {
				const all = entries(state);
				const decision = decideClaim(read(all[key]), claimTtlMs, now, options);
				if (decision.write) {
					all[key] = write(decision.write);
					prune(state, now);
				}
				return decision.result;
			}),
		sending: async (key, token, windowMs, now) =>
			await withLocalState(scope, (state) => {
				const all = entries(state);
				if (!holds(read(all[key]), token, now)) return false;
				all[key] = write({ state: 'u', token, at: now, expiresAt: now + windowMs });
				return true;
			}),
		confirm: async (key, token, windowMs, now) =>
			await withLocalState(scope, (state) => {
				const all = entries(state);
				if (holds(read(all[key]), token, now))
					all[key] = write({ state: 's', token, at: now, expiresAt: now + windowMs });
			}),
		release: async (key, token) =>
			await withLocalState(scope, (state) => {
				const all = entries(state);
				if (all[key]?.[1] === token && all[key][0] !== 's') delete all[key];
			}),
	};
}
