import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

// Placeholder so the package loads while the real node is being written.
export class AutoRespond implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auto-Respond',
		name: 'autoRespond',
		icon: 'file:autoRespond.svg',
		group: ['transform'],
		version: 1,
		description: 'Auto-Respond (placeholder)',
		defaults: { name: 'Auto-Respond' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
