/** Compute Only: add the due time to the lead without recording a timer, e.g. for a Wait node. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { evaluateAtOption, leadIdProperty, optionsProperty } from './common.description';
import { clockProperties, planOptions, tierProperties } from './plan.description';
import { planTimers } from './plan';

// The lead ID names the computed timer (sla.key); without this field it could only be the email.
const properties: INodeProperties[] = [
	leadIdProperty,
	...tierProperties,
	...clockProperties,
	optionsProperty([...planOptions, evaluateAtOption]),
];

const displayOptions = { show: { operation: ['compute'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await planTimers.call(this, false);
}
