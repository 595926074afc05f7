import type { IDataObject } from 'n8n-workflow';
import { runAutoRespond } from '../helpers/auto-respond';
import { builtModule, loadPackage } from '../helpers/engine';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import {
	STANDIN_SID,
	STANDIN_TOKEN,
	startTwilioStandIn,
	twilioCredentials,
	type TwilioStandIn,
} from '../helpers/twilio-standin';
import { block, blocks } from '../helpers/items';

const built = builtModule;

let twilio: TwilioStandIn;
let smtp: TestSmtpServer;

beforeAll(async () => {
	twilio = await startTwilioStandIn();
	smtp = await startSmtpServer();
});

afterAll(async () => {
	built<{ closeAllTransports(): void }>('lib/respond/smtp.js').closeAllTransports();
	await Promise.all([twilio.close(), smtp.close()]);
});

beforeEach(() => {
	twilio.requests.length = 0;
	twilio.failWith = undefined;
	twilio.loseAnswers = false;
	smtp.received.length = 0;
});

async function respond(parameters: IDataObject, input: IDataObject[], twilioExtra: IDataObject = {}) {
	return await runAutoRespond(parameters, input, {
		smtpPort: smtp.port,
		twilio: { baseUrl: twilio.baseUrl, extra: twilioExtra },
	});
}

const hotLead = {
	email: 'ana@lead.test',
	firstName: 'Ana',
	phone: '+14155550123',
	country: 'US',
	timeZone: 'UTC',
	consent: { email: true, sms: true },
	sla: { tier: 'hot' },
	routing: { ownerName: 'Sam Rep', ownerEmail: 'sam@acme.test', ownerCalendarLink: 'https://cal.test/sam' },
};
const noQuiet = { quietHours: false };

