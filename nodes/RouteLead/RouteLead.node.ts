import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { storeCredentialTests } from '../shared/store';
import { routeLeadProperties } from './description';
import { router } from './router';

// Evaluated by n8n from its source text (like Switch v3), so it must not use anything from outside itself.
const configuredOutputs = (parameters: INodeParameters) => {
	if (parameters.operation === 'stats' || parameters.operation === 'release') {
		return [{ type: 'main', displayName: 'Output' }];
	}
	const options = (parameters.options ?? {}) as { outputPerRule?: boolean };
	if (!options.outputPerRule) {
		return [
			{ type: 'main', displayName: 'Assigned' },
			{ type: 'main', displayName: 'Fallback' },
		];
	}
	const rules = ((parameters.rules ?? {}) as { values?: Array<{ name?: string }> }).values ?? [];
	return [
		...rules.map((rule, i) => ({ type: 'main', displayName: rule.name || 'Rule ' + (i + 1) })),
		{ type: 'main', displayName: 'Fallback' },
	];
};

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- each run advances shared turns and capacity; an agent's retries must not
export class RouteLead implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Route Lead',
		name: 'routeLead',
		icon: 'file:routeLead.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Assign each lead to a rep by ordered rules and fair strategies, with a fallback queue that always exists',
		defaults: { name: 'Route Lead' },
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		// Written out because n8n's lint rules read this array literally.
		credentials: [
			{
				name: 'leadRoutingRedisApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'leadRoutingRedisConnectionTest',
			},
		],
		properties: routeLeadProperties,
	};

	methods = { credentialTest: storeCredentialTests };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
