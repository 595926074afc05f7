/** SLA Timer UI blocks used by more than one operation (and by the SLA Timer Trigger). */
import type { INodeProperties } from 'n8n-workflow';

export const leadIdProperty: INodeProperties = {
	displayName: 'Lead ID Field',
	name: 'leadIdField',
	type: 'string',
	default: 'email',
	placeholder: 'e.g. routing.decisionId',
	description:
		"Field (dot path) holding the ID that identifies the lead's timer. Start and Stop must use the same ID, e.g. the email or a CRM ID.",
};

export const evaluateAtOption: INodeProperties = {
	displayName: 'Evaluate At',
	name: 'evaluateAt',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2026-11-17T10:00:00Z',
	description: 'Date to use as the current time (ISO 8601), for replaying past events and testing. Empty means now.',
};

/** The "Options" collection of one operation, its entries in alphabetical order as n8n's editor expects. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