describe('Auto-Respond over SMS (Twilio stand-in)', () => {
	it('posts the documented Messages request with basic auth and a form body', async () => {
		const { sent, error } = await respond({ leadChannel: 'sms', ...noQuiet }, [hotLead]);
		expect(error('Node')).toBeUndefined();
		expect(twilio.requests).toHaveLength(1);
		const request = twilio.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/2010-04-01/Accounts/${STANDIN_SID}/Messages.json`);
		expect(request.authorization).toBe(`Basic ${Buffer.from(`${STANDIN_SID}:${STANDIN_TOKEN}`).toString('base64')}`);
		expect(request.contentType).toContain('application/x-www-form-urlencoded');
		expect(request.form).toEqual({
			To: '+14155550123',
			From: '+15005550006',
			Body: 'Hi Ana, thanks for your request! Sam Rep will be in touch shortly. Book a time: https://cal.test/sam',
		});
		const auto = block(sent[0], 'autoResponse');
		expect(auto).toMatchObject({ status: 'sent', channel: 'sms', to: '+14155550123', template: 'lead.default.sms' });
		expect(String(auto.messageId)).toMatch(/^SM\d{32}$/);
		expect(smtp.received).toHaveLength(0);
	});

	it('uses a Messaging Service SID as sender when configured', async () => {
		await respond({ leadChannel: 'sms', ...noQuiet, options: { smsFrom: 'MG0123456789abcdef0123456789abcdef' } }, [
			hotLead,
		]);
		expect(twilio.requests[0].form.MessagingServiceSid).toBe('MG0123456789abcdef0123456789abcdef');
		expect(twilio.requests[0].form.From).toBeUndefined();
	});

	it('texts qualifying leads and emails the others under "SMS When Allowed"', async () => {
		const params = { leadChannel: 'smsWhenAllowed', smsTiers: 'hot', ...noQuiet };
		const { sent } = await respond(params, [
			hotLead,
			{ ...hotLead, email: 'warm@lead.test', phone: '+14155550124', sla: { tier: 'warm' } },
			{ ...hotLead, email: 'noconsent@lead.test', phone: '+14155550125', consent: { sms: false } },
			{ ...hotLead, email: 'badphone@lead.test', phone: '+1 555' },
		]);
		expect(sent.map((i) => block(i, 'autoResponse').channel)).toEqual(['sms', 'email', 'email', 'email']);
		const reasons = sent.slice(1).map((i) => blocks(block(i, 'autoResponse'), 'messages')[0].reason);
		expect(reasons[0]).toContain('SLA tier "warm" is not one that gets SMS');
		expect(reasons[1]).toContain('did not consent to SMS');
		expect(reasons[2]).toContain('no valid phone number');
		expect(twilio.requests).toHaveLength(1);
		expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
			'badphone@lead.test',
			'noconsent@lead.test',
			'warm@lead.test',
		]);
	});

	it('skips SMS-only leads without consent', async () => {
		const { skipped } = await respond({ leadChannel: 'sms', ...noQuiet }, [{ ...hotLead, consent: {} }]);
		expect(block(skipped[0], 'autoResponse').reason).toBe(
			'lead: The lead did not consent to SMS (consent.sms is not true)',
		);
		expect(twilio.requests).toHaveLength(0);
	});

	it('reports Twilio errors with their code, bad credentials and an unreachable API', async () => {
		twilio.failWith = { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' };
		const failed = await respond({ leadChannel: 'sms', ...noQuiet }, [hotLead]);
		expect(failed.run.status).toBe('error');
		expect(failed.error('Node')).toBe(
			'Twilio rejected the SMS (HTTP 400 21610): Attempt to send to unsubscribed recipient',
		);
		const wrongToken = await respond({ leadChannel: 'sms', ...noQuiet }, [hotLead], { authToken: 'wrong' });
		expect(wrongToken.error('Node')).toContain('Twilio refused the credentials (HTTP 401 20003)');
		const gone = await startTwilioStandIn();
		await gone.close();
		const unreachable = await respond({ leadChannel: 'sms', ...noQuiet }, [hotLead], { baseUrl: gone.baseUrl });
		expect(unreachable.error('Node')).toBe(`Cannot reach Twilio at ${gone.baseUrl}`);
	});

	it('reports an SMS whose answer from Twilio was lost as uncertain and does not text again', async () => {
		const lead = { ...hotLead, email: 'lost@lead.test', phone: '+14155550188' };
		const run = () =>
			runAutoRespond({ leadChannel: 'sms', ...noQuiet }, [lead], {
				smtpPort: smtp.port,
				twilio: { baseUrl: twilio.baseUrl },
				workflowId: `wf-sms-lost-${process.pid}`,
			});
		twilio.loseAnswers = true;
		const lost = await run();
		expect(lost.error('Node')).toBeUndefined();
		expect(block(lost.skipped[0], 'autoResponse')).toMatchObject({
			status: 'uncertain',
			channel: 'sms',
			reason: expect.stringMatching(
				/^lead: The connection to Twilio at http:\/\/127\.0\.0\.1:\d+ broke after the SMS request was sent, before Twilio answered .*Check the Twilio message log/,
			),
		});
		twilio.loseAnswers = false;
		const retry = await run();
		expect(retry.sent).toHaveLength(0);
		expect(block(retry.skipped[0], 'autoResponse').reason).toContain('has been in progress since');
		expect(twilio.requests.filter((r) => r.form.To === lead.phone)).toHaveLength(1);
	});

	it('defers texts during quiet hours with the earliest send time, or falls back to email', async () => {
		// A quiet window around the current Tokyo time, so the test does not depend on when it runs.
		const tokyo = (offsetMinutes: number) =>
			new Date(Date.now() + offsetMinutes * 60_000).toLocaleTimeString('en-GB', {
				timeZone: 'Asia/Tokyo',
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23',
			});
		const quiet = { leadChannel: 'sms', quietHours: true, quietStart: tokyo(-60), quietEnd: tokyo(120) };
		const { deferred, sent } = await respond(quiet, [{ ...hotLead, timeZone: 'Asia/Tokyo' }]);
		expect(sent).toHaveLength(0);
		expect(deferred).toHaveLength(1);
		const auto = block(deferred[0], 'autoResponse');
		expect(auto.status).toBe('deferred');
		expect(auto.channel).toBe('sms');
		const notBefore = Date.parse(String(auto.notBefore));
		expect(notBefore).toBeGreaterThan(Date.now() + 110 * 60_000);
		expect(notBefore).toBeLessThanOrEqual(Date.now() + 120 * 60_000);
		expect(
			new Date(notBefore).toLocaleTimeString('en-GB', {
				timeZone: 'Asia/Tokyo',
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23',
			}),
		).toBe(quiet.quietEnd);
		expect(twilio.requests).toHaveLength(0);

		const fallback = await respond({ ...quiet, whenQuiet: 'email' }, [{ ...hotLead, timeZone: 'Asia/Tokyo' }]);
		expect(block(fallback.sent[0], 'autoResponse').channel).toBe('email');
		expect(smtp.received).toHaveLength(1);
	});

	it("the credential's test request reaches the account endpoint with basic auth", async () => {
		const loader = await loadPackage();
		const type = loader.getCredential('leadRoutingTwilioApi').type;
		const request = type.test?.request;
		expect(request).toBeDefined();
		const resolveExpression = (value: string, credentials: IDataObject) =>
			value
				.replace(/^=/, '')
				.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_all, name: string) => String(credentials[name]));
		for (const [token, status] of [
			[STANDIN_TOKEN, 200],
			['wrong', 401],
		] as const) {
			const credentials = twilioCredentials(twilio.baseUrl, { authToken: token });
			const url =
				resolveExpression(String(request!.baseURL), credentials) + resolveExpression(String(request!.url), credentials);
			const response = await fetch(url, {
				headers: { Authorization: `Basic ${Buffer.from(`${STANDIN_SID}:${token}`).toString('base64')}` },
			});
			expect(response.status).toBe(status);
		}
	});
});
