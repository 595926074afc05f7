/**
 * The one store seam. Every stateful feature — assignment (turns, capacity, stats), SLA timers, SLA history,
 * idempotency keys and windowed counters — reaches its state through a StateStore, and every backend
 * (lib/store/<backend>/) implements all five; the same contract tests run on each (test/lib/store/*.test.ts). Backends are registered in backends.ts.
 *
 * State Name: empty keeps the state of one workflow; a name is shared by every workflow that uses it in the same store
 * (the same database file, the same Redis server and key prefix). Within a scope each feature has its own keys.
 */
import type { AssignmentStore } from './assignment';
import type { CounterStore } from './counters';
import type { IdempotencyStore } from './idempotency';
import type { SlaHistoryStore } from './sla-history';
import type { TimerStore, TimerStoreOptions } from './timers';

/** Each feature's keys are separate inside a scope. */
export type StoreFeature = 'route' | 'sla' | 'respond' | 'limits';

export interface StoreScope {
	workflowId: string;
	/** Trimmed; empty = per workflow. */
	stateName: string;
}

/** The scope as one key part: `shared:<name>` or `wf:<workflow id>`, the same in every backend. */
export function scopeKey(scope: StoreScope): string {
	return scope.stateName ? `shared:${scope.stateName}` : `wf:${scope.workflowId}`;
}

export interface StateStore {
	/** Names the store in messages, e.g. "SQLite database /home/n8n/.n8n/lead-routing.sqlite" or "Redis at host:6379". */
	readonly label: string;
	assignment(scope: StoreScope): AssignmentStore;
	timers(scope: StoreScope, options?: Partial<TimerStoreOptions>): TimerStore;
	idempotency(scope: StoreScope): IdempotencyStore;
	counters(scope: StoreScope): CounterStore;
	/**
	 * Moves state the workflow kept in its static data (the store used before) into this store, once, and removes it
	 * from the static data; returns the static-data namespaces moved. Backends without it leave static data alone.
	 */
	adoptStaticData?(staticData: { [key: string]: unknown }, scope: StoreScope): string[];
	/** Started and answered SLA timers, for SLA Timer › Get Stats. */
	slaHistory(scope: StoreScope): SlaHistoryStore;
}
