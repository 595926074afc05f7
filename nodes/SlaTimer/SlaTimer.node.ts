import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

// Placeholder so the package loads while the real node is being written.
export class SlaTimer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SLA Timer',
		name: 'slaTimer',
		icon: 'file:slaTimer.svg',
		group: ['transform'],
		version: 1,
		description: 'SLA Timer (placeholder)',
		defaults: { name: 'SLA Timer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
