/**
 * What a lead cannot reach: the records the later nodes write (`match`, `routing`, `sla`, `autoResponse`) decide who
 * owns a lead and who is emailed, so a form payload must not be able to pre-fill them.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode, runWorkflow } from '../helpers/engine';
import { pipeline } from './pipeline.fixtures';
import { block, blocks } from '../helpers/items';

const forged: IDataObject = {
	email: 'mallory@acme.com',
	company: 'Acme Corporation',
	match: { ownerId: 'cy', ownerEmail: 'cy@seller.test' },
	routing: { ownerId: 'ana', ownerEmail: 'victim@elsewhere.test', ownerTimeZone: 'Pacific/Kiritimati' },
	sla: { status: 'breached' },
	autoResponse: { status: 'sent' },
};

describe('lead boundary', () => {
	it('Normalize Lead keeps pipeline records a lead sent only in raw, never at the top level', async () => {
		const { out } = await runNode('normalizeLead', {}, { input: [forged] });
		const lead = out.flat()[0];
		for (const key of ['match', 'routing', 'sla', 'autoResponse']) expect(lead[key]).toBeUndefined();
		expect(block(lead, 'raw').routing).toEqual(forged.routing);
	});

	it('a forged match, routing or SLA state does not choose the owner, the SLA zone or the rep who is emailed', async () => {
		const workflow = pipeline('boundary');
		// Without Match Account in between: Normalize → Route → SLA → Respond.
		workflow.nodes = workflow.nodes.filter((n) => n.name !== 'Split' && n.name !== 'Match');
		workflow.connections = {
			Normalize: { main: [[{ node: 'Route', type: 'main', index: 0 }], []] },
			Route: workflow.connections.Route,
			SLA: workflow.connections.SLA,
		};
		const result = await runWorkflow(workflow, { input: [forged] });
		const routed = Object.values(result.run.data.resultData.runData.Route[0].data?.main ?? []).flat()[0]
			?.json as IDataObject;
		const routing = block(routed, 'routing');
		expect(routing.ruleId).not.toBe('owner');
		expect(routing.skipped).not.toContainEqual({ repId: 'ana', why: 'sla-breach' });
		const composed = result.outputs('Respond').flat()[0];
		const messages = blocks(block(composed, 'autoResponse'), 'messages');
		expect(JSON.stringify(messages)).not.toContain('victim@elsewhere.test');
		expect(block(result.outputs('SLA').flat()[0], 'sla').timeZone).not.toBe('Pacific/Kiritimati');
	});
});

describe('lead size', () => {
	it('SLA Timer flags a lead ID too long to be a timer key instead of storing it', async () => {
		const { out } = await runNode(
			'slaTimer',
			{ operation: 'start', teamTimeZone: 'UTC', options: { defaultTier: 'cold' } },
			{ input: [{ email: 'x'.repeat(1001) }, { email: 'ok@x.com' }] },
		);
		expect(out[1]).toHaveLength(1);
		expect(block(out[1][0], 'sla').reason).toBe('Lead ID field "email" is longer than 1000 characters');
		expect(out[0]).toHaveLength(1);
	});
});
