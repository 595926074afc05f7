import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Roster } from '../../lib/route/roster';
import { summarizeStats } from '../../lib/route/stats';
import { windowsAt } from '../../lib/store/windows';
import { failedItem, toNodeError } from '../shared/errors';
import { rosterReader, routeStore } from './helpers';

/** One item with per-rep assignments, fallback rate and last assignment, for health alerts and reports. */
export async function routingStats(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		const { timeZone } = this.getNodeParameter('statsOptions', 0, {}) as { timeZone?: string };
		const zone = (timeZone ?? '').trim() || this.getTimezone();
		const store = await routeStore(this);
		let roster: Roster | undefined;
		try {
			roster = this.getInputData().length ? rosterReader(this)(0) : undefined;
		} catch {
			// Names are a convenience here; statistics come from the store alone.
			roster = undefined;
		}
		const stats = await store.stats(windowsAt(Date.now(), zone));
		const json = summarizeStats(stats, zone, roster) as unknown as IDataObject;
		return [[{ json, pairedItem: { item: 0 } }]];
	} catch (error) {
		return [[failedItem(this, 0, error)]];
	}
}

/** Lowers the open-lead count of each lead's owner, so the capacity of open leads frees up. */
export async function releaseLeads(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
