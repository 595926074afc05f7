import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

// Placeholder so the package loads while the real node is being written.
export class RouteLead implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Route Lead',
		name: 'routeLead',
		icon: 'file:routeLead.svg',
		group: ['transform'],
		version: 1,
		description: 'Route Lead (placeholder)',
		defaults: { name: 'Route Lead' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
