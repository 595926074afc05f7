/** SLA Timer UI shared by Start and Compute Only: the tier table, the business-hours clock and their options. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

// Calendar order reads better than alphabetical for weekdays.
const WEEKDAYS: INodePropertyOptions[] = [
	{ name: 'Monday', value: 1 },
	{ name: 'Tuesday', value: 2 },
	{ name: 'Wednesday', value: 3 },
	{ name: 'Thursday', value: 4 },
	{ name: 'Friday', value: 5 },
	{ name: 'Saturday', value: 6 },
	{ name: 'Sunday', value: 7 },
];

export const tierProperties: INodeProperties[] = [
	{
		displayName: 'Choose Tier By',
		name: 'tierSource',
		type: 'options',
		options: [
			{ name: 'Condition', value: 'condition', description: 'The first tier whose condition is true' },
			{ name: 'Expression', value: 'name', description: 'A tier name computed per lead' },
			{ name: 'Score', value: 'score', description: 'The tier with the highest minimum score the lead reaches' },
			{ name: 'Segment', value: 'segment', description: "The tier named like the lead's segment" },
		],
		default: 'score',
	},
	{
		displayName: 'Tier Name',
		name: 'tierName',
		type: 'string',
		default: '={{ $json.priority }}',
		displayOptions: { show: { tierSource: ['name'] } },
		description: 'Name of the tier to use for this lead',
	},
	{
		displayName: 'Score Field',
		name: 'scoreField',
		type: 'string',
		default: 'score',
		displayOptions: { show: { tierSource: ['score'] } },
		description: 'Field (dot path) holding the lead score',
	},
	{
		displayName: 'Segment Field',
		name: 'segmentField',
		type: 'string',
		default: 'segment',
		displayOptions: { show: { tierSource: ['segment'] } },
		description: 'Field (dot path) holding the lead segment',
	},
	{
		displayName: 'Tiers',
		name: 'tiers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Tier',
		default: {
			tier: [
				{ name: 'hot', minutes: 5, minScore: 80, applies: true },
				{ name: 'warm', minutes: 60, minScore: 50, applies: true },
				{ name: 'cold', minutes: 1440, minScore: 0, applies: true },
			],
		},
		options: [
			{
				displayName: 'Tier',
				name: 'tier',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. hot' },
					{
						displayName: 'Response Time (Minutes)',
						name: 'minutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 60,
						description: 'Minutes of business time within which the lead must get a response',
					},
					{
						displayName: 'Minimum Score',
						name: 'minScore',
						type: 'number',
						default: 0,
						displayOptions: { show: { '/tierSource': ['score'] } },
					},
					{
						displayName: 'Condition',
						name: 'applies',
						type: 'boolean',
						default: true,
						displayOptions: { show: { '/tierSource': ['condition'] } },
						description:
							'Whether this tier applies to the lead. Set an expression on a lead field, e.g. the source or the country.',
					},
				],
			},
		],
	},
];

export const clockProperties: INodeProperties[] = [
	{
		displayName: 'Clock',
		name: 'clock',
		type: 'options',
		options: [
			{
				name: 'Business Hours',
				value: 'business',
				description: 'Count only working hours, skipping nights, weekends and holidays',
			},
			{ name: 'Instant (24/7)', value: 'instant', description: 'Count every minute' },
		],
		default: 'business',
	},
	{
		displayName: 'Rep Time Zone',
		name: 'repTimeZone',
		type: 'string',
		default: '={{ $json.routing?.ownerTimeZone ?? "" }}',
		description: 'Time zone of the assigned rep (IANA name). When empty, the team time zone is used.',
	},
	{
		displayName: 'Team Time Zone',
		name: 'teamTimeZone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description: "Time zone of the team (IANA name). Leave empty to use the workflow's time zone.",
	},
	{
		displayName: 'Working Days',
		name: 'workingDays',
		type: 'multiOptions',
		options: WEEKDAYS,
		default: [1, 2, 3, 4, 5],
		displayOptions: { show: { clock: ['business'] } },
	},
	{
		displayName: 'Start of Working Hours',
		name: 'workStart',
		type: 'string',
		default: '09:00',
		placeholder: 'HH:MM',
		displayOptions: { show: { clock: ['business'] } },
	},
	{
		displayName: 'End of Working Hours',
		name: 'workEnd',
		type: 'string',
		default: '17:00',
		placeholder: 'HH:MM',
		displayOptions: { show: { clock: ['business'] } },
	},
	{
		displayName: 'Holidays',
		name: 'holidays',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. 2026-12-24, 2026-12-25',
		displayOptions: { show: { clock: ['business'] } },
		description: 'Dates (YYYY-MM-DD) without working hours, separated by commas or new lines',
	},
	{
		displayName: 'Warning At (%)',
		name: 'warningPercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 99 },
		default: 50,
		description: 'Share of the response time after which Check emits a warning; 0 for none',
	},
	{
		displayName: 'Escalation Levels (%)',
		name: 'escalationLevels',
		type: 'string',
		default: '200',
		placeholder: 'e.g. 200, 300',
		description: 'Shares of the response time, above 100, after which Check emits an escalation; empty for none',
	},
];

/** Options of Start and Compute Only, both of which plan a timer. */
export const planOptions: INodeProperties[] = [
	{
		displayName: 'Default Tier',
		name: 'defaultTier',
		type: 'string',
		default: '',
		placeholder: 'e.g. warm',
		description:
			'Tier for leads no tier takes (no score, an unknown segment, no condition true); the reason is in sla.notes. Empty uses the last tier in the table.',
	},
	{
		displayName: 'Max Start Age (Hours)',
		name: 'maxStartAgeHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 24,
		description:
			'Oldest start time accepted. A Started At older than this (or more than 5 minutes ahead) goes to the Flagged output; such a submittedAt starts the clock now, with a note.',
	},
	{
		displayName: 'Started At',
		name: 'startedAt',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.routing.assignedAt }}',
		description:
			'When the clock starts (ISO 8601). Empty means when the lead arrived (its submittedAt), or now when it has none.',
	},
];
