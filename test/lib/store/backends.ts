/**
 * Every store backend, for the contract tests: each test opens a fresh scope (a new workflow id) in a real store —
 * workflow static data, a SQLite file in a temporary folder, the Redis server on loopback.
 */
import { randomUUID } from 'crypto';
import { makeStoreFolder, removeStoreFolder } from '../../helpers/store-folder';
import { join } from 'path';
import { createCalendar } from '../../../lib/sla/calendar';
import { validateTiers } from '../../../lib/sla/tiers';
import { planTimer, type SlaTimer } from '../../../lib/sla/timer';
import { openStateStore } from '../../../lib/store/backends';
import { closeAllRedisClients, getRedisClient } from '../../../lib/store/redis/connection';
import { closeAllDatabases } from '../../../lib/store/sqlite/database';
import type { StateStore, StoreScope } from '../../../lib/store/state-store';
import { resetLocalState } from '../../../lib/store/static/state';

export interface OpenedBackend {
	store: StateStore;
	scope: StoreScope;
}

export interface Backend {
	name: 'staticData' | 'sqlite' | 'redis';
	open(): Promise<OpenedBackend>;
}

const REDIS = { host: '127.0.0.1', port: 6379, keyPrefix: `test-store-${process.pid}-${Date.now()}:` };
let folder: string | undefined;
const sqliteFile = () => join((folder ??= makeStoreFolder('lead-routing-store')), 'state.sqlite');
const freshScope = (): StoreScope => ({ workflowId: `wf-${randomUUID()}`, stateName: '' });

export const backends: Backend[] = [
	{
		name: 'staticData',
		open: async () => ({ store: await openStateStore('staticData', { staticData: {} }), scope: freshScope() }),
	},
	{
		name: 'sqlite',
		open: async () => ({ store: await openStateStore('sqlite', { file: sqliteFile() }), scope: freshScope() }),
	},
	{
		name: 'redis',
		open: async () => ({ store: await openStateStore('redis', { redis: REDIS }), scope: freshScope() }),
	},
];

const [hot] = validateTiers([{ name: 'hot', minutes: 10 }]);
const always = createCalendar({ instant: true, timeZone: 'UTC', workingDays: [], start: '', end: '' });

/** A lead's timer on a 10-minute tier (warning at 50 %, no escalation), around the clock. */
export function tenMinuteTimer(key: string, startedAt: number): SlaTimer {
	return planTimer({
		key,
		tier: hot,
		calendar: always,
		levels: { warningPercent: 50, escalationPercents: [] },
		startedAt,
		lead: { email: key },
	});
}

/** Forgets in-process state, as a restarted process would (the SQLite file and Redis keep theirs). */
export function restartProcess(): void {
	resetLocalState();
	closeAllDatabases();
}

/** Deletes what the tests wrote; call in afterAll. */
export async function cleanupBackends(): Promise<void> {
	closeAllDatabases();
	if (folder) removeStoreFolder(folder);
	folder = undefined;
	const client = getRedisClient(REDIS);
	if (client.status === 'ready') {
		const keys = await client.keys(`${REDIS.keyPrefix}*`);
		if (keys.length) await client.del(...keys);
	}
	await closeAllRedisClients();
}
