/**
 * "Never send twice" when the mail server's acceptance is lost: the server took the whole message and stored it, but
 * its "250 queued" never reached n8n (the connection broke, as it does when n8n is killed at that moment). The relay
 * in front of the real SMTP server loses that answer; the store is real (the default SQLite file, and Redis). The
 * claim time (2 minutes) is passed by moving the clock, not by waiting.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { builtModule, runWorkflow, singleNode } from '../helpers/engine';
import { block } from '../helpers/items';
import { parseMail, smtpCredentials, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { startSmtpRelay, type SmtpRelay } from '../helpers/smtp-proxy';

let smtp: TestSmtpServer;
let relay: SmtpRelay;
const REDIS_PREFIX = `test-respond-crash-${process.pid}-${Date.now()}:`;
const redis = { host: '127.0.0.1', port: 6379, database: 0, user: '', password: '', ssl: false, prefix: REDIS_PREFIX };

beforeAll(async () => {
	smtp = await startSmtpServer();
	relay = await startSmtpRelay(smtp.port);
});

afterAll(async () => {
	builtModule<{ closeAllTransports(): void }>('lib/respond/smtp.js').closeAllTransports();
	const connection = builtModule<{
		getRedisClient(c: object): { keys(p: string): Promise<string[]>; del(...k: string[]): Promise<number> };
		closeAllRedisClients(): Promise<void>;
	}>('lib/store/redis/connection.js');
	const client = connection.getRedisClient({ host: '127.0.0.1', port: 6379, database: 0, tls: false });
	const keys = await client.keys(`${REDIS_PREFIX}*`);
	if (keys.length) await client.del(...keys);
	await connection.closeAllRedisClients();
	await relay.close();
	await smtp.close();
});

beforeEach(() => {
	smtp.received.length = 0;
	relay.fate = () => 'pass';
	jest.restoreAllMocks();
});

const lead = (email: string) => ({
	email,
	firstName: 'Ada',
	routing: { ownerId: 'u1', ownerName: 'Grace Hopper', ownerEmail: 'grace@acme.test' },
});

const stores: Array<{ name: string; parameters: Record<string, string>; credentials: Record<string, IDataObject> }> = [
	{ name: 'SQLite (default)', parameters: {}, credentials: {} },
	{ name: 'Redis', parameters: { stateStore: 'redis' }, credentials: { leadRoutingRedisApi: redis } },
	// Static data lives in the process (a crash loses it: see docs/STATE-STORES.md); a lost answer is the same case.
	{ name: 'static data', parameters: { stateStore: 'staticData' }, credentials: {} },
];

describe.each(stores)('Auto-Respond when the mail server’s acceptance is lost, $name store', (store) => {
	const workflowId = `wf-crash-${store.name.replace(/\W+/g, '-')}-${process.pid}`;
	const respond = async (email: string, options: { port?: number; parameters?: Record<string, string> } = {}) => {
		const workflow = singleNode(
			'autoRespond',
			{ ...store.parameters, ...options.parameters },
			{
				credentials: {
					leadRoutingSmtp: { id: 'smtp', name: 'SMTP' },
					...(store.parameters.stateStore === 'redis' ? { leadRoutingRedisApi: { id: 'r', name: 'Redis' } } : {}),
				},
			},
		);
		workflow.id = workflowId;
		const result = await runWorkflow(workflow, {
			input: [lead(email)],
			credentials: {
				leadRoutingSmtp: smtpCredentials(options.port ?? relay.port),
				...(store.credentials as Record<string, ICredentialDataDecryptedObject>),
			},
		});
		const [sent = [], skipped = []] = result.outputs('Node');
		return { sent, skipped, error: result.error('Node') };
	};
	const later = (ms: number) => {
		const now = Date.now.bind(Date);
		jest.spyOn(Date, 'now').mockImplementation(() => now() + ms);
	};
	const messageIds = (email: string) =>
		smtp.received.filter((m) => m.to.includes(email)).map((m) => parseMail(m.raw).headers['message-id']);

	it('reports the lead as uncertain and does not send again, before and after the claim time', async () => {
		const email = `lost-${String(store.parameters.stateStore ?? 'sqlite')}@lovelace.test`;
		relay.fate = (when) => (when === 'message' ? 'drop' : 'pass');
		const first = await respond(email);
		expect(first.error).toBeUndefined();
		expect(first.sent).toHaveLength(0);
		expect(block(first.skipped[0], 'autoResponse')).toMatchObject({
			status: 'uncertain',
			to: email,
			reason: expect.stringMatching(
				/^lead: The connection to the mail server 127\.0\.0\.1:\d+ broke after the message was handed over, before the server confirmed it .*may have been delivered, so it is not sent again/,
			),
		});
		expect(messageIds(email)).toHaveLength(1);

		relay.fate = () => 'pass';
		// A retry at once: the interrupted send is still within its claim time.
		const retry = await respond(email);
		expect(block(retry.skipped[0], 'autoResponse')).toMatchObject({
			status: 'skipped',
			reason: expect.stringContaining('has been in progress since'),
		});
		// After the claim time: reported, still not sent.
		later(3 * 60_000);
		const after = await respond(email);
		expect(block(after.skipped[0], 'autoResponse')).toMatchObject({
			status: 'uncertain',
			reason: expect.stringMatching(
				/^lead: A send to this recipient started at .* was interrupted before the mail server confirmed it/,
			),
		});
		expect(messageIds(email)).toHaveLength(1);
	});

	it('sends again with the same Message-ID when asked to, once', async () => {
		const email = `again-${String(store.parameters.stateStore ?? 'sqlite')}@lovelace.test`;
		relay.fate = (when) => (when === 'message' ? 'drop' : 'pass');
		const sendAgain = { onInterrupted: 'sendAgain' };
		const first = await respond(email, { parameters: sendAgain });
		// With Send Again the lost answer is an error (n8n's retry, or the next execution, sends once the claim time passed).
		expect(first.error).toMatch(/broke after the message was handed over/);
		relay.fate = () => 'pass';
		expect((await respond(email, { parameters: sendAgain })).skipped).toHaveLength(1);
		later(3 * 60_000);
		const [again, twice] = await Promise.all([
			respond(email, { parameters: sendAgain }),
			respond(email, { parameters: sendAgain }),
		]);
		expect(again.sent.length + twice.sent.length).toBe(1);
		const sent = (again.sent[0] ?? twice.sent[0]) as IDataObject;
		expect(JSON.stringify(sent.autoResponse)).toContain('sent again after a send interrupted at');
		const ids = messageIds(email);
		expect(ids).toHaveLength(2);
		expect(ids[0]).toMatch(/^<[0-9a-f]{40}\.[0-9a-f]{16}@acme\.test>$/);
		expect(ids[1]).toBe(ids[0]);
		expect(block((await respond(email, { parameters: sendAgain })).skipped[0], 'autoResponse')).toMatchObject({
			status: 'skipped',
			reason: expect.stringContaining('Already answered'),
		});
		expect(messageIds(email)).toHaveLength(2);
	});

	it('a connection lost before the message was handed over frees the lead for a retry', async () => {
		const email = `refused-${String(store.parameters.stateStore ?? 'sqlite')}@lovelace.test`;
		relay.fate = (when) => (when === 'data' ? 'drop' : 'pass');
		const first = await respond(email);
		expect(first.error).toMatch(/mail server 127\.0\.0\.1:\d+/);
		expect(first.error).not.toMatch(/handed over/);
		expect(messageIds(email)).toHaveLength(0);
		relay.fate = () => 'pass';
		const retry = await respond(email);
		expect(retry.sent).toHaveLength(1);
		expect(messageIds(email)).toHaveLength(1);
		// Each answer has its own Message-ID, derived from the lead's key: another lead's differs.
		await respond(`other-${email}`);
		expect(messageIds(`other-${email}`)[0]).not.toBe(messageIds(email)[0]);
	});
});
