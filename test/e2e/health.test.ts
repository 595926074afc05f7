/**
 * The routing health alert (workflows/07) in a real n8n, reading the stores the HubSpot intake (02) writes: each of
 * its four findings fires by itself, in one Slack message that names it, and a healthy run posts nothing.
 *
 * The test copies change only the alert's settings: business hours all day every day in America/New_York (or none:
 * yesterday, today and tomorrow are holidays), 36 seconds of quiet (0.01 business hours) and a look-back of 30 s, so
 * the scenarios can follow one another in one run; and the intake's per-domain send limit is 1 an hour, so a second
 * lead of the same company is held. Expected findings, worked out before the run:
 * 1. lead A answered → open copy: nothing; closed copy: nothing.
 * 2. 36 s later, no new lead → open copy: "No lead routed for 0.01 business hours (last one: A's assignment)";
 *    closed copy (holidays): nothing. A is older than the 30 s look-back: no other finding.
 * 3. B and C of one domain: B answered, C held by the domain limit → "1 of the 2 leads … held" only.
 * 4. 31 s later, D opted out of marketing email (its form's consent property false: skipped, not held) → "1 of the 1 leads … got no automatic answer" only.
 * 5. 31 s later, E and F from Japan go to the fallback queue, both answered: today 2 of 6 leads = 33.3 % > 20 %
 *    → the fallback finding only.
 */
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { JsonDoc } from '../../scripts/n8n';
import {
	describeFailure,
	executionIds,
	newExecutions,
	nodeOutput,
	postWebhook,
	SECRETS,
	startContractEnvironment,
} from './contract/environment';
import type { ContractEnvironment, Execution } from './contract/environment';
import { WORKFLOW_DIR } from './helpers/environment';
import { describeWith, n8nRequirement } from './helpers/requirements';
import type { WorkflowJson } from './helpers/validate';

jest.setTimeout(3 * 60 * 1000);
const SETUP_TIMEOUT = 20 * 60 * 1000;

const template = (file: string) => JSON.parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8')) as WorkflowJson;
type Params = Record<string, unknown> & { jsonOutput?: string; path?: string };
const ZONE = 'America/New_York';
const QUIET_MS = 36_000;
const LOOK_BACK_MS = 30_000;

function intake(): WorkflowJson {
	const copy = template('02-hubspot-inbound.json');
	copy.id = 'HealthE2EIntake';
	copy.name = 'HubSpot intake (send limit 1 per domain)';
	for (const node of copy.nodes) {
		const p = node.parameters as Params;
		if (node.type === 'n8n-nodes-base.webhook') {
			node.webhookId = randomUUID();
			p.path = node.webhookId;
		}
		if (node.name === 'Confirm to Lead') p.limitPerDomainPerHour = 1;
	}
	return copy;
}

