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
import { PipedriveStandIn } from '../standins/pipedrive';
import { SalesforceStandIn } from '../standins/salesforce';
import { SheetsStandIn } from '../standins/sheets';
import { StandIns } from '../standins/proxy';
import { SlackStandIn } from '../standins/slack';

export const SECRETS = {
	hubspotToken: 'pat-na1-11111111-2222-3333-4444-555555555555',
	slackToken: 'xoxb-1111111111-2222222222-contracttests',
	webhookHeader: 'X-Lead-Routing-Secret',
	webhookSecret: 'c0ntract-t3sts-webhook-secret-2f9d1e',
	respondedSecret: 'c0ntract-t3sts-rep-responded-secret-9a41',
	webToLeadSecret: 'c0ntract-t3sts-web-to-lead-secret-5c2e',
	salesforceToken: '00D5g000004Acme!AQEAQContractTestsAccessToken',
	googleToken: 'ya29.a0AfB_contract-tests-access-token',
	pipedriveToken: '0123456789abcdef0123456789abcdef01234567',
	pipedriveUser: 'pipedrive',
	pipedrivePassword: 'c0ntract-t3sts-pipedrive-login-77b1',
};

/** The sample spreadsheet ID of Google's Sheets API guides, standing for the user's own. */
export const SPREADSHEET_ID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
export const SALESFORCE_INSTANCE = 'https://acme.my.salesforce.com';
/** The Salesforce users of the territory template's roster and a deactivated one; its fallback queue. */
export const SALESFORCE_USERS = [
	{ Id: '0055g00000AnaAA', Name: 'Ana Schmidt', Email: 'ana@example.com' },
	{ Id: '0055g00000BenAA', Name: 'Ben Dubois', Email: 'ben@example.com' },
	{ Id: '0055g00000CarAA', Name: 'Carla Mendes', Email: 'carla@example.com' },
	{ Id: '0055g00000DanAA', Name: 'Dan Walker', Email: 'dan@example.com' },
	{ Id: '0055g00000ErnAA', Name: 'Erin Okafor', Email: 'erin@example.com' },
	{ Id: '0055g00000FinAA', Name: 'Finn Berg', Email: 'finn@example.com' },
	// Left the company: his user is deactivated, his records not yet reassigned.
	{ Id: '0055g00000GusAA', Name: 'Gus Lindqvist', Email: 'gus@example.com', IsActive: false },
];
export const SALESFORCE_QUEUE = '00G5g00000LeadQ';

/** Pipedrive user IDs: the sales manager (fallback), the roster of the Pipedrive template, and 1105 (deactivated by the tests). */
export const PIPEDRIVE_USERS = [1100, 1101, 1102, 1103, 1104, 1105];

/**
 * HubSpot owner IDs of the roster the templates ship with, the fallback Lead Desk, an account executive who is not in
 * the inbound roster (80000005) and one whose user was deactivated (80000007, archived by the contract tests).
 */
export const HUBSPOT_OWNERS = ['80000001', '80000002', '80000003', '80000004', '80000005', '80000007', '80000009'];

export interface ContractEnvironment {
	n8n: RunningN8n;
	smtp: SmtpServer;
	standIns: StandIns;
	hubspot: HubSpotStandIn;
	slack: SlackStandIn;
	pipedrive: PipedriveStandIn;
	salesforce: SalesforceStandIn;
	sheets: SheetsStandIn;
	stop(): Promise<void>;
}

