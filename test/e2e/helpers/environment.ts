/**
 * One real n8n for the end-to-end tests: the package packed from its built folder and installed into a fresh n8n
 * user folder, every shipped workflow imported, the demo published twice — as shipped and as a short-SLA copy that
 * the browser test drives — and a local SMTP mailbox behind the demo's credential.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { ensureN8nApp, freePort, packPackage, startN8n, startSmtpServer } from '../../../scripts/n8n';
import type { JsonDoc, RunningN8n, SmtpServer } from '../../../scripts/n8n';
import type { WorkflowJson } from './validate';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const WORKFLOW_DIR = join(ROOT, 'workflows');
export const DEMO_ID = 'LeadRoutingDemo01';
/** The claim / decline loop the demo hands every routed lead to. */
export const CLAIM_ID = 'LeadRoutingClaim10';
/** Where the shipped demo's booking links point: the stand-in page the demo serves on n8n's default port. */
export const SHIPPED_BOOKING_BASE = 'http://localhost:5678/webhook/demo-booking';
export const E2E_DEMO_ID = 'LeadRoutingDemoE2E';
export const E2E_FORM_PATH = 'lead-demo-e2e';
export const PACKAGE = 'n8n-nodes-lead-routing';

export interface ShippedWorkflow {
	file: string;
	json: WorkflowJson;
}

export function shippedWorkflows(): ShippedWorkflow[] {
	return readdirSync(WORKFLOW_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, json: JSON.parse(readFileSync(join(WORKFLOW_DIR, f), 'utf8')) as WorkflowJson }));
}

interface DemoParameters {
	rule?: { interval: Array<{ secondsInterval?: number }> };
	operation?: string;
	tiers?: { tier: Array<{ minutes: number }> };
	stateName?: string;
	path?: string;
}

/** A shipped workflow whose booking links point at the n8n at `baseUrl` instead of the default port. */
export function withBookingBase<T>(workflow: T, baseUrl: string): T {
	return JSON.parse(JSON.stringify(workflow).replaceAll(SHIPPED_BOOKING_BASE, `${baseUrl}/webhook/demo-booking`)) as T;
}

/**
 * The demo with SLA times of seconds (the shipped one uses minutes), its own id, form path and webhook id, and its own
 * State Name, so the shipped demo's SLA check (also published) never takes this copy's timers.
 */
export function shortSlaDemo(demo: WorkflowJson): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(demo)) as WorkflowJson;
	copy.id = E2E_DEMO_ID;
	copy.name = `${demo.name} (short SLA)`;
	for (const node of copy.nodes) {
		const p = node.parameters as unknown as DemoParameters;
		if (node.type === 'n8n-nodes-base.formTrigger' && p.path) {
			node.webhookId = randomUUID();
			p.path = E2E_FORM_PATH;
		}
		// Two published webhooks may not share a path; the copy's booking links still reach the shipped demo's page.
		if (node.type === 'n8n-nodes-base.webhook' && p.path) {
			node.webhookId = randomUUID();
			p.path = `${p.path}-e2e`;
		}
		if (node.type === 'n8n-nodes-base.scheduleTrigger' && p.rule) p.rule.interval[0].secondsInterval = 1;
		if (p.stateName === 'sales-team') p.stateName = 'sales-team-e2e';
		if (node.type === `${PACKAGE}.slaTimer` && p.operation === 'start' && p.tiers) {
			// 3 s to respond: warning after 1.5 s, breach after 3 s, escalation (200 %) after 6 s.
			for (const tier of p.tiers.tier) tier.minutes = 0.05;
		}
	}
	return copy;
}

export function smtpCredential(port: number) {
	return {
		id: 'lrDemoSmtp',
		name: 'Local SMTP (demo)',
		type: 'leadRoutingSmtp',
		data: {
			host: '127.0.0.1',
			port,
			tlsMode: 'none',
			user: '',
			password: '',
			defaultSender: 'Acme Sales <sales@acme.example>',
		},
	};
}

/** n8n's own SMTP credential, used by the claim loop's Send Email nodes (send-and-wait). */
export function mailCredential(port: number) {
	return {
		id: 'lrDemoMail',
		name: 'Local SMTP (demo, Send Email)',
		type: 'smtp',
		data: { host: '127.0.0.1', port, secure: false, disableStartTls: true, user: '', password: '' },
	};
}

export interface Environment {
	n8n: RunningN8n;
	smtp: SmtpServer;
	workflows: ShippedWorkflow[];
	timings: Record<string, number>;
	stop(): Promise<void>;
}

export async function startEnvironment(): Promise<Environment> {
	const timings: Record<string, number> = {};
	const log = (line: string) => console.log(`[e2e] ${line}`);
	let t = Date.now();
	const app = await ensureN8nApp({ log });
	timings.ensureN8nMs = Date.now() - t;
	if (app.installedNow && app.durations) Object.assign(timings, app.durations);

	t = Date.now();
	const packDir = mkdtempSync(join(tmpdir(), 'lead-routing-pack-'));
	// `npm test` has just built dist/; LEAD_ROUTING_PACKAGE_DIR points at a private build while developing.
	const pack = await packPackage({ sourceDir: process.env.LEAD_ROUTING_PACKAGE_DIR ?? ROOT, outDir: packDir });
	timings.packMs = Date.now() - t;

	const smtp = await startSmtpServer({ httpPort: false });
	const userFolder = mkdtempSync(join(tmpdir(), 'lead-routing-e2e-n8n-'));
	const workflows = shippedWorkflows();
	const demo = workflows.find((w) => w.json.id === DEMO_ID);
	if (!demo) throw new Error(`workflows/ has no workflow with id ${DEMO_ID}`);
	// The booking links point at n8n itself, so its address must be known before the import.
	const port = await freePort();
	const atBase = (json: WorkflowJson) => withBookingBase(json, `http://127.0.0.1:${port}`) as unknown as JsonDoc;
	let n8n: RunningN8n;
	try {
		n8n = await startN8n({
			app,
			port,
			userFolder,
			tarball: pack.tarball,
			credentials: [smtpCredential(smtp.port), mailCredential(smtp.port)],
			workflows: [...workflows.map((w) => atBase(w.json)), atBase(shortSlaDemo(demo.json))],
			// The claim loop first: n8n publishes a workflow only once the sub-workflows it calls are published.
			publish: [CLAIM_ID, DEMO_ID, E2E_DEMO_ID],
			apiKeyLabel: 'e2e',
		});
	} catch (error) {
		await smtp.stop();
		throw error;
	}
	Object.assign(timings, n8n.timings);
	log(`n8n ${app.version} up at ${n8n.baseUrl}: ${JSON.stringify(timings)}`);
	return {
		n8n,
		smtp,
		workflows,
		timings,
		async stop() {
			await n8n.stop();
			await smtp.stop();
			rmSync(packDir, { recursive: true, force: true });
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** n8n on a loaded machine sometimes drops a connection; a read is safe to repeat, and the failure says which call. */
export async function retrying<T>(what: string, call: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			if (attempt >= 5) throw new Error(`${what}: ${String((error as Error).cause ?? error)}`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}
