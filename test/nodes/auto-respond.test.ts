import type { IDataObject } from 'n8n-workflow';
import { runAutoRespond, type AutoRespondRun } from '../helpers/auto-respond';
import { builtModule, loadPackage, runWorkflow, singleNode } from '../helpers/engine';
import { block, blocks, itemError } from '../helpers/items';
import { parseMail, smtpCredentials, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';

const built = builtModule;

let smtp: TestSmtpServer;

beforeAll(async () => {
	smtp = await startSmtpServer();
});

afterAll(async () => {
	built<{ closeAllTransports(): void }>('lib/respond/smtp.js').closeAllTransports();
	await smtp.close();
});

beforeEach(() => {
	smtp.received.length = 0;
	smtp.rejectRecipients.clear();
});

async function respond(
	parameters: IDataObject,
	input: IDataObject[],
	options: Omit<AutoRespondRun, 'smtpPort'> & { port?: number } = {},
) {
	return await runAutoRespond(parameters, input, { ...options, smtpPort: options.port ?? smtp.port });
}

const routedLead = {
	email: 'ada@lovelace.test',
	firstName: 'Ada',
	lastName: 'Lovelace',
	fullName: 'Ada Lovelace',
	company: 'Analytical <Engines> & "Sons"',
	country: 'GB',
	submittedAt: new Date(Date.now() - 1500).toISOString(),
	routing: { ownerId: 'u1', ownerName: 'Grace Hopper', ownerEmail: 'grace@acme.test', ruleName: 'UK enterprise' },
};

describe('Auto-Respond over SMTP', () => {
	it('sends the confirmation with the right recipient, subject, text and escaped HTML', async () => {
		const { sent, skipped, run, error } = await respond({}, [routedLead]);
		expect(error('Node')).toBeUndefined();
		expect(run.status).toBe('success');
		expect(skipped).toHaveLength(0);
		expect(sent).toHaveLength(1);
		expect(smtp.received).toHaveLength(1);
		const mail = smtp.received[0];
		expect(mail.to).toEqual(['ada@lovelace.test']);
		expect(mail.from).toBe('sales@acme.test');
		const parsed = parseMail(mail.raw);
		expect(parsed.subject).toBe('Thanks, Ada – we received your request');
		expect(parsed.text).toContain('on behalf of Analytical <Engines> & "Sons"');
		expect(parsed.text).toContain('Grace Hopper will get back to you');
		expect(parsed.html).toContain('Analytical &lt;Engines&gt; &amp; &quot;Sons&quot;');
		expect(parsed.html).not.toContain('<Engines>');
		expect(parsed.headers['reply-to']).toContain('grace@acme.test');
		expect(parsed.headers['auto-submitted']).toBe('auto-generated');

		const out = sent[0];
		expect(out.email).toBe(routedLead.email);
		expect(out.routing).toEqual(routedLead.routing);
		const auto = block(out, 'autoResponse');
		expect(auto).toMatchObject({ status: 'sent', channel: 'email', to: 'ada@lovelace.test', template: 'lead.default' });
		expect(String(auto.messageId)).toMatch(/^<.+@.+>$/);
		expect(parsed.headers['message-id']).toBe(auto.messageId);
		expect(Date.parse(String(auto.acceptedAt))).not.toBeNaN();
		expect(auto.latencyMs).toBeGreaterThanOrEqual(1500);
	});
});

describe('answering each lead once', () => {
	it('does not send again when the node is retried or the lead is submitted twice', async () => {
		const first = await respond({}, [routedLead], { workflowId: 'wf-retry' });
		expect(first.sent).toHaveLength(1);
		const retry = await respond({}, [routedLead, { ...routedLead, email: 'ADA@lovelace.test' }], {
			workflowId: 'wf-retry',
		});
		expect(retry.sent).toHaveLength(0);
		expect(retry.skipped).toHaveLength(2);
		const auto = block(retry.skipped[0], 'autoResponse');
		expect(auto.status).toBe('skipped');
		expect(String(auto.reason)).toMatch(/Already answered at .* \(duplicate within the idempotency window\)/);
		expect(retry.skipped[0].email).toBe(routedLead.email);
		expect(smtp.received).toHaveLength(1);
	});

	it('sends exactly once when executions race on the same lead', async () => {
		const runs = await Promise.all(
			Array.from({ length: 8 }, () => respond({}, [routedLead], { workflowId: 'wf-race' })),
		);
		expect(runs.reduce((n, r) => n + r.sent.length, 0)).toBe(1);
		expect(runs.reduce((n, r) => n + r.skipped.length, 0)).toBe(7);
		expect(smtp.received).toHaveLength(1);
	});

	it('remembers answered leads across a restart in the default SQLite store', async () => {
		const first = await respond({}, [routedLead], { workflowId: 'wf-restart' });
		expect(first.sent).toHaveLength(1);
		built<{ closeAllDatabases(): void }>('lib/store/sqlite/database.js').closeAllDatabases();
		const again = await respond({}, [routedLead], { workflowId: 'wf-restart' });
		expect(again.skipped).toHaveLength(1);
		expect(smtp.received).toHaveLength(1);
	});

	it('remembers answered leads across a restart through workflow static data when that store is chosen', async () => {
		const params = { stateStore: 'staticData' };
		const first = await respond(params, [routedLead], { workflowId: 'wf-restart-static' });
		expect(first.sent).toHaveLength(1);
		built<{ resetLocalState(): void }>('lib/store/static/state.js').resetLocalState();
		const again = await respond(params, [routedLead], {
			workflowId: 'wf-restart-static',
			staticData: JSON.parse(JSON.stringify(first.staticData)),
		});
		expect(again.skipped).toHaveLength(1);
		expect(smtp.received).toHaveLength(1);
	});

	it('answers again once the window has passed, and keys on a chosen field', async () => {
		const params = { idempotencyKey: 'crmId', idempotencyWindowHours: 0.0003 };
		const lead = { ...routedLead, crmId: 'L-1' };
		expect((await respond(params, [lead], { workflowId: 'wf-window' })).sent).toHaveLength(1);
		expect(
			(await respond(params, [{ ...lead, email: 'other@lovelace.test' }], { workflowId: 'wf-window' })).skipped,
		).toHaveLength(1);
		await new Promise((r) => setTimeout(r, 1200));
		expect((await respond(params, [lead], { workflowId: 'wf-window' })).sent).toHaveLength(1);
		expect(smtp.received).toHaveLength(2);
	});

	it('asks a workflow saved with the old "On, Redis Store" setting to choose Redis as its State Store, and sends nothing', async () => {
		const { error } = await respond({ idempotency: 'redis' }, [routedLead], { workflowId: 'wf-legacy-redis' });
		expect(error('Node')).toMatch(/replaced by the State Store setting/);
		expect(smtp.received).toHaveLength(0);
	});

	it('uses the Redis store across executions when selected', async () => {
		const prefix = `test-respond-node-${process.pid}-${Date.now()}:`;
		const redis = { host: '127.0.0.1', port: 6379, database: 0, user: '', password: '', ssl: false, prefix };
		const node = {
			credentials: { leadRoutingSmtp: { id: 'smtp', name: 'SMTP' }, leadRoutingRedisApi: { id: 'r', name: 'Redis' } },
		};
		const run = async () => {
			const workflow = singleNode('autoRespond', { stateStore: 'redis' }, node);
			workflow.id = 'wf-redis';
			const result = await runWorkflow(workflow, {
				input: [routedLead],
				credentials: { leadRoutingSmtp: smtpCredentials(smtp.port), leadRoutingRedisApi: redis },
			});
			return result.outputs('Node');
		};
		try {
			const [first, second] = await Promise.all([run(), run()]);
			expect(first[0].length + second[0].length).toBe(1);
			expect((await run())[1]).toHaveLength(1);
			expect(smtp.received).toHaveLength(1);
		} finally {
			const connection = built<{
				getRedisClient(c: object): { keys(p: string): Promise<string[]>; del(...k: string[]): Promise<number> };
				closeAllRedisClients(): Promise<void>;
			}>('lib/store/redis/connection.js');
			const client = connection.getRedisClient({ host: '127.0.0.1', port: 6379, database: 0, tls: false });
			const keys = await client.keys(`${prefix}*`);
			// One answered-lead key; the send limits keep their counters beside it.
			expect(keys.filter((key) => key.includes(':respond:'))).toHaveLength(1);
			await client.del(...keys);
			await connection.closeAllRedisClients();
		}
	});

	it('answers a batch side by side, keeps item order, and sends a lead listed twice once', async () => {
		const leads = Array.from({ length: 12 }, (_, i) => ({ email: `batch${i}@lead.test`, firstName: `B${i}` }));
		const { sent, skipped } = await respond({}, [...leads, leads[3]]);
		expect(sent.map((i) => i.email)).toEqual(leads.map((l) => l.email));
		expect(skipped).toHaveLength(1);
		expect(String(block(skipped[0], 'autoResponse').reason)).toMatch(/in progress|Already answered/);
		expect(smtp.received).toHaveLength(12);
	});

	it('refuses the static data store in queue mode, where workers cannot see each other', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		try {
			const { error } = await respond({ stateStore: 'staticData' }, [routedLead], { workflowId: 'wf-queue' });
			expect(error('Node')).toMatch(/static data store cannot be used in queue mode/);
			expect(smtp.received).toHaveLength(0);
		} finally {
			delete process.env.EXECUTIONS_MODE;
		}
	});

	it('answers every item when turned off', async () => {
		const { sent } = await respond({ idempotency: 'off' }, [routedLead, routedLead], { workflowId: 'wf-off' });
		expect(sent).toHaveLength(2);
		expect(smtp.received).toHaveLength(2);
	});
});