function credentials(smtpPort: number): JsonDoc[] {
	return [
		{
			id: 'REPLACE_hubspot',
			name: 'HubSpot App Token',
			type: 'hubspotAppToken',
			data: { appToken: SECRETS.hubspotToken },
		},
		{ id: 'REPLACE_slack', name: 'Slack Bot', type: 'slackApi', data: { accessToken: SECRETS.slackToken } },
		{
			id: 'REPLACE_smtp',
			name: 'Lead Routing SMTP',
			type: 'leadRoutingSmtp',
			data: {
				host: '127.0.0.1',
				port: smtpPort,
				tlsMode: 'none',
				user: '',
				password: '',
				defaultSender: 'Acme Sales <sales@example.com>',
			},
		},
		{
			id: 'REPLACE_pipedrive',
			name: 'Pipedrive API Token',
			type: 'pipedriveApi',
			data: { apiToken: SECRETS.pipedriveToken },
		},
		{
			id: 'REPLACE_pipedrive_webhook',
			name: 'Pipedrive Webhook Login',
			type: 'httpBasicAuth',
			data: { user: SECRETS.pipedriveUser, password: SECRETS.pipedrivePassword },
		},
		{
			id: 'REPLACE_salesforce',
			name: 'Salesforce',
			type: 'salesforceOAuth2Api',
			data: {
				environment: 'production',
				clientId: 'contract-tests-consumer-key',
				clientSecret: 'contract-tests-consumer-secret',
				// What Salesforce's token endpoint returns (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm).
				oauthTokenData: {
					access_token: SECRETS.salesforceToken,
					instance_url: SALESFORCE_INSTANCE,
					id: `https://login.salesforce.com/id/00D5g000004AcmeEAC/0055g00000AdmAA`,
					token_type: 'Bearer',
					issued_at: '1764676800000',
					scope: 'refresh_token api full',
				},
			},
		},
		{
			id: 'REPLACE_sheets',
			name: 'Google Sheets',
			type: 'googleSheetsOAuth2Api',
			data: {
				clientId: 'contract-tests.apps.googleusercontent.com',
				clientSecret: 'contract-tests-client-secret',
				oauthTokenData: {
					access_token: SECRETS.googleToken,
					refresh_token: '1//contract-tests-refresh-token',
					token_type: 'Bearer',
					expires_in: 3599,
					scope: 'https://www.googleapis.com/auth/drive.file https://www.googleapis.com/auth/spreadsheets',
				},
			},
		},
		{
			id: 'REPLACE_web_to_lead_webhook',
			name: 'Web-to-Lead Secret',
			type: 'httpHeaderAuth',
			data: { name: SECRETS.webhookHeader, value: SECRETS.webToLeadSecret },
		},
		{
			id: 'REPLACE_responded_webhook',
			name: 'Rep Responded Secret',
			type: 'httpHeaderAuth',
			data: { name: SECRETS.webhookHeader, value: SECRETS.respondedSecret },
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

	const hubspot = new HubSpotStandIn(SECRETS.hubspotToken, HUBSPOT_OWNERS, ['lead_routing_decision_id']);
	const slack = new SlackStandIn(SECRETS.slackToken, { 'inbound-leads': 'C0INBOUND01', 'sales-ops': 'C0SALESOPS1' });
	const pipedrive = new PipedriveStandIn(SECRETS.pipedriveToken, PIPEDRIVE_USERS);
	const salesforce = new SalesforceStandIn(SALESFORCE_INSTANCE, SECRETS.salesforceToken, SALESFORCE_USERS, [
		SALESFORCE_QUEUE,
	]);
	const sheets = new SheetsStandIn(SECRETS.googleToken, SPREADSHEET_ID);
	const standIns = new StandIns([hubspot, slack, pipedrive, salesforce, sheets]);
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
			// Several suites may start n8n at once on a small CI machine; a start under load has taken over two minutes.
			readyTimeoutMs: 300000,
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
		pipedrive,
		salesforce,
		sheets,
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
export async function newExecutions(
	n8n: RunningN8n,
	workflowId: string,
	before: string[],
	count = 1,
	timeoutMs = 30000,
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const page = await n8n.api!<{ data: Execution[] }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
		);
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
	const error = execution.data?.resultData.error as
		{ message?: string; node?: { name?: string }; description?: string } | undefined;
	return `${execution.id} ${execution.status}: ${error?.message ?? ''} ${error?.description ?? ''} (node ${error?.node?.name ?? '?'})`;
}
