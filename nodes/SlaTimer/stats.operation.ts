/** Get Stats: one item with speed-to-lead, breaches and compliance for a period, from the SLA history of the store. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import { MAX_RECORDS, PeriodName, resolvePeriod, StatsGroupBy, summarizeSla } from '../../lib/sla/stats';
import { readInstant } from '../../lib/sla/timer';
import { failedItem } from '../shared/errors';
import { evaluateAtOption, optionsProperty } from './common.description';
import { evaluationTime, readOptions } from './settings';
import { openTimerStore } from './timer-store';

const properties: INodeProperties[] = [
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		options: [
			{ name: 'Custom Range', value: 'custom' },
			{ name: 'Last 30 Days', value: 'last30Days' },
			{ name: 'Last 7 Days', value: 'last7Days' },
			{ name: 'Today', value: 'today' },
		],
		default: 'last7Days',
		description: 'Leads whose timer started in this period. Days begin at midnight in the time zone.',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { period: ['custom'] } },
		description: 'End of the period (not included)',
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'options',
		options: [
			{ name: 'Rep', value: 'rep', description: 'The owner in the routing record' },
			{ name: 'Routing Rule', value: 'rule' },
			{ name: 'Source', value: 'source', description: "The lead's source field" },
			{ name: 'Tier', value: 'tier' },
		],
		default: 'rep',
	},
	optionsProperty([
		evaluateAtOption,
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Europe/Berlin',
			description: "Where days begin; empty = the workflow's time zone",
		},
	]),
];

const displayOptions = { show: { operation: ['stats'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function customRange(ctx: IExecuteFunctions, now: number): { from: number; to: number } {
	const read = (name: string, label: string) => {
		const value = readInstant(ctx.getNodeParameter(name, 0, ''), now, label);
		if (!value.ok) throw new LeadRoutingError(value.reason, 'Enter an ISO 8601 date such as 2026-11-01T00:00:00Z.');
		return value.ms;
	};
	return { from: read('from', 'From'), to: read('to', 'To') };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		const options = readOptions(this, 0);
		const now = evaluationTime(options);
		const zone = String(options.timeZone ?? '').trim() || this.getTimezone();
		const name = this.getNodeParameter('period', 0, 'last7Days') as PeriodName;
		const period = resolvePeriod(name, now, zone, name === 'custom' ? customRange(this, now) : undefined);
		const groupBy = this.getNodeParameter('groupBy', 0, 'rep') as StatsGroupBy;
		const opened = await openTimerStore(this);
		const records = await opened.run(
			async (_store, history) => await history.list(period.from, period.to, MAX_RECORDS),
		);
		const report = summarizeSla(records, period, groupBy, now, records.length >= MAX_RECORDS);
		return [[{ json: report as unknown as IDataObject, pairedItem: { item: 0 } }]];
	} catch (error) {
		return [[failedItem(this, 0, error)]];
	}
}
