import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { storeCredentialTests } from '../shared/store';
import { runCheck } from './check';
import { slaTimerProperties } from './description';
import { failedItem, toNodeError } from '../shared/errors';
import { evaluationTime, numberOption, readOptions } from './settings';
import { startOrCompute } from './start.operation';
import { stop } from './stop.operation';

// Serialized into an expression by n8n, so it must be self-contained.
const configuredOutputs = (parameters: INodeParameters) => {
	const operation = parameters.operation ?? 'start';
	const names =
		operation === 'check'
			? ['Warning', 'Breached', 'Escalated']
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
				displayOptions: { show: { stateStore: ['redis'], operation: ['start', 'stop', 'check'] } },
				testedBy: 'leadRoutingRedisConnectionTest',
			},
		],
		properties: slaTimerProperties,
	};

	methods = { credentialTest: storeCredentialTests };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0, 'start') as string;
		if (operation === 'stop') return await stop.call(this);
		if (operation === 'check') {
			let now: number;
			let maxItems: number;
			try {
				const options = readOptions(this, 0);
				now = evaluationTime(options);
				maxItems = numberOption(options, 'maxItems', 'Max Items per Check', 1000, 1);
			} catch (error) {
				throw toNodeError(this.getNode(), error);
			}
			let checked;
			try {
				checked = await runCheck(this, now, maxItems);
			} catch (error) {
				return [[failedItem(this, 0, error)], [], []];
			}
			const outputs: INodeExecutionData[][] = [[], [], []];
			const slot = { warning: 0, breached: 1, escalated: 2 } as const;
			// Check runs once per execution, whatever its input; every emitted item pairs with the first input item.
			for (const item of checked) outputs[slot[item.level]].push({ json: item.json, pairedItem: { item: 0 } });
			return outputs;
		}
		return await startOrCompute.call(this, operation !== 'compute');
	}
}
