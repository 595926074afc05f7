/**
 * Email-delivery and analytics events (the recipient or the tracked person is the lead): list bodies, epoch times,
 * JSON lists inside form fields, and emails under keys that do not say "email".
 */
import { viaWebhook } from './types';
import type { CorpusCase } from './types';

const SNOWPLOW =
	'snowplow/snowplow 3-enrich/scala-common-enrich/src/test/scala/com.snowplowanalytics.snowplow.enrich.common/adapters/registry';
const AP = 'MIT (activepieces community pieces); sampleData copied whole unless noted';

export const EVENTS: CorpusCase[] = [
	{
		id: 'sendgrid/event-webhook-processed',
		source: 'SendGrid',
		from: `${SNOWPLOW}/SendgridAdapterSpec.scala ("return sensible json for sample event": the event list SendGrid posts)`,
		licence: 'Apache-2.0 (Snowplow 2015 adapter test); the one-event list copied whole',
		input: viaWebhook([
			{
				email: 'example@test.com',
				timestamp: 1446549615,
				'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
				event: 'processed',
				category: 'cat facts',
				sg_event_id: 'sZROwMGMagFgnOEmSdvhig==',
				sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
			},
		]),
		expect: { email: 'example@test.com', submittedAt: '2015-11-03T11:20:15.000Z', fullName: null, company: null },
	},
	{
		id: 'mailgun/opened-form-encoded',
		source: 'Mailgun',
		from: `${SNOWPLOW}/MailgunAdapterSpec.scala (e2 body, 'opened'), form-encoded as the Webhook node parses it`,
		licence: 'Apache-2.0 (Snowplow 2016-2019 adapter test); every parameter kept',
		input: viaWebhook(
			{
				city: 'San Francisco',
				domain: 'sandboxbcd3ccb1a529415db665622619a61616.mailgun.org',
				'device-type': 'desktop',
				my_var_1: 'Mailgun Variable #1',
				country: 'US',
				region: 'CA',
				'client-name': 'Chrome',
				'user-agent':
					'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.31 (KHTML, like Gecko) Chrome/26.0.1410.43 Safari/537.31',
				'client-os': 'Linux',
				my_var_2: 'awesome',
				ip: '50.56.129.169',
				'client-type': 'browser',
				recipient: 'alice@example.com',
				event: 'opened',
				timestamp: '1467297128',
				token: 'c2eecf923f9820812338de117346d6448ea2cf7e2e98cfa1a0',
				signature: '9c70b687ef784ec5ed78f4d9442d641a9cfc7b909f9bf43d9ce7e44b3448cf97',
				'body-plain': '',
			},
			'application/x-www-form-urlencoded',
		),
		// The domain is Mailgun's sending domain, not the lead's company: the domain comes from the email.
		expect: {
			email: 'alice@example.com',
			city: 'San Francisco',
			region: 'US-CA',
			country: 'US',
			submittedAt: '2016-06-30T14:32:08.000Z',
			website: null,
			domain: 'example.com',
		},
	},
	{
		id: 'mixpanel/users-form-field-json',
		source: 'Mixpanel',
		from: `${SNOWPLOW}/MixpanelAdapterSpec.scala (e1 body: users=<JSON list>, form-encoded as the Webhook node parses it)`,
		licence: 'Apache-2.0 (Snowplow 2016 adapter test); the body copied whole, its trailing line break included',
		input: viaWebhook(
			{
				users:
					'[{"$distinct_id": "smith@jane.com", "$properties": {"$name": "Smith Jane", "$email": "smith@jane.com", "Referring URL": "http://www.google.com"}},{"$distinct_id": "Asmith@jane.com", "$properties": {"$name": "ASmith Jane", "$email": "Asmith@jane.com"}}]\n',
			},
			'application/x-www-form-urlencoded',
		),
		expect: { email: 'smith@jane.com', firstName: 'Smith', lastName: 'Jane', website: null },
	},
	{
		id: 'emailoctopus/contact-created-list',
		source: 'EmailOctopus',
		from: 'activepieces/activepieces packages/pieces/community/email-octopus/src/lib/triggers/new-contact.ts (sampleData), in the list EmailOctopus posts (the trigger reads body as a list of events)',
		licence: AP,
		input: viaWebhook([
			{
				id: '42636763-73f9-463e-af8b-3f720bb3d889',
				type: 'contact.created',
				list_id: 'fa482fa2-5ac4-11ed-9f7a-67da1c836cf8',
				contact_id: 'e3ab8c80-5f65-11ed-835e-030e4bb63150',
				occurred_at: '2022-11-18T15:20:23+00:00',
				contact_fields: { LastName: 'Example', FirstName: 'Claire' },
				contact_status: 'SUBSCRIBED',
				contact_email_address: 'claire@example.com',
				contact_tags: ['vip'],
			},
		]),
		expect: {
			email: 'claire@example.com',
			firstName: 'Claire',
			lastName: 'Example',
			submittedAt: '2022-11-18T15:20:23.000Z',
			company: null,
		},
	},
	{
		id: 'lemlist/activity-recipient',
		source: 'lemlist',
		from: 'activepieces/activepieces packages/pieces/community/lemlist/src/lib/triggers/new-activity.ts (sampleData)',
		licence: AP,
		input: viaWebhook({
			type: 'emailsOpened',
			campaignId: 'cam_123',
			recipient: 'test@example.com',
			createdAt: '2025-09-06T12:00:00Z',
		}),
		expect: { email: 'test@example.com', submittedAt: '2025-09-06T12:00:00.000Z', fullName: null, company: null },
	},
];
