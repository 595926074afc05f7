import type { JsonDoc, N8nApp, RunningN8n } from './index';

export interface ServiceSettings {
	redis: { host: string; port: number };
	postgres: { host: string; port: number; user: string; password: string; adminDatabase: string };
}

/** PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE and LEAD_ROUTING_REDIS_HOST/PORT, defaulting to 127.0.0.1. */
export function serviceSettings(env?: NodeJS.ProcessEnv): ServiceSettings;
/** Synchronous TCP probe; one line per service that does not answer (empty when all do). */
export function unreachableServices(settings?: ServiceSettings): string[];
export function deleteRedisKeys(redis: ServiceSettings['redis'], prefix: string): Promise<number>;
export function createDatabase(app: N8nApp, postgres: ServiceSettings['postgres'], name: string): Promise<void>;
export function dropDatabase(app: N8nApp, postgres: ServiceSettings['postgres'], name: string): Promise<void>;

export interface QueueClusterOptions {
	app: N8nApp;
	tarball: string;
	/** Number of `n8n worker` processes (default 2). */
	workers?: number;
	/** `--concurrency` of each worker (default 10). */
	concurrency?: number;
	/** Created through the main's public API (n8n assigns new ids; see QueueCluster.workflowIds). */
	workflows?: JsonDoc[];
	/** `{ id, name, type, data }`: `id` is only the reference the workflows use. */
	credentials?: JsonDoc[];
	/** Ids (as in the given workflows) to publish. */
	publish?: string[];
	/** Extra environment for every process. */
	env?: Record<string, string>;
	/** Extra environment for one process: 'main', 'worker-1', 'worker-2'… */
	processEnv?: (name: string) => Record<string, string>;
	services?: ServiceSettings;
	baseDir?: string;
	keepFolders?: boolean;
	readyTimeoutMs?: number;
	log?: (line: string) => void;
}

export interface QueueWorker extends RunningN8n {
	name: string;
	healthPort: number;
}

export interface QueueCluster {
	runId: string;
	/** The fresh PostgreSQL database, dropped by stop(). */
	database: string;
	/** N8N_REDIS_KEY_PREFIX of this run (n8n's cache and pub/sub); stop() deletes every key starting with it. */
	redisPrefix: string;
	/** QUEUE_BULL_PREFIX of this run: `<redisPrefix>-bull`. */
	bullPrefix: string;
	baseDir: string;
	services: ServiceSettings;
	main: RunningN8n;
	workers: QueueWorker[];
	/** Given id → id in n8n. */
	workflowIds: Record<string, string>;
	credentialIds: Record<string, string>;
	timings: Record<string, number>;
	/**
	 * A workflow's executions as n8n's database holds them (status, and the run data parsed). Unlike n8n's API it also
	 * lists an execution the main still counts as running because it never saw its job end.
	 */
	recordedExecutions(workflowId: string): Promise<Array<{ id: string; status: string; data?: unknown }>>;
	stop(): Promise<void>;
}

export function provision(
	main: RunningN8n,
	what: { credentials?: JsonDoc[]; workflows?: JsonDoc[]; publish?: string[] },
): Promise<{ credentialIds: Record<string, string>; workflowIds: Record<string, string> }>;

export function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster>;
