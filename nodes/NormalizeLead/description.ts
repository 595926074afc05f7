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
			description:
				'Country for phone numbers without an international prefix when the lead has no country (ISO code or name)',
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
				{
					name: 'Reject All',
					value: 'rejectAll',
					description: 'Every lead whose email appears more than once is rejected',
				},
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
			displayName: 'Lead Score',
			name: 'leadScore',
			type: 'boolean',
			default: true,
			description:
				"Whether to score each lead 0–100 for fit (company size, business email, country, job title, industry) and intent (message, source), with every point's reason in scoreReasons. Not the quality score, which measures how complete the data is.",
		},
		{
			displayName: 'Mid-Market From (Employees)',
			name: 'midMarketFrom',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description:
				'Companies with at least this many employees (and fewer than Enterprise From) are Mid-Market; smaller ones are SMB',
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
			displayName: 'Provided Score',
			name: 'providedScore',
			type: 'options',
			default: 'wins',
			description: 'What to do when the form or CRM sends its own score (the lead field "score")',
			displayOptions: { hide: { leadScore: [false] } },
			options: [
				{ name: 'Blend', value: 'blend', description: 'Mix it with the computed score (see Provided Score Share)' },
				{ name: 'Ignore', value: 'ignore', description: 'Always use the computed score' },
				{ name: 'Wins', value: 'wins', description: 'Use it instead of the computed score' },
			],
		},
		{
			displayName: 'Provided Score Share (%)',
			name: 'providedScoreShare',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 50,
			description:
				'When blending: how much of the lead score comes from the provided score; the rest comes from the computed one',
			displayOptions: { show: { providedScore: ['blend'] } },
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
			displayName: 'Score Rules (JSON)',
			name: 'scoreRules',
			type: 'json',
			default: '',
			placeholder: '{ "segment": { "Enterprise": 30 }, "source": { "paid": 15 } }',
			description:
				"Change the lead score's weights and word lists: each part you give (segment, businessEmail, roleAddress, targetCountry, targetIndustry, seniority, fitMax, intent, source, intentMax) replaces the default part. Empty for the defaults.",
			displayOptions: { hide: { leadScore: [false] } },
		},
		{
			displayName: 'Spam Checks',
			name: 'spamChecks',
			type: 'boolean',
			default: true,
			description: 'Whether test entries, fake values and links in name fields reject a lead',
		},
		{
			displayName: 'Target Countries',
			name: 'targetCountries',
			type: 'string',
			default: '',
			placeholder: 'e.g. US, CA, GB',
			description: 'Countries (ISO codes or names, comma-separated) whose leads earn fit points in the lead score',
			displayOptions: { hide: { leadScore: [false] } },
		},
		{
			displayName: 'Target Industries',
			name: 'targetIndustries',
			type: 'string',
			default: '',
			placeholder: 'e.g. Software, Healthcare, Logistics',
			description: 'Industry words (comma-separated) whose leads earn fit points in the lead score',
			displayOptions: { hide: { leadScore: [false] } },
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
