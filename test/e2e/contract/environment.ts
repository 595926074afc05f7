/**
 * One real n8n for the template contract tests: the packed package installed as users install it (before the proxy
 * variables exist, since npm honours them too), every template imported with credentials named as the templates name
 * them, and every outside service answered by a stand-in behind an intercepting proxy.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { IRunExecutionData } from 'n8n-workflow';
import { ensureN8nApp, installPackage, packPackage, startN8n, startSmtpServer } from '../../../scripts/n8n';
import type { JsonDoc, RunningN8n, SmtpServer } from '../../../scripts/n8n';
import { ROOT } from '../helpers/environment';
import { HubSpotStandIn } from '../standins/hubspot';
import { StandIns } from '../standins/proxy';
import { SlackStandIn } from '../standins/slack';

export const SECRETS = {
	hubspotToken: 'pat-na1-11111111-2222-3333-4444-555555555555',
	slackToken: 'xoxb-1111111111-2222222222-contracttests',
	webhookHeader: 'X-Lead-Routing-Secret',
	webhookSecret: 'c0ntract-t3sts-webhook-secret-2f9d1e',
};

/** HubSpot owner IDs of the roster the templates ship with, plus the fallback Lead Desk. */
export const HUBSPOT_OWNERS = ['80000001', '80000002', '80000003', '80000004', '80000009'];

export interface ContractEnvironment {
	n8n: RunningN8n;
	smtp: SmtpServer;
	standIns: StandIns;
	hubspot: HubSpotStandIn;
	slack: SlackStandIn;
	stop(): Promise<void>;
}

function credentials(smtpPort: number): JsonDoc[] {
	return [
		{ id: 'REPLACE_hubspot', name: 'HubSpot App Token', type: 'hubspotAppToken', data: { appToken: SECRETS.hubspotToken } },
		{ id: 'REPLACE_slack', name: 'Slack Bot', type: 'slackApi', data: { accessToken: SECRETS.slackToken } },
		{
			id: 'REPLACE_smtp',
			name: 'Lead Routing SMTP',
			type: 'leadRoutingSmtp',
			data: { host: '127.0.0.1', port: smtpPort, tlsMode: 'none', user: '', password: '', defaultSender: 'Acme Sales <sales@example.com>' },
		},
		{
			id: 'REPLACE_hubspot_webhook',
			name: 'HubSpot Webhook Secret',
			type: 'httpHeaderAuth',
			data: { name: SECRETS.webhookHeader, value: SECRETS.webhookSecret },
		},
	];
}

export async function startContractEnvironment(workflows: JsonDoc[], publish: string[]): Promise<ContractEnvironment> {
	const log = (line: string) => console.log(`[contract] ${line}`);
	const app = await ensureN8nApp({ log });
	const packDir = mkdtempSync(join(tmpdir(), 'lead-routing-contract-pack-'));
	const pack = await packPackage({ sourceDir: process.env.LEAD_ROUTING_PACKAGE_DIR ?? ROOT, outDir: packDir });
	const userFolder = mkdtempSync(join(tmpdir(), 'lead-routing-contract-n8n-'));
	// Installed here, with no proxy in the environment; startN8n then finds it installed and skips npm.
	await installPackage({ userFolder, tarball: pack.tarball });

	const hubspot = new HubSpotStandIn(SECRETS.hubspotToken, HUBSPOT_OWNERS);
	const slack = new SlackStandIn(SECRETS.slackToken, { 'inbound-leads': 'C0INBOUND01', 'sales-ops': 'C0SALESOPS1' });
	const standIns = new StandIns([hubspot, slack]);
	await standIns.start();
	const smtp = await startSmtpServer({ httpPort: false });
	const cleanup = async () => {
		await smtp.stop();
		await standIns.stop();
		rmSync(packDir, { recursive: true, force: true });
		rmSync(userFolder, { recursive: true, force: true });
	};
	let n8n: RunningN8n;
	try {
		n8n = await startN8n({
			app,
			userFolder,
			tarball: pack.tarball,
			credentials: credentials(smtp.port),
			workflows,
			publish,
			runtimeEnv: standIns.runtimeEnv(),
			apiKeyLabel: 'contract',
		});
	} catch (error) {
		await cleanup();
		throw error;
	}
	log(`n8n ${app.version} up at ${n8n.baseUrl}: ${JSON.stringify(n8n.timings)}`);
	return {
		n8n,
		smtp,
		standIns,
		hubspot,
		slack,
		async stop() {
			await n8n.stop();
			await cleanup();
		},
	};
}

export interface Execution {
	id: string;
	status: string;
	workflowId: string;
	data?: IRunExecutionData;
}

/** Posts to a production webhook URL; returns the HTTP status and body text. */
export async function postWebhook(n8n: RunningN8n, path: string, body: unknown, headers: Record<string, string> = {}) {
	const res = await fetch(`${n8n.baseUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

export async function executionIds(n8n: RunningN8n, workflowId: string): Promise<string[]> {
	const page = await n8n.api!<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&limit=250`);
	return page.data.map((e) => e.id);
}

/** Waits for `count` finished executions of the workflow that were not in `before`, oldest first. */
export async function newExecutions(n8n: RunningN8n, workflowId: string, before: string[], count = 1, timeoutMs = 30000): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const page = await n8n.api!<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=250`);
		const fresh = page.data.filter((e) => !before.includes(e.id));
		const finished = fresh.filter((e) => !['running', 'new', 'waiting'].includes(e.status));
		if (finished.length >= count && finished.length === fresh.length) return finished.reverse();
		if (Date.now() > deadline) {
			throw new Error(`${workflowId}: ${finished.length} of ${count} executions finished within ${timeoutMs} ms`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** The JSON of every item a node emitted on an output in an execution. */
export function nodeOutput(execution: Execution, node: string, output = 0): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[node] ?? [];
	return runs.flatMap((run) => (run.data?.main[output] ?? []).map((item) => item.json as Record<string, unknown>));
}

/** Names a failed execution's error so that a failing test says why. */
export function describeFailure(execution: Execution): string {
	const error = execution.data?.resultData.error as { message?: string; node?: { name?: string }; description?: string } | undefined;
	return `${execution.id} ${execution.status}: ${error?.message ?? ''} ${error?.description ?? ''} (node ${error?.node?.name ?? '?'})`;
}
