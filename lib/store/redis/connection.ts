/**
 * One ioredis client per distinct connection setting, shared by every node and execution in the process.
 * An unreachable Redis is reported as a StoreUnavailableError naming the store; we never fall back silently.
 */
import Redis from 'ioredis';
import { StoreUnavailableError } from '../errors';

export interface RedisConnectionConfig {
	host: string;
	port: number;
	database?: number;
	username?: string;
	password?: string;
	tls?: boolean;
	/** Prefix for every key this package writes, e.g. `lead-routing:`. */
	keyPrefix?: string;
}

/** What to do when Redis cannot be used. */
export const REDIS_HINT =
	'Nothing was processed: the state store must be reachable, and there is no silent switch to another store. Check the Lead Routing Redis Store credential and that the server is running.';

/** Longest wait for one Redis reply; our scripts take milliseconds, so this only trips on a dead server. */
export const COMMAND_TIMEOUT_MS = 5000;

const clients = new Map<string, Redis>();
const lastErrors = new WeakMap<Redis, Error>();

/** The most telling reason a connection failed: the socket error if there was one (e.g. ECONNREFUSED). */
export function connectionFailure(client: Redis, error: unknown): string {
	const last = lastErrors.get(client)?.message;
	const message = error instanceof Error ? error.message : String(error);
	return last && last !== message ? `${last} (${message})` : message;
}

function connectionKey(config: RedisConnectionConfig): string {
	return JSON.stringify([
		config.host,
		config.port,
		config.database ?? 0,
		config.username ?? '',
		config.password ?? '',
		!!config.tls,
	]);
}

export function describeRedis(config: RedisConnectionConfig): string {
	return `Redis at ${config.host}:${config.port}${config.database ? `/${config.database}` : ''}`;
}

export function getRedisClient(config: RedisConnectionConfig): Redis {
	const key = connectionKey(config);
	let client = clients.get(key);
	if (!client) {
		client = new Redis({
			host: config.host,
			port: config.port,
			db: config.database ?? 0,
			username: config.username || undefined,
			password: config.password || undefined,
			tls: config.tls ? {} : undefined,
			lazyConnect: true,
			// Fail commands fast while disconnected instead of queueing them forever: a lead must not wait on a dead store.
			enableOfflineQueue: false,
			maxRetriesPerRequest: 1,
			connectTimeout: 3000,
			// A server that stops answering with the socket still open (hung process, network partition) would otherwise
			// keep an execution waiting forever; every command gets an answer or an error within this time.
			commandTimeout: COMMAND_TIMEOUT_MS,
			// ioredis keeps a closing socket's process alive for 2 s by default; nothing waits on it here.
			disconnectTimeout: 300,
			retryStrategy: (times) => Math.min(times * 200, 2000),
		});
		// Without a listener ioredis reports connection errors as unhandled 'error' events; keep the last one, because
		// a failed connect() only says "Connection is closed".
		client.on('error', (error: Error) => lastErrors.set(client as Redis, error));
		client.on('ready', () => lastErrors.delete(client as Redis));
		clients.set(key, client);
	}
	return client;
}

// Executions that arrive while a client is still connecting share one wait instead of one listener each.
const pending = new WeakMap<Redis, Promise<void>>();

// A refused login does not heal by waiting: the same settings always get the same answer (new settings make a new client).
const AUTH_ERROR = /WRONGPASS|NOAUTH|NOPERM|invalid password|invalid username/i;

function whenReady(client: Redis): Promise<void> {
	if (client.status === 'ready') return Promise.resolve();
	const last = lastErrors.get(client);
	const retrying = client.status === 'reconnecting' || client.status === 'connecting' || client.status === 'connect';
	if (retrying && last && AUTH_ERROR.test(last.message)) return Promise.reject(last);
	let wait = pending.get(client);
	if (!wait) {
		const started =
			client.status === 'wait' || client.status === 'end' ? client.connect() : waitUntilReady(client, 3000);
		wait = started.finally(() => pending.delete(client));
		pending.set(client, wait);
	}
	return wait;
}

/** Returns a connected client or throws StoreUnavailableError. */
export async function connectRedis(config: RedisConnectionConfig): Promise<Redis> {
	const client = getRedisClient(config);
	try {
		await whenReady(client);
		return client;
	} catch (error) {
		const summary = `Cannot reach the state store (${describeRedis(config)})`;
		throw new StoreUnavailableError(`${summary}: ${connectionFailure(client, error)}`, {
			hint: REDIS_HINT,
			cause: error,
			summary,
		});
	}
}

function waitUntilReady(client: Redis, timeoutMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`not ready after ${timeoutMs} ms (status ${client.status})`));
		}, timeoutMs);
		const onReady = () => {
			cleanup();
			resolve();
		};
		const onError = (error: Error) => {
			if (!AUTH_ERROR.test(error.message)) return;
			cleanup();
			reject(error);
		};
		const cleanup = () => {
			clearTimeout(timer);
			client.off('ready', onReady);
			client.off('error', onError);
		};
		client.once('ready', onReady);
		client.on('error', onError);
	});
}

/** Closes every client (tests, and n8n shutting down a worker). */
export async function closeAllRedisClients(): Promise<void> {
	const all = [...clients.values()];
	clients.clear();
	// A client that is not connected (e.g. retrying a dead server) would wait on quit; drop it at once.
	await Promise.all(
		all.map(async (client) =>
			client.status === 'ready' ? client.quit().catch(() => client.disconnect()) : client.disconnect(),
		),
	);
}
