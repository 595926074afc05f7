import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../helpers/engine';
import { block } from '../helpers/items';

const NODE = 'normalizeLead';

function pairedIndexes(run: Awaited<ReturnType<typeof runNode>>['run']): number[] {
	const main = run.data.resultData.runData.Node[0].data!.main;
	return main
		.flatMap((items) => (items ?? []).map((item) => (item.pairedItem as { item: number }).item))
		.sort((a, b) => a - b);
}

function prototypeIsClean(): boolean {
	const probe: Record<string, unknown> = {};
	return probe.polluted === undefined && probe.isAdmin === undefined && Object.keys(Object.prototype).length === 0;
}

const keys = fc.constantFrom(
	'email',
	'Email Address',
	'e-mail',
	'name',
	'First Name',
	'last_name',
	'phone',
	'Mobile',
	'company',
	'website',
	'country',
	'state',
	'zip',
	'employees',
	'utm_source',
	'message',
	'body',
	'fields',
	'field_data',
	'properties',
	'form_response',
	'data',
	'payload',
	'__proto__',
	'constructor',
	'prototype',
	'headers',
	'submittedAt',
	'formMode',
);
const text = fc.oneof(
	fc.string(),
	fc.constantFrom(
		'jo@acme.com',
		'JO@ACME.COM',
		'+1 415 555 2671',
		'Deutschland',
		'50-200',
		'مرحبا بالعالم',
		'שלום',
		'😀🔥',
		'\u202eevil',
		'test',
		'n/a',
	),
	fc.emailAddress(),
);
const leaf = fc.oneof(
	text,
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(text, { maxLength: 3 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small' },
		leaf,
		fc.array(tie('node'), { maxLength: 3 }),
		fc.dictionary(keys, tie('node'), { maxKeys: 4 }),
	),
})).node;
// n8n never runs a node on an empty input, so batches hold at least one item.
// JSON.parse creates "__proto__" as an own key, exactly as a webhook body arrives.
const item = fc
	.dictionary(keys, value, { maxKeys: 8 })
	.map((object) => JSON.parse(JSON.stringify(object)) as IDataObject);

describe('Normalize Lead properties (real engine)', () => {
	it('every input item leaves by exactly one output, and no prototype is touched', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(item, { minLength: 1, maxLength: 8 }),
				fc.constantFrom('keepFirst', 'rejectAll', 'flag'),
				fc.boolean(),
				async (input, duplicates, custom) => {
					const mapping = {
						mode: 'custom',
						detectUnmapped: true,
						mappings: {
							values: [
								{ field: 'email', value: '={{ $json.email }}' },
								{ field: 'phone', value: '={{ $json.phone }}' },
							],
						},
					};
					const { run, out } = await runNode(NODE, { ...(custom ? mapping : {}), options: { duplicates } }, { input });
					expect(run.status).toBe('success');
					expect(out[0].length + out[1].length).toBe(input.length);
					expect(pairedIndexes(run)).toEqual(input.map((_, index) => index));
					expect(prototypeIsClean()).toBe(true);
				},
			),
			{ numRuns: 40 },
		);
	});

	it('survives hostile items without crashing or polluting prototypes', async () => {
		const hostile: IDataObject[] = [
			JSON.parse(
				'{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"isAdmin": true}}, "email": "a@initech.com"}',
			),
			JSON.parse(
				'{"body": {"__proto__": {"polluted": 2}, "Email": "b@initech.com"}, "headers": {}, "webhookUrl": "x"}',
			),
			{ email: 'x'.repeat(1_000_000) + '@initech.com', name: 'y'.repeat(1_000_000), company: 'z'.repeat(2_000_000) },
			{ email: null, name: ['Ann', 'Lee'], phone: { number: 5 }, company: 42, employees: [], country: true },
			{ name: '😀 Emoji 🔥', email: 'emoji@initech.com' },
			{ name: 'محمد عبد الله', email: 'mohammed@aramco.com', country: 'السعودية' },
			{ name: '\u202eevil\u202c name', email: 'rtl@initech.com' },
			{
				fields: [
					{ name: '__proto__', value: { polluted: 3 } },
					{ name: 'email', value: 'c@initech.com' },
				],
				context: {},
			},
			{ field_data: [{ name: 'constructor', values: ['x'] }, null, 7, { name: 'email', values: [] }] },
			{ form_response: { answers: [null, { type: 'email' }, { type: '__proto__', field: { id: '__proto__' } }] } },
			{},
		];
		const { run, out } = await runNode(NODE, {}, { input: hostile });
		expect(run.status).toBe('success');
		expect(out[0].length + out[1].length).toBe(hostile.length);
		expect(prototypeIsClean()).toBe(true);
		for (const lead of [...out[0], ...out[1]]) {
			expect(Object.prototype.hasOwnProperty.call(lead, '__proto__')).toBe(false);
			expect(Object.getPrototypeOf(lead)).toBe(Object.prototype);
		}
		const byEmail = (email: string) => [...out[0], ...out[1]].find((lead) => lead.email === email);
		expect(byEmail('a@initech.com')).toBeDefined();
		expect(byEmail('b@initech.com')).toBeDefined();
		expect(byEmail('c@initech.com')).toBeDefined();
		expect(byEmail('mohammed@aramco.com')).toMatchObject({ fullName: 'محمد عبد الله', country: 'SA' });
		expect(byEmail('rtl@initech.com')?.fullName).toBe('Evil Name');
		const huge = out[1].find((lead) => block(lead, 'raw').company === 'z'.repeat(2_000_000));
		expect(huge).toBeDefined();
	});
});
