/**
 * Classes of payload found on real traffic outside the corpus (vendors' documentation and public repositories): each
 * test is one class, written on an invented payload of that shape, so it holds for every sender of the shape.
 */
import { processLead } from '../../../lib/lead/process';
import { DEFAULT_OPTIONS } from '../../../lib/lead/options';

const NOW = new Date('2026-03-01T12:00:00Z');
const run = (json: unknown) => processLead({ json }, DEFAULT_OPTIONS, NOW).json;
const warnings = (json: unknown) =>
	processLead({ json }, DEFAULT_OPTIONS, NOW).quality.issues.map((i) => `${i.field}:${i.code}`);

describe('payload classes outside the corpus', () => {
	it("reads flat records whose keys name the person's role (attendee_…, requester_…, invitee_…)", () => {
		expect(
			run({ attendee_first_name: 'Ana', attendee_last_name: 'Ruiz', attendee_email: 'ana@ruiz.io' }),
		).toMatchObject({ firstName: 'Ana', lastName: 'Ruiz' });
		expect(run({ ticket_subject: 'Help', requester_name: 'Bo Lee', requester_email: 'bo@lee.io' })).toMatchObject({
			fullName: 'Bo Lee',
			email: 'bo@lee.io',
		});
	});

	it("names list entries by fieldName, slug or type, and finds an id-only entry's email by its shape", () => {
		expect(
			run({
				email: 'a@b.io',
				fields: [
					{ fieldName: 'First name', slug: 'first_name', value: 'Ana' },
					{ slug: 'surname', value: 'Ruiz' },
				],
			}),
		).toMatchObject({ firstName: 'Ana', lastName: 'Ruiz' });
		expect(
			run({
				identities: [
					{ type: 'LEAD_GUID', value: 'f9d728f1' },
					{ type: 'EMAIL', value: 'mo@acme.io' },
				],
			}).email,
		).toBe('mo@acme.io');
		const byShape = {
			id: '1',
			data: [
				{ field: '101', value: 'Kim' },
				{ field: '102', value: 'kim@lee.io' },
			],
		};
		expect(run(byShape).email).toBe('kim@lee.io');
		expect(warnings(byShape)).toContain('email:uncertain');
	});

	it('reads a question asking for the first or the last name', () => {
		expect(run({ 'What is your first name?': 'Laura', 'And your last name?': 'Ng', email: 'l@ng.io' })).toMatchObject({
			firstName: 'Laura',
		});
		expect(run({ 'What is your last name?': 'Ng', email: 'l@ng.io' })).toMatchObject({ lastName: 'Ng' });
	});

	it("never takes a scheduled event's name, title or description for the person's", () => {
		const lead = run({
			name: 'Discovery call',
			description: 'Agenda: pricing',
			title: 'Head of Sales',
			start_time: '2026-01-01T10:00:00Z',
			end_time: '2026-01-01T10:30:00Z',
			invitee: { email: 'jo@acme.io' },
		});
		expect(lead.fullName).toBeUndefined();
		expect(lead.message).toBeUndefined();
		expect(lead.jobTitle).toBeUndefined();
	});

	it("never takes a form's or a meeting's name for a person's name or job", () => {
		const lead = run({ payload: { name: 'Newsletter Signup Form', data: { 'Email 2': 'x@acme.io' } } });
		expect(lead.fullName).toBeUndefined();
		expect(run({ email: 'x@acme.io', first_name: 'Jo', title: '30 Minute Meeting' }).jobTitle).toBeUndefined();
		expect(run({ email: 'x@acme.io', first_name: 'Jo', title: 'Head of Sales' }).jobTitle).toBe('Head of Sales');
	});

	it("never takes a scheduling tool's link for the company website", () => {
		expect(run({ email: 'x@acme.io', url: 'https://savvycal.com/events/evt_1' }).website).toBeUndefined();
	});

	it("never takes a product or line item's name for the person's", () => {
		expect(
			run({ email_address: 'x@acme.io', products: [{ name: 'Floppy Disk', sku: 'FD1' }] }).fullName,
		).toBeUndefined();
	});

	it('reads submission times written with a zone suffix, a sign-up key, or a day and a time in two fields', () => {
		expect(run({ email: 'x@acme.io', DATE_CREATED_UTC: '2025-03-01T09:00:00Z' }).submittedAt).toBe(
			'2025-03-01T09:00:00.000Z',
		);
		expect(run({ email: 'x@acme.io', registeredAt: '2024-01-01T00:00:00+00:00' }).submittedAt).toBe(
			'2024-01-01T00:00:00.000Z',
		);
		expect(
			run({ 'data.json': '{"email":["x@acme.io"],"date_submitted":["2017-11-15"],"time_submitted":["04:17 PM UTC"]}' })
				.submittedAt,
		).toBe('2017-11-15T16:17:00.000Z');
		expect(
			run({ email: 'x@acme.io', submission_date: '2024-01-02', created_at: '2024-01-02T10:00:00Z' }).submittedAt,
		).toBe('2024-01-02T10:00:00.000Z');
	});

	it("takes Calendly's text reminder number as the invitee's phone (the invitee typed it for SMS reminders)", () => {
		expect(run({ payload: { email: 'x@acme.io', name: 'Jo Ng', text_reminder_number: '+1 212 555 2671' } }).phone).toBe(
			'+12125552671',
		);
		const asked = {
			payload: {
				email: 'x@acme.io',
				text_reminder_number: '+1 212 555 2671',
				questions_and_answers: [{ question: 'Phone number', answer: '+44 20 7946 0958' }],
			},
		};
		expect(run(asked).phone).toBe('+442079460958');
	});

	it('never takes an id, an email or a free-mail site under a company key for the company', () => {
		const lead = run({
			email: 'jo@acme.io',
			organization: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
			company_name: 'Acme Labs',
		});
		expect(lead.company).toBe('Acme Labs');
		for (const organization of ['3fa85f64-5717-4562-b3fc-2c963f66afa6', '5d40fdaf174b4c0007043072', '1689563'])
			expect(run({ email: 'jo@acme.io', organization }).company).toBeUndefined();
		expect(run({ email: 'jo@acme.io', company: 'jo@acme.io' }).company).toBeUndefined();
		expect(run({ email: 'jo@acme.io', company: 'https://forms.gle/abc' }).company).toBeUndefined();
		expect(run({ email: 'jo@acme.io', company: '3M' }).company).toBe('3M');
	});

	it('reads a company domain holding an email by its business domain, and never a free-mail domain as the website', () => {
		expect(run({ email: 'jo@gmail.com', company_domain: 'jo@acme.io' })).toMatchObject({ domain: 'acme.io' });
		const freeMail = run({ email: 'jo@gmail.com', company_domain: 'gmail.com' });
		expect(freeMail.website).toBeUndefined();
		expect(freeMail.domain).toBeUndefined();
		const mailbox = run({ email: 'jo@acme.io', company_domain: 'jo@gmail.com' });
		expect(mailbox.website).toBeUndefined();
		expect(mailbox.domain).toBe('acme.io');
		expect(run({ email: 'jo@gmail.com', website: 'https://www.yahoo.com/' }).website).toBeUndefined();
		expect(run({ email: 'jo@gmail.com', company_domain: 'acme.io' }).domain).toBe('acme.io');
	});

	it('reads the submission time family of keys, in ISO text, " UTC" text and epoch seconds, milliseconds or microseconds', () => {
		const at = '2024-05-01T12:00:00.000Z';
		for (const [key, value] of [
			['timestamp_created', '2024-05-01T12:00:00.000Z'],
			['created_timestamp', 1714564800],
			['date_created', '1714564800000'],
			['createdTime', '2024-05-01 12:00:00 UTC'],
			['submitted_on', '2024-05-01T12:00:00+0000'],
			['created_at_ms', 1714564800000],
			['lead_created_time', 1714564800000000],
		] as const)
			expect([key, run({ email: 'x@acme.io', [key]: value }).submittedAt]).toEqual([key, at]);
		// Outside 2000-2100 a number is an id or a counter, not a time: the time of normalization is used.
		expect(run({ email: 'x@acme.io', timestamp_created: 86400 }).submittedAt).toBe(NOW.toISOString());
		expect(run({ email: 'x@acme.io', created_timestamp: 99999999999999999 }).submittedAt).toBe(NOW.toISOString());
	});

	it('reads keys that say a record was created, registered, added or submitted, with a date or time word', () => {
		const at = '2024-05-01T12:00:00.000Z';
		for (const [key, value] of [
			['registrationDateTime', '2024-05-01T12:00:00Z'],
			['dateAdded', '2024-05-01T12:00:00.000Z'],
			['registrationDate', '2024-05-01T14:00:00+02:00'],
			['createdDateTime', '2024-05-01T12:00:00Z'],
			['date_registered', 1714564800],
			['contact_added_on', '2024-05-01 12:00:00'],
			['subscribedAt', '2024-05-01T12:00:00Z'],
		] as const)
			expect([key, run({ email: 'x@acme.io', [key]: value }).submittedAt]).toEqual([key, at]);
		// Other times of a record are not its submission.
		for (const key of ['lastUpdatedDateTime', 'cancelationDateTime', 'dateOfBirth'])
			expect(run({ email: 'x@acme.io', [key]: '2024-05-01T12:00:00Z' }).submittedAt).toBe(NOW.toISOString());
	});

	it('reads an offset in hours only (as PostgreSQL writes it), and a time without a zone as UTC', () => {
		expect(run({ email: 'x@acme.io', created: '2019-07-24 16:50:15.293+02' }).submittedAt).toBe(
			'2019-07-24T14:50:15.293Z',
		);
		expect(run({ email: 'x@acme.io', created: '2019-07-24T16:50:15-07' }).submittedAt).toBe('2019-07-24T23:50:15.000Z');
		expect(run({ email: 'x@acme.io', registrationDateTime: '2023-03-07T22:04:17' }).submittedAt).toBe(
			'2023-03-07T22:04:17.000Z',
		);
	});

	it("takes the lead's own creation time over the time its event was emitted or delivered", () => {
		// An envelope naming its event: its root time is the notification's.
		const notification = {
			topic: 'contact.lead.created',
			created_at: 1768020119,
			data: { item: { email: 'x@acme.io', created_at: '2026-01-10T04:41:59.251+00:00' } },
		};
		expect(run(notification).submittedAt).toBe('2026-01-10T04:41:59.251Z');
		// A key naming the emission loses to the conversation's creation, at any depth.
		const inbound = {
			type: 'inbound',
			emitted_at: 1518309200,
			conversation: { created_at: 1518309203.872, recipient: { handle: 'x@acme.io' } },
		};
		expect(run(inbound).submittedAt).toBe('2018-02-11T00:33:23.872Z');
		// An envelope carrying its record under "payload", with no person's field of its own.
		expect(
			run({
				created_at: '2023-01-29T13:50:13Z',
				payload: { email: 'x@acme.io', created_at: '2023-01-29T13:50:13.072Z' },
			}).submittedAt,
		).toBe('2023-01-29T13:50:13.072Z');
		// Alone, the event's time is still the best there is.
		expect(run({ type: 'subscribe', fired_at: '2024-01-15 10:30:00', data: { email: 'x@acme.io' } }).submittedAt).toBe(
			'2024-01-15T10:30:00.000Z',
		);
		expect(
			run({ eventType: 'form-submission', eventCreateTs: '2026-01-15 16:53:30', data: { email: 'x@acme.io' } })
				.submittedAt,
		).toBe('2026-01-15T16:53:30.000Z');
		// A person's own record keeps its time over a related record's inside it.
		expect(
			run({ email: 'x@acme.io', created_at: '2024-05-01T12:00:00Z', company: { created_at: '2020-01-01T00:00:00Z' } })
				.submittedAt,
		).toBe('2024-05-01T12:00:00.000Z');
	});

	it("reads a person's displayName as their full name, never a place's, a question's or a group's", () => {
		expect(run({ displayName: 'Adele Vance', emailAddress: 'adele@proseware.com' })).toMatchObject({
			fullName: 'Adele Vance',
			firstName: 'Adele',
			lastName: 'Vance',
		});
		expect(run({ displayName: 'Adele Vance', mail: 'adele@proseware.com', givenName: 'Adele' }).fullName).toBe(
			'Adele Vance',
		);
		// On records that are not a person's.
		expect(
			run({
				email: 'jo@acme.io',
				serviceLocation: { displayName: 'Customer location (123 First Avenue)', address: { city: '' } },
			}).fullName,
		).toBeUndefined();
		expect(run({ email: 'jo@acme.io', group: { displayName: 'Sales Team EMEA', id: '42' } }).fullName).toBeUndefined();
		// A name of its own wins over a display name.
		expect(run({ email: 'jo@acme.io', name: 'Jo Lee', displayName: 'jo' }).fullName).toBe('Jo Lee');
	});

	it('reads custom questions named by displayName or question, answered by value, answer or a list of choices', () => {
		const registration = {
			email: 'em@contoso.com',
			registrationQuestionAnswers: [
				{
					questionId: 'q1',
					displayName: 'Company name',
					value: null,
					booleanValue: null,
					multiChoiceValues: ['Contoso'],
				},
				{ questionId: 'q2', displayName: 'Job title', value: 'Buyer', booleanValue: null, multiChoiceValues: [] },
				{
					questionId: 'q3',
					displayName: 'Which city do you currently work in?',
					value: null,
					multiChoiceValues: ['Oslo'],
				},
				{ questionId: 'q4', displayName: 'Which cities have you worked in?', value: null, multiChoiceValues: ['Rome'] },
			],
		};
		expect(run(registration)).toMatchObject({ company: 'Contoso', jobTitle: 'Buyer', city: 'Oslo' });
		const booking = {
			customers: [
				{
					name: 'Jo Lee',
					emailAddress: 'jo@fabrikam.com',
					customQuestionAnswers: [{ question: 'Company', answer: '', selectedOptions: ['Fabrikam'] }],
				},
			],
			reminders: [{ offset: 'P1D', recipients: 'customer', message: 'See you tomorrow' }],
		};
		expect(run(booking)).toMatchObject({ company: 'Fabrikam', fullName: 'Jo Lee' });
		// A reminder the business sends is not what the lead wrote.
		expect(run(booking).message).toBeUndefined();
	});

	it("never takes the name a tool generated for an anonymous visitor for the person's", () => {
		const gosquaredLike = {
			person: { id: 'a1', _anon: { name: 'Anonymous Koala' }, email: 'kim@lee.io' },
			message: { text: 'Hi' },
		};
		expect(run(gosquaredLike)).toMatchObject({ email: 'kim@lee.io' });
		expect(run(gosquaredLike).fullName).toBeUndefined();
		for (const name of ['Visitor 1234', 'Guest', 'Anonymous', 'Unknown visitor', 'guest #42', 'Anonymous Red Panda'])
			expect([name, run({ visitor: { name, email: 'v@lee.io' } }).fullName]).toEqual([name, undefined]);
		expect(run({ email: 'v@lee.io', first_name: 'Ana', last_name: 'Guest' })).toMatchObject({ lastName: 'Guest' });
		expect(run({ visitor: { name: 'Kim Lee', email: 'v@lee.io' } }).fullName).toBe('Kim Lee');
	});

	it('splits a one-line postal address into street, city, region, postal code and country', () => {
		expect(run({ email: 'x@acme.io', address: '12 Main St, Springfield, IL 62701, USA' })).toMatchObject({
			street: '12 Main St',
			city: 'Springfield',
			region: 'US-IL',
			postalCode: '62701',
			country: 'US',
		});
		expect(run({ email: 'x@acme.io', Address: 'Friedrichstraße 123\n10117 Berlin\nGermany' })).toMatchObject({
			street: 'Friedrichstraße 123',
			city: 'Berlin',
			postalCode: '10117',
			country: 'DE',
		});
		// Fields the form sent on their own win over the parts of the line.
		expect(
			run({ email: 'x@acme.io', address: '1 George St, Sydney NSW 2000', city: 'North Sydney', country: 'Australia' }),
		).toMatchObject({
			street: '1 George St',
			city: 'North Sydney',
			region: 'AU-NSW',
			postalCode: '2000',
			country: 'AU',
		});
		expect(run({ email: 'x@acme.io', address: '12 Main Street' })).toMatchObject({ street: '12 Main Street' });
		expect(run({ email: 'x@acme.io', address: '12 Main Street' }).city).toBeUndefined();
	});

	it('reads a body that is a list of events from its first record', () => {
		const envelope = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, query: {}, body });
		const lead = run(envelope([{ email: 'a@acme.io', timestamp: 1446549615 }, { email: 'b@acme.io' }]));
		expect(lead).toMatchObject({ email: 'a@acme.io', submittedAt: '2015-11-03T11:20:15.000Z' });
		expect(lead.fieldSources).toMatchObject({ email: 'body[0].email' });
		expect(run(envelope('[{"email":"c@acme.io"}]')).email).toBe('c@acme.io');
	});

	it('reads JSON text in a field even with a line break around it', () => {
		expect(run({ users: '[{"$email": "a@acme.io", "$name": "Ann Lee"}]\n' })).toMatchObject({
			email: 'a@acme.io',
			lastName: 'Lee',
		});
	});

	it("reads a generic url or domain as the website only on the person's own record", () => {
		expect(run({ email: 'a@acme.io', name: 'Ann Lee', url: 'https://acme.io' }).website).toBe('https://acme.io');
		expect(run({ email: 'a@acme.io', device: { url: 'https://forms.acme.io/demo' } }).website).toBeUndefined();
		expect(run({ recipient: 'a@acme.io', domain: 'mg.sender.com', event: 'opened' }).website).toBeUndefined();
		expect(run({ email: 'a@acme.io', photos: [{ url: 'https://cdn.acme.io/p.png' }] }).website).toBeUndefined();
	});

	it('reads a message by what it is: never a message type or a bare link, and HTML as its text', () => {
		expect(run({ email: 'a@acme.io', messageType: 'incoming', content: 'Hello there' }).message).toBe('Hello there');
		expect(
			run({ email: 'a@acme.io', _links: { comments: 'https://api.example.com/c/1/comments' } }).message,
		).toBeUndefined();
		expect(run({ email: 'a@acme.io', body: '<div>Hi &amp; thanks,<br>Ann</div>' }).message).toBe('Hi & thanks,\nAnn');
		expect(run({ email: 'a@acme.io', message: 'a < b and c > d' }).message).toBe('a < b and c > d');
		expect(run({ email: 'a@acme.io', 'Message (optional)': 'Call me' }).message).toBe('Call me');
		expect(run({ email: 'a@acme.io', message_status: 'sent' }).message).toBeUndefined();
	});
	it("reads a form's answers listed as field entries in an event's items, never losing the lead", () => {
		// The shape of an SMS/form platform's form-submission event (Mobizon documents one); the values are made up.
		const event = {
			eventId: 12,
			eventType: 'form-submission',
			eventCreateTs: '2026-02-02 10:00:00',
			data: {
				formId: 7,
				items: [
					{ fieldId: 1, fieldType: 'TEXT_STRING', fieldName: 'Name', value: 'Olena Koval' },
					{ fieldId: 2, fieldType: 'EMAIL', fieldName: 'E-mail', value: 'olena@koval.ua' },
					{ fieldId: 3, fieldType: 'MOBILE', fieldLabel: 'Mobile phone', value: '380441234567' },
				],
			},
		};
		expect(run(event)).toMatchObject({ email: 'olena@koval.ua', fullName: 'Olena Koval', phone: '+380441234567' });
		// Mobile phone in Portuguese and Spanish, an international number written without its "+".
		for (const key of ['Celular', 'Teléfono móvil', 'Numero de celular'])
			expect([key, run({ email: 'a@b.io', [key]: '380737893456' }).phone]).toEqual([key, '+380737893456']);
		expect(warnings(event)).not.toContain('lead:empty');
		// A line item's name and value are still the product's, not the person's.
		expect(run({ email: 'a@acme.io', items: [{ name: 'Gift card', value: 'Ann Lee' }] }).fullName).toBeUndefined();
	});

	it('never rejects a lead as empty or without email while an email is anywhere in it', () => {
		// The only email in a host's record is taken, with a warning to check it.
		const hostOnly = { event: 'booking', host: { email: 'host@agency.io' }, invitee: { name: 'Jo Lee' } };
		expect(run(hostOnly).email).toBe('host@agency.io');
		expect(warnings(hostOnly)).toContain('email:uncertain');
		// Beyond the reader's depth, in a list of plain values, URL-encoded in a link.
		const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: { note: 'write to jo@deep.io' } } } } } } } } } } };
		expect(run(deep).email).toBe('jo@deep.io');
		expect(run({ refs: ['x', 'y', 'kim@list.io'] }).email).toBe('kim@list.io');
		expect(run({ next: 'https://x.io/thanks?e=jo%40acme.io&x=1' }).email).toBe('jo@acme.io');
		for (const item of [hostOnly, deep]) expect(warnings(item)).not.toEqual(expect.arrayContaining(['lead:empty']));
		// What this package's nodes added (a rep's email) is never the lead's.
		expect(run({ name: 'Jo Lee', routing: { ownerEmail: 'rep@seller.io' } }).email).toBeUndefined();
	});
});
