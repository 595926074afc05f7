/**
 * Runs workflow JSON through n8n-core's real WorkflowExecute with the built package loaded,
 * the way n8n itself executes a workflow (see N8N-NOTES.md). All node tests go through here.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialDataDecryptedObject,
	ICredentialsHelper,
	IDataObject,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	NodeHelpers,
	Workflow,
	IConnections,
	IHttpRequestOptions,
	INodeProperties,
	IRequestOptionsSimplified,
	ICredentials,
	ICredentialsExpressionResolveValues,
} from 'n8n-workflow';

export const PACKAGE_NAME = 'n8n-nodes-lead-routing';
/** The name under which the test input is recorded as a predecessor's output. */
const INPUT_NODE = 'Test Input';
const ROOT = resolve(process.env.LEAD_ROUTING_PACKAGE_DIR ?? findPackageRoot(__dirname));

/** The folder of this package's package.json, also when this file runs compiled from a build folder. */
function findPackageRoot(start: string): string {
	let dir = start;
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			readFileSync(manifest, 'utf8').includes(`"name": "${PACKAGE_NAME}"`) &&
			existsSync(join(dir, 'dist'))
		) {
			return dir;
		}
		const parent = dirname(dir);
		if (parent === dir)
			throw new Error(`Cannot find the built ${PACKAGE_NAME} package above ${start}; run npm run build`);
		dir = parent;
	}
}

/** The package folder the tests load (dist/ inside it). */
export function packageRoot(): string {
	return ROOT;
}

/**
 * A module of the built package. The engine runs the nodes from dist/, so their process-wide state (local store,
 * Redis clients, SMTP pools) lives in those modules, not in the TypeScript sources jest imports.
 */
export function builtModule<T>(relative: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(join(ROOT, 'dist', relative)) as T;
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** Loads dist/ once per test file, as n8n loads an installed community package. */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	if (!loaderPromise) {
		quietLogger();
		const loader = new PackageDirectoryLoader(ROOT);
		loaderPromise = loader.loadAll().then(() => loader);
	}
	return await loaderPromise;
}

function quietLogger() {
	const noop = () => {};
	const silent = { error: noop, warn: noop, info: noop, debug: noop, scoped: () => silent };
	Container.set(Logger, silent as unknown as Logger);
}

class PackageNodeTypes implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.loader.getNode(shortName(nodeType)).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return this.loader.known.nodes;
	}
}

function shortName(nodeType: string): string {
	return nodeType.startsWith(`${PACKAGE_NAME}.`) ? nodeType.slice(PACKAGE_NAME.length + 1) : nodeType;
}

/** Credentials for tests: plain objects keyed by credential type, never encrypted. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byType: Record<string, ICredentialDataDecryptedObject> = {}) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	/** Applies a credential type's generic `authenticate` block, resolving `{{$credentials.x}}` as n8n does. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const loader = await loadPackage();
		const type = loader.known.credentials[typeName] ? loader.getCredential(typeName).type : undefined;
		const generic = type?.authenticate;
		if (!generic || typeof generic === 'function' || generic.type !== 'generic')
			return requestOptions as IHttpRequestOptions;
		const original = requestOptions as unknown as IDataObject;
		const result: IDataObject = { ...original };
		for (const [target, values] of Object.entries(generic.properties)) {
			const resolved = Object.fromEntries(
				Object.entries(values as IDataObject).map(([key, value]) => [key, resolveCredentialValue(value, credentials)]),
			);
			result[target] = target === 'auth' ? resolved : { ...((original[target] as IDataObject) ?? {}), ...resolved };
		}
		return result as unknown as IHttpRequestOptions;
	}
	async runPreAuthentication() {
		return undefined;
	}
	getCredentialsProperties(): INodeProperties[] {
		return [];
	}
	async preAuthentication() {
		return undefined;
	}
	async getCredentials(_details: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
		throw new Error('not used in tests');
	}
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: unknown,
		_executeData?: unknown,
		_raw?: boolean,
		_expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.byType[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return found;
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
}

function resolveCredentialValue(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value
		.slice(1)
		.replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_all, name: string) => String(credentials[name] ?? ''));
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	staticData?: IDataObject;
	settings?: IDataObject;
}

export interface RunOptions {
	/** Name of the node that receives `input` (default: the first node). */
	startNode?: string;
	/** Items given to the start node's first input. */
	input?: IDataObject[];
	/** Items for further inputs of the start node (e.g. Match Account's Accounts input). */
	inputs?: IDataObject[][];
	/** Whole items (json and binary, e.g. a Webhook's raw body) for the start node's first input, instead of `input`. */
	items?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual' | 'webhook' | 'internal';
}

