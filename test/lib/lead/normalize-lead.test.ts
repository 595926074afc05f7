import { extractForm } from '../../../lib/lead/extract';
import { mapForm } from '../../../lib/lead/map';
import { LeadRoutingError } from '../../../lib/errors';
import { DEFAULT_OPTIONS, parseLeadOptions } from '../../../lib/lead/options';
import { safeClone } from '../../../lib/lead/output';
import { markDuplicates, processLead } from '../../../lib/lead/process';
import { parseConsent, parseDate } from '../../../lib/lead/read';
import { canonicalLeadSchema } from '../../../lib/lead/schema';
import { FORM_STYLES } from './form-styles.fixture';

const NOW = new Date('2026-03-01T12:00:00Z');
const run = (json: unknown, options = DEFAULT_OPTIONS) => processLead({ json }, options, NOW);
const codes = (lead: ReturnType<typeof run>) =>
	lead.quality.issues.map((issue) => `${issue.field}:${issue.code}:${issue.severity}`);

describe('automatic mapping', () => {
	it('prefers the better alias regardless of order and skips empty values', () => {
		const { input } = mapForm(
			extractForm({
				Mobile: '+44 7911 123456',
				phone: '',
				'Phone Number': '+1 212 555 2671',
				mail: 'x@y.com',
				'E-mail': 'a@b.com',
			}),
		);
		expect(input.phone).toBe('+1 212 555 2671');
		expect(input.email).toBe('a@b.com');
	});

	it('falls back to loose label rules and to any value that is an email', () => {
		expect(
			mapForm(extractForm({ 'Where can we email you?': 'q@r.com', 'Your organisation': 'Q Ltd' })).input,
		).toMatchObject({ email: 'q@r.com', company: 'Q Ltd' });
		expect(mapForm(extractForm({ contactInfo: 'zed@zeta.io' })).input.email).toBe('zed@zeta.io');
	});

	it('keeps fields it does not know under their own names', () => {
		const mapped = mapForm(extractForm({ email: 'a@b.com', 'Budget (USD)': '10k', __proto__x: 1 }));
		expect(mapped.unknown).toEqual([
			['Budget (USD)', '10k'],
			['__proto__x', 1],
		]);
	});

	it('reads GET forms and url-encoded or JSON string bodies from the Webhook node', () => {
		expect(mapForm(extractForm({ headers: {}, query: { email: 'g@h.com' }, body: {}, params: {} })).input.email).toBe(
			'g@h.com',
		);
		expect(mapForm(extractForm({ headers: {}, body: 'email=u%40v.com&name=U+V' })).input).toMatchObject({
			email: 'u@v.com',
			fullName: 'U V',
		});
		expect(mapForm(extractForm({ headers: {}, body: '{"Email":"j@k.com"}' })).input.email).toBe('j@k.com');
	});

	it('reads German, French and Spanish form labels', () => {
		expect(
			run({
				Vorname: 'jürgen',
				Nachname: 'MÜLLER',
				'E-Mail-Adresse': 'j.mueller@siemens.de',
				Firma: 'Siemens AG',
				Telefon: '089 12345678',
				Land: 'Deutschland',
				PLZ: '80333',
				Ort: 'münchen',
			}).json,
		).toMatchObject({
			firstName: 'Jürgen',
			lastName: 'Müller',
			email: 'j.mueller@siemens.de',
			company: 'Siemens AG',
			companyNormalized: 'siemens',
			phone: '+498912345678',
			country: 'DE',
			postalCode: '80333',
			city: 'München',
		});
		expect(
			run({ Prénom: 'Élodie', Nom: 'Dupont', Courriel: 'elodie@total.fr', Société: 'TotalEnergies SE', Pays: 'France' })
				.json,
		).toMatchObject({
			firstName: 'Élodie',
			lastName: 'Dupont',
			email: 'elodie@total.fr',
			company: 'TotalEnergies SE',
			country: 'FR',
		});
		expect(
			run({
				Nombre: 'lucía',
				Apellidos: 'garcía lópez',
				'Correo electrónico': 'lucia@bbva.es',
				Empresa: 'BBVA',
				País: 'España',
				Teléfono: '612 345 678',
			}).json,
		).toMatchObject({
			firstName: 'Lucía',
			lastName: 'García López',
			email: 'lucia@bbva.es',
			company: 'BBVA',
			country: 'ES',
			phone: '+34612345678',
		});
	});

	it.each(Object.entries(FORM_STYLES))('normalizes the %s style to a valid canonical lead', (_name, form) => {
		const lead = run(form.input);
		expect(lead.json).toMatchObject(form.expect);
		expect(canonicalLeadSchema.parse(lead.json)).toBeTruthy();
		expect(lead.quality.qualified).toBe(true);
	});
});

