import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import type { LeadSource } from '../../lib/lead/process';
import { LEAD_INPUT_FIELDS } from '../../lib/lead/schema';
import type { LeadInput, LeadInputField } from '../../lib/lead/schema';

const LABELS: Record<LeadInputField, string> = {
	city: 'City',
	company: 'Company',
	consentEmail: 'Consent: Email',
	consentSms: 'Consent: SMS',
	country: 'Country',
	email: 'Email',
	employees: 'Employees (Company Size)',
	firstName: 'First Name',
	fullName: 'Full Name',
	industry: 'Industry',
	jobTitle: 'Job Title',
	landingPage: 'Landing Page URL',
	lastName: 'Last Name',
	message: 'Message',
	phone: 'Phone',
	postalCode: 'Postal Code',
	region: 'Region / State',
	score: 'Lead Score',
	source: 'Source',
	street: 'Street',
	submittedAt: 'Submitted At',
	utmCampaign: 'UTM Campaign',
	utmContent: 'UTM Content',
	utmMedium: 'UTM Medium',
	utmSource: 'UTM Source',
	utmTerm: 'UTM Term',
	website: 'Website',
};

const show = { displayOptions: { show: { mode: ['custom'] } } };

export const properties: INodeProperties[] = [
	{
		displayName: 'Field Mappings',
		name: 'mappings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field Mapping',
		default: {},
		description: 'Which value of the input item each lead field takes; drag fields from the input or use expressions',
		...show,
		options: [
			{
				displayName: 'Mapping',
				name: 'values',
				values: [
					{
						displayName: 'Lead Field',
						name: 'field',
						type: 'options',
						default: 'email',
						options: LEAD_INPUT_FIELDS.map((field) => ({ name: LABELS[field], value: field })).sort((a, b) =>
							a.name.localeCompare(b.name),
						),
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.body.mail }}',
					},
				],
			},
		],
	},
	{
		displayName: 'Detect Unmapped Fields',
		name: 'detectUnmapped',
		type: 'boolean',
		default: false,
		description: 'Whether lead fields without a mapping are still recognised automatically from the input',
		...show,
	},
];

export function readSource(this: IExecuteFunctions, itemIndex: number): LeadSource {
	const entries = this.getNodeParameter('mappings.values', itemIndex, []) as IDataObject[];
	if (!entries.length) {
		throw new LeadRoutingError(
			'No field mappings are set',
			'Add at least one mapping under Field Mappings (for example Email), or switch Mode to Automatic Mapping.',
		);
	}
	const mapped: LeadInput = {};
	for (const entry of entries) {
		const field = entry.field as LeadInputField;
		if (!(LEAD_INPUT_FIELDS as readonly string[]).includes(field)) {
			throw new LeadRoutingError(
				`Unknown lead field "${String(entry.field)}"`,
				'Pick the lead field from the list in Field Mappings.',
			);
		}
		mapped[field] = entry.value;
	}
	return {
		json: this.getInputData()[itemIndex].json,
		mapped,
		detectUnmapped: this.getNodeParameter('detectUnmapped', itemIndex, false) as boolean,
	};
}
