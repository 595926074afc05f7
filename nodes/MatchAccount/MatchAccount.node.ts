import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { properties } from './description';
import { router } from './router';

// Evaluated by n8n (editor and engine) from the parameters as expression text, so they must be self-contained:
// no imports, hence the literal 'main' instead of NodeConnectionTypes.Main.
const configuredInputs = (parameters: INodeParameters) => [
	{ type: 'main', displayName: 'Leads' },
	{ type: 'main', displayName: parameters.mode === 'findDuplicates' ? 'Existing Records' : 'Accounts' },
];

const configuredOutputs = (parameters: INodeParameters) => {
	if (parameters.mode === 'findDuplicates') {
		return [
			{ type: 'main', displayName: 'Duplicate' },
			{ type: 'main', displayName: 'New' },
		];
	}
	const outputs = [
		{ type: 'main', displayName: 'Matched' },
		{ type: 'main', displayName: 'Unmatched' },
	];
	const options = parameters.options as { reviewOutput?: boolean } | undefined;
	if (options && options.reviewOutput === true) outputs.push({ type: 'main', displayName: 'Review' });
	return outputs;
};

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- takes two inputs (leads and accounts); a tool gets one
export class MatchAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Match Account',
		name: 'matchAccount',
		icon: 'file:matchAccount.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "findDuplicates" ? "Find duplicates" : "Match to accounts"}}',
		description: 'Match leads to existing accounts and owners, or find leads that already exist',
		defaults: { name: 'Match Account' },
		inputs: `={{(${configuredInputs})($parameter)}}`,
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
