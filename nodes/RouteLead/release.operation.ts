/** Release Open Lead: lower the open-lead count of each lead's owner, so the capacity of open leads frees up. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { failedItem, toNodeError } from '../shared/errors';
import { routeStore } from './helpers';

// The owner comes from the lead (routing.ownerId); the store block is the only setting.
const properties: INodeProperties[] = [];

const displayOptions = { show: { operation: ['release'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	let store;
	try {
		store = await routeStore(this);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	for (let i = 0; i < items.length; i++) {
		try {
			const routing = items[i].json.routing;
			const ownerId =
				typeof routing === 'object' && routing !== null && !Array.isArray(routing) ? (routing as IDataObject).ownerId : undefined;
			const release =
				typeof ownerId === 'string' && ownerId
					? { released: true, ownerId, open: await store.release(ownerId) }
					: { released: false, reason: 'The item has no routing.ownerId (route it with Route Lead first)' };
			out.push({ json: { ...items[i].json, release }, pairedItem: { item: i } });
		} catch (error) {
			out.push(failedItem(this, i, error));
		}
	}
	return [out];
}
