import { join, resolve } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { loadPackage, runWorkflow, singleNode, type RunOptions } from '../helpers/engine';
import { parseMail, smtpCredentials, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { completeTestCredentialsHelper } from '../helpers/twilio-standin';

completeTestCredentialsHelper();

const PACKAGE_DIR = resolve(process.env.LEAD_ROUTING_PACKAGE_DIR ?? resolve(__dirname, '..', '..'));
// The node runs from the built package; its process-wide caches live in those modules, not in the TS sources.
const built = <T>(path: string): T => require(join(PACKAGE_DIR, 'dist', path)) as T;

let smtp: TestSmtpServer;
let workflowCounter = 0;

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

interface RespondRun extends Omit<RunOptions, 'input'> {
	workflowId?: string;
	port?: number;
	continueOnFail?: boolean;
}

async function respond(parameters: IDataObject, input: IDataObject[], options: RespondRun = {}) {
	const workflow = singleNode('autoRespond', parameters as never, {
		credentials: { leadRoutingSmtp: { id: 'smtp', name: 'SMTP' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	});
	workflow.id = options.workflowId ?? `wf-respond-${++workflowCounter}`;
	const result = await runWorkflow(workflow, {
		input,
		credentials: { leadRoutingSmtp: smtpCredentials(options.port ?? smtp.port), ...(options.credentials ?? {}) },
		staticData: options.staticData,
	});
	const [sent = [], skipped = [], deferred = []] = result.outputs('Node');
	return { ...result, sent, skipped, deferred };
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
		if (run.status !== 'success') console.log(error('Node'), error(), JSON.stringify(run.data.resultData.error)?.slice(0, 1500));
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
		const auto = out.autoResponse as IDataObject;
		expect(auto).toMatchObject({ status: 'sent', channel: 'email', to: 'ada@lovelace.test', template: 'lead.default' });
		expect(String(auto.messageId)).toMatch(/^<.+@.+>$/);
		expect(parsed.headers['message-id']).toBe(auto.messageId);
		expect(Date.parse(String(auto.acceptedAt))).not.toBeNaN();
		expect(auto.latencyMs).toBeGreaterThanOrEqual(1500);
	});
});

describe('credential test', () => {
	it('opens a real SMTP connection and reports failures', async () => {
		const loader = await loadPackage();
		const type = loader.getNode('autoRespond').type as { methods?: { credentialTest?: Record<string, (this: unknown, c: unknown) => Promise<{ status: string; message: string }>> } };
		const test = type.methods?.credentialTest?.leadRoutingSmtpConnectionTest;
		expect(test).toBeDefined();
		const ok = await test!.call({}, { id: '1', name: 'smtp', type: 'leadRoutingSmtp', data: smtpCredentials(smtp.port) });
		expect(ok.status).toBe('OK');
		const down = await startSmtpServer();
		const port = down.port;
		await down.close();
		const failed = await test!.call({}, { id: '1', name: 'smtp', type: 'leadRoutingSmtp', data: smtpCredentials(port) });
		expect(failed.status).toBe('Error');
		expect(failed.message).toContain(`Cannot connect to the mail server 127.0.0.1:${port}`);
	});
});