describe('send failures', () => {
	it('reports an unreachable mail server clearly and keeps the lead', async () => {
		const down = await startSmtpServer();
		const port = down.port;
		await down.close();
		const failed = await respond({}, [routedLead], { port, workflowId: 'wf-down' });
		expect(failed.run.status).toBe('error');
		expect(failed.error('Node')).toContain(`Cannot connect to the mail server 127.0.0.1:${port}`);

		const kept = await respond({}, [routedLead], { port, workflowId: 'wf-down', continueOnFail: true });
		expect(kept.skipped).toHaveLength(1);
		const item = kept.skipped[0];
		expect(item).toMatchObject({ email: routedLead.email, company: routedLead.company, routing: routedLead.routing });
		expect(item.autoResponse).toBeUndefined();
		expect(itemError(item).message).toContain('Cannot connect to the mail server');
		expect(itemError(item).messages).toEqual([]);

		// The failed attempts released their claim: once the server is back the lead is answered.
		const back = await respond({}, [routedLead], { workflowId: 'wf-down' });
		expect(back.sent).toHaveLength(1);
	});

	it('sends failures to the error output with the lead when the node has one', async () => {
		const down = await startSmtpServer();
		const port = down.port;
		await down.close();
		const workflow = singleNode(
			'autoRespond',
			{},
			{ credentials: { leadRoutingSmtp: { id: 'smtp', name: 'SMTP' } }, onError: 'continueErrorOutput' },
		);
		workflow.id = 'wf-error-output';
		const result = await runWorkflow(workflow, {
			input: [routedLead],
			credentials: { leadRoutingSmtp: smtpCredentials(port) },
		});
		const outputs = result.outputs('Node');
		expect(outputs).toHaveLength(4);
		expect(outputs[1]).toHaveLength(0);
		expect(outputs[3]).toHaveLength(1);
		expect(outputs[3][0]).toMatchObject({ email: routedLead.email, routing: routedLead.routing });
		expect(itemError(outputs[3][0]).message).toContain('Cannot connect to the mail server');
	});

	it('reports a rejected recipient with the server reason', async () => {
		smtp.rejectRecipients.add('ada@lovelace.test');
		const failed = await respond({}, [routedLead], { workflowId: 'wf-reject' });
		expect(failed.run.status).toBe('error');
		expect(failed.error('Node')).toMatch(/rejected the message \(550\).*mailbox unavailable/);
		smtp.rejectRecipients.clear();
		expect((await respond({}, [routedLead], { workflowId: 'wf-reject' })).sent).toHaveLength(1);
	});

	it('reports a refused login', async () => {
		const guarded = await startSmtpServer({ user: 'bot', password: 'right' });
		try {
			const failed = await respond({}, [routedLead], {
				credentials: { leadRoutingSmtp: smtpCredentials(guarded.port, { user: 'bot', password: 'wrong' }) },
			});
			expect(failed.error('Node')).toContain('refused the login');
			const ok = await respond({}, [routedLead], {
				credentials: { leadRoutingSmtp: smtpCredentials(guarded.port, { user: 'bot', password: 'right' }) },
			});
			expect(ok.sent).toHaveLength(1);
			expect(guarded.received).toHaveLength(1);
		} finally {
			built<{ closeAllTransports(): void }>('lib/respond/smtp.js').closeAllTransports();
			await guarded.close();
		}
	});
});

