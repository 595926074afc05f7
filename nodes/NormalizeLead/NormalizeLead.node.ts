import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

// Placeholder so the package loads while the real node is being written.
export class NormalizeLead implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Normalize Lead',
		name: 'normalizeLead',
		icon: 'file:normalizeLead.svg',
		group: ['transform'],
		version: 1,
		description: 'Normalize Lead (placeholder)',
		defaults: { name: 'Normalize Lead' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
