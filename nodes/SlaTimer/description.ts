import type { INodeProperties } from 'n8n-workflow';
import { storeProperties } from '../shared/store';
import { clockProperties, tierProperties } from './plan.description';

const STORE_OPERATIONS = ['start', 'stop', 'check'];
const PLAN_OPERATIONS = ['start', 'compute'];

const show = (operation: string[], extra: Record<string, string[]> = {}) => ({ show: { operation, ...extra } });
// Inside the Options collection a leading slash refers to the node's top-level Operation.
const showInOptions = (operation: string[]) => ({ show: { '/operation': operation } });

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

const leadId: INodeProperties = {
	displayName: 'Lead ID Field',
	name: 'leadIdField',
	type: 'string',
	default: 'email',
	placeholder: 'e.g. routing.decisionId',
	displayOptions: show(['start', 'stop']),
	description:
		'Field (dot path) holding the ID that identifies the lead\'s timer. Start and Stop must use the same ID, e.g. the email or a CRM ID.',
};

const evaluateAt: INodeProperties = {
	displayName: 'Evaluate At',
	name: 'evaluateAt',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2026-11-17T10:00:00Z',
	description: 'Date to use as the current time (ISO 8601), for replaying past events and testing. Empty means now.',
};

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Default Tier',
			name: 'defaultTier',
			type: 'string',
			default: '',
			displayOptions: showInOptions(PLAN_OPERATIONS),
			placeholder: 'e.g. warm',
			description:
				'Tier for leads no tier takes (no score, an unknown segment, no condition true); the reason is in sla.notes. Empty uses the last tier in the table.',
		},
		evaluateAt,
		{
			displayName: 'Keep Finished Timers (Days)',
			name: 'retentionDays',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			displayOptions: showInOptions(['start']),
			description: 'How long a timer is kept after its last level, so a late Stop can still measure the response',
		},
		{
			displayName: 'Keep Full Lead in Timer',
			name: 'keepFullLead',
			type: 'boolean',
			default: false,
			displayOptions: showInOptions(['start']),
			description:
				'Whether each timer keeps the whole lead, including "raw" and the match candidates. Off keeps the rest of the lead, which is what reminders and re-routing use, and keeps the state small.',
		},
		{
			displayName: 'Max Items per Check',
			name: 'maxItems',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			displayOptions: showInOptions(['check']),
			description: 'Levels beyond this number wait for the next check',
		},
		{
			displayName: 'Max Start Age (Hours)',
			name: 'maxStartAgeHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 24,
			displayOptions: showInOptions(PLAN_OPERATIONS),
			description:
				'Oldest start time accepted. A Started At older than this (or more than 5 minutes ahead) goes to the Flagged output; such a submittedAt starts the clock now, with a note.',
		},
		{
			displayName: 'Responded At',
			name: 'respondedAt',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.activity.timestamp }}',
			displayOptions: showInOptions(['stop']),
			description: 'When the lead got the first response (ISO 8601). Empty means now.',
		},
		{
			displayName: 'Started At',
			name: 'startedAt',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.routing.assignedAt }}',
			displayOptions: showInOptions(PLAN_OPERATIONS),
			description: 'When the clock starts (ISO 8601). Empty means when the lead arrived (its submittedAt), or now when it has none.',
		},
	],
};

export const slaTimerProperties: INodeProperties[] = [
	operationProperty,
	...storeProperties.map((property) => ({ ...property, displayOptions: show(STORE_OPERATIONS) })),
	leadId,
	...tierProperties,
	...clockProperties,
	optionsProperty,
];

/** The trigger runs Check only: the store block and the options that apply to a check. */
export const triggerProperties: INodeProperties[] = [
	...storeProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			evaluateAt,
			{
				displayName: 'Max Items per Poll',
				name: 'maxItems',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'Levels beyond this number wait for the next poll',
			},
		],
	},
];
