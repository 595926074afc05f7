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
import type { JsonObject, LocalScope } from '../../lib/store/local-state';
import { isQueueMode } from '../../lib/store/queue-mode';
import { connectRedis, describeRedis, type RedisConnectionConfig } from '../../lib/store/redis-connection';
import { toNodeError } from './errors';

export const REDIS_CREDENTIAL = 'leadRoutingRedisApi';
export const REDIS_CREDENTIAL_TEST = 'leadRoutingRedisConnectionTest';

export const storeProperties: INodeProperties[] = [
	{
		displayName: 'State Store',
		name: 'stateStore',
		type: 'options',
		options: [
			{
				name: 'Local (This N8n Instance)',
				value: 'local',
				description: 'No setup. Exact for one n8n process; state is kept per workflow in its static data.',
			},
			{
				name: 'Redis',
				value: 'redis',
				description: 'Required in queue mode; also shares state between workflows',
			},
		],
		default: 'local',
		description: 'Where counters and timers are kept between executions',
	},
	{
		displayName: 'State Name',
		name: 'stateName',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales-team',
		description:
			'Leave empty to keep state per workflow. With Redis, workflows that use the same name share their state.',
	},
];

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

export type ConnectedStore =
	| { kind: 'local'; label: string; scope: LocalScope }
	| { kind: 'redis'; label: string; client: Redis; keyPrefix: string };

type StoreContext = IExecuteFunctions | IPollFunctions;

function isExecute(ctx: StoreContext): ctx is IExecuteFunctions {
	return typeof (ctx as IExecuteFunctions).getInputData === 'function';
}

function readParameter(ctx: StoreContext, name: string, fallback: string): string {
	const value = isExecute(ctx) ? ctx.getNodeParameter(name, 0, fallback) : ctx.getNodeParameter(name, fallback);
	return typeof value === 'string' ? value.trim() : fallback;
}

/**
 * Returns the store chosen in the node, connected. `feature` separates each node family's state
 * (e.g. `route`, `sla`, `respond`). Throws a NodeOperationError naming the store when it cannot be used.
 */
export async function connectStore(this: StoreContext, feature: string): Promise<ConnectedStore> {
	const kind = readParameter(this, 'stateStore', 'local');
	const stateName = readParameter(this, 'stateName', '');
	const workflowId = this.getWorkflow().id ?? 'unsaved';
	if (kind === 'redis') {
		const config = redisConfigFromCredential(await this.getCredentials(REDIS_CREDENTIAL));
		const label = describeRedis(config);
		try {
			const client = await connectRedis(config);
			const scope = stateName ? `shared:${stateName}` : `wf:${workflowId}`;
			return { kind, label, client, keyPrefix: `${config.keyPrefix ?? ''}${scope}:${feature}:` };
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
	if (isQueueMode()) {
		throw new NodeOperationError(this.getNode(), 'The local state store cannot be used in queue mode', {
			description:
				'In queue mode each worker is a separate process with its own memory, so local counters and timers would disagree and leads could be assigned twice. Set State Store to Redis.',
		});
	}
	const staticData = this.getWorkflowStaticData('global') as JsonObject;
	return {
		kind: 'local',
		label: 'local store',
		scope: { workflowId, namespace: `leadRouting.${feature}.${stateName || 'default'}`, staticData },
	};
}
