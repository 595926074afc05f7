/**
 * Reassign: the owner declined the lead or did not answer. Gives back their open lead and routes the lead again
 * through the same rules, never to anyone who declined it or let it go unanswered (routing.history).
 */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { reassign } from '../../lib/route/reassign';
import { itemValue } from './expressions';
import { routeItems } from './routing';
import { routingProperties } from './routing.description';

const properties: INodeProperties[] = [
	{
		displayName: 'Previous Decision',
		name: 'previousDecision',
		type: 'json',
		default: '={{ $json.routing }}',
		required: true,
		description:
			'The lead\'s current Route Lead record (its "routing" field). Its owner gives the lead up: their open lead is released and they join routing.history.',
	},
	{
		displayName: 'Why',
		name: 'why',
		type: 'options',
		options: [
			{ name: 'Declined', value: 'declined', description: 'The owner declined the lead' },
			{ name: 'No Answer', value: 'no-answer', description: 'The owner did not claim the lead in time' },
		],
		default: 'declined',
		description:
			'Recorded in routing.history and in skipped; the lead never goes back to an owner who declined or did not answer',
	},
	...routingProperties,
];

const displayOptions = { show: { operation: ['reassign'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const previous = itemValue(this, 'previousDecision', undefined);
	const why = itemValue(this, 'why', 'declined');
	return await routeItems(this, async (input, i) => {
		const { decision, release } = await reassign({ ...input, previous: previous.at(i), why: why.at(i) });
		return { decision, extra: { release } };
	});
}
