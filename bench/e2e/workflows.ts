/**
 * The two workflows the end-to-end benchmark loads, built from the shipped demo so they stay in step with it:
 * - ours: Webhook → Normalize Lead → Match Account (the demo's sample accounts) → Route Lead (the demo's rules and
 *   roster) → Auto-Respond (to the lead) → Start SLA Timer, all with the demo's settings and local stores;
 * - redis: ours with the Redis stores instead of the local ones (what sustained load should use);
 * - bare: Webhook → n8n's own Send Email, the floor any email-answering workflow pays, against the same SMTP server.
 * Both answer the HTTP request at once (Respond: Immediately), as the demo's form does; one email per lead each.
 */
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

export interface Node {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	active?: boolean;
}

export const OURS_ID = 'LeadRoutingBenchE2E';
export const REDIS_ID = 'LeadRoutingBenchRedis';
export const REDIS_PATH = 'bench-lead-redis';
export const BARE_ID = 'LeadRoutingBenchBare';
export const OURS_PATH = 'bench-lead';
export const BARE_PATH = 'bench-bare';
const SMTP_OURS = { id: 'lrBenchSmtp', name: 'Bench SMTP (Lead Routing)' };
const SMTP_BARE = { id: 'lrBenchSmtpBare', name: 'Bench SMTP (n8n)' };
const REDIS = { id: 'lrBenchRedis', name: 'Bench Redis (Lead Routing)' };

function webhook(path: string): Node {
	return {
		id: randomUUID(),
		name: 'Lead In',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

const to = (node: string, index = 0) => ({ node, type: 'main' as const, index });

/**
 * Ours with the Redis stores (Route Lead turns, Auto-Respond idempotency, SLA timers), the setting for sustained load:
 * nothing grows in the workflow's static data.
 */
export function redisWorkflow(root: string): Workflow {
	const workflow = oursWorkflow(root);
	workflow.id = REDIS_ID;
	workflow.name = 'Benchmark: webhook → lead routing → auto-response (Redis stores)';
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') {
			node.webhookId = randomUUID();
			node.parameters.path = REDIS_PATH;
		}
		if (node.name === 'Route Lead' || node.name === 'Start SLA Timer') node.parameters.stateStore = 'redis';
		if (node.name === 'Confirm to Lead') node.parameters.stateStore = 'redis';
		if (['Route Lead', 'Start SLA Timer', 'Confirm to Lead'].includes(node.name)) {
			node.credentials = { ...node.credentials, leadRoutingRedisApi: REDIS };
		}
	}
	return workflow;
}

export function oursWorkflow(root: string): Workflow {
	const demo = JSON.parse(readFileSync(join(root, 'workflows', '01-local-demo.json'), 'utf8')) as Workflow;
	const take = (name: string): Node => {
		const node = demo.nodes.find((n) => n.name === name);
		if (!node) throw new Error(`the demo workflow has no node "${name}"`);
		return JSON.parse(JSON.stringify(node)) as Node;
	};
	const respond = take('Confirm to Lead');
	respond.parameters.recipients = 'lead';
	respond.credentials = { leadRoutingSmtp: SMTP_OURS };
	// Every lead has its own address and domain; the load (up to 20 leads/s) is far above the default 300 sends per
	// hour, which would hold most leads: the total limit is off here, the per-address and per-domain ones stay.
	respond.parameters.limitTotalPerHour = 0;
	const nodes = [
		webhook(OURS_PATH),
		take('Normalize Lead'),
		take('Rejected Leads'),
		take('Sample Accounts'),
		take('One Item per Account'),
		take('Match Account'),
		take('Route Lead'),
		respond,
		take('Start SLA Timer'),
	];
	return {
		id: OURS_ID,
		name: 'Benchmark: webhook → lead routing → auto-response',
		nodes,
		connections: {
			'Lead In': { main: [[to('Normalize Lead'), to('Sample Accounts')]] },
			'Normalize Lead': { main: [[to('Match Account')], [to('Rejected Leads')]] },
			'Sample Accounts': { main: [[to('One Item per Account')]] },
			'One Item per Account': { main: [[to('Match Account', 1)]] },
			'Match Account': { main: [[to('Route Lead')], [to('Route Lead')]] },
			'Route Lead': { main: [[to('Confirm to Lead')], [to('Confirm to Lead')]] },
			// Sent, Skipped and Deferred all go on to the timer, as in the demo.
			'Confirm to Lead': { main: [[to('Start SLA Timer')], [to('Start SLA Timer')], [to('Start SLA Timer')]] },
		},
		settings: { ...demo.settings, executionOrder: 'v1' },
	};
}

export function bareWorkflow(): Workflow {
	return {
		id: BARE_ID,
		name: 'Benchmark: webhook → Send Email (n8n built-in)',
		nodes: [
			webhook(BARE_PATH),
			{
				id: randomUUID(),
				name: 'Send Email',
				type: 'n8n-nodes-base.emailSend',
				typeVersion: 2.1,
				position: [220, 0],
				credentials: { smtp: SMTP_BARE },
				parameters: {
					fromEmail: 'Acme Sales <sales@acme.example>',
					toEmail: '={{ $json.body.email }}',
					subject: '=Thanks, {{ $json.body.firstName }} – we received your request',
					emailFormat: 'text',
					text: '=Hi {{ $json.body.firstName }},\n\nthank you for contacting Acme on behalf of {{ $json.body.company }}. We will get back to you shortly.',
					options: { appendAttribution: false },
				},
			},
		],
		connections: { 'Lead In': { main: [[to('Send Email')]] } },
		settings: { executionOrder: 'v1' },
	};
}

export function credentials(smtpPort: number, redisPrefix: string) {
	return [
		{
			...REDIS,
			type: 'leadRoutingRedisApi',
			data: { host: '127.0.0.1', port: 6379, database: 0, user: '', password: '', ssl: false, prefix: redisPrefix },
		},
		{
			...SMTP_OURS,
			type: 'leadRoutingSmtp',
			data: {
				host: '127.0.0.1',
				port: smtpPort,
				tlsMode: 'none',
				user: '',
				password: '',
				defaultSender: 'Acme Sales <sales@acme.example>',
			},
		},
		{
			...SMTP_BARE,
			type: 'smtp',
			data: { host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true, user: '', password: '' },
		},
	];
}
