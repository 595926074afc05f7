/** The fields of one routing rule: its conditions and whom it assigns. */
import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_POOL_STRATEGY, POOL_STRATEGIES, type StrategySpec } from '../../lib/store/strategies';

// From the strategy table, sorted by name as the editor lists options.
const STRATEGY_OPTIONS: INodePropertyOptions[] = Object.entries(POOL_STRATEGIES as Record<string, StrategySpec>)
	.map(([value, spec]) => ({ name: spec.label, value, ...(spec.description ? { description: spec.description } : {}) }))
	.sort((a, b) => a.name.localeCompare(b.name));

export const ruleFields: INodeProperties[] = [
	{ displayName: 'Rule Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. EMEA Enterprise' },
	{
		displayName: 'Conditions',
		name: 'conditions',
		placeholder: 'Add Condition',
		type: 'filter',
		default: {},
		description: 'Leave empty to match every lead',
		typeOptions: {
			filter: {
				caseSensitive: '={{!$parameter.options.ignoreCase}}',
				typeValidation: '={{$parameter.options.looseTypeValidation ? "loose" : "strict"}}',
				version: 2,
			},
		},
	},
	{
		displayName: 'Assign To',
		name: 'assignTo',
		type: 'options',
		options: [
			{
				name: 'Account Owner',
				value: 'accountOwner',
				description: 'The owner found by Match Account (match.ownerId or match.ownerEmail)',
			},
			{ name: 'Named Queue', value: 'queue', description: 'A queue with an owner, e.g. a CRM queue' },
			{ name: 'Pool of Reps', value: 'pool', description: 'A team (or everyone) with a strategy' },
			{ name: 'Specific Rep', value: 'specificRep' },
		],
		default: 'pool',
	},
	{
		displayName: 'Rep ID',
		name: 'repId',
		type: 'string',
		default: '',
		displayOptions: { show: { assignTo: ['specificRep'] } },
		description: 'ID or email of a rep in the roster',
	},
	{
		displayName: 'Team',
		name: 'team',
		type: 'string',
		default: '',
		displayOptions: { show: { assignTo: ['pool'] } },
		description: 'Leave empty to use the whole roster',
	},
	{
		displayName: 'Strategy',
		name: 'strategy',
		type: 'options',
		displayOptions: { show: { assignTo: ['pool'] } },
		options: STRATEGY_OPTIONS,
		default: DEFAULT_POOL_STRATEGY,
	},
	{
		displayName: 'Queue Name',
		name: 'queueName',
		type: 'string',
		default: '',
		displayOptions: { show: { assignTo: ['queue'] } },
	},
	{
		displayName: 'Queue Owner ID',
		name: 'queueOwnerId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { assignTo: ['queue'] } },
		description: 'Who owns the leads in this queue (routing.ownerId)',
	},
	{
		displayName: 'Team Booking Link',
		name: 'teamBookingUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://cal.com/team/enterprise',
		displayOptions: { show: { assignTo: ['queue'] } },
		description:
			"Where a lead in this queue books a meeting (routing.ownerBookingUrl); empty = the queue owner's own booking link",
	},
	{
		displayName: 'Required Skills',
		name: 'requiredSkills',
		type: 'string',
		default: '',
		placeholder: 'e.g. German',
		displayOptions: { hide: { assignTo: ['queue'] } },
		description: 'Comma-separated; a rep needs all of them',
	},
	{
		displayName: 'Only During Working Hours',
		name: 'respectWorkingHours',
		type: 'boolean',
		default: false,
		displayOptions: { hide: { assignTo: ['queue'] } },
		description: 'Whether to skip reps outside their working hours',
	},
	{
		displayName: 'If Nobody Is Eligible',
		name: 'onNoEligible',
		type: 'options',
		displayOptions: { hide: { assignTo: ['queue'] } },
		options: [
			{ name: 'Go to Fallback Queue', value: 'fallback' },
			{ name: 'Try Next Rule', value: 'nextRule' },
		],
		default: 'nextRule',
	},
];
