/** The timer store chosen in the node (shared "State Store" block), with store failures reported as node errors. */
import { LeadRoutingError } from '../../lib/errors';
import type { SlaHistoryStore } from '../../lib/store/sla-history';
import type { TimerStore, TimerStoreOptions } from '../../lib/store/timers';
import { connectStore } from '../shared/store';
import type { StoreContext } from './settings';

export interface OpenedStore {
	store: TimerStore;
	/** Runs store calls; a failure becomes a node error naming the store, never a silent fallback. */
	run<T>(fn: (store: TimerStore, history: SlaHistoryStore) => Promise<T>): Promise<T>;
}

export async function openTimerStore(
	ctx: StoreContext,
	options: Partial<TimerStoreOptions> = {},
): Promise<OpenedStore> {
	const connected = await connectStore.call(ctx);
	const store = connected.store.timers(connected.scope, options);
	const history = connected.store.slaHistory(connected.scope);
	return {
		store,
		async run(fn) {
			try {
				return await fn(store, history);
			} catch (error) {
				throw new LeadRoutingError(
					`The SLA timer store (${connected.store.label}) failed: ${(error as Error).message}`,
					'No timer was changed by this call. Check that the state store is reachable and retry.',
					{ cause: error },
				);
			}
		},
	};
}
