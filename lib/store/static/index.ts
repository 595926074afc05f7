/**
 * The legacy store: the workflow's static data, kept live in the process (see state.ts). Exact for one n8n process
 * only, per workflow (a State Name only separates states inside the workflow), saved only after a successful
 * production execution, and its whole size is paid on every execution. Kept as an explicit choice; the default store
 * moves this state into its database on first use.
 */
import type { StateStore, StoreFeature, StoreScope } from '../state-store';
import { LocalAssignmentStore } from './assignment';
import { staticCounters } from './counters';
import { staticIdempotency } from './idempotency';
import { staticSlaHistory } from './sla-history';
import type { JsonObject, LocalScope } from './state';
import { LocalTimerStore } from './timers';

/** Where a feature's state sits in the workflow's global static data. */
export function staticNamespace(feature: StoreFeature, stateName: string): string {
	return `leadRouting.${feature}.${stateName || 'default'}`;
}

export class StaticDataStore implements StateStore {
	readonly label = 'workflow static data';

	/** `staticData` is the execution's global static data (`this.getWorkflowStaticData('global')`). */
	constructor(private readonly staticData: JsonObject) {}

	private local(scope: StoreScope, feature: StoreFeature): LocalScope {
		return {
			workflowId: scope.workflowId,
			namespace: staticNamespace(feature, scope.stateName),
			staticData: this.staticData,
		};
	}

	assignment(scope: StoreScope) {
		return new LocalAssignmentStore(this.local(scope, 'route'));
	}

	timers(scope: StoreScope, options = {}) {
		return new LocalTimerStore(this.local(scope, 'sla'), options);
	}

	idempotency(scope: StoreScope) {
		return staticIdempotency(this.local(scope, 'respond'));
	}

	counters(scope: StoreScope) {
		return staticCounters(this.local(scope, 'limits'));
	}

	slaHistory(scope: StoreScope) {
		return staticSlaHistory(this.local(scope, 'sla'));
	}
}
