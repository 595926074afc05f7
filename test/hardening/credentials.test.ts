/**
 * Credentials never leave the node: not in output items, not in error messages or descriptions — for SMTP, Twilio and
 * Redis passwords, on success, on failure, and with "On Error: Continue" (where the error becomes item data).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeType } from 'n8n-workflow';
import { builtModule, runWorkflow, singleNode, type RunResult } from '../helpers/engine';
import { smtpCredentials, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { startTwilioStandIn, twilioCredentials, STANDIN_TOKEN, type TwilioStandIn } from '../helpers/twilio-standin';
import { privateRedis, type PrivateRedis } from './redis-server';

const built = builtModule;

const SMTP_PASSWORD = 'smtp-Secret-9c1e55';
const SMTP_WRONG = 'smtp-Wrong-Secret-42aa';
const TWILIO_WRONG = 'twilio-Wrong-Token-77bb';
const REDIS_PASSWORD = 'redis-Secret-c0ffee11';
const REDIS_WRONG = 'redis-Wrong-Secret-d00d';
const SECRETS = [SMTP_PASSWORD, SMTP_WRONG, STANDIN_TOKEN, TWILIO_WRONG, REDIS_PASSWORD, REDIS_WRONG];

let smtp: TestSmtpServer;
let twilio: TwilioStandIn;
let redis: PrivateRedis;
let counter = 0;

beforeAll(async () => {
	[smtp, twilio, redis] = await Promise.all([
		startSmtpServer({ user: 'mailer', password: SMTP_PASSWORD }),
		startTwilioStandIn(),
		privateRedis(REDIS_PASSWORD),
	]);
});

afterAll(async () => {
	await built<{ closeAllRedisClients(): Promise<void> }>('lib/store/redis/connection.js').closeAllRedisClients();
	built<{ closeAllTransports(): void }>('lib/respond/smtp.js').closeAllTransports();
	await Promise.all([smtp.close(), twilio.close(), redis.stop()]);
});

/** Everything a user or a downstream node can see from a run: items of every output, the error and its description. */
function visible(result: RunResult): string {
	const task = result.run.data.resultData.runData.Node?.[0];
	const error = task?.error as (Error & { description?: string }) | undefined;
	return JSON.stringify({
		out: result.outputs('Node'),
		message: error?.message,
		description: error?.description,
		stack: error?.stack,
		runError: result.error(),
	});
}