describe('the general extractor', () => {
	it('says where each field came from, as a path Custom Mapping can use', () => {
		const lead = run({
			headers: {},
			body: {
				user_column_data: [
					{ column_id: 'EMAIL', string_value: 'ann@acme.io' },
					{ column_name: 'Full Name', string_value: 'Ann Lee' },
				],
			},
		});
		expect(lead.json).toMatchObject({ email: 'ann@acme.io', fullName: 'Ann Lee' });
		expect(lead.json.fieldSources).toMatchObject({
			email: 'body.user_column_data[0].string_value',
			fullName: 'body.user_column_data[1].string_value',
		});
	});

	it('reads the person who booked, never the host', () => {
		const lead = run({
			payload: {
				title: 'Intro between Hana Host and Bo Booker',
				organizer: { name: 'Hana Host', email: 'hana@host.io' },
				attendees: [{ name: 'Bo Booker', email: 'bo@client.io' }],
			},
		});
		expect(lead.json).toMatchObject({ email: 'bo@client.io', fullName: 'Bo Booker' });
		expect(lead.json.jobTitle).toBeUndefined();
	});

	it('unfolds bracket keys and JSON documents inside fields', () => {
		const bracket = run({
			headers: {},
			body: { 'data[merges][FNAME]': 'Ida', 'data[merges][LNAME]': 'Ng', 'data[email]': 'ida@ng.io' },
		});
		expect(bracket.json).toMatchObject({ firstName: 'Ida', lastName: 'Ng', email: 'ida@ng.io' });
		expect((bracket.json.fieldSources as Record<string, string>).firstName).toBe('body["data[merges][FNAME]"]');
		expect(run({ 'data.json': '{"email":["kai@sun.io"],"name":["Kai Sun"]}' }).json).toMatchObject({
			email: 'kai@sun.io',
			fullName: 'Kai Sun',
		});
	});

	it('takes the primary entry of multi-valued contact fields', () => {
		const lead = run({
			name: 'Lu Wei',
			emails: [
				{ value: 'old@wei.io', primary: false },
				{ value: 'lu@wei.io', primary: true },
			],
			phones: [{ value: '+44 20 7946 0958', label: 'work' }],
		});
		expect(lead.json).toMatchObject({ email: 'lu@wei.io', phone: '+442079460958' });
	});

	it('checks what a generic key holds: an account state is not a region, an id is not a company', () => {
		const lead = run({
			email: 'jo@acme.com',
			state: 'disabled',
			company_id: 1689563,
			address: { province: 'Ontario', country: 'Canada' },
		});
		expect(lead.json).toMatchObject({ region: 'CA-ON', country: 'CA' });
		expect(lead.json.company).toBeUndefined();
	});

	it('never loses a lead to its shape: an email in an unnamed field is taken, with a warning', () => {
		const lead = run({
			answers: [{ questionId: 7, answerDetails: { textQuestionAnswer: { answer: 'max@mustermann.de' } } }],
		});
		expect(lead.json.email).toBe('max@mustermann.de');
		expect(codes(lead)).toContain('email:uncertain:warning');
	});
});