export interface RunResult {
	run: IRun;
	staticData: IDataObject;
	/** Output items per node per output index, last run of the node. */
	outputs(nodeName: string): IDataObject[][];
	error(nodeName?: string): string | undefined;
}

export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions = {}): Promise<RunResult> {
	const loader = await loadPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const workflow = new Workflow({
		id: workflowJson.id ?? 'test-workflow',
		name: workflowJson.name ?? 'test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		staticData: structuredClone(options.staticData ?? workflowJson.staticData ?? {}),
		settings: { executionOrder: 'v1', ...(workflowJson.settings ?? {}) },
	});
	const startName = options.startNode ?? workflowJson.nodes[0].name;
	const startNode = workflow.getNode(startName);
	if (!startNode) throw new Error(`No node named ${startName}`);

	const inputs = options.inputs ?? [options.input ?? [{}]];
	const main: INodeExecutionData[][] = options.items
		? [options.items]
		: inputs.map((items) => items.map((json) => ({ json })));
	const mode = options.mode ?? 'trigger';
	const workflowData = workflowJson as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, `exec-${Math.random().toString(36).slice(2)}`, workflowData);

	const done = new Promise<{ run: IRun; staticData: IDataObject }>((resolvePromise) => {
		hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => {
			resolvePromise({ run, staticData: newStaticData });
		});
	});

	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in tests');
		},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'test-user',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	// The input arrives as the output of a recorded predecessor, as in a real workflow: n8n resolves paired items
	// through it (e.g. merging the lead back into an item sent to the error output).
	const runData = createRunExecutionData({
		resultData: {
			runData: { [INPUT_NODE]: [{ startTime: 0, executionTime: 0, executionIndex: 0, source: [], data: { main } }] },
		},
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main },
					source: {
						main: main.map((_, k) => ({ previousNode: INPUT_NODE, previousNodeOutput: k, previousNodeRun: 0 })),
					},
				},
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, mode, runData);
	await execution.processRunExecutionData(workflow);
	const { run, staticData } = await done;

	return {
		run,
		staticData,
		outputs(nodeName: string) {
			const tasks = run.data.resultData.runData[nodeName];
			if (!tasks?.length) return [];
			const last = tasks[tasks.length - 1];
			return (last.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
		},
		error(nodeName?: string) {
			if (nodeName) {
				const tasks = run.data.resultData.runData[nodeName];
				return tasks?.[tasks.length - 1]?.error?.message;
			}
			return run.data.resultData.error?.message;
		},
	};
}

/** A one-node workflow: the node under test, fed the given items directly. */
export function singleNode(type: string, parameters: INode['parameters'], extra: Partial<INode> = {}): WorkflowJson {
	const node: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: type.includes('.') ? type : `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...extra,
	};
	return { nodes: [node], connections: {} };
}

export async function runNode(
	type: string,
	parameters: INode['parameters'],
	options: RunOptions & { node?: Partial<INode> } = {},
): Promise<RunResult & { out: IDataObject[][] }> {
	const result = await runWorkflow(singleNode(type, parameters, options.node), options);
	return { ...result, out: result.outputs('Node') };
}
