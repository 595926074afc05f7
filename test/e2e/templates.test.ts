/**
 * Contract tests: the shipped templates run in a real n8n with the packed package, and every request they make to
 * an outside service (HubSpot, Slack, ...) is answered by a stand-in that follows the vendor's API documentation and
 * fails the test on anything it does not recognise. Effects are asserted: the exact CRM write-backs, Slack texts and
 * emails, for every branch of every template.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { JsonDoc, ReceivedEmail } from '../../scripts/n8n';
import { describeFailure, executionIds, newExecutions, nodeOutput, postWebhook, SECRETS, startContractEnvironment } from './contract/environment';
import type { ContractEnvironment, Execution } from './contract/environment';
import { WORKFLOW_DIR } from './helpers/environment';
import { describeWith, n8nRequirement } from './helpers/requirements';
import type { WorkflowJson } from './helpers/validate';

jest.setTimeout(3 * 60 * 1000);
const SETUP_TIMEOUT = 20 * 60 * 1000;

const template = (file: string) => JSON.parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8')) as WorkflowJson;
const HUBSPOT = template('02-hubspot-inbound.json');

function webhookPath(workflow: WorkflowJson, nodeType = 'n8n-nodes-base.webhook'): string {
	const node = workflow.nodes.find((n) => n.type === nodeType);
	if (!node) throw new Error(`${workflow.name} has no ${nodeType}`);
	return String((node.parameters as { path?: string }).path || node.webhookId);
}

const auth = { [SECRETS.webhookHeader]: SECRETS.webhookSecret };

/**
 * What HubSpot's workflow action "Send a webhook" posts when it sends the enrolled contact: the contact record with
 * each property as { value } (https://knowledge.hubspot.com/workflows/how-do-i-use-webhooks-with-hubspot-workflows).
 */
function hubspotContactPayload(vid: number, properties: Record<string, string>) {
	return {
		vid,
		'canonical-vid': vid,
		'portal-id': 62515,
		'is-contact': true,
		properties: Object.fromEntries(Object.entries(properties).map(([k, value]) => [k, { value }])),
	};
}

