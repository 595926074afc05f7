import type { INodeProperties } from 'n8n-workflow';

const timestampedSchemes = { show: { scheme: ['hubspotV3', 'calendly'] } };

export const properties: INodeProperties[] = [
	{
		displayName:
			"Turn on Options › Raw Body in the Webhook node before this one: the signature covers the request's exact bytes",
		name: 'rawBodyNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Sender',
		name: 'scheme',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Calendly', value: 'calendly', description: 'Calendly-Webhook-Signature (t=…,v1=…), signing key' },
			{ name: 'Facebook / Meta Lead Ads', value: 'meta', description: 'X-Hub-Signature-256, app secret' },
			{
				name: 'Generic HMAC-SHA256',
				value: 'generic',
				description: 'Any sender that signs the raw body with HMAC-SHA256',
			},
			{
				name: 'HubSpot (Signature V3)',
				value: 'hubspotV3',
				description: 'X-HubSpot-Signature-v3 with timestamp, app client secret',
			},
			{ name: 'Typeform', value: 'typeform', description: 'Typeform-Signature, webhook secret' },
		],
		default: 'hubspotV3',
		description: 'Who signs the requests, which fixes where the signature is and what it covers',
	},
	{
		displayName: 'Signature Header',
		name: 'signatureHeader',
		type: 'string',
		default: 'X-Signature',
		required: true,
		placeholder: 'e.g. X-Signature or Stripe-Signature',
		displayOptions: { show: { scheme: ['generic'] } },
	},
	{
		displayName: 'Signature Encoding',
		name: 'signatureEncoding',
		type: 'options',
		options: [
			{ name: 'Base64', value: 'base64' },
			{ name: 'Hex', value: 'hex' },
		],
		default: 'hex',
		displayOptions: { show: { scheme: ['generic'] } },
	},
	{
		displayName: 'Timestamped (Stripe Style)',
		name: 'timestamped',
		type: 'boolean',
		default: false,
		description:
			'Whether the header reads t=&lt;unix seconds&gt;,v1=&lt;signature&gt; and the signature covers "&lt;t&gt;.&lt;raw body&gt;"',
		displayOptions: { show: { scheme: ['generic'] } },
	},
	{
		displayName: 'Signature Prefix',
		name: 'signaturePrefix',
		type: 'string',
		default: '',
		placeholder: 'e.g. sha256=',
		description: 'Text before the signature in the header, if any',
		displayOptions: { show: { scheme: ['generic'], timestamped: [false] } },
	},
	{
		displayName: 'Replay Window (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 300,
		description:
			"How far the signed timestamp may be from this server's clock; older (replayed) requests are rejected. HubSpot asks for 300.",
		displayOptions: timestampedSchemes,
	},
	{
		displayName: 'Replay Window (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 300,
		description: "How far the signed timestamp may be from this server's clock; older (replayed) requests are rejected",
		displayOptions: { show: { scheme: ['generic'], timestamped: [true] } },
	},
	{
		displayName: 'Request URL',
		name: 'requestUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/3f2a…',
		description:
			"The URL HubSpot calls, exactly as entered in HubSpot (HubSpot signs it). Leave empty to use the Webhook node's production URL plus the query string.",
		displayOptions: { show: { scheme: ['hubspotV3'] } },
	},
	{
		displayName: 'HTTP Method',
		name: 'requestMethod',
		type: 'options',
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'POST',
		description: 'The method HubSpot uses (webhooks and workflow actions: POST); HubSpot signs it',
		displayOptions: { show: { scheme: ['hubspotV3'] } },
	},
	{
		displayName: 'Raw Body Field',
		name: 'rawBodyField',
		type: 'string',
		default: 'data',
		description: 'The binary field that holds the raw body; the Webhook node names it "data"',
	},
];
