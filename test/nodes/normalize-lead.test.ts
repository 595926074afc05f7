import { runNode, runWorkflow } from '../helpers/engine';
import { canonicalLeadSchema } from '../../lib/lead/schema';
import { FORM_STYLES } from '../lib/lead/form-styles.fixture';

const NODE = 'normalizeLead';

describe('Normalize Lead on the real engine', () => {
	it.each(Object.entries(FORM_STYLES))('turns a %s submission into a canonical lead', async (_style, form) => {
		const { out, run } = await runNode(NODE, {}, { input: [form.input] });
		expect(run.status).toBe('success');
		expect(out[1]).toEqual([]);
		expect(out[0]).toHaveLength(1);
		const lead = out[0][0];
		expect(lead).toMatchObject(form.expect);
		expect(lead.inputFormat).toBe(form.format);
		expect(lead.raw).toEqual(form.input);
		expect(canonicalLeadSchema.safeParse(lead).success).toBe(true);
	});

	it('sends bad leads to Rejected with the reasons, and good ones to Qualified', async () => {
		const { out } = await runNode(
			NODE,
			{},
			{
				input: [
					{ email: 'sam@globex.com', name: 'Sam Park', company: 'Globex' },
					{ email: 'temp@mailinator.com', name: 'Temp Person' },
					{ email: 'not-an-email', name: 'Bad Mail' },
					{ name: 'No Mail', company: 'Nomail Inc' },
					{ email: 'test@test.com', name: 'test test' },
				],
			},
		);
		expect(out[0].map((lead) => lead.email)).toEqual(['sam@globex.com']);
		const codes = out[1].map((lead) =>
			(lead.quality as { issues: Array<{ code: string; severity: string }> }).issues
				.filter((issue) => issue.severity === 'reject')
				.map((issue) => issue.code),
		);
		expect(codes).toEqual([['disposable'], ['invalid'], ['required'], ['fake', 'fake']]);
	});

	it('pairs every output item with its input item', async () => {
		const { run } = await runNode(
			NODE,
			{},
			{ input: [{ email: 'a@globex.com' }, { email: 'bad' }, { email: 'b@globex.com' }] },
		);
		const main = run.data.resultData.runData.Node[0].data!.main;
		expect(main[0]!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(main[1]!.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});

	it('applies the options: required fields, free-mail, thresholds, default country, minimum score', async () => {
		const { out } = await runNode(
			NODE,
			{
				options: {
					requiredFields: ['emailOrPhone', 'company'],
					rejectFreeMail: true,
					midMarketFrom: 10,
					enterpriseFrom: 50,
					defaultCountry: 'GB',
					minimumScore: 60,
				},
			},
			{
				input: [
					{ name: 'Tim Cook', phone: '07911 123456', company: 'Tesco PLC', employees: '20' },
					{ email: 'joe@gmail.com', company: 'Joe Ltd' },
					{ email: 'kim@sainsburys.co.uk', employees: '60' },
					{ email: 'info@boots.co.uk', company: 'Boots', phone: '12', website: 'not a site', employees: 'lots' },
				],
			},
		);
		expect(out[0]).toHaveLength(1);
		expect(out[0][0]).toMatchObject({ phone: '+447911123456', segment: 'Mid-Market', company: 'Tesco PLC' });
		const rejected = Object.fromEntries(
			out[1].map((lead) => [
				String(lead.email),
				(lead.quality as { issues: Array<{ code: string; severity: string }> }).issues
					.filter((i) => i.severity === 'reject')
					.map((i) => i.code),
			]),
		);
		expect(rejected['joe@gmail.com']).toEqual(['free_mail']);
		expect(rejected['kim@sainsburys.co.uk']).toEqual(['required', 'below_minimum_score']);
		expect(rejected['info@boots.co.uk']).toEqual(['below_minimum_score']);
		expect((out[1][2].quality as { score: number }).score).toBe(55);
	});

	it('rejects a filled honeypot and keeps unknown fields unless told not to', async () => {
		const input = [
			{ email: 'a@initech.com', company: 'Initech', fav_color: 'blue', website_url: '' },
			{ email: 'b@initech.com', company: 'Initech', website_url: 'http://spam.example' },
		];
		const kept = await runNode(NODE, { options: { honeypotField: 'website_url' } }, { input });
		expect(kept.out[0].map((lead) => lead.email)).toEqual(['a@initech.com']);
		expect(kept.out[0][0].fav_color).toBe('blue');
		expect((kept.out[1][0].quality as { issues: Array<{ code: string }> }).issues.map((i) => i.code)).toContain(
			'honeypot',
		);
		const dropped = await runNode(NODE, { options: { keepUnknownFields: false } }, { input: input.slice(0, 1) });
		expect(dropped.out[0][0].fav_color).toBeUndefined();
		expect((dropped.out[0][0].raw as Record<string, unknown>).fav_color).toBe('blue');
	});

	it.each([
		['keepFirst', ['a@globex.com', 'b@globex.com'], 1],
		['rejectAll', ['b@globex.com'], 2],
		['flag', ['a@globex.com', 'b@globex.com', 'a@globex.com'], 0],
	])('handles in-batch duplicates with %s', async (duplicates, qualified, rejectedCount) => {
		const { out } = await runNode(
			NODE,
			{ options: { duplicates } },
			{
				input: [{ email: 'a@globex.com' }, { email: 'b@globex.com' }, { email: 'A@Globex.com ' }],
			},
		);
		expect(out[0].map((lead) => lead.email)).toEqual(qualified);
		expect(out[1]).toHaveLength(rejectedCount);
		const all = [...out[0], ...out[1]];
		const flagged = all.filter((lead) =>
			(lead.quality as { issues: Array<{ code: string }> }).issues.some((i) => i.code === 'duplicate'),
		);
		expect(flagged.length).toBe(duplicates === 'rejectAll' ? 2 : 1);
	});

	it('maps fields by expression in custom mode', async () => {
		const { out } = await runNode(
			NODE,
			{
				mode: 'custom',
				mappings: {
					values: [
						{ field: 'email', value: '={{ $json.contact.mail }}' },
						{ field: 'fullName', value: '={{ $json.contact.who }}' },
						{ field: 'company', value: '={{ $json.org }}' },
						{ field: 'employees', value: '={{ $json.size }}' },
					],
				},
			},
			{
				input: [
					{
						contact: { mail: 'X@Umbrella.com', who: 'ALICE WONG' },
						org: 'Umbrella Corp',
						size: 250,
						email: 'ignored@other.com',
					},
				],
			},
		);
		expect(out[0][0]).toMatchObject({
			email: 'x@umbrella.com',
			firstName: 'Alice',
			lastName: 'Wong',
			company: 'Umbrella Corp',
			employees: 250,
			segment: 'Mid-Market',
			inputFormat: 'custom',
		});
	});

	it('custom mode can fill unmapped fields automatically', async () => {
		const { out } = await runNode(
			NODE,
			{
				mode: 'custom',
				detectUnmapped: true,
				mappings: { values: [{ field: 'company', value: '={{ $json.org }}' }] },
			},
			{ input: [{ org: 'Umbrella Corp', email: 'bo@umbrella.com' }] },
		);
		expect(out[0][0]).toMatchObject({ company: 'Umbrella Corp', email: 'bo@umbrella.com' });
	});

	it('reads options per item when they use expressions', async () => {
		const { out } = await runNode(
			NODE,
			{ options: { minimumScore: '={{ $json.min }}', requiredFields: [] } },
			{
				input: [
					{ email: 'a@globex.com', min: 95 },
					{ email: 'b@globex.com', min: 0 },
				],
			},
		);
		expect(out[0].map((lead) => lead.email)).toEqual(['b@globex.com']);
		expect(out[1].map((lead) => lead.email)).toEqual(['a@globex.com']);
	});

	it('an item whose mapping expressions find nothing is rejected as empty', async () => {
		const parameters = {
			mode: 'custom',
			mappings: { values: [{ field: 'email', value: '={{ $json.contact.mail.toLowerCase() }}' }] },
		};
		const { out, run } = await runNode(NODE, parameters, {
			input: [{ contact: { mail: 'A@Globex.com' } }, { other: 1 }],
		});
		expect(run.status).toBe('success');
		expect(out[0].map((lead) => lead.email)).toEqual(['a@globex.com']);
		expect((out[1][0].quality as { issues: Array<{ code: string }> }).issues.map((i) => i.code)).toEqual(['empty']);
		expect(out[1][0].other).toBe(1);
	});

	it('stops with a clear error on a bad configuration', async () => {
		const thresholds = await runNode(
			NODE,
			{ options: { midMarketFrom: 500, enterpriseFrom: 100 } },
			{ input: [{ email: 'a@b.com' }] },
		);
		expect(thresholds.run.status).toBe('error');
		expect(thresholds.error('Node')).toMatch(/segment thresholds/);
		const country = await runNode(NODE, { options: { defaultCountry: 'Narnia' } }, { input: [{ email: 'a@b.com' }] });
		expect(country.error('Node')).toMatch(/not a country/);
		const mappings = await runNode(NODE, { mode: 'custom', mappings: {} }, { input: [{ email: 'a@b.com' }] });
		expect(mappings.error('Node')).toMatch(/No field mappings/);
	});

	it('with Continue On Fail, a configuration error sends each item to Rejected with the error', async () => {
		const { out, run } = await runNode(
			NODE,
			{ options: { minimumScore: 500 } },
			{
				input: [{ email: 'a@globex.com' }, { email: 'b@globex.com' }],
				node: { onError: 'continueRegularOutput' },
			},
		);
		expect(run.status).toBe('success');
		expect(out[0]).toEqual([]);
		expect(out[1]).toHaveLength(2);
		// The failed item keeps the input as it came, with the reason and how to fix it.
		expect(out[1][0]).toEqual({
			email: 'a@globex.com',
			error: {
				message: 'Minimum Quality Score must be between 0 and 100',
				description: 'It is now 500. Use 0 to turn the check off.',
				node: 'Node',
			},
		});
	});

	it('with the error output, failed items go to the error branch', async () => {
		const { out } = await runNode(
			NODE,
			{ options: { minimumScore: -1 } },
			{
				input: [{ email: 'a@globex.com' }],
				node: { onError: 'continueErrorOutput' },
			},
		);
		expect(out[0]).toEqual([]);
		expect(out[1]).toEqual([]);
		// n8n merges the input back into the item on the error output: the same shape as on Rejected.
		expect(out[2]).toEqual([
			{
				email: 'a@globex.com',
				error: expect.objectContaining({ message: 'Minimum Quality Score must be between 0 and 100', node: 'Node' }),
			},
		]);
	});

	it('feeds a downstream node from each output', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					{
						id: '1',
						name: 'Normalize',
						type: 'n8n-nodes-lead-routing.normalizeLead',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: '2',
						name: 'Good',
						type: 'n8n-nodes-lead-routing.normalizeLead',
						typeVersion: 1,
						position: [200, 0],
						parameters: { options: { requiredFields: [] } },
					},
					{
						id: '3',
						name: 'Bad',
						type: 'n8n-nodes-lead-routing.normalizeLead',
						typeVersion: 1,
						position: [200, 200],
						parameters: { options: { requiredFields: [] } },
					},
				],
				connections: {
					Normalize: { main: [[{ node: 'Good', type: 'main', index: 0 }], [{ node: 'Bad', type: 'main', index: 0 }]] },
				},
			},
			{ input: [{ email: 'zoe@initech.com', name: 'zoe ng', company: 'Initech' }, { email: 'x' }] },
		);
		// Normalizing a canonical lead again changes nothing that matters.
		const again = result.outputs('Good')[0][0];
		expect(again).toMatchObject({ email: 'zoe@initech.com', firstName: 'Zoe', lastName: 'Ng', company: 'Initech' });
		expect(result.outputs('Bad')[0]).toHaveLength(1);
	});
});
