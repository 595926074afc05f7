/** Helpers for SLA Timer engine tests (not a test file itself). */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { builtModule, PACKAGE_NAME, TestCredentialsHelper } from '../helpers/engine';

export const resetBuiltLocalState = () =>
	builtModule<{ resetLocalState(): void }>('lib/store/static/state.js').resetLocalState();
/** Closes the built package's SQLite connections, as a restarted process would have none open (the file stays). */
export const closeBuiltDatabases = () =>
	builtModule<{ closeAllDatabases(): void }>('lib/store/sqlite/database.js').closeAllDatabases();
export const closeBuiltRedisClients = async () =>
	await builtModule<{ closeAllRedisClients(): Promise<void> }>('lib/store/redis/connection.js').closeAllRedisClients();

/** n8n-core asks the credentials helper whether a node may use a credential; tests allow it, as n8n does for unrestricted types. */
export function allowTestCredentials(): void {
	const proto = TestCredentialsHelper.prototype as unknown as { isCredentialUsableByNode?: () => boolean };
	if (!proto.isCredentialUsableByNode) proto.isCredentialUsableByNode = () => true;
}

/** Static data as n8n saves it between executions: JSON. */
export const saved = (staticData: IDataObject | undefined): IDataObject =>
	JSON.parse(JSON.stringify(staticData ?? {})) as IDataObject;

export function node(name: string, type: string, parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return {
		id: name,
		name,
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		...extra,
	};
}

export const REDIS = { host: '127.0.0.1', port: 6379, database: 0, user: '', password: '', ssl: false };
export const redisCredential = { leadRoutingRedisApi: { id: 'redis-1', name: 'Redis' } };
