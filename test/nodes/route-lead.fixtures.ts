/** Workflow parameters for Route Lead engine tests (not a test file itself). */
import type { IDataObject, INode } from 'n8n-workflow';
import { builtModule, runWorkflow, singleNode, type RunOptions } from '../helpers/engine';

export const REDIS_CREDENTIALS = { host: '127.0.0.1', port: 6379, database: 0, user: '', password: '', ssl: false };

export function condition(field: string, operation: string, rightValue: unknown, type = 'string'): IDataObject {
	return {
		id: `${field}-${operation}`,
		leftValue: `={{ $json.${field} }}`,
		rightValue: rightValue as string,
		operator: {
			type,
			operation,
			...(['exists', 'notExists', 'true', 'false'].includes(operation) ? { singleValue: true } : {}),
		},
	};
}

export function conditions(...list: IDataObject[]): IDataObject {
	return {
		options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
		conditions: list,
		combinator: 'and',
	};
}

export function rule(name: string, extra: IDataObject = {}, when: IDataObject[] = []): IDataObject {
	return {
		name,
		conditions: conditions(...when),
		assignTo: 'pool',
		strategy: 'roundRobin',
		onNoEligible: 'nextRule',
		...extra,
	};
}

export const REPS: IDataObject[] = [
	{
		id: 'ana',
		name: 'Ana',
		email: 'ana@x.com',
		teams: 'emea',
		skills: 'german',
		priority: 2,
		timeZone: 'Europe/Berlin',
	},
	{ id: 'bo', name: 'Bo', email: 'bo@x.com', teams: 'emea', priority: 1, timeZone: 'Europe/London' },
	{ id: 'cy', name: 'Cy', email: 'cy@x.com', teams: 'us', timeZone: 'America/New_York' },
	{ id: 'di', name: 'Di', email: 'di@x.com', teams: 'us', timeZone: 'America/Chicago', active: false },
];

export function routeParams(rules: IDataObject[], extra: IDataObject = {}, reps: IDataObject[] = REPS): IDataObject {
	return {
		operation: 'route',
		rosterSource: 'node',
		roster: { reps },
		rules: { values: rules },
		fallbackQueueName: 'Unassigned',
		fallbackOwnerId: 'ops',
		fallbackOwnerName: 'Ops Desk',
		fallbackOwnerEmail: 'ops@x.com',
		...extra,
	};
}

export function equalReps(n: number, weights: number[] = []): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({ id: `rep${i + 1}`, name: `Rep ${i + 1}`, weight: weights[i] ?? 1 }));
}

export const resetBuiltLocalState = () =>
	builtModule<{ resetLocalState(): void }>('lib/store/static/state.js').resetLocalState();
export const closeBuiltRedisClients = async () =>
	await builtModule<{ closeAllRedisClients(): Promise<void> }>('lib/store/redis/connection.js').closeAllRedisClients();

let workflowCounter = 0;

/** Runs Route Lead as a one-node workflow with its own workflow id (local state is per workflow). */
export async function runRouteLead(
	params: IDataObject,
	input: IDataObject[],
	options: RunOptions & { workflowId?: string; node?: Partial<INode> } = {},
) {
	const workflow = singleNode('routeLead', params as INode['parameters'], options.node);
	workflow.id = options.workflowId ?? `route-${process.pid}-${++workflowCounter}`;
	if (options.credentials) workflow.nodes[0].credentials = { leadRoutingRedisApi: { id: 'redis-1', name: 'Redis' } };
	const result = await runWorkflow(workflow, { input, ...options });
	return { ...result, out: result.outputs('Node'), workflowId: workflow.id };
}
