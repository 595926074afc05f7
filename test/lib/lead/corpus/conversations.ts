/** Chat widgets and call tracking: the visitor or caller is the lead, never the operator or the tracking line. */
import { viaWebhook } from './types';
import type { CorpusCase } from './types';

const OLARK_FROM =
	'snowplow/snowplow 3-enrich/scala-common-enrich/src/test/scala/com.snowplowanalytics.snowplow.enrich.common/adapters/registry/OlarkAdapterSpec.scala';
const OLARK_LICENCE =
	'Apache-2.0 (Snowplow 2016); the form-encoded "data" field decoded once, its JSON text kept verbatim';

export const CONVERSATIONS: CorpusCase[] = [
	{
		id: 'olark/transcript',
		source: 'Olark',
		from: `${OLARK_FROM} (e1 body)`,
		licence: OLARK_LICENCE,
		input: viaWebhook(
			{
				data: '{"kind": "Conversation", "tags": ["olark", "customer"], "items": [{"body": "Hi there. Need any help?", "timestamp": "1307116657.1", "kind": "MessageToVisitor", "nickname": "John", "operatorId": "1234"}, {"body": "Yes, please help me with billing.", "timestamp": "1307116661.25", "kind": "MessageToOperator", "nickname": "Bob"}], "operators": {"1234": {"username": "jdoe", "emailAddress": "john@example.com", "kind": "Operator", "nickname": "John", "id": "1234"}}, "groups": [{"kind": "Group", "name": "My Sales Group", "id": "0123456789abcdef"}], "visitor": {"ip": "123.4.56.78", "city": "Palo Alto", "kind": "Visitor", "conversationBeginPage": "http://www.example.com/path", "countryCode": "US", "country": "United State", "region": "CA", "chat_feedback": {"overall_chat": 5, "responsiveness": 5, "friendliness": 5, "knowledge": 5, "comments": "Very helpful, thanks"}, "operatingSystem": "Windows", "emailAddress": "bob@example.com", "organization": "Widgets Inc.", "phoneNumber": "(555) 555-5555", "fullName": "Bob Doe", "customFields": {"favoriteColor": "blue", "myInternalCustomerId": "12341234"}, "id": "9QRF9YWM5XW3ZSU7P9CGWRU89944341", "browser": "Chrome 12.1"}, "id": "EV695BI2930A6XMO32886MPT899443414"}',
			},
			'application/x-www-form-urlencoded',
		),
		expect: {
			email: 'bob@example.com',
			firstName: 'Bob',
			lastName: 'Doe',
			company: 'Widgets Inc.',
			city: 'Palo Alto',
			region: 'US-CA',
			country: 'US',
		},
	},
	{
		id: 'olark/offline-message',
		source: 'Olark',
		from: `${OLARK_FROM} (e2 body)`,
		licence: OLARK_LICENCE,
		input: viaWebhook(
			{
				data: '{"kind": "Conversation", "id": "EV695BI2930A6XMO32886QPT899443414", "items": [{"kind": "OfflineMessage", "timestamp": "1307116667.1", "body": "Hi there."}], "visitor": {"kind": "Visitor", "id": "9QRF9YWM5XW3ZSU7P9CGWRU89944341", "fullName": "John Doe", "emailAddress": "foo@example.com", "phoneNumber": "(555) 555-5555", "city": "Palo Alto", "region": "CA", "country": "United States", "countryCode": "US", "organization": "Widgets Inc.", "ip": "123.4.56.78", "browser": "Chrome 12.1", "operatingSystem": "Windows", "customFields": {"myInternalCustomerId": "12341234", "favoriteColor": "blue"} }, "groups": [{"name": "My Sales Group", "id": "0123456789abcdef", "kind": "Group"}] }',
			},
			'application/x-www-form-urlencoded',
		),
		expect: {
			email: 'foo@example.com',
			firstName: 'John',
			lastName: 'Doe',
			company: 'Widgets Inc.',
			city: 'Palo Alto',
			region: 'US-CA',
			country: 'US',
		},
	},
	{
		id: 'callrail/call-complete-query',
		source: 'CallRail',
		from: "snowplow/snowplow 3-enrich/scala-common-enrich/src/test/scala/com.snowplowanalytics.snowplow.enrich.common/adapters/registry/CallrailAdapterSpec.scala (e1 query string; Snowplow's own cv/nuid removed)",
		licence: 'Apache-2.0 (Snowplow 2012-2019); every CallRail parameter kept',
		input: {
			headers: { host: 'n8n.example.com', 'user-agent': 'CallRail' },
			params: {},
			query: {
				answered: 'true',
				callercity: 'BAKERSFIELD',
				callercountry: 'US',
				callername: 'SKYPE CALLER',
				callernum: '+12612230240',
				callerstate: 'CA',
				callerzip: '92307',
				callsource: 'keyword',
				datetime: '2014-10-09 16:23:45',
				destinationnum: '2012032051',
				duration: '247',
				first_call: 'true',
				ga: '',
				gclid: '',
				id: '201235151',
				ip: '86.178.163.7',
				keywords: '',
				kissmetrics_id: '',
				landingpage: 'http://acme.com/',
				recording: 'http://app.callrail.com/calls/201235151/recording/9f59ad59ba1cfa264312',
				referrer: 'direct',
				referrermedium: 'Direct',
				trackingnum: '+12012311668',
				transcription: '',
				utm_campaign: '',
				utm_content: '',
				utm_medium: '',
				utm_source: '',
				utm_term: '',
				utma: '',
				utmb: '',
				utmc: '',
				utmv: '',
				utmx: '',
				utmz: '',
			},
			body: {},
			webhookUrl: 'https://n8n.example.com/webhook/calls',
			executionMode: 'production',
		},
		expect: {
			phone: '+12612230240',
			city: 'Bakersfield',
			region: 'US-CA',
			postalCode: '92307',
			country: 'US',
			website: null,
			email: null,
		},
	},
	{
		id: 'freshdesk/ticket-created',
		source: 'Freshdesk',
		from: 'zulip/zulip zerver/webhooks/freshdesk/fixtures/ticket_created.json (Apache-2.0)',
		licence: 'Apache-2.0 (Zulip webhook test fixture), copied whole',
		input: viaWebhook({
			freshdesk_webhook: {
				triggered_event: '{ticket_action:created}',
				ticket_id: '11',
				ticket_url: 'http://test1234zzz.freshdesk.com/helpdesk/tickets/11',
				ticket_type: 'Incident',
				ticket_subject: 'Test ticket subject ☃',
				ticket_description: '<div>Test ticket description ☃.</div>',
				ticket_status: 'Pending',
				ticket_priority: 'High',
				requester_name: 'Requester ☃ Bob',
				requester_email: 'requester-bob@example.com',
			},
		}),
		expect: {
			email: 'requester-bob@example.com',
			fullName: 'Requester ☃ Bob',
			company: null,
			jobTitle: null,
			website: null,
		},
	},
];
