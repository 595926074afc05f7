/**
 * End to end inside a real n8n 2.x with the packed package installed as users install it: every shipped workflow
 * imports and is valid for the editor; the local demo routes a lead typed into its form in headless Chromium, sends
 * the browser to the owner's booking page, answers it by email, escalates it when its SLA breaches, and renders on the
 * editor canvas with our icons.
 * The first run on a machine installs n8n into .n8n-app/ (about 5 minutes); later runs take about a minute.
 */
import { mkdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { INodeTypeDescription, IRunExecutionData } from 'n8n-workflow';
import type { Page } from 'playwright-core';
import type { ReceivedEmail } from '../../scripts/n8n';
import { fillAndSubmit, GLOBEX_LEAD, launchBrowser, openCanvas, signIn } from './helpers/browser';
import type { Browser } from './helpers/browser';
import {
	DEMO_ID,
	E2E_DEMO_ID,
	E2E_FORM_PATH,
	PACKAGE,
	ROOT,
	shippedWorkflows,
	startEnvironment,
} from './helpers/environment';
import type { Environment } from './helpers/environment';
import { chromiumRequirement, describeWith, n8nRequirement } from './helpers/requirements';
import { NodeTypeCatalog, nodeProblems } from './helpers/validate';
import type { WorkflowJson } from './helpers/validate';

jest.setTimeout(5 * 60 * 1000);
const SETUP_TIMEOUT = 20 * 60 * 1000;
const SCREENSHOT = join(ROOT, 'docs', 'images', 'demo-workflow.png');

/**
 * The demo's form answers from Respond to Webhook nodes the moment the owner is known, which n8n allows only up to Form
 * Trigger 2.1 (later versions answer through Form Ending pages, polled once a second); that trigger may stay at 2.1.
 */
const answersFromRespondNode = (node: WorkflowJson['nodes'][number]) =>
	node.type === 'n8n-nodes-base.formTrigger' &&
	node.typeVersion === 2.1 &&
	node.parameters.responseMode === 'responseNode';

interface RoutedLead {
	routing: { decisionId?: string; skipped?: Array<{ repId: string }> };
	sla?: { status?: string };
}

interface Execution {
	id: string;
	mode: string;
	status: string;
	data?: IRunExecutionData;
}

describeWith([n8nRequirement()], 'the package inside a real n8n', () => {
	let env: Environment;
	let catalog: NodeTypeCatalog;

	beforeAll(async () => {
		env = await startEnvironment();
		const types = await fetch(`${env.n8n.baseUrl}/types/nodes.json`, { headers: { cookie: env.n8n.cookie ?? '' } });
		catalog = new NodeTypeCatalog((await types.json()) as INodeTypeDescription[]);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (env) await env.stop();
	}, 60000);

	test('n8n serves every node and credential the package declares', async () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		const nodeNames = manifest.n8n.nodes.map((p) => {
			const cls = p.split('/').pop()!.replace('.node.js', '');
			return `${PACKAGE}.${cls[0].toLowerCase()}${cls.slice(1)}`;
		});
		for (const name of nodeNames) expect({ name, known: catalog.has(name) }).toEqual({ name, known: true });

		const res = await fetch(`${env.n8n.baseUrl}/types/credentials.json`, { headers: { cookie: env.n8n.cookie ?? '' } });
		const credentialNames = ((await res.json()) as Array<{ name: string }>).map((c) => c.name);
		expect(credentialNames).toEqual(
			expect.arrayContaining(['leadRoutingRedisApi', 'leadRoutingSmtp', 'leadRoutingTwilioApi']),
		);
	});

	describe('shipped workflows', () => {
		const files = shippedWorkflows();

		test('there are workflows to check', () => {
			expect(files.length).toBeGreaterThanOrEqual(7);
		});

		test.each(files.map((w) => [w.file, w.json] as const))(
			'%s imports and is valid in the editor',
			async (_file, shipped) => {
				expect(shipped.id.length).toBeLessThanOrEqual(21);
				const imported = await env.n8n.rest!<WorkflowJson>('GET', `/workflows/${shipped.id}`);
				expect(imported.nodes.map((n) => n.name).sort()).toEqual(shipped.nodes.map((n) => n.name).sort());

				const problems = imported.nodes.flatMap((node) => nodeProblems(node, catalog));
				for (const node of imported.nodes) {
					if (
						node.type.startsWith('n8n-nodes-base.') &&
						node.typeVersion !== catalog.latest(node.type) &&
						!answersFromRespondNode(node)
					) {
						problems.push(
							`${node.name}: ${node.type} v${node.typeVersion} is not the latest (v${catalog.latest(node.type)})`,
						);
					}
					if (/\.(webhook|formTrigger)$/.test(node.type) && !node.webhookId)
						problems.push(`${node.name}: no webhookId`);
					for (const [type, ref] of Object.entries(node.credentials ?? {})) {
						if (!ref.name) problems.push(`${node.name}: credential ${type} has no name`);
					}
				}
				const names = new Set(imported.nodes.map((n) => n.name));
				for (const [source, outputs] of Object.entries(imported.connections)) {
					if (!names.has(source)) problems.push(`connection from missing node ${source}`);
					for (const target of (outputs.main ?? []).flat())
						if (target && !names.has(target.node)) problems.push(`connection to missing node ${target.node}`);
				}
				expect(problems).toEqual([]);
				expect(imported.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote')).toBe(true);
			},
		);

		test('the shipped demo workflow publishes (activation succeeded)', async () => {
			const wf = await env.n8n.api!<{ active: boolean }>('GET', `/workflows/${DEMO_ID}`);
			expect(wf.active).toBe(true);
		});
	});

	describeWith([chromiumRequirement()], 'the local demo in headless Chromium', () => {
		let browser: Browser;

		beforeAll(async () => {
			browser = await launchBrowser();
		}, 120000);

		afterAll(async () => {
			if (browser) await browser.close();
		});

		test('a lead from the form is normalized, matched, routed, answered within 1 s, and escalated on SLA breach', async () => {
			const { n8n, smtp } = env;
			const page = await browser.context.newPage();
			const to = (address: string) => (m: ReceivedEmail) => m.envelope.to.includes(address);
			const mail = async (predicate: (m: ReceivedEmail) => boolean, timeoutMs: number): Promise<ReceivedEmail> => {
				try {
					return await smtp.waitFor(predicate, timeoutMs);
				} catch (error) {
					throw new Error(`${(error as Error).message}\n${await recentErrors(env)}`);
				}
			};

			// First a lead through the demo as shipped. It also loads the node types, which n8n does lazily on first use,
			// so the timed lead below measures a running n8n; this first figure is printed as the cold start.
			await page.goto(`${n8n.baseUrl}/form/lead-demo`);
			const warmAt = await fillAndSubmit(page, {
				'First Name': 'Lena',
				'Last Name': 'Vogel',
				'Work Email': 'lena.vogel@hafenlogistik.de',
				Company: 'Hafen Logistik GmbH',
				Country: 'Germany',
			});
			const warm = await mail(to('lena.vogel@hafenlogistik.de'), 15000);
			console.log(
				`[e2e] first lead after n8n start (cold): form submit → email accepted in ${warm.receivedAt - warmAt} ms`,
			);
			// The owner's notice comes from the claim loop (10), with Accept / Decline.
			const emea = await mail(
				(m) => /@sales\.example\.com$/.test(m.envelope.to[0]) && m.subject.includes('Hafen'),
				15000,
			);
			expect(['ana@sales.example.com', 'ben@sales.example.com']).toContain(emea.envelope.to[0]);
			const lenaOwner = emea.envelope.to[0] === 'ana@sales.example.com' ? 'Ana Schmidt' : 'Ben Dubois';
			await bookingPage(page, lenaOwner);

			await page.goto(`${n8n.baseUrl}/form/${E2E_FORM_PATH}`);
			const email = GLOBEX_LEAD['Work Email'];
			const submittedAt = await fillAndSubmit(page, GLOBEX_LEAD);

			const confirmation = await mail(to(email), 15000);
			const latencyMs = confirmation.receivedAt - submittedAt;
			console.log(`[e2e] form submit → confirmation email accepted by SMTP: ${latencyMs} ms`);
			expect(latencyMs).toBeLessThan(1000);
			expect(confirmation.text).toContain('Priya');
			const repNotice = await mail(to('carla@sales.example.com'), 15000);
			expect(repNotice.subject).toContain('Globex');
			await bookingPage(page, 'Carla Mendes');

			// The decision record, read back through n8n's public API.
			const intake = await findExecution(env, (data) => Boolean(data.resultData.runData['Route Lead']));
			const routed = intake.resultData.runData['Route Lead'][0].data!.main[0]![0].json as unknown as RoutedLead;
			expect(routed).toMatchObject({
				email,
				country: 'US',
				phone: '+16462738841',
				quality: { qualified: true },
				match: { accountId: 'acc-1001', ownerId: 'rep-carla' },
				routing: { ownerId: 'rep-carla', ownerEmail: 'carla@sales.example.com', ruleName: 'Existing Account' },
			});
			expect(routed.routing.decisionId).toEqual(expect.any(String));
			const started = intake.resultData.runData['Start SLA Timer'][0].data!.main[0]!;
			expect(started).toHaveLength(1);

			// Short SLA: reminder to Carla, then the breach re-routes to the other Americas rep, then the manager hears.
			const reminder = await mail((m) => to('carla@sales.example.com')(m) && m.subject.startsWith('Reminder'), 30000);
			const breach = await mail(to('dan@sales.example.com'), 30000);
			const escalation = await mail(to('manager@sales.example.com'), 30000);
			expect(breach.subject).toContain('SLA breached');
			expect(escalation.subject).toContain('Escalation');
			expect(reminder.receivedAt).toBeLessThan(breach.receivedAt);
			expect(breach.receivedAt).toBeLessThan(escalation.receivedAt);

			const reroute = await findExecution(env, (data) => Boolean(data.resultData.runData['Re-Route Lead']));
			const rerouted = reroute.resultData.runData['Re-Route Lead'][0].data!.main.flat()[0]!
				.json as unknown as RoutedLead;
			expect(rerouted.sla).toMatchObject({ status: 'breached' });
			expect(rerouted.routing).toMatchObject({ ownerId: 'rep-dan', ruleName: 'Americas Territory' });
			expect(rerouted.routing.skipped).toEqual(
				expect.arrayContaining([expect.objectContaining({ repId: 'rep-carla' })]),
			);
			await page.close();
		});

		test('the form answers what happened: a rejected lead is told why, kindly; a repeat books again but gets no second email', async () => {
			const { n8n } = env;
			const page = await browser.context.newPage();
			await page.goto(`${n8n.baseUrl}/form/lead-demo`);
			await fillAndSubmit(page, {
				'First Name': 'Sam',
				'Last Name': 'Ortiz',
				'Work Email': 'sam.ortiz@mailinator.com',
				Company: 'Ortiz Imports',
				Country: 'Spain',
			});
			await page.getByText('Thank you for your interest, Sam').waitFor({ timeout: 15000 });
			await page
				.getByText('Please use an email address you keep, such as your work address, so that we can reach you.')
				.waitFor();
			expect(await page.getByText('confirmation').count()).toBe(0);

			// Lena again, a moment after her first request: answered once already, so no second email; she can still book.
			const lenaMails = () =>
				env.smtp.messages.filter((m) => m.envelope.to.includes('lena.vogel@hafenlogistik.de')).length;
			const before = lenaMails();
			await page.goto(`${n8n.baseUrl}/form/lead-demo`);
			await fillAndSubmit(page, {
				'First Name': 'Lena',
				'Last Name': 'Vogel',
				'Work Email': 'lena.vogel@hafenlogistik.de',
				Company: 'Hafen Logistik GmbH',
				Country: 'Germany',
			});
			await page.waitForURL(/\/webhook\/demo-booking\?/, { timeout: 15000 });
			expect(await page.getByTestId('booking-rep').textContent()).toMatch(
				/^Book a call with (Ana Schmidt|Ben Dubois)$/,
			);
			expect(lenaMails()).toBe(before);
			await page.close();
		});

		test('the editor shows the demo workflow with the package icons (screenshot in docs/images)', async () => {
			const { n8n } = env;
			await signIn(browser.context, n8n.baseUrl, n8n.cookie ?? '');
			const page = await browser.context.newPage();
			const nodes = await openCanvas(page, n8n.baseUrl, DEMO_ID);
			const demo = shippedWorkflows().find((w) => w.json.id === DEMO_ID)!.json;
			const expected = demo.nodes
				.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')
				.map((n) => n.name)
				.sort();
			expect(nodes.map((n) => n.name).sort()).toEqual(expected);
			const ours = nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`));
			expect(new Set(ours.map((n) => n.type)).size).toBe(5);
			for (const node of ours) {
				expect({ node: node.name, loaded: node.iconLoaded, src: node.iconSrc }).toEqual({
					node: node.name,
					loaded: true,
					src: expect.stringContaining(`/icons/${PACKAGE}/dist/nodes/`),
				});
			}
			// One step out with the editor's own control, so the floating Execute button covers no node.
			await page.locator('[data-test-id="zoom-out-button"]').click();
			await page.waitForTimeout(600);
			mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
			await page.screenshot({ path: SCREENSHOT });
			await page.close();
		});
	});
});

/** Waits until the form has sent the browser to the demo's booking page for `rep`, prefilled with the lead. */
async function bookingPage(page: Page, rep: string): Promise<void> {
	await page.waitForURL(/\/webhook\/demo-booking\?/, { timeout: 15000 });
	expect(await page.getByTestId('booking-rep').textContent()).toBe(`Book a call with ${rep}`);
}

/** The errors of the latest executions of the demo workflows, to explain an email that never came. */
async function recentErrors(env: Environment): Promise<string> {
	const lines: string[] = [];
	for (const id of [DEMO_ID, E2E_DEMO_ID]) {
		const page = await env.n8n.api!<{ data: Execution[] }>(
			'GET',
			`/executions?workflowId=${id}&includeData=true&limit=5`,
		);
		for (const e of page.data) {
			const error = e.data?.resultData.error;
			if (e.status !== 'success')
				lines.push(
					`${id} execution ${e.id} ${e.status}: ${error?.message ?? ''} (node ${error && 'node' in error ? error.node?.name : '?'})`,
				);
		}
	}
	return lines.join('\n') || 'no failed executions';
}

/** Polls the public API for a finished execution of the short-SLA demo whose data satisfies `match`. */
async function findExecution(
	env: Environment,
	match: (data: IRunExecutionData) => boolean,
): Promise<IRunExecutionData> {
	const deadline = Date.now() + 30000;
	while (Date.now() < deadline) {
		const page = await env.n8n.api!<{ data: Execution[] }>(
			'GET',
			`/executions?workflowId=${E2E_DEMO_ID}&includeData=true&limit=50`,
		);
		const found = page.data.find((e) => e.status === 'success' && e.data && match(e.data));
		if (found?.data) return found.data;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('No matching execution of the demo within 30 s');
}