describe('recipients, channels and templates', () => {
	it('tells the rep with a lead summary, the rule that fired and a link; replies go to the lead', async () => {
		const lead = {
			...routedLead,
			message: 'We need 40 seats\nby March',
			phone: '+442071838750',
			sla: { tier: 'hot', dueAt: '2026-11-22T10:00:00Z' },
		};
		const { sent } = await respond({ recipients: 'leadAndRep', options: { link: 'https://crm.test/leads/1' } }, [lead]);
		expect(sent).toHaveLength(1);
		expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ada@lovelace.test', 'grace@acme.test']);
		const rep = parseMail(smtp.received.find((m) => m.to[0] === 'grace@acme.test')!.raw);
		expect(rep.subject).toBe('New lead for you: Ada Lovelace (Analytical <Engines> & "Sons")');
		expect(rep.text).toContain('by the rule "UK enterprise"');
		expect(rep.text).toContain('Phone: +442071838750');
		// The rep has no roster zone here: the workflow's (n8n's default, America/New_York) is used.
		expect(rep.text).toMatch(/SLA tier: hot \(answer by Sunday, November 22(, 2026)? at 5:00 AM EST\)/);
		expect(rep.text).toContain('We need 40 seats\nby March');
		expect(rep.html).toContain('<a href="https://crm.test/leads/1">');
		expect(rep.headers['reply-to']).toContain('ada@lovelace.test');
		expect(rep.headers['auto-submitted']).toBeUndefined();
		const messages = blocks(block(sent[0], 'autoResponse'), 'messages');
		expect(messages.map((m) => `${m.recipient}:${m.status}`)).toEqual(['lead:sent', 'rep:sent']);
	});

	it('skips with a reason when the lead has no usable address or opted out', async () => {
		const { skipped, sent } = await respond({}, [
			{ firstName: 'No', email: 'not-an-email' },
			{ email: 'out@lovelace.test', consent: { email: false } },
			{ email: 'a@lovelace.test, b@lovelace.test' },
		]);
		expect(sent).toHaveLength(0);
		expect(skipped.map((i) => block(i, 'autoResponse').reason)).toEqual([
			'lead: The lead has no valid email address',
			'lead: The lead opted out of email (consent.email is false)',
			'lead: The lead has no valid email address',
		]);
		expect(smtp.received).toHaveLength(0);
	});

	it('answers raw form payloads (a Webhook body with snake_case fields)', async () => {
		const { sent } = await respond({}, [
			{ headers: {}, body: { first_name: 'Raw', email_address: 'raw@form.test', company_name: 'Raw Co' } },
		]);
		expect(sent).toHaveLength(1);
		const mail = parseMail(smtp.received[0].raw);
		expect(mail.subject).toBe('Thanks, Raw – we received your request');
		expect(mail.text).toContain('on behalf of Raw Co');
	});

	it("writes in the lead's language: built-in texts by country, user variants by country or field", async () => {
		await respond({}, [{ ...routedLead, email: 'de@lead.test', country: 'AT' }]);
		expect(parseMail(smtp.received[0].raw).subject).toBe('Danke, Ada – wir haben Ihre Anfrage erhalten');
		smtp.received.length = 0;
		const variants = {
			variant: [
				{
					language: 'pt',
					countries: 'BR, PT',
					subject: 'Olá {{firstName}}',
					text: 'Obrigado, {{firstName}}!',
					html: '',
					sms: '',
				},
			],
		};
		const { sent } = await respond({ languageVariants: variants }, [
			{ ...routedLead, email: 'br@lead.test', country: 'BR' },
			{ ...routedLead, email: 'de2@lead.test', country: 'DE' },
		]);
		expect(sent.map((i) => block(i, 'autoResponse').template)).toEqual(['lead.pt', 'lead.de']);
		const pt = parseMail(smtp.received.find((m) => m.to[0] === 'br@lead.test')!.raw);
		expect(pt.subject).toBe('Olá Ada');
		expect(pt.text.trim()).toBe('Obrigado, Ada!');
		smtp.received.length = 0;
		const byField = await respond({ languageFrom: 'field', languageField: 'locale', languageVariants: variants }, [
			{ ...routedLead, email: 'f@lead.test', locale: 'pt-BR' },
		]);
		expect(block(byField.sent[0], 'autoResponse').template).toBe('lead.pt');
		// Once the user writes their own text, built-in translations no longer replace it.
		const own = await respond({ leadSubject: 'Hello {{firstName}}' }, [
			{ ...routedLead, email: 'de3@lead.test', country: 'DE' },
		]);
		expect(block(own.sent[0], 'autoResponse').template).toBe('lead.default');
	});

	it('stops with a configuration error on a broken template', async () => {
		for (const [subject, hint] of [
			['Hello {{firstName', 'never closed'],
			['Hello {{first name}}', 'not a valid placeholder'],
			['{{#company}}Hi', 'never closed with {{/company}}'],
			['Hello {{{firstName}}}', 'unsupported placeholder'],
			['Hello firstName}}', 'without a matching'],
		]) {
			const { error, run } = await respond({ leadSubject: subject }, [routedLead]);
			expect(run.status).toBe('error');
			expect(error('Node')).toContain('Template error: Lead Email Subject');
			expect(error('Node')).toContain(hint);
		}
		expect(smtp.received).toHaveLength(0);
	});

	it('treats a field flipped to Expression mode holding only placeholders as a template; real expressions still work', async () => {
		const variants = {
			variant: [{ language: 'es', countries: 'ES', subject: '=Hola {{firstName}}', text: '', html: '', sms: '' }],
		};
		await respond(
			{ leadSubject: '=Hi {{ firstName }}{{#company}} at {{company}}{{/company}}', languageVariants: variants },
			[
				{ ...routedLead, company: 'Acme' },
				{ ...routedLead, email: 'es@lead.test', country: 'ES' },
			],
		);
		expect(smtp.received.map((m) => parseMail(m.raw).subject).sort()).toEqual(['Hi Ada at Acme', 'Hola Ada']);
		smtp.received.length = 0;
		await respond({ leadSubject: '=Hi {{ $json.firstName.toUpperCase() }}' }, [routedLead]);
		expect(parseMail(smtp.received[0].raw).subject).toBe('Hi ADA');
	});

	it('composes without sending for a downstream Send Email node', async () => {
		const { sent } = await respond(
			{ delivery: 'compose', options: { fromEmail: 'hello@acme.test', fromName: 'Acme' } },
			[routedLead],
		);
		expect(smtp.received).toHaveLength(0);
		const auto = block(sent[0], 'autoResponse');
		expect(auto.status).toBe('composed');
		const content = block(blocks(auto, 'messages')[0], 'content');
		expect(content.subject).toBe('Thanks, Ada – we received your request');
		expect(content.to).toEqual({ name: 'Ada Lovelace', address: 'ada@lovelace.test' });
		expect(content.from).toEqual({ name: 'Acme', address: 'hello@acme.test' });
		expect(String(content.html)).toContain('&lt;Engines&gt;');
	});

	it('reuses pooled SMTP connections instead of reconnecting per lead', async () => {
		const server = await startSmtpServer();
		try {
			const leads = Array.from({ length: 20 }, (_, i) => ({ email: `pool${i}@lead.test`, firstName: `P${i}` }));
			for (const lead of leads)
				await respond({}, [lead], { credentials: { leadRoutingSmtp: smtpCredentials(server.port) } });
			expect(server.received).toHaveLength(20);
			expect(server.connections()).toBe(1);
		} finally {
			built<{ closeAllTransports(): void }>('lib/respond/smtp.js').closeAllTransports();
			await server.close();
		}
	});
});

describe('credential test', () => {
	it('opens a real SMTP connection and reports failures', async () => {
		const loader = await loadPackage();
		const type = loader.getNode('autoRespond').type as {
			methods?: {
				credentialTest?: Record<string, (this: unknown, c: unknown) => Promise<{ status: string; message: string }>>;
			};
		};
		const test = type.methods?.credentialTest?.leadRoutingSmtpConnectionTest;
		expect(test).toBeDefined();
		const ok = await test!.call(
			{},
			{ id: '1', name: 'smtp', type: 'leadRoutingSmtp', data: smtpCredentials(smtp.port) },
		);
		expect(ok.status).toBe('OK');
		const down = await startSmtpServer();
		const port = down.port;
		await down.close();
		const failed = await test!.call(
			{},
			{ id: '1', name: 'smtp', type: 'leadRoutingSmtp', data: smtpCredentials(port) },
		);
		expect(failed.status).toBe('Error');
		expect(failed.message).toContain(`Cannot connect to the mail server 127.0.0.1:${port}`);
	});
});