describeWith([n8nRequirement()], 'shipped templates against API stand-ins in a real n8n', () => {
	let env: ContractEnvironment;
	const emailsTo = (address: string) => env.smtp.messages.filter((m: ReceivedEmail) => m.envelope.to.includes(address));

	beforeAll(async () => {
		env = await startContractEnvironment([HUBSPOT as unknown as JsonDoc], [HUBSPOT.id]);
		// Globex is an existing customer owned by Ana (EMEA), although its lead below comes from the US.
		env.hubspot.addCompany({ name: 'Globex Corporation', domain: 'globex.com', hubspot_owner_id: '80000001', city: 'Springfield' });
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (env) await env.stop();
	}, 60000);

	beforeEach(() => {
		env.standIns.clear();
		env.smtp.clear();
	});

	afterEach(() => {
		expect(env.standIns.unexpected).toEqual([]);
	});

	async function run(workflow: WorkflowJson, send: () => Promise<{ status: number; text: string }>, count = 1): Promise<Execution[]> {
		const before = await executionIds(env.n8n, workflow.id);
		const res = await send();
		expect({ status: res.status, text: res.text.slice(0, 200) }).toEqual({ status: 200, text: expect.any(String) });
		const executions = await newExecutions(env.n8n, workflow.id, before, count);
		for (const e of executions) expect({ execution: describeFailure(e), status: e.status }).toEqual({ execution: expect.any(String), status: 'success' });
		return executions;
	}

	describe('02 HubSpot inbound', () => {
		const path = () => webhookPath(HUBSPOT);

		test('an existing customer\'s lead goes to the account owner, written back to the contact', async () => {
			const [execution] = await run(HUBSPOT, () =>
				postWebhook(
					env.n8n,
					path(),
					hubspotContactPayload(7001, { email: 'priya.raman@globex.com', firstname: 'Priya', lastname: 'Raman', company: 'Globex', country: 'United States' }),
					auth,
				),
			);
			const search = env.standIns.callsTo('hubspot').find((c) => c.path === '/companies/v2/domains/globex.com/companies');
			expect(search?.data).toMatchObject({ requestOptions: { properties: expect.arrayContaining(['name', 'domain', 'hubspot_owner_id']) } });
			expect(nodeOutput(execution, 'Route Lead')[0]).toMatchObject({ routing: { ownerId: '80000001', ruleName: 'Existing Account' } });

			const upsert = env.standIns.callsTo('hubspot').find((c) => c.path.startsWith('/contacts/v1/contact/createOrUpdate/email/'));
			expect(upsert?.path).toBe('/contacts/v1/contact/createOrUpdate/email/priya.raman@globex.com');
			expect(upsert?.data).toEqual({
				properties: expect.arrayContaining([
					{ property: 'hubspot_owner_id', value: '80000001' },
					{ property: 'firstname', value: 'Priya' },
					{ property: 'lastname', value: 'Raman' },
				]),
			});
			expect(env.hubspot.contactByEmail('priya.raman@globex.com')?.properties.hubspot_owner_id).toBe('80000001');
			expect(env.slack.messages.at(-1)).toEqual({
				channel: 'inbound-leads',
				text: ':wave: New lead for *Ana Schmidt*: Priya Raman (priya.raman@globex.com) at Globex, US. Rule: Existing Account.',
			});
			expect(emailsTo('priya.raman@globex.com')).toHaveLength(1);
		});

		test('new leads take turns in their territory; a lead no territory covers goes to the fallback owner', async () => {
			const owners: string[] = [];
			for (const [vid, email, first] of [[7002, 'lena.vogel@hafenlogistik.de', 'Lena'], [7003, 'jonas.berg@nordwerk.de', 'Jonas']] as const) {
				const [execution] = await run(HUBSPOT, () =>
					postWebhook(env.n8n, path(), hubspotContactPayload(vid, { email, firstname: first, lastname: 'Test', company: 'GmbH', country: 'Germany' }), auth),
				);
				const routing = nodeOutput(execution, 'Route Lead')[0].routing as { ownerId: string; ruleName: string };
				expect(routing.ruleName).toBe('EMEA Territory');
				owners.push(routing.ownerId);
				expect(env.hubspot.contactByEmail(email)?.properties.hubspot_owner_id).toBe(routing.ownerId);
			}
			expect(owners.sort()).toEqual(['80000001', '80000002']);

			const [execution] = await run(HUBSPOT, () =>
				postWebhook(env.n8n, path(), hubspotContactPayload(7004, { email: 'kenji.sato@sakura-denki.jp', firstname: 'Kenji', lastname: 'Sato', company: 'Sakura Denki', country: 'Japan' }), auth),
			);
			expect(nodeOutput(execution, 'Route Lead', 1)[0]).toMatchObject({ routing: { ownerId: '80000009', queue: 'Unassigned Leads' } });
			expect(env.hubspot.contactByEmail('kenji.sato@sakura-denki.jp')?.properties.hubspot_owner_id).toBe('80000009');
			expect(env.slack.messages.at(-1)?.text).toContain('New lead for *Lead Desk*: Kenji Sato');
		});

		test('a rejected lead (free mail) makes no CRM request and gets no email', async () => {
			const [execution] = await run(HUBSPOT, () =>
				postWebhook(env.n8n, path(), hubspotContactPayload(7005, { email: 'sam.ortiz@gmail.com', firstname: 'Sam', lastname: 'Ortiz', country: 'Spain' }), auth),
			);
			expect(nodeOutput(execution, 'Rejected Leads')).toHaveLength(1);
			expect(env.standIns.calls).toEqual([]);
			expect(env.smtp.messages).toEqual([]);
		});

		test.each([
			['without the secret', {}],
			['with a wrong secret', { [SECRETS.webhookHeader]: 'guessed-secret' }],
		])('a request %s is refused with 403 and changes nothing', async (_what, headers) => {
			const before = await executionIds(env.n8n, HUBSPOT.id);
			const res = await postWebhook(env.n8n, path(), hubspotContactPayload(7006, { email: 'mallory@globex.com', firstname: 'Mallory', country: 'United States' }), headers);
			expect(res.status).toBe(403);
			await new Promise((r) => setTimeout(r, 1000));
			expect(await executionIds(env.n8n, HUBSPOT.id)).toEqual(before);
			expect(env.standIns.calls).toEqual([]);
			expect(env.smtp.messages).toEqual([]);
			expect(env.hubspot.contactByEmail('mallory@globex.com')).toBeUndefined();
		});
	});
});