function expectNoSecrets(result: RunResult) {
	const text = visible(result);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

const lead: IDataObject = {
	email: 'lead@secrets.test',
	firstName: 'Lea',
	phone: '+14155550142',
	country: 'US',
	timeZone: 'UTC',
	consent: { sms: true, email: true },
	routing: { ownerId: 'ana', ownerEmail: 'ana@seller.test', ownerName: 'Ana' },
};

const creds = {
	leadRoutingSmtp: { id: 's', name: 'S' },
	leadRoutingTwilioApi: { id: 't', name: 'T' },
	leadRoutingRedisApi: { id: 'r', name: 'R' },
};
const redisCredentials = (password: string) => ({
	host: '127.0.0.1',
	port: redis.port,
	database: 0,
	user: '',
	password,
	ssl: false,
	prefix: 'secrets:',
});

async function run(
	type: string,
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	node: Partial<INode> = {},
) {
	const workflow = {
		...singleNode(type, parameters as never, { credentials: creds, ...node }),
		id: `secrets-${++counter}`,
	};
	return await runWorkflow(workflow, { input: [lead], credentials });
}

const continueOnFail: Partial<INode> = { onError: 'continueRegularOutput' };

describe('credentials never reach items or errors', () => {
	const smtpOk = () => smtpCredentials(smtp.port, { user: 'mailer', password: SMTP_PASSWORD });
	const smtpBad = () => smtpCredentials(smtp.port, { user: 'mailer', password: SMTP_WRONG });

	it.each([
		['success', smtpOk, {}],
		['refused login', smtpBad, {}],
		['refused login, continue on fail', smtpBad, continueOnFail],
	])('SMTP password: %s', async (_name, credential, node) => {
		const result = await run(
			'autoRespond',
			{ recipients: 'leadAndRep', idempotency: 'off' },
			{ leadRoutingSmtp: credential() },
			node,
		);
		if (credential === smtpBad) expect(visible(result)).toMatch(/refused the login/);
		else expect(result.outputs('Node')[0]).toHaveLength(1);
		expectNoSecrets(result);
	});

	it.each([
		['success', STANDIN_TOKEN, {}],
		['wrong token', TWILIO_WRONG, {}],
		['wrong token, continue on fail', TWILIO_WRONG, continueOnFail],
	])('Twilio auth token: %s', async (_name, token, node) => {
		const result = await run(
			'autoRespond',
			{ leadChannel: 'sms', quietHours: false, idempotency: 'off' },
			{ leadRoutingSmtp: smtpOk(), leadRoutingTwilioApi: twilioCredentials(twilio.baseUrl, { authToken: token }) },
			node,
		);
		if (token === TWILIO_WRONG) expect(visible(result)).toMatch(/HTTP 401/);
		else expect(result.outputs('Node')[0]).toHaveLength(1);
		expectNoSecrets(result);
	});

	const route = {
		operation: 'route',
		stateStore: 'redis',
		roster: { reps: [{ id: 'ana' }] },
		fallbackQueueName: 'Q',
		fallbackOwnerId: 'ops',
	};
	const slaStart = { operation: 'start', stateStore: 'redis', teamTimeZone: 'UTC', options: { defaultTier: 'cold' } };
	const respond = { stateStore: 'redis', delivery: 'compose' };
	it.each([
		['Route Lead', 'routeLead', route],
		['SLA Timer', 'slaTimer', slaStart],
		['Auto-Respond', 'autoRespond', respond],
	])(
		'Redis password: %s, right and wrong password, with and without continue on fail',
		async (_name, type, parameters) => {
			const ok = await run(type, parameters, { leadRoutingRedisApi: redisCredentials(REDIS_PASSWORD) });
			expect(ok.run.status).toBe('success');
			expectNoSecrets(ok);
			for (const node of [{}, continueOnFail]) {
				const bad = await run(type, parameters, { leadRoutingRedisApi: redisCredentials(REDIS_WRONG) }, node);
				expect(visible(bad)).toMatch(/Redis at 127\.0\.0\.1/);
				expect(visible(bad)).toMatch(/WRONGPASS|password/i);
				expectNoSecrets(bad);
			}
		},
	);

	it('credential tests report failures without the secret', async () => {
		const { AutoRespond } = built<{ AutoRespond: new () => INodeType }>('nodes/AutoRespond/AutoRespond.node.js');
		const { leadRoutingRedisConnectionTest } = built<{
			leadRoutingRedisConnectionTest: (this: unknown, c: unknown) => Promise<{ message: string }>;
		}>('nodes/shared/store.js');
		const smtpTest = new AutoRespond().methods?.credentialTest?.leadRoutingSmtpConnectionTest as unknown as (
			this: unknown,
			c: unknown,
		) => Promise<{ status: string; message: string }>;
		const smtpResult = await smtpTest.call({}, { id: 's', name: 'S', type: 'leadRoutingSmtp', data: smtpBad() });
		expect(smtpResult.status).toBe('Error');
		const redisResult = await leadRoutingRedisConnectionTest.call(
			{},
			{ id: 'r', name: 'R', type: 'leadRoutingRedisApi', data: redisCredentials(REDIS_WRONG) },
		);
		const text = JSON.stringify([smtpResult, redisResult]);
		expect(text).toMatch(/WRONGPASS|password/i);
		for (const secret of SECRETS) expect(text).not.toContain(secret);
	});
});
