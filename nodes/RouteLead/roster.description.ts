/** The roster block, shared by Route and Get Stats (which names the reps it reports on). */
import type { INodeProperties } from 'n8n-workflow';

const repFields: INodeProperties[] = [
	{ displayName: 'Rep ID', name: 'id', type: 'string', default: '', required: true, description: 'Unique ID, e.g. the CRM user ID' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'Slack ID', name: 'slackId', type: 'string', default: '' },
	{
		displayName: 'Booking Link',
		name: 'bookingUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://cal.com/ana',
		description:
			'The rep\'s booking page (http or https), e.g. Cal.com or Calendly. Goes to routing.ownerBookingUrl, for Auto-Respond\'s {{owner.calendarLink}} and a Form completion redirect. A roster from a field may call it bookingUrl, booking_url, bookingLink or calendarUrl.',
	},
	{ displayName: 'Active', name: 'active', type: 'boolean', default: true, description: 'Whether the rep takes new leads' },
	{
		displayName: 'Weight',
		name: 'weight',
		type: 'number',
		typeOptions: { minValue: 0.01 },
		default: 1,
		description: 'Share of leads in weighted round robin: a rep with weight 2 gets twice as many as a rep with 1',
	},
	{ displayName: 'Teams', name: 'teams', type: 'string', default: '', placeholder: 'e.g. EMEA, Enterprise', description: 'Comma-separated team names (pools)' },
	{ displayName: 'Skills', name: 'skills', type: 'string', default: '', placeholder: 'e.g. German, Healthcare', description: 'Comma-separated skills rules can require' },
	{ displayName: 'Priority', name: 'priority', type: 'number', default: 100, description: 'Seniority for the priority strategy: 1 is tried first' },
	{ displayName: 'Capacity per Day', name: 'capacityPerDay', type: 'number', default: 0, description: 'Most leads per day; 0 = no limit' },
	{ displayName: 'Capacity per Week', name: 'capacityPerWeek', type: 'number', default: 0, description: 'Most leads per ISO week; 0 = no limit' },
	{
		displayName: 'Capacity of Open Leads',
		name: 'capacityOpen',
		type: 'number',
		default: 0,
		description: 'Most leads assigned and not yet released with the Release Open Lead operation; 0 = no limit',
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description: 'IANA name; empty = UTC for working hours, and the SLA Timer then uses its team time zone',
	},
	{ displayName: 'Working Hours', name: 'workingHours', type: 'string', default: '', placeholder: 'e.g. 09:00-17:00', description: 'In the rep\'s time zone; empty = all day' },
	{ displayName: 'Working Days', name: 'workingDays', type: 'string', default: 'Mon-Fri', placeholder: 'e.g. Mon-Fri' },
	{
		displayName: 'Out of Office',
		name: 'outOfOffice',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-12-24..2027-01-02; 2027-02-14',
		description: 'Date ranges separated by semicolons, whole days in the rep\'s time zone',
	},
];

export const rosterProperties: INodeProperties[] = [
	{
		displayName: 'Roster Source',
		name: 'rosterSource',
		type: 'options',
		options: [
			{ name: 'Defined Below', value: 'node' },
			{ name: 'From Input Field', value: 'field', description: 'A list of reps (or its JSON text) on each item, e.g. from a sheet' },
		],
		default: 'node',
	},
	{
		displayName: 'Roster Field',
		name: 'rosterField',
		type: 'string',
		default: 'roster',
		displayOptions: { show: { rosterSource: ['field'] } },
		description: 'Name of the field holding the reps; dots reach nested fields',
	},
	{
		displayName: 'Reps',
		name: 'roster',
		placeholder: 'Add Rep',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { rosterSource: ['node'] } },
		default: {},
		options: [{ name: 'reps', displayName: 'Rep', values: repFields }],
	},
];
