/** Start: choose the tier, compute the due time in business hours and record the timer. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { evaluateAtOption, leadIdProperty, optionsProperty } from './common.description';
import { clockProperties, planOptions, tierProperties } from './plan.description';
import { planTimers } from './plan';

const properties: INodeProperties[] = [
	leadIdProperty,
	...tierProperties,
	...clockProperties,
	optionsProperty([
		...planOptions,
		evaluateAtOption,
		{
			displayName: 'Keep Finished Timers (Days)',
			name: 'retentionDays',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long a timer is kept after its last level, so a late Stop can still measure the response',
		},
		{
			displayName: 'Keep Full Lead in Timer',
			name: 'keepFullLead',
			type: 'boolean',
			default: false,
			description:
				'Whether each timer keeps the whole lead, including "raw" and the match candidates. Off keeps the rest of the lead, which is what reminders and re-routing use, and keeps the state small.',
		},
	]),
];

const displayOptions = { show: { operation: ['start'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await planTimers.call(this, true);
}
