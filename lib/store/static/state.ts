/**
 * Process-wide state for the local store, persisted through n8n's workflow static data.
 *
 * n8n loads static data when an execution starts and writes it back whole when it ends, without a lock, so each
 * execution holds its own snapshot. The live state therefore lives here, in the process, and each execution's static
 * data is pointed at that same live object: whichever execution ends last saves the newest state, and the state
 * survives a restart. Limits (documented in the README): state is per workflow and per process, and updates made after
 * the last save are lost if the process dies.
 */
import { isLocalLockBusy, withLocalLock } from './lock';

export type JsonObject = { [key: string]: unknown };

export interface LocalScope {
	workflowId: string;
	/** Key inside the workflow's global static data, e.g. `leadRouting.route.default`. */
	namespace: string;
	/** The execution's global static data (`this.getWorkflowStaticData('global')`). */
	staticData: JsonObject;
}

const live = new Map<string, JsonObject>();

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function liveState(key: string, scope: LocalScope): JsonObject {
	let state = live.get(key);
	if (!state) {
		const saved = scope.staticData[scope.namespace];
		// n8n wraps static data in a Proxy (ObservableObject) that structuredClone rejects; it is plain JSON underneath.
		state = isJsonObject(saved) ? (JSON.parse(JSON.stringify(saved)) as JsonObject) : {};
		live.set(key, state);
	}
	return state;
}

/** Runs `fn` with exclusive access to the scope's state; changes made by `fn` are kept and persisted. */
export async function withLocalState<T>(scope: LocalScope, fn: (state: JsonObject) => T | Promise<T>): Promise<T> {
	const key = `${scope.workflowId}\u0000${scope.namespace}`;
	return await withLocalLock(key, async () => {
		const state = liveState(key, scope);
		const result = await fn(state);
		// Re-assigning marks n8n's observable static data as changed, so it is saved when the execution ends.
		scope.staticData[scope.namespace] = state;
		return result;
	});
}

/**
 * Like withLocalState for synchronous work: a synchronous function cannot be interleaved, so when no asynchronous
 * critical section holds the scope it runs at once, without the promise chain; otherwise it queues behind it.
 */
export function withLocalStateSync<T>(scope: LocalScope, fn: (state: JsonObject) => T): T | Promise<T> {
	const key = `${scope.workflowId}\u0000${scope.namespace}`;
	if (isLocalLockBusy(key)) return withLocalState(scope, fn);
	const state = liveState(key, scope);
	const result = fn(state);
	scope.staticData[scope.namespace] = state;
	return result;
}

/** For tests: forget the live state, as a restarted process would. */
export function resetLocalState(): void {
	live.clear();
}
