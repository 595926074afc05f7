/** Properties of Match to Accounts (shown for that mode by matchAccounts.operation.ts). */
import type { INodeProperties } from 'n8n-workflow';

const fieldPath = (displayName: string, name: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description: 'Dot path of this field in the account items; leave empty to detect it automatically',
});

const overrideList = (displayName: string, name: string, description: string, keyHint: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Pair',
	description,
	options: [
		{
			displayName: 'Pair',
			name: 'pairs',
			values: [
				{
					displayName: 'Lead Key',
					name: 'key',
					type: 'string',
					default: '',
					placeholder: 'e.g. acme.com',
					hint: keyHint,
				},
				{
					displayName: 'Account ID',
					name: 'accountId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 0015g00000XyZ',
				},
			],
		},
	],
});

export const matchProperties: INodeProperties[] = [
	{
		displayName:
			'Connect leads to the first input and accounts (from any CRM node or table) to the second. Each lead leaves by Matched or Unmatched with a "match" object explaining the decision.',
		name: 'matchNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Account Fields',
		name: 'accountFields',
		type: 'options',
		noDataExpression: true,
		default: 'auto',
		description: 'Where the name, domain, owner and other fields are in the account items',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description: 'Recognise HubSpot, Salesforce, Pipedrive and plain items per item',
			},
			{ name: 'Custom', value: 'custom', description: 'Name the fields yourself' },
			{ name: 'HubSpot Companies', value: 'hubspot' },
			{ name: 'Pipedrive Organizations', value: 'pipedrive' },
			{
				name: 'Plain Items',
				value: 'plain',
				description: 'Fields like ID, name, domain, ownerId, parentId, phone, postalCode',
			},
			{ name: 'Salesforce Accounts', value: 'salesforce' },
		],
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { accountFields: ['custom'] } },
		options: [
			fieldPath('Account ID Field', 'id', 'e.g. accountId'),
			fieldPath('City Field', 'city', 'e.g. address.city'),
			fieldPath('Country Field', 'country', 'e.g. address.country'),
			fieldPath('Domain Field', 'domain', 'e.g. website'),
			fieldPath('Extra Domains Field', 'domains', 'e.g. aliases'),
			fieldPath('Name Field', 'name', 'e.g. companyName'),
			fieldPath('Other Names Field', 'otherNames', 'e.g. alsoKnownAs (a list, or names separated by ;)'),
			fieldPath('Owner Email Field', 'ownerEmail', 'e.g. owner.email'),
			fieldPath('Owner ID Field', 'ownerId', 'e.g. owner.id'),
			fieldPath('Owner Name Field', 'ownerName', 'e.g. owner.name'),
			fieldPath('Parent Account ID Field', 'parentId', 'e.g. parentAccountId'),
			fieldPath('Phone Field', 'phone', 'e.g. mainPhone'),
			fieldPath('Postal Code Field', 'postalCode', 'e.g. address.zip'),
			fieldPath('Region Field', 'region', 'e.g. address.state'),
			fieldPath('Street Field', 'street', 'e.g. address.line1'),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Allow Fuzzy Name Alone',
				name: 'allowFuzzyAlone',
				type: 'boolean',
				default: false,
				description:
					'Whether a very similar name (at or above the strict threshold) may match with no corroborating field',
			},
			{
				displayName: 'Cache Account Index',
				name: 'cacheIndex',
				type: 'boolean',
				default: true,
				description: 'Whether to keep the account index in memory between executions while the accounts stay the same',
			},
			{
				displayName: 'Conflicting Fields',
				name: 'conflictFields',
				type: 'multiOptions',
				default: ['country', 'domain', 'region', 'street'],
				description:
					"Fields that, when lead and account both have them and they differ, stop a name or acronym match (another organisation or site) and count against an account among several sharing the lead's domain. Manual matches are never stopped.",
				options: [
					{ name: 'City', value: 'city' },
					{
						name: 'Country',
						value: 'country',
						description:
							'Also a country in a trailing qualifier of the name, e.g. "Eli Lilly (Portugal)"; a lead with no country field is placed by an international phone number or a country-code domain (.de, .co.uk), never against an account on that domain',
					},
					{
						name: 'Domain',
						value: 'domain',
						description:
							"The lead's business email or website domain is none of the account's. Not counted for free-mail, for the same name under another ending (acme.de / acme.com), for a domain of the account's parent or units, or when the name has a word hardly any other account carries.",
					},
					{ name: 'Phone', value: 'phone' },
					{ name: 'Postal Code', value: 'postalCode' },
					{
						name: 'Region',
						value: 'region',
						description:
							'State or province (US, Canada, India, Australia), compared as ISO 3166-2 codes: "CA", "California" and "US-CA" are one region. A region the lists do not know never conflicts. An account without a country is read in the lead\'s.',
					},
					{
						name: 'Street Address',
						value: 'street',
						description: 'Same street with house numbers within 200 does not count as different',
					},
				],
			},
			{
				displayName: 'Corroborating Fields',
				name: 'corroborateWith',
				type: 'multiOptions',
				default: ['domain', 'phone', 'postalCode', 'street'],
				description: 'Fields that must agree before a similar (not exact) name counts as a match',
				options: [
					{ name: 'City', value: 'city', description: 'Weak: many accounts share a city' },
					{ name: 'Country', value: 'country', description: 'Weak: use only with a high fuzzy threshold' },
					{ name: 'Domain', value: 'domain' },
					{ name: 'Phone', value: 'phone' },
					{ name: 'Postal Code', value: 'postalCode' },
					{ name: 'Region', value: 'region', description: 'Weak: many accounts share a state or province' },
					{ name: 'Street Address', value: 'street', description: 'House number and street name' },
				],
			},
			{
				displayName: 'Fuzzy Threshold',
				name: 'fuzzyThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.85,
				description: 'Name similarity (0–1) needed, together with a corroborating field, for a fuzzy match',
			},
			overrideList(
				'Manual Matches',
				'manualMatches',
				'Leads with this email or domain always match this account',
				'An email address or a domain',
			),
			{
				displayName: 'Match Acronyms',
				name: 'matchAcronyms',
				type: 'boolean',
				default: true,
				description:
					'Whether "IBM" may match "International Business Machines" (only with an agreeing field such as domain, phone or city, no conflicting one, and one account left)',
			},
			{
				displayName: 'Match Partial Name at Same Street',
				name: 'partialNameWithStreet',
				type: 'boolean',
				default: true,
				description:
					"Whether a lead at the same street address matches when half of the shorter name's distinctive words appear in the other name, or when the phone also agrees (same site under another name)",
			},
			{
				displayName: 'Max Candidates',
				name: 'maxCandidates',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 20 },
				default: 3,
				description: 'How many candidate accounts to list in match.candidates',
			},
			overrideList(
				'Never Match',
				'neverMatches',
				'Leads with this email, domain or company name never match this account',
				'An email address, a domain or a company name',
			),
			{
				displayName: 'Prefer Parent Account',
				name: 'preferParent',
				type: 'boolean',
				default: true,
				description: 'Whether, when a parent account and its subsidiaries tie, the parent wins',
			},
			{
				displayName: 'Review Output',
				name: 'reviewOutput',
				type: 'boolean',
				default: false,
				description:
					'Whether to send ambiguous leads (ties, similar names without corroboration) to a third output, Review, instead of Unmatched',
			},
			{
				displayName: 'Strict Fuzzy Threshold',
				name: 'strictThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.95,
				displayOptions: { show: { allowFuzzyAlone: [true] } },
				description: 'Name similarity (0–1) needed for a fuzzy match with no corroborating field',
			},
			{
				displayName: 'Tie-Break Field',
				name: 'tieBreakField',
				type: 'string',
				default: '',
				placeholder: 'e.g. lastActivityDate',
				description: 'Account field (dot path, number or date) that picks one of several tied accounts',
			},
			{
				displayName: 'Tie-Break Order',
				name: 'tieBreakOrder',
				type: 'options',
				default: 'largest',
				options: [
					{ name: 'Largest or Latest Wins', value: 'largest' },
					{ name: 'Smallest or Earliest Wins', value: 'smallest' },
				],
			},
			{
				displayName: 'Use Ultimate Parent Owner',
				name: 'useUltimateParentOwner',
				type: 'boolean',
				default: false,
				description: "Whether to hand the lead to the owner of the matched account's top-most parent account",
			},
		],
	},
];
