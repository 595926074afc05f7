import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { storeCredentialTests } from '../shared/store';
import { slaTimerProperties } from './description';
import { router } from './router';

// Serialized into an expression by n8n, so it must be self-contained.
const configuredOutputs = (parameters: INodeParameters) => {
	const operation = parameters.operation ?? 'start';
	const names =
		operation === 'check'
			? ['Warning', 'Breached', 'Escalated']
			: operation === 'stats'
				? ['Stats']
				: [operation === 'stop' ? 'Stopped' : operation === 'compute' ? 'Computed' : 'Started', 'Flagged'];
	return names.map((name) => ({ type: 'main', displayName: name }));
};

export class SlaTimer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SLA Timer',
		name: 'slaTimer',
		icon: 'file:slaTimer.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Track lead response SLAs in business hours: start, stop, and warn or escalate exactly once',
		defaults: { name: 'SLA Timer' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{
				name: 'leadRoutingRedisApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'], operation: ['start', 'stop', 'check', 'stats'] } },
				testedBy: 'leadRoutingRedisConnectionTest',
			},
		],
		properties: slaTimerProperties,
	};

	methods = { credentialTest: storeCredentialTests };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
