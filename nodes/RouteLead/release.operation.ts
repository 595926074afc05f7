/** Release Open Lead: lower the open-lead count of each lead's owner, so the capacity of open leads frees up. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { releaseOpenLead } from '../../lib/route/release';
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
			const release = await releaseOpenLead(store, items[i].json.routing);
			out.push({ json: { ...items[i].json, release }, pairedItem: { item: i } });
		} catch (error) {
			out.push(failedItem(this, i, error));
		}
	}
	return [out];
}
