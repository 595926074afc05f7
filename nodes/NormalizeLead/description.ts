import type { INodeProperties } from 'n8n-workflow';
import * as automatic from './automatic.mode';
import * as custom from './custom.mode';

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Default Phone Country',
			name: 'defaultCountry',
			type: 'string',
			default: '',
			placeholder: 'e.g. US',
			description: 'Country for phone numbers without an international prefix when the lead has no country (ISO code or name)',
		},
		{
			displayName: 'Enterprise From (Employees)',
			name: 'enterpriseFrom',
			type: 'number',
			typeOptions: { minValue: 2 },
			default: 1000,
			description: 'Companies with at least this many employees are in the Enterprise segment',
		},
		{
			displayName: 'Honeypot Field',
			name: 'honeypotField',
			type: 'string',
			default: '',
			placeholder: 'e.g. website_url',
			description: 'Name of a hidden form field people never fill in; leads that filled it are rejected as bots',
		},
		{
			displayName: 'In-Batch Duplicates',
			name: 'duplicates',
			type: 'options',
			default: 'keepFirst',
			description: 'What to do with leads that share an email address with another lead in the same run',
			options: [
				{ name: 'Flag Only', value: 'flag', description: 'Keep every lead; later ones carry a duplicate warning' },
				{ name: 'Keep First', value: 'keepFirst', description: 'The first lead goes on; later ones are rejected' },
				{ name: 'Reject All', value: 'rejectAll', description: 'Every lead whose email appears more than once is rejected' },
			],
		},
		{
			displayName: 'Keep Unknown Fields',
			name: 'keepUnknownFields',
			type: 'boolean',
			default: true,
			description: 'Whether input fields that are not lead fields are copied to the output (they are always on "raw")',
		},
		{
			displayName: 'Mid-Market From (Employees)',
			name: 'midMarketFrom',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description: 'Companies with at least this many employees (and fewer than Enterprise From) are Mid-Market; smaller ones are SMB',
		},
		{
			displayName: 'Minimum Quality Score',
			name: 'minimumScore',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 0,
			description: 'Leads scoring below this (0–100) are rejected; 0 turns the check off',
		},
		{
			displayName: 'Reject Disposable Email',
			name: 'rejectDisposable',
			type: 'boolean',
			default: true,
			description: 'Whether leads with a throw-away address (e.g. mailinator.com) are rejected',
		},
		{
			displayName: 'Reject Free-Mail Addresses',
			name: 'rejectFreeMail',
			type: 'boolean',
			default: false,
			description: 'Whether leads with a free email provider (e.g. gmail.com) are rejected, for B2B-only forms',
		},
		{
			displayName: 'Reject Invalid Email',
			name: 'rejectInvalidEmail',
			type: 'boolean',
			default: true,
			description: 'Whether leads whose email address is malformed are rejected',
		},
		{
			displayName: 'Required Fields',
			name: 'requiredFields',
			type: 'multiOptions',
			default: ['email'],
			description: 'Leads missing any of these are rejected (without this option: Email)',
			options: [
				{ name: 'Company', value: 'company' },
				{ name: 'Country', value: 'country' },
				{ name: 'Email', value: 'email' },
				{ name: 'Email or Phone', value: 'emailOrPhone' },
				{ name: 'First Name', value: 'firstName' },
				{ name: 'Last Name', value: 'lastName' },
				{ name: 'Name', value: 'name' },
				{ name: 'Phone', value: 'phone' },
				{ name: 'Website', value: 'website' },
			],
		},
		{
			displayName: 'Spam Checks',
			name: 'spamChecks',
			type: 'boolean',
			default: true,
			description: 'Whether test entries, fake values and links in name fields reject a lead',
		},
	],
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'automatic',
		options: [
			{
				name: 'Automatic Mapping',
				value: 'automatic',
				description: 'Recognise lead fields by their names in any common form payload',
			},
			{
				name: 'Custom Mapping',
				value: 'custom',
				description: 'Say which input value each lead field takes',
			},
		],
	},
	...automatic.properties,
	...custom.properties,
	options,
];
