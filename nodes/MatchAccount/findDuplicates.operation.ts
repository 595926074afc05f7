/** Find Duplicates: each lead against existing contacts or leads on the second input, out by Duplicate or New. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { DuplicateFinder } from '../../lib/match/duplicates';
import { failedItem } from '../shared/errors';
import { configured, unexpected } from './helpers';
import { readNameThreshold } from './params';

const properties: INodeProperties[] = [
	{
		displayName:
			'Connect leads to the first input and existing contacts or leads to the second. Each lead leaves by Duplicate or New with a "duplicate" object explaining the decision.',
		name: 'duplicatesNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'duplicateOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Name Threshold',
				name: 'nameThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.85,
				description:
					'Similarity (0–1) both the person name and the company name need for a duplicate without the same email',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { mode: ['findDuplicates'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const leads = this.getInputData(0);
	const existing = this.getInputData(1).map((item) => item.json);
	const finder = new DuplicateFinder(
		existing,
		configured(this, () => readNameThreshold(this)),
	);
	const out: INodeExecutionData[][] = [[], []];
	for (let i = 0; i < leads.length; i++) {
		try {
			const duplicate = finder.find(leads[i].json);
			out[duplicate.method === 'none' ? 1 : 0].push({ json: { ...leads[i].json, duplicate }, pairedItem: { item: i } });
		} catch (error) {
			out[1].push(failedItem(this, i, unexpected(error, i)));
		}
	}
	return out;
}
