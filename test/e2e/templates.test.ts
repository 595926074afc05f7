/**
 * Contract tests: the shipped templates run in a real n8n with the packed package, and every request they make to
 * an outside service (HubSpot, Slack, ...) is answered by a stand-in that follows the vendor's API documentation and
 * fails the test on anything it does not recognise. Effects are asserted: the exact CRM write-backs, Slack texts and
 * emails, for every branch of every template.
 */
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { JsonDoc, ReceivedEmail } from '../../scripts/n8n';
import { PipedriveStandIn } from './standins/pipedrive';
import {
	describeFailure,
	executionIds,
	newExecutions,
	nodeOutput,
	postWebhook,
	SECRETS,
	SPREADSHEET_ID,
	startContractEnvironment,
} from './contract/environment';
import type { ContractEnvironment, Execution } from './contract/environment';
import { shippedWorkflows, WORKFLOW_DIR } from './helpers/environment';
import { describeWith, n8nRequirement } from './helpers/requirements';
import type { WorkflowJson } from './helpers/validate';

jest.setTimeout(3 * 60 * 1000);
const SETUP_TIMEOUT = 20 * 60 * 1000;

const template = (file: string) => JSON.parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8')) as WorkflowJson;
const HUBSPOT = template('02-hubspot-inbound.json');
const PIPEDRIVE = template('04-pipedrive-round-robin.json');
const SALESFORCE = template('03-salesforce-territory.json');
const ESCALATION = template('05-sla-escalation.json');
const HEALTH = template('07-routing-health.json');
/** 06 with the spreadsheet ID a user puts in place of the placeholder. */
const BATCH = JSON.parse(
	JSON.stringify(template('06-batch-import-dedupe.json')).replaceAll('REPLACE_WITH_SPREADSHEET_ID', SPREADSHEET_ID),
) as WorkflowJson;

type Params = Record<string, unknown> & { tiers?: { tier: Array<{ minutes: number }> }; rule?: unknown; path?: string };

/**
 * Test copies with the only changes a test needs: SLA minutes of seconds on a 24/7 clock (the shipped intake counts
 * business minutes), the health check every few seconds (published only by its test), and each workflow in a time
 * zone of its own: routing and stats must still agree on "today".
 */
function fastIntake(): WorkflowJson & { settings: Record<string, unknown> } {
	const copy = JSON.parse(JSON.stringify(HUBSPOT)) as WorkflowJson & { settings: Record<string, unknown> };
	copy.id = 'LeadRoutingHubSpotFst';
	copy.name = `${HUBSPOT.name} (SLA in seconds)`;
	copy.settings = { ...copy.settings, timezone: 'Pacific/Kiritimati' };
	for (const node of copy.nodes) {
		const p = node.parameters as Params;
		if (node.type === 'n8n-nodes-base.webhook') {
			node.webhookId = randomUUID();
			p.path = node.webhookId;
		}
		if (node.name === 'Start SLA Timer') {
			for (const tier of p.tiers!.tier) tier.minutes = 0.3;
			p.clock = 'instant';
		}
	}
	return copy;
}

function fastHealth(): WorkflowJson & { settings: Record<string, unknown> } {
	const copy = JSON.parse(JSON.stringify(HEALTH)) as WorkflowJson & { settings: Record<string, unknown> };
	copy.id = 'LeadRoutingHealthFst';
	copy.name = `${HEALTH.name} (every 2 s)`;
	copy.settings = { ...copy.settings, timezone: 'Pacific/Pago_Pago' };
	const trigger = copy.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!;
	(trigger.parameters as Params).rule = { interval: [{ field: 'seconds', secondsInterval: 2 }] };
	return copy;
}
const FAST_INTAKE = fastIntake();
const FAST_HEALTH = fastHealth();

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

/** Where each shipped template runs end to end; a template missing here fails the test below. */
const SCENARIOS: Record<string, string> = {
	'01-local-demo.json': 'test/e2e/n8n.test.ts: the local demo in headless Chromium (no outside service)',
	'02-hubspot-inbound.json': '02 HubSpot inbound',
	'03-salesforce-territory.json': '03 Salesforce territory routing',
	'04-pipedrive-round-robin.json': '04 Pipedrive weighted round robin',
	'05-sla-escalation.json': '02 intake + 05 SLA escalation + 07 routing health, sharing one store',
	'06-batch-import-dedupe.json': '06 batch import with dedupe',
	'07-routing-health.json': '02 intake + 05 SLA escalation + 07 routing health, sharing one store',
	'08-backtest.json': 'test/e2e/backtest.test.ts: the backtest upload in a real n8n (no outside service)',
	'09-routing-dashboard.json':
		'test/e2e/dashboard.test.ts: the dashboard page in a real n8n and headless Chromium (no outside service)',
	'10-claim-decline.json':
		'test/e2e/booking-claim.test.ts: the demo hands its lead to the claim loop; Decline and Accept clicked in headless Chromium (no outside service)',
};

