/**
 * The first ten minutes, as a new user builds it: Webhook → Normalize Lead → Match Account → Route Lead → SLA Timer →
 * Auto-Respond in a real n8n 2.x with the packed package installed, filling in only what the editor marks required
 * (Route Lead's fallback owner, the SMTP credential). A plain form lead is routed, answered by email through a real
 * SMTP server on loopback, and its SLA clock starts at its submission time — with no flag, note or rejection anywhere.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureN8nApp, packPackage, startN8n, startSmtpServer } from '../../scripts/n8n';
import type { JsonDoc, RunningN8n, SmtpServer } from '../../scripts/n8n';
import { retrying, ROOT } from './helpers/environment';
import { describeWith, n8nRequirement } from './helpers/requirements';
import { node, to } from './helpers/workflow';

jest.setTimeout(3 * 60 * 1000);
const SETUP_TIMEOUT = 15 * 60 * 1000;
const WORKFLOW_ID = 'FirstTenMinutesE2E';
const PATH = randomUUID();

type Item = { json: Record<string, unknown> };
interface Execution {
	id: string;
	status: string;
	finished: boolean;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Item[] | null> } }>> } };
}

/** What a new user ends up with: defaults everywhere, both outputs of Match Account and Route Lead connected onwards. */
function workflow(): JsonDoc {
	return {
		id: WORKFLOW_ID,
		name: 'First ten minutes (e2e)',
		settings: { executionOrder: 'v1' },
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				0,
				{ httpMethod: 'POST', path: PATH, options: {} },
				{ typeVersion: 2.1, webhookId: PATH },
			),
			node('Normalize Lead', 'normalizeLead', 220),
			node('Match Account', 'matchAccount', 440),
			node('Route Lead', 'routeLead', 660, { fallbackOwnerId: 'sales-desk' }),
			node('SLA Timer', 'slaTimer', 880),
			node(
				'Auto-Respond',
				'autoRespond',
				1100,
				{},
				{ credentials: { leadRoutingSmtp: { id: 'lrSmtpFirst', name: 'SMTP' } } },
			),
		],
		connections: {
			Webhook: { main: [to('Normalize Lead')] },
			'Normalize Lead': { main: [to('Match Account')] },
			'Match Account': { main: [to('Route Lead'), to('Route Lead')] },
			'Route Lead': { main: [to('SLA Timer'), to('SLA Timer')] },
			'SLA Timer': { main: [to('Auto-Respond')] },
		},
	};
}

describeWith([n8nRequirement()], 'the first ten minutes in a real n8n, defaults only', () => {
	let n8n: RunningN8n;
	let smtp: SmtpServer;

	beforeAll(async () => {
		const app = await ensureN8nApp({ log: (line) => console.log(`[e2e] ${line}`) });
		const pack = await packPackage({
			sourceDir: process.env.LEAD_ROUTING_PACKAGE_DIR ?? ROOT,
			outDir: mkdtempSync(join(tmpdir(), 'lead-routing-pack-')),
		});
		smtp = await startSmtpServer({ httpPort: false });
		n8n = await startN8n({
			app,
			userFolder: mkdtempSync(join(tmpdir(), 'lead-routing-e2e-first-')),
			tarball: pack.tarball,
			credentials: [
				{
					id: 'lrSmtpFirst',
					name: 'SMTP',
					type: 'leadRoutingSmtp',
					data: {
						host: '127.0.0.1',
						port: smtp.port,
						tlsMode: 'none',
						user: '',
						password: '',
						defaultSender: 'Acme Sales <sales@acme.example>',
					},
				},
			],
			workflows: [workflow()],
			publish: [WORKFLOW_ID],
			apiKeyLabel: 'e2e-first',
			// Several engineers share two cores: give a loaded machine time to start n8n.
			readyTimeoutMs: 8 * 60 * 1000,
		});
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (smtp) await smtp.stop();
	}, 60000);

	test('a plain form lead is routed, answered by email and gets a running clock, with no flag or note', async () => {
		const submittedAt = new Date(Date.now() - 60_000).toISOString();
		const form = {
			email: 'dana.cho@helix-bio.com',
			name: 'Dana Cho',
			company: 'Helix Bio',
			country: 'Germany',
			message: 'Could we get a demo next week?',
			submittedAt,
		};
		const res = await fetch(`${n8n.baseUrl}/webhook/${PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(form),
		}).catch((error: Error) => {
			throw new Error(`posting the lead: ${String(error.cause ?? error)}`);
		});
		expect(res.status).toBe(200);

		const mail = await smtp.waitFor((m) => m.envelope.to.includes('dana.cho@helix-bio.com'), 60_000);
		expect(mail.subject).toBeTruthy();

		let execution: Execution | undefined;
		for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
			const list = await retrying('listing executions', () =>
				n8n.api!<{ data: Execution[] }>('GET', `/executions?workflowId=${WORKFLOW_ID}&includeData=true&limit=5`),
			);
			execution = list.data.find((e) => e.finished || e.status === 'success' || e.status === 'error');
			if (execution) break;
		}
		expect(execution?.status).toBe('success');
		const outputs = (name: string) =>
			(execution?.data?.resultData.runData[name] ?? []).map((run) =>
				(run.data?.main ?? []).map((items) => (items ?? []).map((i) => i.json)),
			);
		const only = (name: string) => outputs(name).flat(2);

		// Normalize Lead: qualified, with a lead score.
		const [[qualified, rejected]] = outputs('Normalize Lead');
		expect(rejected).toEqual([]);
		expect(qualified).toHaveLength(1);
		expect(typeof qualified[0].score).toBe('number');
		// Route Lead: no rules and no roster yet, so the required fallback owner takes the lead — never nobody.
		const [routed] = only('Route Lead');
		expect(routed.routing).toMatchObject({ ownerId: 'sales-desk', ruleId: 'fallback' });
		expect((routed.routing as Record<string, unknown>).conditionErrors).toBeUndefined();
		// SLA Timer: one started clock, tiered by the lead score, from the submission time; nothing flagged.
		const [[started, flagged]] = outputs('SLA Timer');
		expect(flagged).toEqual([]);
		expect(started).toHaveLength(1);
		const sla = started[0].sla as Record<string, unknown>;
		expect(sla).toMatchObject({ status: 'open', startedFrom: 'submittedAt' });
		expect(['hot', 'warm', 'cold']).toContain(sla.tier);
		expect(Date.parse(String(sla.startedAt))).toBe(Date.parse(submittedAt));
		expect(sla.notes).toBeUndefined();
		// Auto-Respond: sent through the SMTP server.
		const [[sent, skipped, deferred]] = outputs('Auto-Respond');
		expect([skipped, deferred]).toEqual([[], []]);
		expect(sent[0].autoResponse).toMatchObject({ status: 'sent', to: 'dana.cho@helix-bio.com' });
	});
});
