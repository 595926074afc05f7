import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

// Placeholder so the package loads while the real node is being written.
export class MatchAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Match Account',
		name: 'matchAccount',
		icon: 'file:matchAccount.svg',
		group: ['transform'],
		version: 1,
		description: 'Match Account (placeholder)',
		defaults: { name: 'Match Account' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
