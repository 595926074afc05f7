/** Ad lead forms: Google Ads, LinkedIn Lead Gen, Facebook Lead Ads. */
import { viaWebhook } from './types';
import type { CorpusCase } from './types';

const FB_FROM =
	'johnEthicalTechnology/aecc-global-fb-integration testData.js (Facebook Marketing API "Retrieving leads" sample shape with placeholder ids)';
const FB_LICENCE = 'no licence stated; sample values only (placeholder ids, example.com addresses)';

export const ADS: CorpusCase[] = [
	{
		id: 'google-ads/lead-form-webhook',
		source: 'Google Ads lead forms',
		from: "https://developers.google.com/google-ads/webhook/docs/implementation (Google's published sample payload, as quoted in public adapter tests)",
		licence: 'Google developer documentation sample (CC BY 4.0), copied whole',
		input: viaWebhook({
			lead_id: 'Cj0KCQjwit_8BRCoARIsAIx3Rj7g-AeL6z35IWb6VYiZUygtTfwD3hDlgSGmY',
			campaign_id: 123456,
			adgroup_id: 0,
			creative_id: 0,
			gcl_id: 'Cj0KCQjwit_8BRCoARIsAIx3Rj7g-AeL6z35IWb6VYiZUygtTfwD3hDlgSGmY',
			user_column_data: [
				{ column_name: 'Full Name', string_value: 'FirstName LastName', column_id: 'FULL_NAME' },
				{ column_name: 'User Phone', string_value: '1-650-555-0123', column_id: 'PHONE_NUMBER' },
				{ column_name: 'User Email', string_value: 'test@example.com', column_id: 'EMAIL' },
			],
			api_version: '1.0',
			form_id: 123456789,
			google_key: 'testkey',
			is_test: false,
		}),
		expect: { email: 'test@example.com', phone: '+16505550123', company: null, source: 'google' },
	},
	{
		id: 'facebook/lead-graph-api',
		source: 'Facebook Lead Ads',
		from: FB_FROM,
		licence: FB_LICENCE,
		input: {
			created_time: '2015-02-28T08:49:14+0000',
			id: '<LEAD_ID>',
			ad_id: '<AD_ID>',
			form_id: '<FORM_ID>',
			field_data: [
				{ name: 'first_name', values: ['First'] },
				{ name: 'last_name', values: ['Test'] },
				{ name: 'email', values: ['testjoe@example.com'] },
				{ name: 'phone_number', values: ['11111111'] },
			],
		},
		expect: {
			email: 'testjoe@example.com',
			firstName: 'First',
			lastName: 'Test',
			source: 'facebook',
			submittedAt: '2015-02-28T08:49:14.000Z',
		},
	},
	{
		id: 'facebook/n8n-trigger-simplified',
		source: 'Facebook Lead Ads',
		from: `${FB_FROM} (second lead), in the simplified output of n8n's Facebook Lead Ads Trigger (n8n-io/n8n packages/nodes-base/nodes/FacebookLeadAds/FacebookLeadAdsTrigger.node.ts)`,
		licence: FB_LICENCE,
		input: {
			id: '<LEAD_ID>',
			data: { first_name: 'Second', last_name: 'Joe', email: 'joe@exampletest.com', phone_number: '22222222' },
			form: { id: '<FORM_ID>' },
			ad: { id: '<AD_ID>' },
			adset: {},
			created_time: '2015-02-28T08:49:14+0000',
		},
		expect: {
			email: 'joe@exampletest.com',
			firstName: 'Second',
			lastName: 'Joe',
			source: 'facebook',
			submittedAt: '2015-02-28T08:49:14.000Z',
		},
	},
	{
		id: 'facebook/n8n-trigger-raw',
		source: 'Facebook Lead Ads',
		from: `${FB_FROM} (first lead), in the unsimplified output of n8n's Facebook Lead Ads Trigger (same file)`,
		licence: FB_LICENCE,
		input: {
			id: '<LEAD_ID>',
			field_data: [
				{ name: 'first_name', values: ['First'] },
				{ name: 'last_name', values: ['Test'] },
				{ name: 'email', values: ['testjoe@example.com'] },
				{ name: 'phone_number', values: ['11111111'] },
			],
			form: { id: '<FORM_ID>' },
			ad: { id: '<AD_ID>' },
			adset: {},
			created_time: '2015-02-28T08:49:14+0000',
			event: {
				ad_id: '444444444',
				form_id: '444444444444',
				leadgen_id: 0,
				created_time: 1588890044,
				page_id: '444444444444',
				adgroup_id: '44444444444',
			},
		},
		expect: {
			email: 'testjoe@example.com',
			firstName: 'First',
			lastName: 'Test',
			source: 'facebook',
			submittedAt: '2015-02-28T08:49:14.000Z',
		},
	},
];
