/**
 * Microsoft Graph resources a workflow reads leads from (an n8n HTTP Request or Microsoft node returns them as they
 * are): Bookings customers and appointments, Teams webinar registrations. People there are named by `displayName`,
 * custom questions are { displayName | question, value | answer | multiChoiceValues } entries, and times are
 * DateTimeOffset values written in UTC, sometimes without a zone.
 */
import type { CorpusCase } from './types';

const GRAPH_DOCS = 'microsoftgraph/microsoft-graph-docs-contrib';
const GRAPH_LICENCE =
	'CC BY 4.0 (Microsoft Graph documentation; code samples MIT); the example response copied whole, as Microsoft shortened it';

export const MICROSOFT: CorpusCase[] = [
	{
		id: 'microsoft-bookings/customer-get',
		source: 'Microsoft Bookings',
		from: `${GRAPH_DOCS} api-reference/v1.0/api/bookingcustomer-get.md (example response)`,
		licence: GRAPH_LICENCE,
		input: {
			'@odata.type': '#microsoft.graph.bookingCustomer',
			'@odata.context':
				"https://graph.microsoft.com/v1.0/solutions/$metadata#bookingBusinesses('Contosolunchdelivery%40contoso.com')/customers/$entity",
			id: '8bb19078-0f45-4efb-b2c5-da78b860f73a',
			displayName: 'Adele Vance',
			emailAddress: 'adelev@proseware.com',
			addresses: [
				{
					postOfficeBox: '',
					street: '4567 Main Street',
					city: 'Buffalo',
					state: 'NY',
					countryOrRegion: 'USA',
					postalCode: '98052',
					type: 'home',
				},
				{
					postOfficeBox: '',
					street: '4570 Main Street',
					city: 'Buffalo',
					state: 'NY',
					countryOrRegion: 'USA',
					postalCode: '98054',
					type: 'business',
				},
			],
			phones: [
				{ number: '206-555-0100', type: 'home' },
				{ number: '206-555-0200', type: 'business' },
			],
		},
		// A customer's displayName is the person's full name; the first address and phone are the customer's own.
		expect: {
			email: 'adelev@proseware.com',
			fullName: 'Adele Vance',
			firstName: 'Adele',
			lastName: 'Vance',
			domain: 'proseware.com',
			phone: '+12065550100',
			street: '4567 Main Street',
			city: 'Buffalo',
			region: 'US-NY',
			postalCode: '98052',
			country: 'US',
			company: null,
		},
	},
	{
		id: 'microsoft-bookings/appointment-get',
		source: 'Microsoft Bookings',
		from: `${GRAPH_DOCS} api-reference/v1.0/api/bookingappointment-get.md (example response)`,
		licence: GRAPH_LICENCE,
		input: {
			'@odata.context':
				"https://graph.microsoft.com/v1.0/solutions/$metadata#bookingBusinesses('Contosolunchdelivery%40contoso.onmicrosoft.com')/appointments/$entity",
			id: 'AAMkADKnAAA=',
			selfServiceAppointmentId: '00000000-0000-0000-0000-000000000000',
			isLocationOnline: true,
			joinWebUrl:
				'https://teams.microsoft.com/l/meetup-join/19%3ameeting_MTlhZTE3MDUtODk0Yy00MGZkLTlhNzktN2FmYTk3MDUxNmE2%40thread.v2/0?context=%7b%22Tid%22%3a%22995fa18c-b557-4694-8d07-b89779d6dc77%22%2c%22Oid%22%3a%22d4d260ab-989d-490e-b121-e2066391807a%22%7d',
			customerTimeZone: 'America/Chicago',
			smsNotificationsEnabled: true,
			serviceId: '57da6774-a087-4d69-b0e6-6fb82c339976',
			serviceName: 'Catered bento',
			duration: 'PT30M',
			preBuffer: 'PT5M',
			postBuffer: 'PT10M',
			priceType: 'fixedPrice',
			price: 10.0,
			serviceNotes: 'Customer requires punctual service.',
			optOutOfCustomerEmail: false,
			anonymousJoinWebUrl: null,
			staffMemberIds: [],
			startDateTime: { dateTime: '2018-05-06T12:00:00.0000000Z', timeZone: 'UTC' },
			endDateTime: { dateTime: '2018-05-06T12:30:00.0000000Z', timeZone: 'UTC' },
			serviceLocation: {
				displayName: 'Customer location (123 First Avenue, Buffalo, NY 98052, USA)',
				locationEmailAddress: null,
				locationUri: '',
				locationType: null,
				uniqueId: null,
				uniqueIdType: null,
				address: { street: '', city: '', state: '', countryOrRegion: '', postalCode: '' },
				coordinates: { altitude: null, latitude: null, longitude: null, accuracy: null, altitudeAccuracy: null },
			},
			reminders: [
				{ offset: 'P1D', recipients: 'allAttendees', message: 'This service is tomorrow' },
				{ offset: 'PT1H', recipients: 'customer', message: 'Please be available to enjoy your lunch service.' },
				{ offset: 'PT2H', recipients: 'staff', message: 'Please check traffic for next cater.' },
			],
			maximumAttendeesCount: 5,
			filledAttendeesCount: 1,
			customers: [
				{
					'@odata.type': '#microsoft.graph.bookingCustomerInformation',
					customerId: '7ed53fa5-9ef2-4f2f-975b-27447440bc09',
					name: 'Jordan Miller',
					emailAddress: 'jordanm@contoso.com',
					phone: '213-555-0199',
					notes: null,
					location: {
						displayName: 'Customer',
						locationEmailAddress: null,
						locationUri: '',
						locationType: null,
						uniqueId: null,
						uniqueIdType: null,
						address: { street: '', city: '', state: '', countryOrRegion: '', postalCode: '' },
						coordinates: null,
					},
					timeZone: 'America/Chicago',
					customQuestionAnswers: [
						{
							questionId: '3bc6fde0-4ad3-445d-ab17-0fc15dba0774',
							question: 'What is your age',
							answerInputType: 'text',
							answerOptions: [],
							isRequired: true,
							answer: '25',
							selectedOptions: [],
						},
					],
				},
			],
		},
		// The customer booked; the service's name, notes and the reminders the business sends are not the lead's.
		expect: {
			email: 'jordanm@contoso.com',
			fullName: 'Jordan Miller',
			firstName: 'Jordan',
			lastName: 'Miller',
			domain: 'contoso.com',
			company: null,
			message: null,
		},
	},
	{
		id: 'microsoft-teams/webinar-registrations-list',
		source: 'Microsoft Teams webinars',
		from: `${GRAPH_DOCS} api-reference/beta/api/virtualeventregistration-list.md (example response)`,
		licence: GRAPH_LICENCE,
		input: {
			value: [
				{
					'@odata.type': '#microsoft.graph.virtualEventRegistration',
					id: '127962bb-84e1-7b62-fd98-1c9d39def7b6',
					userId: 'String',
					firstName: 'Emilee',
					lastName: 'Pham',
					email: 'EmileeMPham@contoso.com',
					status: 'registered',
					registrationDateTime: '2023-03-07T22:04:17',
					cancelationDateTime: null,
					registrationQuestionAnswers: [
						{
							questionId: '95320781-96b3-4b8f-8cf8-e6561d23447a',
							displayName: 'Which city do you currently work in?',
							value: null,
							booleanValue: null,
							multiChoiceValues: ['Seattle'],
						},
						{
							questionId: '4577afdb-8bee-4219-b482-04b52c6b855c',
							displayName: 'Do you in the same city where you work?',
							value: null,
							booleanValue: true,
							multiChoiceValues: [],
						},
						{
							questionId: '80fefcf1-caf7-4cd3-b8d7-159e17c47f20',
							displayName: 'Which cities have you worked in?',
							value: null,
							booleanValue: null,
							multiChoiceValues: ['Cancun', 'Hoboken', 'Beijing'],
						},
					],
				},
			],
		},
		// registrationDateTime is a UTC DateTimeOffset written without its zone; the city the registrant works in is the
		// answer to the question asking for it, not one of the cities they worked in.
		expect: {
			email: 'emileempham@contoso.com',
			firstName: 'Emilee',
			lastName: 'Pham',
			fullName: 'Emilee Pham',
			domain: 'contoso.com',
			submittedAt: '2023-03-07T22:04:17.000Z',
			city: 'Seattle',
			company: null,
		},
	},
];
