/**
 * Redis: atomic Lua scripts, exact across hosts (queue-mode workers on several machines). Keys:
 * `<credential prefix><scope>:<feature>:…`, with the scope from scopeKey (`wf:<id>` or `shared:<State Name>`).
 */
import type Redis from 'ioredis';
import { scopeKey, type StateStore, type StoreFeature, type StoreScope } from '../state-store';
import { RedisAssignmentStore } from './assignment';
import { connectRedis, describeRedis, type RedisConnectionConfig } from './connection';
import { redisCounters } from './counters';
import { redisIdempotency } from './idempotency';
import { redisSlaHistory } from './sla-history';
import { RedisTimerStore } from './timers';

export class RedisStateStore implements StateStore {
	constructor(
		private readonly client: Redis,
		private readonly keyPrefix: string,
		readonly label: string,
	) {}

	/** Connects (or reuses this process's client for the same settings); throws StoreUnavailableError. */
	static async open(config: RedisConnectionConfig): Promise<RedisStateStore> {
		return new RedisStateStore(await connectRedis(config), config.keyPrefix ?? '', describeRedis(config));
	}

	prefix(scope: StoreScope, feature: StoreFeature): string {
		return `${this.keyPrefix}${scopeKey(scope)}:${feature}:`;
	}

	assignment(scope: StoreScope) {
		return new RedisAssignmentStore(this.client, this.prefix(scope, 'route'), this.label);
	}

	timers(scope: StoreScope, options = {}) {
		return new RedisTimerStore(this.client, this.prefix(scope, 'sla'), options);
	}

	idempotency(scope: StoreScope) {
		return redisIdempotency(this.client, this.prefix(scope, 'respond'), this.label);
	}

	counters(scope: StoreScope) {
		return redisCounters(this.client, this.prefix(scope, 'limits'), this.label);
	}

	slaHistory(scope: StoreScope) {
		return redisSlaHistory(this.client, this.prefix(scope, 'sla'));
	}
}