function localDate(offsetDays: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

function health(id: string, open: boolean): WorkflowJson {
	const copy = template('07-routing-health.json');
	copy.id = id;
	copy.name = `Routing health (${open ? 'always open' : 'holiday'})`;
	const settings = copy.nodes.find((n) => n.name === 'Alert Settings')!.parameters as Params;
	const shipped = JSON.parse(settings.jsonOutput!) as Record<string, unknown>;
	settings.jsonOutput = JSON.stringify({
		...shipped,
		workingDays: [1, 2, 3, 4, 5, 6, 7],
		workStart: '00:00',
		workEnd: '24:00',
		holidays: open ? '' : [-1, 0, 1].map(localDate).join(', '),
		quietBusinessHours: QUIET_MS / 3_600_000,
		lookBackMinutes: LOOK_BACK_MS / 60_000,
	});
	return copy;
}

const INTAKE = intake();
const OPEN = health('HealthE2EOpen', true);
const CLOSED = health('HealthE2EClosed', false);

describeWith([n8nRequirement()], 'the routing health alert (07) in a real n8n', () => {
	let env: ContractEnvironment;
	const alerts = () => env.slack.messages.filter((m) => m.channel === 'sales-ops').map((m) => m.text);

	beforeAll(async () => {
		env = await startContractEnvironment([INTAKE, OPEN, CLOSED] as unknown as JsonDoc[], [INTAKE.id]);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (env) await env.stop();
	}, 60000);

	afterEach(() => {
		expect(env.standIns.unexpected).toEqual([]);
	});

	/** One lead through the intake, as HubSpot's "Send a webhook" posts it; returns the lead as the intake left it. */
	async function lead(vid: number, properties: Record<string, string>): Promise<Record<string, unknown>> {
		const before = await executionIds(env.n8n, INTAKE.id);
		const body = {
			vid,
			'canonical-vid': vid,
			'portal-id': 62515,
			'is-contact': true,
			properties: Object.fromEntries(Object.entries(properties).map(([k, value]) => [k, { value }])),
		};
		const res = await postWebhook(
			env.n8n,
			String(INTAKE.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!.webhookId),
			body,
			{ [SECRETS.webhookHeader]: SECRETS.webhookSecret },
		);
		expect(res.status).toBe(200);
		const [execution] = await newExecutions(env.n8n, INTAKE.id, before, 1);
		expect(describeFailure(execution)).toMatch(/ success: /);
		const [started] = nodeOutput(execution, 'Start SLA Timer');
		expect(started).toBeDefined();
		return started;
	}

	/** "Execute workflow" in the editor, as the owner; returns the execution and the Slack alerts it posted. */
	async function check(workflow: WorkflowJson): Promise<{ execution: Execution; posted: string[] }> {
		const already = alerts().length;
		const before = await executionIds(env.n8n, workflow.id);
		const res = await fetch(`${env.n8n.baseUrl}/rest/workflows/${workflow.id}/run`, {
			method: 'POST',
			headers: { cookie: env.n8n.cookie ?? '', 'content-type': 'application/json' },
			body: JSON.stringify({ triggerToStartFrom: { name: 'Every Hour' } }),
		});
		expect(res.status).toBe(200);
		const [execution] = await newExecutions(env.n8n, workflow.id, before, 1);
		expect(describeFailure(execution)).toMatch(/ success: /);
		return { execution, posted: alerts().slice(already) };
	}

	const facts = (execution: Execution) => nodeOutput(execution, 'Facts')[0];
	const waitUntil = async (ms: number) => await new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));
	const alert = (line: string) => `:rotating_light: Lead routing needs a look:\n• ${line}`;
	let lastRouted = '';
	let lastStart = 0;

	test('healthy: a lead routed and answered posts nothing, in business hours or not', async () => {
		const a = await lead(9001, {
			email: 'ava.stone@alpha-labs.com',
			firstname: 'Ava',
			lastname: 'Stone',
			company: 'Alpha Labs',
			country: 'United States',
		});
		expect(a.autoResponse).toMatchObject({ status: 'sent' });
		lastRouted = String((a.routing as { assignedAt: string }).assignedAt);
		lastStart = Date.parse(lastRouted);
		const open = await check(OPEN);
		expect(open.posted).toEqual([]);
		expect(nodeOutput(open.execution, 'All Good')).toHaveLength(1);
		expect(facts(open.execution)).toMatchObject({
			openNow: true,
			lastRouted,
			leadsToday: 1,
			fallbackPercent: 0,
			started: 1,
			held: 0,
			notAnswered: 0,
		});
		const closed = await check(CLOSED);
		expect(closed.posted).toEqual([]);
		expect(facts(closed.execution)).toMatchObject({ openNow: false });
	});

	test('no lead routed for the quiet business hours: alerts during business hours only', async () => {
		await waitUntil(lastStart + QUIET_MS + 1000);
		const closed = await check(CLOSED);
		expect(closed.posted).toEqual([]);
		const open = await check(OPEN);
		expect(open.posted).toEqual([
			alert(`No lead routed for 0.01 business hours (last one: ${lastRouted}): check the forms and triggers.`),
		]);
		expect(facts(open.execution)).toMatchObject({ started: 0, held: 0, notAnswered: 0 });
	});

	test('an answer held by a send limit: alerts once, as held', async () => {
		const b = await lead(9002, {
			email: 'ben.ortiz@bravo-works.com',
			firstname: 'Ben',
			lastname: 'Ortiz',
			company: 'Bravo Works',
			country: 'United States',
		});
		const c = await lead(9003, {
			email: 'cem.kaya@bravo-works.com',
			firstname: 'Cem',
			lastname: 'Kaya',
			company: 'Bravo Works',
			country: 'United States',
		});
		expect(b.autoResponse).toMatchObject({ status: 'sent' });
		expect(c.autoResponse).toMatchObject({ status: 'held', heldBy: { limit: 'perDomainPerHour', max: 1 } });
		expect(env.smtp.messages.filter((m) => m.envelope.to.includes('cem.kaya@bravo-works.com'))).toEqual([]);
		lastStart = Date.parse(String((c.sla as { startedAt: string }).startedAt));
		const open = await check(OPEN);
		expect(open.posted).toEqual([
			alert(
				"1 of the 2 leads of the last 0.5 minutes got no automatic answer because Auto-Respond's send limits held it (not sent): a form flood, or limits set too low.",
			),
		]);
	});

	test('a lead that got no automatic answer (not held): alerts once, as behind', async () => {
		await waitUntil(lastStart + LOOK_BACK_MS + 1000);
		const d = await lead(9004, {
			email: 'dora.lind@delta-freight.com',
			firstname: 'Dora',
			lastname: 'Lind',
			company: 'Delta Freight',
			country: 'United States',
			marketingconsent: 'false',
		});
		expect(d.autoResponse).toMatchObject({ status: 'skipped' });
		lastStart = Date.parse(String((d.sla as { startedAt: string }).startedAt));
		const open = await check(OPEN);
		expect(open.posted).toEqual([
			alert(
				'Auto-responses fell behind leads: 1 of the 1 leads of the last 0.5 minutes got no automatic answer (Auto-Respond skipped them or failed); their reps must write first.',
			),
		]);
	});

	test("too many leads in the fallback queue: alerts once, with today's rate", async () => {
		await waitUntil(lastStart + LOOK_BACK_MS + 1000);
		for (const [vid, email] of [
			[9005, 'eri.mori@echo-kogyo.jp'],
			[9006, 'fumi.ito@foxtrot-denki.jp'],
		] as const) {
			const fallback = await lead(vid, { email, firstname: 'Far', lastname: 'Lead', company: 'KK', country: 'Japan' });
			expect(fallback.routing).toMatchObject({ queue: 'Unassigned Leads' });
			expect(fallback.autoResponse).toMatchObject({ status: 'sent' });
		}
		const open = await check(OPEN);
		expect(open.posted).toEqual([
			alert(
				"33.3 % of today's 6 leads went to the fallback queue (reps out of office, at capacity or outside their hours).",
			),
		]);
	});
});
