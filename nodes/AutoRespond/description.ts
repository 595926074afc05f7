import type { INodeProperties } from 'n8n-workflow';
import { storeProperties } from '../shared/store';
import { sendLimitProperties } from './limits';
import { BUILT_IN_LEAD_TEXTS, DEFAULT_REP_SUBJECT, DEFAULT_REP_TEXT } from '../../lib/respond/defaults';

const EN = BUILT_IN_LEAD_TEXTS.en;
const TO_LEAD = { recipients: ['lead', 'leadAndRep'] };
const TO_REP = { recipients: ['rep', 'leadAndRep'] };
const SMS_POSSIBLE = { ...TO_LEAD, leadChannel: ['sms', 'smsWhenAllowed'] };
const PLACEHOLDER_HINT =
	'Placeholders: {{firstName}}, {{company}}, {{owner.name}}, {{owner.calendarLink}} (the owner booking link, routing.ownerBookingUrl), any field path such as {{routing.ruleName}}; {{field|fallback}}; {{#field}}shown when set{{/field}}';

export const properties: INodeProperties[] = [
	{
		displayName: 'Delivery',
		name: 'delivery',
		type: 'options',
		noDataExpression: true,
		default: 'send',
		options: [
			{
				name: 'Compose Only',
				value: 'compose',
				description: 'Output the finished messages for a Send Email, Twilio or Slack node',
			},
			{ name: 'Send', value: 'send', description: 'Send through the SMTP and Twilio credentials' },
		],
	},
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'options',
		noDataExpression: true,
		default: 'lead',
		options: [
			{ name: 'Lead', value: 'lead', description: 'Confirm to the lead' },
			{ name: 'Lead and Rep', value: 'leadAndRep', description: 'Confirm to the lead and notify the assigned rep' },
			{ name: 'Rep', value: 'rep', description: 'Notify the assigned rep (routing.ownerEmail) by email' },
		],
	},
	{
		displayName: 'Lead Channel',
		name: 'leadChannel',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		displayOptions: { show: TO_LEAD },
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms', description: 'Text only; leads without a valid phone or SMS consent are skipped' },
			{
				name: 'SMS When Allowed, Otherwise Email',
				value: 'smsWhenAllowed',
				description: 'Text leads that qualify (valid phone, consent, tier, score); email the others',
			},
		],
	},
	{
		displayName: 'SMS for SLA Tiers',
		name: 'smsTiers',
		type: 'string',
		default: 'hot',
		displayOptions: { show: { ...TO_LEAD, leadChannel: ['smsWhenAllowed'] } },
		description: 'Comma-separated SLA tiers (sla.tier) that get SMS; empty for any tier',
	},
	{
		displayName: 'Minimum Score for SMS',
		name: 'smsMinScore',
		type: 'number',
		default: 0,
		displayOptions: { show: { ...TO_LEAD, leadChannel: ['smsWhenAllowed'] } },
		description: 'Leads scoring below this get email instead; 0 for no minimum',
	},
	{
		displayName: 'Quiet Hours for SMS',
		name: 'quietHours',
		type: 'boolean',
		default: true,
		displayOptions: { show: SMS_POSSIBLE },
		description: "Whether to hold texts during the night in the lead's time zone",
	},
	{
		displayName: 'Quiet From',
		name: 'quietStart',
		type: 'string',
		default: '20:00',
		displayOptions: { show: { ...SMS_POSSIBLE, quietHours: [true] } },
		description: 'Local time (HH:mm) at which quiet hours begin',
	},
	{
		displayName: 'Quiet Until',
		name: 'quietEnd',
		type: 'string',
		default: '08:00',
		displayOptions: { show: { ...SMS_POSSIBLE, quietHours: [true] } },
		description: 'Local time (HH:mm) at which texting is allowed again',
	},
	{
		displayName: 'During Quiet Hours',
		name: 'whenQuiet',
		type: 'options',
		default: 'defer',
		displayOptions: { show: { ...SMS_POSSIBLE, quietHours: [true] } },
		options: [
			{ name: 'Defer', value: 'defer', description: 'Output the lead on Deferred with the earliest send time' },
			{
				name: 'Send Email Instead',
				value: 'email',
				description: 'Email the lead now; defer only when there is no email',
			},
		],
	},
	{
		displayName: 'Answer Each Lead Once',
		name: 'idempotency',
		type: 'options',
		noDataExpression: true,
		default: 'on',
		options: [
			{ name: 'Off', value: 'off', description: 'Answer every item, even repeats' },
			{
				name: 'On',
				value: 'on',
				description: 'Each lead is answered once; the keys are kept in the State Store below',
			},
		],
	},
	...storeProperties,
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: 'email',
		displayOptions: { hide: { idempotency: ['off'] } },
		description: '"email", "phone", or the path of a field that identifies the lead (e.g. crmId)',
	},
	{
		displayName: 'Window (Hours)',
		name: 'idempotencyWindowHours',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 0.01, maxValue: 8760 },
		displayOptions: { hide: { idempotency: ['off'] } },
		description: 'A lead with the same key is not answered again within this time',
	},
	{
		displayName: 'If a Send Was Interrupted',
		name: 'onInterrupted',
		type: 'options',
		noDataExpression: true,
		default: 'report',
		displayOptions: { hide: { idempotency: ['off'] } },
		description:
			'When n8n stopped (or the connection broke) after a message was handed to the mail server or Twilio but before it confirmed, the message may have been delivered',
		options: [
			{
				name: 'Report as Uncertain',
				value: 'report',
				description: 'Do not send again; the item leaves by Skipped with autoResponse.status "uncertain"',
			},
			{
				name: 'Send Again',
				value: 'sendAgain',
				description:
					'Send once more, with the same Message-ID for email (Twilio has no such key: a text may arrive twice)',
			},
		],
	},
	...sendLimitProperties,
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the shared built-in text
	{
		displayName: 'Lead Email Subject',
		name: 'leadSubject',
		type: 'string',
		default: EN.subject,
		displayOptions: { show: TO_LEAD },
		hint: PLACEHOLDER_HINT,
	},
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the shared built-in text
	{
		displayName: 'Lead Email Text',
		name: 'leadText',
		type: 'string',
		typeOptions: { rows: 8 },
		default: EN.text,
		displayOptions: { show: TO_LEAD },
	},
	{
		displayName: 'Lead Email HTML',
		name: 'leadHtml',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		displayOptions: { show: TO_LEAD },
		description: 'Leave empty to build the HTML part from the text. Values from the lead are always escaped.',
	},
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the shared built-in text
	{
		displayName: 'Lead SMS Text',
		name: 'leadSms',
		type: 'string',
		typeOptions: { rows: 3 },
		default: EN.sms,
		displayOptions: { show: SMS_POSSIBLE },
	},
	{
		displayName: 'Rep Notice Subject',
		name: 'repSubject',
		type: 'string',
		default: DEFAULT_REP_SUBJECT,
		displayOptions: { show: TO_REP },
	},
	{
		displayName: 'Rep Notice Text',
		name: 'repText',
		type: 'string',
		typeOptions: { rows: 8 },
		default: DEFAULT_REP_TEXT,
		displayOptions: { show: TO_REP },
	},
	{
		displayName: 'Rep Notice HTML',
		name: 'repHtml',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		displayOptions: { show: TO_REP },
		description: 'Leave empty to build the HTML part from the text',
	},
	{
		displayName: 'Language From',
		name: 'languageFrom',
		type: 'options',
		default: 'country',
		displayOptions: { show: TO_LEAD },
		options: [
			{ name: 'A Field', value: 'field', description: 'A field holding a language code such as "de" or "pt-BR"' },
			{ name: "Lead's Country", value: 'country' },
			{ name: 'None', value: 'none', description: 'Always use the texts above' },
		],
	},
	{
		displayName: 'Language Field',
		name: 'languageField',
		type: 'string',
		default: 'language',
		displayOptions: { show: { ...TO_LEAD, languageFrom: ['field'] } },
	},
	{
		displayName: 'Language Variants',
		name: 'languageVariants',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Language',
		default: {},
		displayOptions: { show: { ...TO_LEAD, languageFrom: ['country', 'field'] } },
		description:
			'Texts per language. Without a variant, German, French and Spanish leads get built-in texts while the texts above are unchanged.',
		options: [
			{
				displayName: 'Variant',
				name: 'variant',
				values: [
					{
						displayName: 'Countries',
						name: 'countries',
						type: 'string',
						default: '',
						placeholder: 'DE, AT, CH',
						description: 'Comma-separated ISO country codes that get this variant',
					},
					{ displayName: 'HTML', name: 'html', type: 'string', typeOptions: { rows: 4 }, default: '' },
					{ displayName: 'Language Code', name: 'language', type: 'string', default: '', placeholder: 'de' },
					{ displayName: 'SMS Text', name: 'sms', type: 'string', default: '' },
					{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
					{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 6 }, default: '' },
				],
			},
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
				displayName: 'Calendar Link',
				name: 'calendarLink',
				type: 'string',
				default: '',
				description:
					"The rep's booking link for {{owner.calendarLink}}; by default routing.ownerBookingUrl from Route Lead (the rep's link, or the queue's team link)",
			},
			{
				displayName: 'Fallback Time Zone',
				name: 'fallbackTimeZone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Berlin',
				description:
					"Time zone for quiet hours and for dates in messages when the reader's own is unknown (the lead's field or country, the rep's roster zone); empty for the workflow's time zone",
			},
			{
				displayName: 'Lead Link',
				name: 'link',
				type: 'string',
				default: '',
				description: 'A link for the rep, e.g. the CRM record, available as {{link}}',
			},
			{
				displayName: 'Max Field Length',
				name: 'maxFieldLength',
				type: 'number',
				default: 500,
				typeOptions: { minValue: 10, maxValue: 10000 },
				description: 'Longest value taken from the lead into a message; longer values are cut',
			},
			{
				displayName: 'Rep Email',
				name: 'repEmail',
				type: 'string',
				default: '',
				description: 'Send rep notices here instead of routing.ownerEmail',
			},
			{
				displayName: 'Reply-To Rep',
				name: 'replyToOwner',
				type: 'boolean',
				default: true,
				description: "Whether the lead's replies go to the assigned rep",
			},
			{
				displayName: 'Require SMS Consent',
				name: 'requireSmsConsent',
				type: 'boolean',
				default: true,
				description: 'Whether texting needs consent.sms to be true',
			},
			{
				displayName: 'Respect Email Opt-Out',
				name: 'respectEmailOptOut',
				type: 'boolean',
				default: true,
				description: 'Whether consent.email = false stops the confirmation email',
			},
			{
				displayName: 'Sender Company',
				name: 'senderCompany',
				type: 'string',
				default: '',
				description: 'Available as {{sender.company}}',
			},
			{
				displayName: 'Sender Email',
				name: 'fromEmail',
				type: 'string',
				default: '',
				placeholder: 'sales@example.com',
				description: "From address; empty for the credential's default sender",
			},
			{
				displayName: 'Sender Name',
				name: 'fromName',
				type: 'string',
				default: '',
				description: 'From name, also {{sender.name}}',
			},
			{
				displayName: 'SMS From',
				name: 'smsFrom',
				type: 'string',
				default: '',
				description: "Sender number or Messaging Service SID; empty for the credential's default",
			},
			{
				displayName: 'Time Zone Field',
				name: 'timeZoneField',
				type: 'string',
				default: 'timeZone',
				description: "Field holding the lead's IANA time zone, used before the country",
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 1, maxValue: 120 },
				description: 'Limit for connecting to and hearing back from the mail server or Twilio',
			},
		],
	},
];
