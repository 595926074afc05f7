/** The settings Route and Reassign share: roster, rules, fallback queue and options (spread by each operation). */
import type { INodeProperties } from 'n8n-workflow';
import { rosterProperties } from './roster.description';
import { ruleFields } from './rule.description';

export const routingProperties: INodeProperties[] = [
	...rosterProperties,
	{
		displayName: 'Routing Rules',
		name: 'rules',
		placeholder: 'Add Routing Rule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description: 'Tried in order; the first rule that matches and finds an eligible owner wins',
		options: [{ name: 'values', displayName: 'Rule', values: ruleFields }],
	},
	{
		displayName: 'Fallback Queue Name',
		name: 'fallbackQueueName',
		type: 'string',
		default: 'Unassigned Leads',
		required: true,
	},
	{
		displayName: 'Fallback Owner ID',
		name: 'fallbackOwnerId',
		type: 'string',
		default: '',
		required: true,
		description: 'Who watches the fallback queue, so that no lead is ever left without an owner',
	},
	{ displayName: 'Fallback Owner Name', name: 'fallbackOwnerName', type: 'string', default: '' },
	{
		displayName: 'Fallback Owner Email',
		name: 'fallbackOwnerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Fallback Team Booking Link',
		name: 'fallbackBookingUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://cal.com/team/sales',
		description:
			"Where a lead in the fallback queue books a meeting (routing.ownerBookingUrl), so a lead nobody could take still gets a next step. Empty = the fallback owner's own booking link when they are in the roster.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Capacity Time Zone',
				name: 'capacityTimeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description: "Where a capacity day and week begin; empty = the workflow's time zone",
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to decide and record the decision without advancing any counter',
			},
			{
				displayName: 'Evaluate At',
				name: 'evaluateAt',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.submittedAt }}',
				description:
					"The moment to decide at (ISO 8601), per lead: working hours, out-of-office and capacity days are read at that time. For replays and previews, e.g. who would have got Monday's leads. Empty means now.",
			},
			{
				displayName: 'Ignore Case',
				name: 'ignoreCase',
				type: 'boolean',
				default: false,
				description: 'Whether to ignore letter case in rule conditions',
			},
			{
				displayName: 'Less Strict Type Validation',
				name: 'looseTypeValidation',
				type: 'boolean',
				default: false,
				description: 'Whether rule conditions convert value types (e.g. "5" to 5)',
			},
			{
				displayName: 'One Output per Rule',
				name: 'outputPerRule',
				type: 'boolean',
				default: false,
				description: 'Whether each rule gets its own output (plus Fallback) instead of one Assigned output',
			},
			{
				displayName: 'Re-Route SLA Breaches',
				name: 'slaReroute',
				type: 'boolean',
				default: true,
				description:
					'Whether a lead whose SLA was breached (sla.status "breached") skips its current owner (routing.ownerId)',
			},
			{
				displayName: 'Replay',
				name: 'replay',
				type: 'boolean',
				default: false,
				description:
					'Whether to replay past leads: a dry run whose turns and capacity are counted in scratch counters that start empty for this execution, so a batch is spread as it would have been. The state store is not used.',
			},
		],
	},
];
