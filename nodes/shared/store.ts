/**
 * The "State Store" block shared by every node that keeps state (Route Lead, SLA Timer, Auto-Respond):
 * the UI properties, the Redis credential with its connection test, and `connectStore`, which turns the chosen
 * settings into a ready store for one execution.
 */
import Redis from 'ioredis';
import { NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { isProcessLocal, openStateStore, type BackendName } from '../../lib/store/backends';
import { isQueueMode } from '../../lib/store/queue-mode';
import { describeRedis, type RedisConnectionConfig } from '../../lib/store/redis/connection';
import { databaseFile, DB_FILE_ENV } from '../../lib/store/sqlite';
import type { StateStore, StoreScope } from '../../lib/store/state-store';
import type { JsonObject } from '../../lib/store/static/state';
import { toNodeError } from './errors';

export const REDIS_CREDENTIAL = 'leadRoutingRedisApi';
export const REDIS_CREDENTIAL_TEST = 'leadRoutingRedisConnectionTest';
const DEFAULT_STORE = 'sqlite';

export const storeProperties: INodeProperties[] = [
	{
		displayName: 'State Store',
		name: 'stateStore',
		type: 'options',
		options: [
			{
				name: 'SQLite (This Host)',
				value: 'sqlite',
				description:
					'No setup. One database file on this host; exact across executions, workflows and processes, kept after a crash.',
			},
			{
				name: 'Redis',
				value: 'redis',
				description: 'For n8n on several hosts (queue-mode workers on other machines)',
			},
			{
				name: 'Workflow Static Data (Legacy)',
				value: 'staticData',
				description:
					'Per workflow and one n8n process only; saved only after successful production executions; slows down as it grows',
			},
		],
		default: DEFAULT_STORE,
		description: 'Where counters, timers and answered-lead keys are kept between executions',
	},
	{
		displayName: 'Database File',
		name: 'databaseFile',
		type: 'string',
		default: '',
		placeholder: 'lead-routing.sqlite',
		displayOptions: { show: { stateStore: ['sqlite'] } },
		description: `Leave empty for ${DB_FILE_ENV}, or else lead-routing.sqlite in the n8n user folder (~/.n8n). Relative paths start there.`,
	},
	{
		displayName: 'State Name',
		name: 'stateName',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales-team',
		description:
			'Leave empty to keep state per workflow. Workflows that use the same name in the same SQLite file or Redis share their state.',
	},
];

/** The State Store block shown only where `show` holds (e.g. for some operations), keeping each field's own conditions. */
export function storePropertiesWhen(show: Record<string, string[]>): INodeProperties[] {
	return storeProperties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...show } },
	}));
}

export function redisConfigFromCredential(data: ICredentialDataDecryptedObject): RedisConnectionConfig {
	const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
	return {
		host: text(data.host) || 'localhost',
		port: Number(data.port) || 6379,
		database: Number(data.database) || 0,
		username: text(data.user) || undefined,
		password: text(data.password) || undefined,
		tls: data.ssl === true,
		keyPrefix: text(data.prefix),
	};
}

/** Opens a fresh connection with the entered values and sends PING. Put it in `methods.credentialTest`. */
export async function leadRoutingRedisConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const config = redisConfigFromCredential(credential.data ?? {});
	const client = new Redis({
		host: config.host,
		port: config.port,
		db: config.database,
		username: config.username,
		password: config.password,
		tls: config.tls ? {} : undefined,
		lazyConnect: true,
		enableOfflineQueue: false,
		maxRetriesPerRequest: 0,
		connectTimeout: 3000,
		// ioredis keeps a closing socket's process alive for 2 s by default; nothing waits on it here.
		disconnectTimeout: 300,
		retryStrategy: () => null,
	});
	let socketError: Error | undefined;
	client.on('error', (error: Error) => (socketError = error));
	try {
		await client.connect();
		const pong = await client.ping();
		return { status: 'OK', message: `Connected to ${describeRedis(config)} (${pong})` };
	} catch (error) {
		const reason = socketError?.message ?? (error as Error).message;
		return { status: 'Error', message: `Cannot reach ${describeRedis(config)}: ${reason}` };
	} finally {
		client.disconnect();
	}
}

export const storeCredentialTests = { [REDIS_CREDENTIAL_TEST]: leadRoutingRedisConnectionTest };

export interface ConnectedStore {
	store: StateStore;
	scope: StoreScope;
}

type StoreContext = IExecuteFunctions | IPollFunctions;

function isExecute(ctx: StoreContext): ctx is IExecuteFunctions {
	return typeof (ctx as IExecuteFunctions).getInputData === 'function';
}

function readParameter(ctx: StoreContext, name: string, fallback: string): string {
	const value = isExecute(ctx) ? ctx.getNodeParameter(name, 0, fallback) : ctx.getNodeParameter(name, fallback);
	return typeof value === 'string' ? value.trim() : fallback;
}

/**
 * The backend chosen in the node. "local" was the no-setup default before SQLite took its place: it now means the
 * default, and the static data it kept is moved into the database on first use.
 */
function chosenBackend(ctx: StoreContext): BackendName {
	const kind = readParameter(ctx, 'stateStore', DEFAULT_STORE);
	if (kind === 'redis' || kind === 'staticData') return kind;
	return 'sqlite';
}

/**
 * Returns the store chosen in the node, connected, with the scope (workflow and State Name) its state lives in.
 * Throws a NodeOperationError naming the store when it cannot be used; never falls back to another store.
 */
export async function connectStore(this: StoreContext): Promise<ConnectedStore> {
	const backend = chosenBackend(this);
	const scope: StoreScope = {
		workflowId: String(this.getWorkflow().id ?? 'unsaved'),
		stateName: readParameter(this, 'stateName', ''),
	};
	if (isProcessLocal(backend) && isQueueMode()) {
		throw new NodeOperationError(this.getNode(), 'The workflow static data store cannot be used in queue mode', {
			description:
				'In queue mode each worker is a separate process with its own memory, so counters and timers kept in static data would disagree and leads could be assigned twice. Set State Store to SQLite (workers on one host sharing the volume) or Redis.',
		});
	}
	try {
		if (backend === 'redis') {
			const redis = redisConfigFromCredential(await this.getCredentials(REDIS_CREDENTIAL));
			return { store: await openStateStore('redis', { redis }), scope };
		}
		if (backend === 'sqlite') {
			const store = await openStateStore('sqlite', { file: databaseFile(readParameter(this, 'databaseFile', '')) });
			store.adoptStaticData?.(this.getWorkflowStaticData('global'), scope);
			return { store, scope };
		}
		return {
			store: await openStateStore('staticData', { staticData: this.getWorkflowStaticData('global') as JsonObject }),
			scope,
		};
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