describe('normalization details', () => {
	it('derives the domain from a business email, never from free mail', () => {
		expect(run({ email: 'a@sales.acme.co.uk' }).json.domain).toBe('acme.co.uk');
		expect(run({ email: 'a@gmail.com' }).json.domain).toBeUndefined();
		expect(run({ email: 'a@acme.com', website: 'https://www.other.com' }).json.domain).toBe('other.com');
	});

	it('treats placeholder values as empty and flags fakes', () => {
		const lead = run({
			email: 'bob@initech.com',
			company: 'N/A',
			name: 'asdf asdf',
			phone: '555-555-5555',
			country: 'US',
		});
		expect(lead.json.company).toBeUndefined();
		expect(codes(lead)).toEqual(
			expect.arrayContaining(['fullName:fake:reject', 'phone:invalid:warning', 'company:missing:warning']),
		);
	});

	it('reports an email that was sent but is invalid once, as invalid, never also as missing', () => {
		const lenient = parseLeadOptions({ rejectInvalidEmail: false });
		expect(codes(run({ email: 'jo@acme', name: 'Jo Lee' }))).toEqual([
			'email:invalid:reject',
			'company:missing:warning',
		]);
		// Still rejected while the email is required: the one issue says why.
		expect(codes(run({ email: 'jo@acme' }, lenient)).filter((code) => code.startsWith('email'))).toEqual([
			'email:invalid:reject',
		]);
		const optional = parseLeadOptions({ rejectInvalidEmail: false, requiredFields: [] });
		expect(codes(run({ email: 'jo@acme' }, optional)).filter((code) => code.startsWith('email'))).toEqual([
			'email:invalid:warning',
		]);
		expect(codes(run({ name: 'Jo Lee' }))).toContain('email:required:reject');
	});

	it('reports spam links in names and messages', () => {
		const lead = run({
			email: 'a@initech.com',
			name: 'Cheap pills www.pills.ru',
			message: 'http://a http://b http://c',
		});
		expect(codes(lead)).toEqual(expect.arrayContaining(['fullName:spam:reject', 'message:spam:reject']));
		expect(run({ email: 'a@initech.com', company: 'Booking.com' }).json.company).toBe('Booking.com');
	});

	it('uses the common honeypot names when spam checks are on', () => {
		expect(codes(run({ email: 'a@initech.com', _gotcha: 'I am a bot' }))).toContain('_gotcha:honeypot:reject');
		expect(run({ email: 'a@initech.com', _gotcha: '' }).quality.qualified).toBe(true);
	});

	it('keeps the submission time or falls back to now', () => {
		expect(run({ email: 'a@initech.com', timestamp: 1772445600 }).json.submittedAt).toBe('2026-03-02T10:00:00.000Z');
		const bad = run({ email: 'a@initech.com', submitted_at: 'yesterday-ish' });
		expect(bad.json.submittedAt).toBe(NOW.toISOString());
		expect(codes(bad)).toContain('submittedAt:invalid:warning');
	});

	it('scores by the findings it lists', () => {
		const lead = run({ email: 'info@gmail.com' });
		// free mail 10, role address 10, no name 15, no company 10
		expect(lead.quality.score).toBe(55);
		expect(run({ email: 'ann@initech.com', name: 'Ann Lee', company: 'Initech' }).quality.score).toBe(100);
	});

	it('parses consent answers and dates', () => {
		expect([true, 'Yes', 'on', ['I agree to receive emails'], 'I agree'].map(parseConsent)).toEqual([
			true,
			true,
			true,
			true,
			true,
		]);
		expect([false, 'no', 'off', [], 'I do not want emails'].map(parseConsent)).toEqual([
			false,
			false,
			false,
			false,
			false,
		]);
		expect(parseDate('2026-03-02 10:00:00Z')).toBe('2026-03-02T10:00:00.000Z');
		expect(parseDate('1772445600000')).toBe('2026-03-02T10:00:00.000Z');
		expect(parseDate(12)).toBeUndefined();
	});
});

describe('options and duplicates', () => {
	it('validates options with a fix in the description', () => {
		expect(parseLeadOptions({ defaultCountry: 'germany', requiredFields: [] })).toMatchObject({
			defaultCountry: 'DE',
			requiredFields: [],
		});
		for (const bad of [
			{ midMarketFrom: 0 },
			{ enterpriseFrom: 10, midMarketFrom: 10 },
			{ minimumScore: 101 },
			{ duplicates: 'x' },
			{ requiredFields: ['shoeSize'] },
			{ spamChecks: 'yes' },
		]) {
			expect(() => parseLeadOptions(bad)).toThrow(LeadRoutingError);
		}
	});

	it('flags or rejects repeated emails', () => {
		const leads = [
			run({ email: 'a@initech.com' }),
			undefined,
			run({ email: 'A@initech.com' }),
			run({ email: 'b@initech.com' }),
		];
		markDuplicates(leads, 'keepFirst');
		expect(leads.map((lead) => lead?.quality.qualified)).toEqual([true, undefined, false, true]);
		expect(leads[2]!.quality.issues.at(-1)!.message).toMatch(/item 0/);
	});
});

describe('safe copies', () => {
	it('drops prototype keys, cuts cycles and runaway depth, keeps data', () => {
		const cyclic: Record<string, unknown> = { a: 1, list: [1, 'x', null], when: new Date('2026-01-01T00:00:00Z') };
		cyclic.self = cyclic;
		cyclic.twice = [cyclic, cyclic];
		expect(safeClone(cyclic)).toEqual({
			a: 1,
			list: [1, 'x', null],
			when: '2026-01-01T00:00:00.000Z',
			self: null,
			twice: [null, null],
		});
		const hostile = JSON.parse('{"__proto__": {"x": 1}, "constructor": 1, "ok": {"prototype": 2, "v": 3}}');
		expect(safeClone(hostile)).toEqual({ ok: { v: 3 } });
		let deep: Record<string, unknown> = { end: true };
		for (let i = 0; i < 100; i++) deep = { d: deep };
		expect(JSON.stringify(safeClone(deep)).length).toBeLessThan(200);
		const shared = { k: 1 };
		expect(safeClone({ a: shared, b: shared })).toEqual({ a: { k: 1 }, b: { k: 1 } });
	});
});
