/** Route: assign each lead to a rep, a queue or the fallback queue, with the decision recorded on the item. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { decide } from '../../lib/route/decide';
import { carriedHistory } from '../../lib/route/history';
import { routeItems } from './routing';
import { routingProperties } from './routing.description';

const properties: INodeProperties[] = [...routingProperties];

const displayOptions = { show: { operation: ['route'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, async (input) => ({
		decision: await decide({
			...input,
			history: carriedHistory(input.lead.routing, new Date(input.now).toISOString()),
		}),
	}));
}
