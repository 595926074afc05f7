import { loadPackage, runNode, runWorkflow } from '../helpers/engine';

describe('engine harness', () => {
	it('loads every node and credential the package declares', async () => {
		const loader = await loadPackage();
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(
			[
				'autoRespond',
				'matchAccount',
				'normalizeLead',
				'routeLead',
				'slaTimer',
				'slaTimerTrigger',
				'verifySignature',
			].sort(),
		);
		expect(Object.keys(loader.credentialTypes).sort()).toEqual(
			['leadRoutingRedisApi', 'leadRoutingSigningSecretApi', 'leadRoutingSmtp', 'leadRoutingTwilioApi'].sort(),
		);
	});

	it('runs a node on the real engine and pairs every item with its input', async () => {
		const { out, run } = await runNode(
			'normalizeLead',
			{},
			{ input: [{ email: 'a@acme.com' }, { email: 'b@acme.com' }] },
		);
		expect(run.status).toBe('success');
		const all = out.flat();
		expect(all.map((lead) => lead.email).sort()).toEqual(['a@acme.com', 'b@acme.com']);
	});

	it('passes items along connections to the next node', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					{
						id: '1',
						name: 'A',
						type: 'n8n-nodes-lead-routing.normalizeLead',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: '2',
						name: 'B',
						type: 'n8n-nodes-lead-routing.normalizeLead',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
				],
				connections: { A: { main: [[{ node: 'B', type: 'main', index: 0 }]] } },
			},
			{ input: [{ 'Email Address': ' Jane@Acme.COM ', 'Company Name': 'Acme Inc.' }] },
		);
		const lead = result.outputs('B')[0][0];
		expect(lead.email).toBe('jane@acme.com');
		expect(lead.companyNormalized).toBe('acme');
	});
});
