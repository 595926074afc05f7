/**
 * The registry of store backends: the one place that turns a choice into a StateStore. A new backend is a folder
 * lib/store/<backend>/ implementing StateStore, one entry here, and one entry in the contract tests.
 */
import { RedisStateStore } from './redis';
import type { RedisConnectionConfig } from './redis/connection';
import { SqliteStateStore } from './sqlite';
import type { StateStore } from './state-store';
import { StaticDataStore } from './static';
import type { JsonObject } from './static/state';

export interface BackendSettings {
	sqlite: { file: string };
	redis: { redis: RedisConnectionConfig };
	staticData: { staticData: JsonObject };
}

export type BackendName = keyof BackendSettings;

const BACKENDS: { [K in BackendName]: (settings: BackendSettings[K]) => Promise<StateStore> } = {
	sqlite: async ({ file }) => await SqliteStateStore.open(file),
	redis: async ({ redis }) => await RedisStateStore.open(redis),
	staticData: async ({ staticData }) => new StaticDataStore(staticData),
};

/** Opens the store; throws StoreUnavailableError naming it when it cannot be used (never falls back to another). */
export async function openStateStore<K extends BackendName>(
	backend: K,
	settings: BackendSettings[K],
): Promise<StateStore> {
	return await BACKENDS[backend](settings);
}

/** Whether a backend keeps state in this process only, so it cannot be exact for queue-mode workers. */
export function isProcessLocal(backend: BackendName): boolean {
	return backend === 'staticData';
}
