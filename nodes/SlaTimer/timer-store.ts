/** The timer store chosen in the node (shared "State Store" block), with store failures reported as node errors. */
import { NodeOperationError } from 'n8n-workflow';
import { LocalTimerStore } from '../../lib/store/timers/local';
import { RedisTimerStore } from '../../lib/store/timers/redis';
import type { JsonObject, LocalScope } from '../../lib/store/local-state';
import type { TimerStore, TimerStoreOptions } from '../../lib/store/timers/types';
import { connectStore } from '../shared/store';
import type { StoreContext } from './settings';

export interface OpenedStore {
	store: TimerStore;
	/** Runs a store call; a failure becomes a node error naming the store, never a silent fallback. */
	run<T>(fn: (store: TimerStore) => Promise<T>): Promise<T>;
}

/**
 * n8n hands static data over as nested observable proxies, which `withLocalState` cannot structuredClone when it first
 * loads the saved state after a restart. This view gives it a plain JSON copy on that first read (only then: later
 * executions use the live state) and passes writes through to the real static data, so n8n still saves them.
 */
function plainOnFirstRead(scope: LocalScope): LocalScope {
	const real = scope.staticData;
	const view: JsonObject = {};
	Object.defineProperty(view, scope.namespace, {
		enumerable: true,
		get: () => {
			const value = real[scope.namespace];
			return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
		},
		set: (value: unknown) => {
			real[scope.namespace] = value;
		},
	});
	return { ...scope, staticData: view };
}

export async function openTimerStore(ctx: StoreContext, options: Partial<TimerStoreOptions> = {}): Promise<OpenedStore> {
	const connected = await connectStore.call(ctx, 'sla');
	const store =
		connected.kind === 'redis'
			? new RedisTimerStore(connected.client, connected.keyPrefix, options)
			: new LocalTimerStore(plainOnFirstRead(connected.scope), options);
	return {
		store,
		async run(fn) {
			try {
				return await fn(store);
			} catch (error) {
				throw new NodeOperationError(ctx.getNode(), `The SLA timer store (${connected.label}) failed: ${(error as Error).message}`, {
					description: 'No timer was changed by this call. Check that the state store is reachable and retry.',
				});
			}
		},
	};
}