test('every shipped template has a contract scenario', () => {
	expect(shippedWorkflows().map((w) => w.file)).toEqual(Object.keys(SCENARIOS).sort());
});

describeWith([n8nRequirement()], 'shipped templates against API stand-ins in a real n8n', () => {
	let env: ContractEnvironment;
	const emailsTo = (address: string) => env.smtp.messages.filter((m: ReceivedEmail) => m.envelope.to.includes(address));

	beforeAll(async () => {
		// Publishing the Pipedrive template registers its webhook with the Pipedrive stand-in.
		env = await startContractEnvironment(
			[HUBSPOT, SALESFORCE, PIPEDRIVE, ESCALATION, BATCH, FAST_INTAKE, FAST_HEALTH] as unknown as JsonDoc[],
			[HUBSPOT.id, SALESFORCE.id, PIPEDRIVE.id, ESCALATION.id, FAST_INTAKE.id],
		);
		// Globex is an existing customer owned by Ana (EMEA), although its lead below comes from the US.
		if (env.standIns.unexpected.length)
			throw new Error(`Unexpected requests while publishing: ${env.standIns.unexpected.join('; ')}`);
		env.salesforce.addAccount({
			Id: '0015g00000UmbAAA',
			Name: 'Umbrella Corporation',
			Website: 'https://www.umbrella.com',
			OwnerId: '0055g00000ErnAA',
			BillingCountry: 'United States',
		});
		env.hubspot.addCompany({
			name: 'Globex Corporation',
			domain: 'globex.com',
			hubspot_owner_id: '80000001',
			city: 'Springfield',
		});
		env.hubspot.archiveOwner('80000007');
		env.pipedrive.deactivateUser(1105);
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

	async function run(
		workflow: WorkflowJson,
		send: () => Promise<{ status: number; text: string }>,
		count = 1,
	): Promise<Execution[]> {
		const before = await executionIds(env.n8n, workflow.id);
		const res = await send();
		expect({ status: res.status, text: res.text.slice(0, 200) }).toEqual({ status: 200, text: expect.any(String) });
		const executions = await newExecutions(env.n8n, workflow.id, before, count);
		for (const e of executions)
			expect({ execution: describeFailure(e), status: e.status }).toEqual({
				execution: expect.any(String),
				status: 'success',
			});
		return executions;
	}

	describe('02 HubSpot inbound', () => {
		const path = () => webhookPath(HUBSPOT);

		test("an existing customer's lead goes to the account owner, written back to the contact", async () => {
			const [execution] = await run(HUBSPOT, () =>
				postWebhook(
					env.n8n,
					path(),
					hubspotContactPayload(7001, {
						email: 'priya.raman@globex.com',
						firstname: 'Priya',
						lastname: 'Raman',
						company: 'Globex',
						country: 'United States',
					}),
					auth,
				),
			);
			const search = env.standIns
				.callsTo('hubspot')
				.find((c) => c.path === '/companies/v2/domains/globex.com/companies');
			expect(search?.data).toMatchObject({
				requestOptions: { properties: expect.arrayContaining(['name', 'domain', 'hubspot_owner_id']) },
			});
			expect(nodeOutput(execution, 'Route Lead')[0]).toMatchObject({
				routing: { ownerId: '80000001', ruleName: 'Existing Account' },
			});

			const upsert = env.standIns
				.callsTo('hubspot')
				.find((c) => c.path.startsWith('/contacts/v1/contact/createOrUpdate/email/'));
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
			for (const [vid, email, first] of [
				[7002, 'lena.vogel@hafenlogistik.de', 'Lena'],
				[7003, 'jonas.berg@nordwerk.de', 'Jonas'],
			] as const) {
				const [execution] = await run(HUBSPOT, () =>
					postWebhook(
						env.n8n,
						path(),
						hubspotContactPayload(vid, {
							email,
							firstname: first,
							lastname: 'Test',
							company: 'GmbH',
							country: 'Germany',
						}),
						auth,
					),
				);
				const routing = nodeOutput(execution, 'Route Lead')[0].routing as { ownerId: string; ruleName: string };
				expect(routing.ruleName).toBe('EMEA Territory');
				owners.push(routing.ownerId);
				expect(env.hubspot.contactByEmail(email)?.properties.hubspot_owner_id).toBe(routing.ownerId);
			}
			expect(owners.sort()).toEqual(['80000001', '80000002']);

			const [execution] = await run(HUBSPOT, () =>
				postWebhook(
					env.n8n,
					path(),
					hubspotContactPayload(7004, {
						email: 'kenji.sato@sakura-denki.jp',
						firstname: 'Kenji',
						lastname: 'Sato',
						company: 'Sakura Denki',
						country: 'Japan',
					}),
					auth,
				),
			);
			expect(nodeOutput(execution, 'Route Lead', 1)[0]).toMatchObject({
				routing: { ownerId: '80000009', queue: 'Unassigned Leads' },
			});
			expect(env.hubspot.contactByEmail('kenji.sato@sakura-denki.jp')?.properties.hubspot_owner_id).toBe('80000009');
			expect(env.slack.messages.at(-1)?.text).toContain('New lead for *Lead Desk*: Kenji Sato');
		});

		test('a rejected lead (free mail) makes no CRM request and gets no email', async () => {
			const [execution] = await run(HUBSPOT, () =>
				postWebhook(
					env.n8n,
					path(),
					hubspotContactPayload(7005, {
						email: 'sam.ortiz@gmail.com',
						firstname: 'Sam',
						lastname: 'Ortiz',
						country: 'Spain',
					}),
					auth,
				),
			);
			expect(nodeOutput(execution, 'Rejected Leads')).toHaveLength(1);
			expect(env.standIns.calls).toEqual([]);
			expect(env.smtp.messages).toEqual([]);
		});

		/** A contact HubSpot already has, posted as its workflow sends it (with the owner it has now). */
		const known = async (vid: number, properties: Record<string, string>) => {
			env.hubspot.addContact(properties);
			const [execution] = await run(HUBSPOT, () =>
				postWebhook(env.n8n, path(), hubspotContactPayload(vid, properties), auth),
			);
			const owners = env.standIns.callsTo('hubspot').filter((c) => c.path === '/crm/v3/owners');
			expect(owners.map((c) => c.query.get('limit'))).toEqual(['500']);
			const [routed] = [...nodeOutput(execution, 'Route Lead', 0), ...nodeOutput(execution, 'Route Lead', 1)];
			return {
				routing: routed.routing as {
					ownerId: string;
					ruleName: string;
					skipped: Array<{ repId: string; why: string }>;
				},
				contact: env.hubspot.contactByEmail(properties.email)!,
			};
		};

		test("a contact owned by an active rep keeps that owner, even outside the rep's territory", async () => {
			const { routing, contact } = await known(7010, {
				email: 'grace.hall@nordlicht-energie.de',
				firstname: 'Grace',
				lastname: 'Hall',
				company: 'Nordlicht',
				country: 'Germany',
				hubspot_owner_id: '80000004',
			});
			expect(routing).toMatchObject({ ownerId: '80000004', ruleName: 'Contact Owner' });
			expect(contact.properties.hubspot_owner_id).toBe('80000004');
			expect(env.slack.messages.at(-1)?.text).toContain('New lead for *Dan Walker*: Grace Hall');
		});

		test('a contact owned by an active owner outside the roster stays theirs; a rep of the territory is told', async () => {
			const { routing, contact } = await known(7011, {
				email: 'hugo.reyes@pinecrest.com',
				firstname: 'Hugo',
				lastname: 'Reyes',
				company: 'Pinecrest',
				country: 'United States',
				hubspot_owner_id: '80000005',
			});
			expect(routing.ruleName).toBe('Americas Territory');
			expect(['80000003', '80000004']).toContain(routing.ownerId);
			expect(routing.skipped).toContainEqual(expect.objectContaining({ repId: '80000005', why: 'not-in-roster' }));
			expect(contact.properties.hubspot_owner_id).toBe('80000005');
		});

		test('a contact whose owner was deactivated gets a new owner', async () => {
			const { routing, contact } = await known(7012, {
				email: 'ines.vidal@costa-azul.es',
				firstname: 'Ines',
				lastname: 'Vidal',
				company: 'Costa Azul',
				country: 'Spain',
				hubspot_owner_id: '80000007',
			});
			expect(routing.ruleName).toBe('EMEA Territory');
			expect(['80000001', '80000002']).toContain(routing.ownerId);
			expect(contact.properties.hubspot_owner_id).toBe(routing.ownerId);
		});

		test.each([
			['without the secret', {}],
			['with a wrong secret', { [SECRETS.webhookHeader]: 'guessed-secret' }],
		])('a request %s is refused with 403 and changes nothing', async (_what, headers) => {
			const before = await executionIds(env.n8n, HUBSPOT.id);
			const res = await postWebhook(
				env.n8n,
				path(),
				hubspotContactPayload(7006, { email: 'mallory@globex.com', firstname: 'Mallory', country: 'United States' }),
				headers,
			);
			expect(res.status).toBe(403);
			await new Promise((r) => setTimeout(r, 1000));
			expect(await executionIds(env.n8n, HUBSPOT.id)).toEqual(before);
			expect(env.standIns.calls).toEqual([]);
			expect(env.smtp.messages).toEqual([]);
			expect(env.hubspot.contactByEmail('mallory@globex.com')).toBeUndefined();
		});
	});

	describe('03 Salesforce territory routing', () => {
		const secret = { [SECRETS.webhookHeader]: SECRETS.webToLeadSecret };
		/** Posted as Web-to-Lead names its fields, form-encoded (https://help.salesforce.com/s/articleView?id=sf.setting_up_web-to-lead.htm). */
		const form = (fields: Record<string, string>, headers: Record<string, string> = secret) =>
			fetch(`${env.n8n.baseUrl}/webhook/${webhookPath(SALESFORCE)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
				body: new URLSearchParams(fields).toString(),
			}).then(async (res) => ({ status: res.status, text: await res.text() }));
		const created = (email: string) => env.salesforce.leads.find((l) => l.Email === email);

		test("an existing account's lead is created in Salesforce with the account owner; the SOQL asks for what Match Account reads", async () => {
			const [execution] = await run(SALESFORCE, () =>
				form({
					first_name: 'Rosa',
					last_name: 'Diaz',
					email: 'rosa.diaz@umbrella.com',
					company: 'Umbrella',
					country: 'United States',
				}),
			);
			const query = env.standIns.callsTo('salesforce').find((c) => c.query.get('q')?.includes(' FROM Account '));
			expect({
				calls: env.standIns.calls.map((c) => `${c.method} ${c.host}${c.path} ${c.status}`),
				hasQuery: Boolean(query),
			}).toMatchObject({ hasQuery: true });
			expect(query?.query.get('q')).toBe(
				"SELECT Id, Name, Website, OwnerId, Owner.Name, Owner.Email, ParentId, Phone, BillingCountry, BillingState, BillingPostalCode, BillingCity FROM Account WHERE Website LIKE '%umbrella.com%' LIMIT 20",
			);
			expect(nodeOutput(execution, 'Route Lead')[0]).toMatchObject({
				routing: { ownerId: '0055g00000ErnAA', ruleName: 'Existing Account' },
			});
			const create = env.standIns.callsTo('salesforce').find((c) => c.method === 'POST');
			expect(create?.path).toBe('/services/data/v59.0/sobjects/lead');
			expect(create?.data).toMatchObject({
				Company: 'Umbrella',
				LastName: 'Diaz',
				FirstName: 'Rosa',
				Email: 'rosa.diaz@umbrella.com',
				OwnerId: '0055g00000ErnAA',
				Country: 'US',
				LeadSource: 'Web',
			});
			expect(created('rosa.diaz@umbrella.com')?.OwnerId).toBe('0055g00000ErnAA');
			expect(emailsTo('rosa.diaz@umbrella.com')).toHaveLength(1);
			expect(emailsTo('erin@example.com')).toHaveLength(1);
		});

		test("a new lead gets its territory's rep, and a lead outside every territory the Unassigned Leads queue", async () => {
			await run(SALESFORCE, () =>
				form({
					first_name: 'Jonas',
					last_name: 'Berg',
					email: 'jonas.berg@nordwerk.de',
					company: 'Nordwerk',
					country: 'Germany',
				}),
			);
			expect(['0055g00000AnaAA', '0055g00000BenAA']).toContain(created('jonas.berg@nordwerk.de')?.OwnerId);
			const [execution] = await run(SALESFORCE, () =>
				form({
					first_name: 'Kenji',
					last_name: 'Sato',
					email: 'kenji.sato@sakura-denki.jp',
					company: 'Sakura Denki',
					country: 'Japan',
				}),
			);
			expect(nodeOutput(execution, 'Route Lead', 1)[0]).toMatchObject({
				routing: { ownerId: '00G5g00000LeadQ', queue: 'Unassigned Leads' },
			});
			expect(created('kenji.sato@sakura-denki.jp')?.OwnerId).toBe('00G5g00000LeadQ');
		});

		test('a returning lead stays with the owner of its open Lead: no second rep, the SOQL escapes the address', async () => {
			const email = "paula.o'neill@atlantico-pescas.pt";
			const fields = {
				first_name: 'Paula',
				last_name: "O'Neill",
				email,
				company: 'Atlantico Pescas',
				country: 'Portugal',
			};
			await run(SALESFORCE, () => form(fields));
			const first = created(email)?.OwnerId;
			expect(['0055g00000AnaAA', '0055g00000BenAA']).toContain(first);
			const soql = env.standIns
				.callsTo('salesforce')
				.map((c) => c.query.get('q'))
				.filter((q) => q?.includes(' FROM Lead '));
			expect(soql).toEqual([
				"SELECT Id, OwnerId, Owner.Name, Owner.IsActive FROM Lead WHERE Email = 'paula.o\\'neill@atlantico-pescas.pt' AND IsConverted = false ORDER BY LastModifiedDate DESC LIMIT 1",
			]);
			// Round robin alone would give the EMEA lead after Paula's to the other rep.
			const [execution] = await run(SALESFORCE, () => form(fields));
			expect(nodeOutput(execution, 'Route Lead')[0]).toMatchObject({
				routing: { ownerId: first, ruleName: 'Contact Owner' },
				contactOwner: { id: first, active: true },
			});
			expect(env.salesforce.leads.filter((l) => l.Email === email).map((l) => l.OwnerId)).toEqual([first, first]);
		});

		test('a contact owned by a deactivated user is routed by territory and created with the new owner', async () => {
			env.salesforce.addContact({
				Id: '0035g00000QuinnA',
				Email: 'quinn.moss@harbor-supply.com',
				LastName: 'Moss',
				OwnerId: '0055g00000GusAA',
			});
			const [execution] = await run(SALESFORCE, () =>
				form({
					first_name: 'Quinn',
					last_name: 'Moss',
					email: 'quinn.moss@harbor-supply.com',
					company: 'Harbor Supply',
					country: 'United States',
				}),
			);
			const routed = nodeOutput(execution, 'Route Lead')[0] as {
				routing: { ownerId: string; ruleName: string };
				contactOwner: unknown;
			};
			expect(routed.contactOwner).toEqual({
				id: '0055g00000GusAA',
				name: 'Gus Lindqvist',
				active: false,
				record: 'Contact 0035g00000QuinnA',
			});
			expect(routed.routing.ruleName).toBe('Americas Territory');
			expect(created('quinn.moss@harbor-supply.com')?.OwnerId).toBe(routed.routing.ownerId);
		});

		test.each([
			['without the secret', {}],
			["with another template's secret", { [SECRETS.webhookHeader]: SECRETS.webhookSecret }],
		])('a form post %s is refused with 403 and creates nothing', async (_what, headers) => {
			const before = await executionIds(env.n8n, SALESFORCE.id);
			const res = await form(
				{
					first_name: 'Mallory',
					last_name: 'M',
					email: 'mallory@umbrella.com',
					company: 'Umbrella',
					country: 'United States',
				},
				headers,
			);
			expect(res.status).toBe(403);
			await new Promise((r) => setTimeout(r, 1000));
			expect(await executionIds(env.n8n, SALESFORCE.id)).toEqual(before);
			expect(env.standIns.calls).toEqual([]);
			expect(env.smtp.messages).toEqual([]);
		});
	});

	describe('04 Pipedrive weighted round robin', () => {
		const basic = (user: string, password: string) => ({
			authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
		});
		const login = () => basic(SECRETS.pipedriveUser, SECRETS.pipedrivePassword);
		const hookPath = () => {
			const trigger = PIPEDRIVE.nodes.find((n) => n.type === 'n8n-nodes-base.pipedriveTrigger')!;
			return `${trigger.webhookId}/webhook`;
		};
		let vid = 2001;
		const person = (name: string, email: string) =>
			env.pipedrive.addPerson({
				id: vid++,
				name,
				owner_id: 1100,
				org_id: null,
				emails: [{ label: 'work', value: email, primary: true }],
				phones: [{ label: 'work', value: '+49 40 1234567', primary: true }],
			});

		test('publishing registers the webhook in Pipedrive with the incoming login', () => {
			expect(env.pipedrive.webhooks).toEqual([
				expect.objectContaining({
					event_action: 'create',
					event_object: 'person',
					subscription_url: `${env.n8n.baseUrl}/webhook/${hookPath()}`,
					http_auth_user: SECRETS.pipedriveUser,
					http_auth_password: SECRETS.pipedrivePassword,
				}),
			]);
		});

		test.each(['2.0', '1.0'] as const)(
			'a person created (webhook v%s) gets an owner written back to that person',
			async (version) => {
				const created = person(`Lena Vogel ${version}`, `lena.vogel.v${version[0]}@hafenlogistik.de`);
				const [execution] = await run(PIPEDRIVE, () =>
					postWebhook(env.n8n, hookPath(), PipedriveStandIn.createdPersonEvent(created, version), login()),
				);
				const routing = nodeOutput(execution, 'Route Lead')[0].routing as {
					ownerId: string;
					ownerEmail: string;
					ruleName: string;
				};
				expect(routing.ruleName).toBe('Weighted Round Robin');
				expect(['1101', '1102', '1103']).toContain(routing.ownerId);
				const patches = env.standIns.callsTo('pipedrive').filter((c) => c.method === 'PATCH');
				expect(patches.map((c) => ({ path: c.path, data: c.data }))).toEqual([
					{ path: `/api/v2/persons/${created.id}`, data: { owner_id: Number(routing.ownerId) } },
				]);
				expect(created.owner_id).toBe(Number(routing.ownerId));
				expect(env.standIns.callsTo('pipedrive').map((c) => `${c.method} ${c.path}`)).toEqual([
					'GET /api/v2/persons/search',
					'GET /v1/users',
					`PATCH /api/v2/persons/${created.id}`,
				]);
				const search = env.standIns.callsTo('pipedrive')[0].query;
				expect([search.get('term'), search.get('fields'), search.get('exact_match')]).toEqual([
					`lena.vogel.v${version[0]}@hafenlogistik.de`,
					'email',
					'true',
				]);
				const notice = env.smtp.messages.find((m: ReceivedEmail) => m.envelope.to.includes(routing.ownerEmail));
				expect(notice?.text).toContain(`lena.vogel.v${version[0]}@hafenlogistik.de`);
			},
		);

		test('a new person whose email Pipedrive already has, owned by an active user, goes to that owner', async () => {
			person('Mia Roth', 'mia.roth@kessler-bau.de').owner_id = 1103;
			const created = person('Mia Roth (web form)', 'mia.roth@kessler-bau.de');
			const [execution] = await run(PIPEDRIVE, () =>
				postWebhook(env.n8n, hookPath(), PipedriveStandIn.createdPersonEvent(created, '2.0'), login()),
			);
			expect(nodeOutput(execution, 'Route Lead')[0]).toMatchObject({
				routing: { ownerId: '1103', ruleName: 'Contact Owner' },
				contactOwner: { id: '1103', active: true, record: `person ${created.id - 1}` },
			});
			expect(created.owner_id).toBe(1103);
		});

		test('a person whose earlier record belongs to a deactivated user takes the next turn', async () => {
			person('Noah Frei', 'noah.frei@alpen-textil.ch').owner_id = 1105;
			const created = person('Noah Frei', 'noah.frei@alpen-textil.ch');
			const [execution] = await run(PIPEDRIVE, () =>
				postWebhook(env.n8n, hookPath(), PipedriveStandIn.createdPersonEvent(created, '2.0'), login()),
			);
			const routed = nodeOutput(execution, 'Route Lead')[0] as {
				routing: { ownerId: string; ruleName: string };
				contactOwner: unknown;
			};
			expect(routed.contactOwner).toMatchObject({ id: '1105', active: false });
			expect(routed.routing.ruleName).toBe('Weighted Round Robin');
			expect(created.owner_id).toBe(Number(routed.routing.ownerId));
		});

		test.each([
			['without the login', {}, 401],
			['with a wrong password', basic(SECRETS.pipedriveUser, 'guessed'), 403],
		])('a request %s is refused and changes nothing', async (_what, headers, status) => {
			const created = person('Mallory Mallet', 'mallory@example.org');
			const before = await executionIds(env.n8n, PIPEDRIVE.id);
			const res = await postWebhook(env.n8n, hookPath(), PipedriveStandIn.createdPersonEvent(created, '2.0'), headers);
			expect(res.status).toBe(status);
			await new Promise((r) => setTimeout(r, 1000));
			expect(await executionIds(env.n8n, PIPEDRIVE.id)).toEqual(before);
			expect(env.standIns.calls).toEqual([]);
			expect(env.smtp.messages).toEqual([]);
			expect(created.owner_id).toBe(1100);
		});
	});

	describe('06 batch import with dedupe', () => {
		test('new rows become HubSpot contacts; a row whose email is already a contact (on page 2) is logged as a duplicate, not upserted', async () => {
			// 150 contacts: two pages of HubSpot's v3 list (100 a page); the existing customer is on the second.
			for (let i = 0; i < 149; i++)
				env.hubspot.addContact({
					email: `contact${i}@filler-${i}.example`,
					firstname: 'Filler',
					lastname: String(i),
					company: `Filler ${i}`,
				});
			env.hubspot.addContact({
				email: 'ana.lima@existing-customer.com',
				firstname: 'Ana',
				lastname: 'Lima',
				company: 'Existing Customer',
			});
			env.sheets.sheets.set('Leads', [
				['First Name', 'Last Name', 'E-mail Address', 'Company Name', 'Phone'],
				['Tom', 'Fischer', 'tom.fischer@bergbau-ag.de', 'Bergbau AG', '+49 30 901820'],
				['Ana', 'Lima', 'ana.lima@existing-customer.com', 'Existing Customer', ''],
				['Tom', 'Fischer', 'tom.fischer@bergbau-ag.de', 'Bergbau AG', '+49 30 901820'],
				['No', 'Email', 'not an address', 'Nowhere Ltd', ''],
			]);
			env.sheets.sheets.set('Duplicates', []);
			env.sheets.sheets.set('Rejected', []);

			// "Execute workflow" in the editor: the same REST call, as the owner.
			const before = await executionIds(env.n8n, BATCH.id);
			const res = await fetch(`${env.n8n.baseUrl}/rest/workflows/${BATCH.id}/run`, {
				method: 'POST',
				headers: { cookie: env.n8n.cookie ?? '', 'content-type': 'application/json' },
				body: JSON.stringify({ triggerToStartFrom: { name: 'Run Import' } }),
				signal: AbortSignal.timeout(120000),
			});
			expect(res.status).toBe(200);
			const [execution] = await newExecutions(env.n8n, BATCH.id, before, 1, 120000);
			expect(describeFailure(execution)).toMatch(/ success: /);

			const lists = env.standIns.callsTo('hubspot').filter((c) => c.path === '/crm/v3/objects/contacts');
			expect(lists.map((c) => [c.query.get('properties'), c.query.get('limit'), c.query.get('after')])).toEqual([
				['email,firstname,lastname,company', '100', null],
				['email,firstname,lastname,company', '100', '100'],
			]);
			const upserts = env.standIns
				.callsTo('hubspot')
				.filter((c) => c.path.startsWith('/contacts/v1/contact/createOrUpdate/email/'));
			expect(upserts.map((c) => c.path)).toEqual([
				'/contacts/v1/contact/createOrUpdate/email/tom.fischer@bergbau-ag.de',
			]);
			expect(upserts[0].data).toEqual({
				properties: expect.arrayContaining([
					{ property: 'firstname', value: 'Tom' },
					{ property: 'lastname', value: 'Fischer' },
					{ property: 'company', value: 'Bergbau AG' },
				]),
			});
			const cells = (tab: string) => env.sheets.sheets.get(tab)!.map((row) => row.join(' | '));
			expect(
				cells('Duplicates')
					.slice(1)
					.filter((r) => r.includes('ana.lima@existing-customer.com')),
			).toHaveLength(1);
			expect(cells('Duplicates').slice(1)).toHaveLength(1);
			expect(cells('Rejected').slice(1)).toHaveLength(2);
			expect(cells('Rejected').slice(1).join('\n')).toContain('not an address');
		});
	});

	describe('02 intake + 05 SLA escalation + 07 routing health, sharing one store', () => {
		const responded = { [SECRETS.webhookHeader]: SECRETS.respondedSecret };
		const respondedPath = () => webhookPath(ESCALATION);
		const lead = async (vid: number, email: string, first: string, country: string) => {
			const [execution] = await run(FAST_INTAKE, () =>
				postWebhook(
					env.n8n,
					webhookPath(FAST_INTAKE),
					hubspotContactPayload(vid, { email, firstname: first, lastname: 'Lead', company: `${first} Inc`, country }),
					auth,
				),
			);
			const [decided] = [...nodeOutput(execution, 'Route Lead', 0), ...nodeOutput(execution, 'Route Lead', 1)];
			return decided.routing as { ownerId: string; ownerName: string; decisionId: string };
		};

		test('a lead nobody answers is reminded, re-routed to another rep and escalated; an answered one is not; a forged answer stops nothing', async () => {
			const sinceLeads = await executionIds(env.n8n, ESCALATION.id);
			// The rep answers at once (the 18-second SLA is met) ...
			const answered = await lead(8002, 'marcus.lee@hooli.com', 'Marcus', 'United States');
			const [stop] = await run(ESCALATION, () =>
				postWebhook(env.n8n, respondedPath(), { decisionId: answered.decisionId }, responded),
			);
			expect(nodeOutput(stop, 'Stop SLA Timer')[0]).toMatchObject({ sla: { status: 'met' } });
			const waiting = await lead(8001, 'olivia.chen@initech.com', 'Olivia', 'United States');
			const forged = await lead(8003, 'nina.park@vandelay.com', 'Nina', 'Canada');
			expect(env.hubspot.contactByEmail('olivia.chen@initech.com')?.properties.lead_routing_decision_id).toBe(
				waiting.decisionId,
			);
			// ... while a forged stop (no secret, or another template's) is refused and stops nothing.
			for (const headers of [{}, { [SECRETS.webhookHeader]: SECRETS.webhookSecret }]) {
				expect((await postWebhook(env.n8n, respondedPath(), { decisionId: forged.decisionId }, headers)).status).toBe(
					403,
				);
			}

			// SLA Timer Trigger polls once a minute and emits each level once, every level passed since its last poll.
			const watched = ['olivia.chen@initech.com', 'marcus.lee@hooli.com', 'nina.park@vandelay.com'];
			let polls: Execution[] = [];
			const emitted = () =>
				polls.flatMap((e) => nodeOutput(e, 'SLA Timer Trigger')).filter((j) => watched.includes(String(j.email)));
			for (const deadline = Date.now() + 150000; ; await new Promise((r) => setTimeout(r, 2000))) {
				const page = await env.n8n.api!<{ data: Execution[] }>(
					'GET',
					`/executions?workflowId=${ESCALATION.id}&includeData=true&limit=250`,
				);
				polls = page.data.filter(
					(e) => !sinceLeads.includes(e.id) && e.status !== 'running' && nodeOutput(e, 'SLA Timer Trigger').length,
				);
				if (emitted().filter((j) => j.level === 'escalated').length >= 2 || Date.now() > deadline) break;
			}
			for (const e of polls)
				expect({ execution: describeFailure(e), status: e.status }).toEqual({
					execution: expect.any(String),
					status: 'success',
				});
			expect(
				emitted()
					.map((j) => `${String(j.email)} ${String(j.level)}`)
					.sort(),
			).toEqual([
				'nina.park@vandelay.com breached',
				'nina.park@vandelay.com escalated',
				'nina.park@vandelay.com warning',
				'olivia.chen@initech.com breached',
				'olivia.chen@initech.com escalated',
				'olivia.chen@initech.com warning',
			]);
			const poll = {
				data: {
					resultData: {
						runData: { 'Re-Route Lead': polls.flatMap((e) => e.data?.resultData.runData['Re-Route Lead'] ?? []) },
					},
				},
			} as unknown as Execution;

			const rerouted = nodeOutput(poll, 'Re-Route Lead').find((j) => j.email === 'olivia.chen@initech.com')!
				.routing as { ownerId: string; ownerEmail: string; ruleName: string };
			expect(rerouted.ruleName).toBe('Americas Territory');
			expect(rerouted.ownerId).not.toBe(waiting.ownerId);
			expect(['80000003', '80000004']).toContain(rerouted.ownerId);
			const upserts = env.standIns
				.callsTo('hubspot')
				.filter((c) => c.path === '/contacts/v1/contact/createOrUpdate/email/olivia.chen@initech.com');
			expect(upserts.at(-1)?.data).toEqual({ properties: [{ property: 'hubspot_owner_id', value: rerouted.ownerId }] });
			expect(env.slack.messages).toContainEqual({
				channel: 'inbound-leads',
				text: expect.stringMatching(
					new RegExp(
						`^:hourglass: ${waiting.ownerName}, Olivia Lead \\(Olivia Inc\\) is still waiting\\. SLA due \\d{4}-`,
					),
				),
			});
			const newOwnerMail = emailsTo(rerouted.ownerEmail).find(
				(m) => m.subject === 'SLA breached: Olivia Inc is now yours',
			);
			expect(newOwnerMail?.text).toContain('Olivia Lead (olivia.chen@initech.com) at Olivia Inc waited past the');
			expect(emailsTo('manager@example.com').map((m) => m.subject)).toEqual(
				expect.arrayContaining(['Escalation: Olivia Inc still unanswered', 'Escalation: Nina Inc still unanswered']),
			);
			expect(emailsTo('manager@example.com').map((m) => m.subject)).not.toContain(
				'Escalation: Marcus Inc still unanswered',
			);
			expect(nodeOutput(poll, 'Re-Route Lead').map((j) => j.email)).not.toContain('marcus.lee@hooli.com');
		});

		test('the health check reads the day the routing templates counted, and alerts in Slack when too many leads fell to the fallback', async () => {
			const far = [
				[8101, 'aiko.tanaka@fuji-seimitsu.jp'],
				[8102, 'hiro.sato@kanto-denki.jp'],
				[8103, 'mei.wong@harbour-trading.hk'],
				[8104, 'yuki.mori@osaka-kiki.jp'],
				[8105, 'ken.ito@nagoya-seiko.jp'],
			] as const;
			for (const [vid, email] of far) {
				await lead(vid, email, 'Far', 'Japan');
			}
			// Every routing decision of today, as the intake executions recorded it: output 0 assigned, output 1 fallback.
			const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
			let assigned = 0;
			let fallbacks = 0;
			let last = '';
			const routers = [
				[HUBSPOT.id, 'Route Lead'],
				[FAST_INTAKE.id, 'Route Lead'],
				[SALESFORCE.id, 'Route Lead'],
				[PIPEDRIVE.id, 'Route Lead'],
				[ESCALATION.id, 'Re-Route Lead'],
			];
			for (const [id, node] of routers) {
				const page = await env.n8n.api!<{ data: Execution[] }>(
					'GET',
					`/executions?workflowId=${id}&includeData=true&limit=250`,
				);
				for (const e of page.data) {
					for (const [output, add] of [
						[0, () => assigned++],
						[1, () => fallbacks++],
					] as const) {
						for (const json of nodeOutput(e, node, output)) {
							const at = String((json.routing as { assignedAt: string }).assignedAt);
							if (new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(at)) !== today)
								continue;
							add();
							if (at > last) last = at;
						}
					}
				}
			}
			expect(fallbacks / (assigned + fallbacks)).toBeGreaterThan(0.2);

			const before = await executionIds(env.n8n, FAST_HEALTH.id);
			await env.n8n.publish!([FAST_HEALTH.id]);
			let check: Execution;
			try {
				[check] = await newExecutions(env.n8n, FAST_HEALTH.id, before, 1, 30000);
			} finally {
				await env.n8n.api!('POST', `/workflows/${FAST_HEALTH.id}/deactivate`);
			}
			expect(check.status).toBe('success');
			expect(nodeOutput(check, 'Routing Stats')[0]).toMatchObject({ day: today, today: { assigned, fallbacks } });
			const percent = Math.round((fallbacks / (assigned + fallbacks)) * 1000) / 10;
			expect(nodeOutput(check, 'Facts')[0]).toMatchObject({
				lastRouted: last,
				leadsToday: assigned + fallbacks,
				fallbackPercent: percent,
			});
			expect(env.slack.messages).toContainEqual({
				channel: 'sales-ops',
				text: `:rotating_light: Lead routing needs a look:\n• ${percent} % of today's ${assigned + fallbacks} leads went to the fallback queue (reps out of office, at capacity or outside their hours).`,
			});
		});
	});
});
