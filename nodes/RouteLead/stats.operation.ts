/** Get Stats: one item with per-rep assignments, fallback rate and last assignment, for health alerts and reports. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Roster } from '../../lib/route/roster';
import { summarizeStats } from '../../lib/route/stats';
import { windowsAt } from '../../lib/store/windows';
import { failedItem } from '../shared/errors';
import { rosterReader, routeStore } from './helpers';
import { rosterProperties } from './roster.description';

const properties: INodeProperties[] = [
	...rosterProperties,
	{
		displayName: 'Stats Options',
		name: 'statsOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				description: 'Where "today" and "this week" begin; empty = the workflow\'s time zone',
			},
		],
	},
];

const displayOptions = { show: { operation: ['stats'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
