/** Helpers for SLA Timer engine tests (not a test file itself). */
import { join, resolve } from 'path';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { PACKAGE_NAME, TestCredentialsHelper } from '../helpers/engine';

/**
 * The engine runs the built package, whose lib modules are other instances than the sources jest imports:
 * a simulated restart must reset the built module's live state.
 */
function builtModule<T>(relative: string): T {
	const root = resolve(process.env.LEAD_ROUTING_PACKAGE_DIR ?? resolve(__dirname, '..', '..'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(join(root, 'dist', relative)) as T;
}

export const resetBuiltLocalState = () => builtModule<{ resetLocalState(): void }>('lib/store/local-state.js').resetLocalState();
export const closeBuiltRedisClients = async () =>
	await builtModule<{ closeAllRedisClients(): Promise<void> }>('lib/store/redis-connection.js').closeAllRedisClients();

/** n8n-core asks the credentials helper whether a node may use a credential; tests allow it, as n8n does for unrestricted types. */
export function allowTestCredentials(): void {
	const proto = TestCredentialsHelper.prototype as unknown as { isCredentialUsableByNode?: () => boolean };
	if (!proto.isCredentialUsableByNode) proto.isCredentialUsableByNode = () => true;
}

/** Static data as n8n saves it between executions: JSON. */
export const saved = (staticData: IDataObject | undefined): IDataObject => JSON.parse(JSON.stringify(staticData ?? {})) as IDataObject;

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
