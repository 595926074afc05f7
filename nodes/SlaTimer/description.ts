import type { INodeProperties } from 'n8n-workflow';
import { storeProperties, storePropertiesWhen } from '../shared/store';
import * as check from './check.operation';
import { evaluateAtOption, optionsProperty } from './common.description';
import * as compute from './compute.operation';
import * as start from './start.operation';
import * as stats from './stats.operation';
import * as stop from './stop.operation';

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Check',
			value: 'check',
			action: 'Emit timers that reached a level',
			description: 'Emit each timer that reached its warning, breach or an escalation level, once',
		},
		{
			name: 'Compute Only',
			value: 'compute',
			action: 'Compute the due time without a timer',
			description: 'Add the due time to the lead without recording a timer, e.g. for a Wait node',
		},
		{
			name: 'Get Stats',
			value: 'stats',
			action: 'Get response time and SLA statistics',
			description:
				'Leads started, answered, breached and escalated in a period, response time percentiles and compliance per tier',
		},
		{
			name: 'Start',
			value: 'start',
			action: 'Start the response timer of a lead',
			description: 'Choose the tier, compute the due time in business hours and record the timer',
		},
		{
			name: 'Stop',
			value: 'stop',
			action: 'Stop the timer when the lead got a response',
			description: 'Close the timer and report whether the SLA was met, with the response time',
		},
	],
	default: 'start',
};

export const slaTimerProperties: INodeProperties[] = [
	operationProperty,
	...storePropertiesWhen({ operation: ['start', 'stop', 'check', 'stats'] }),
	...start.description,
	...stop.description,
	...compute.description,
	...check.description,
	...stats.description,
];

/** The trigger runs Check only: the store block and the options that apply to a check. */
export const triggerProperties: INodeProperties[] = [
	...storeProperties,
	optionsProperty([
		evaluateAtOption,
		{
			displayName: 'Max Items per Poll',
			name: 'maxItems',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			description: 'Levels beyond this number wait for the next poll',
		},
	]),
];
