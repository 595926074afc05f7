/**
 * Fault injection: a real redis-server killed, frozen and restarted mid-run; an SMTP server that refuses or never
 * greets; a Twilio stand-in answering 429 and 500. Each failure is a clear node error within a bounded time, nothing is
 * sent twice after recovery, and state is consistent once the store is back.
 */
import { createServer, type Server, type Socket } from 'net';
import { SMTPServer } from 'smtp-server';
import type { IDataObject, INode } from 'n8n-workflow';
import { builtModule, runWorkflow, singleNode, type RunResult } from '../helpers/engine';
import { smtpCredentials, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { startTwilioStandIn, twilioCredentials, type TwilioStandIn } from '../helpers/twilio-standin';
import { freePort, privateRedis, type PrivateRedis } from './redis-server';
import { block } from '../helpers/items';

const built = builtModule;

const REDIS_PASSWORD = 'redis-Secret-7f3a9c';
let redis: PrivateRedis;
let smtp: TestSmtpServer;
let twilio: TwilioStandIn;
let counter = 0;

beforeAll(async () => {
	[redis, smtp, twilio] = await Promise.all([privateRedis(REDIS_PASSWORD), startSmtpServer(), startTwilioStandIn()]);
});

afterAll(async () => {
	await built<{ closeAllRedisClients(): Promise<void> }>('lib/store/redis/connection.js').closeAllRedisClients();
	built<{ closeAllTransports(): void }>('lib/respond/smtp.js').closeAllTransports();
	await Promise.all([redis.stop(), smtp.close(), twilio.close()]);
});

beforeEach(() => {
	smtp.received.length = 0;
	twilio.requests.length = 0;
	twilio.failWith = undefined;
});

const redisCredentials = () => ({
	host: '127.0.0.1',
	port: redis.port,
	database: 0,
	user: '',
	password: REDIS_PASSWORD,
	ssl: false,
	prefix: `faults-${process.pid}:`,
});
const REDIS_NODE = { credentials: { leadRoutingRedisApi: { id: 'r', name: 'Redis' } } } satisfies Partial<INode>;

/** Fails the test instead of hanging it when a node waits forever. */
async function within<T>(ms: number, work: Promise<T>): Promise<{ value: T; elapsed: number }> {
	const started = Date.now();
	let timer: NodeJS.Timeout | undefined;
	const limit = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
	});
	try {
		return { value: await Promise.race([work, limit]), elapsed: Date.now() - started };
	} finally {
		clearTimeout(timer);
	}
}

function nodeError(result: RunResult): (Error & { description?: string | null }) | undefined {
	return result.run.data.resultData.runData.Node?.[0]?.error as (Error & { description?: string | null }) | undefined;
}

const REPS = [{ id: 'ana' }, { id: 'bo' }, { id: 'cy' }];
const routeParams = (stateName: string) => ({
	operation: 'route',
	stateStore: 'redis',
	stateName,
	roster: { reps: REPS },
	rules: { values: [{ name: 'All', assignTo: 'pool', strategy: 'roundRobin' }] },
	fallbackQueueName: 'Unassigned',
	fallbackOwnerId: 'ops',
});

async function route(stateName: string, leads: number, params: IDataObject = {}) {
	const workflow = {
		...singleNode('routeLead', { ...routeParams(stateName), ...params } as never, REDIS_NODE),
		id: `faults-${++counter}`,
	};
	const input = Array.from({ length: leads }, (_, i) => ({ email: `lead${i}@x.test` }));
	return await runWorkflow(workflow, { input, credentials: { leadRoutingRedisApi: redisCredentials() } });
}

async function stats(stateName: string) {
	const result = await route(stateName, 1, { operation: 'stats' });
	const [[item]] = result.outputs('Node');
	const reps = item.reps as Array<{ repId: string; assignedTotal: number }>;
	return Object.fromEntries(reps.map((r) => [r.repId, r.assignedTotal]));
}

function expectNoSecret(result: RunResult, ...secrets: string[]) {
	const text = JSON.stringify({
		error: nodeError(result),
		message: nodeError(result)?.message,
		description: nodeError(result)?.description,
		out: result.outputs('Node'),
	});
	for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('Redis stopped mid-run and restarted', () => {
	it('Route Lead: a killed Redis is a clear, quick error; after a restart routing works again from a consistent state', async () => {
		const ok = await route('kill', 6);
		expect(ok.run.status).toBe('success');
		expect(await stats('kill')).toEqual({ ana: 2, bo: 2, cy: 2 });

		await redis.stop();
		const { value: down, elapsed } = await within(15_000, route('kill', 3));
		expect(down.run.status).toBe('error');
		const error = nodeError(down);
		expect(error?.message).toMatch(new RegExp(`state store.*Redis at 127\\.0\\.0\\.1:${redis.port}`));
		expect(error?.description).toMatch(/ECONNREFUSED|not ready|connection to Redis is lost/);
		expect(elapsed).toBeLessThan(10_000);
		expectNoSecret(down, REDIS_PASSWORD);

		// No persistence: the restarted server is empty, and its script cache too (EVALSHA answers NOSCRIPT).
		await redis.start();
		const { value: back } = await within(15_000, route('kill', 6));
		expect(nodeError(back)).toBeUndefined();
		expect(back.outputs('Node')[0]).toHaveLength(6);
		expect(await stats('kill')).toEqual({ ana: 2, bo: 2, cy: 2 });
	});

	it('Route Lead: a frozen Redis (no answer, socket open) fails within the command timeout instead of hanging', async () => {
		expect((await route('freeze', 3)).run.status).toBe('success');
		redis.freeze();
		try {
			const { value: hung, elapsed } = await within(20_000, route('freeze', 2));
			expect(hung.run.status).toBe('error');
			expect(nodeError(hung)?.message).toMatch(/state store.*Redis at 127\.0\.0\.1/);
			expect(elapsed).toBeLessThan(15_000);
			expectNoSecret(hung, REDIS_PASSWORD);
		} finally {
			redis.thaw();
		}
		const { value: back } = await within(15_000, route('freeze', 3));
		expect(nodeError(back)).toBeUndefined();
		// Every decision the store recorded is one lead: 3 before, at most the 1 in flight during the freeze, 3 after.
		const totals = await stats('freeze');
		const sum = Object.values(totals).reduce((a, b) => a + b, 0);
		expect(sum).toBeGreaterThanOrEqual(6);
		expect(sum).toBeLessThanOrEqual(7);
		expect(Math.max(...Object.values(totals)) - Math.min(...Object.values(totals))).toBeLessThanOrEqual(1);
	});

	it('Auto-Respond with Redis idempotency: no lead is emailed twice across a Redis outage and retries', async () => {
		const params = { stateStore: 'redis', quietHours: false };
		const leads = ['a', 'b', 'c'].map((n) => ({ email: `${n}-${process.pid}@lead.test`, firstName: n }));
		const respond = async (input: IDataObject[]) => {
			const workflow = {
				...singleNode('autoRespond', params as never, {
					credentials: { leadRoutingSmtp: { id: 's', name: 'S' }, ...REDIS_NODE.credentials },
				}),
				id: 'faults-respond',
			};
			return await runWorkflow(workflow, {
				input,
				credentials: { leadRoutingSmtp: smtpCredentials(smtp.port), leadRoutingRedisApi: redisCredentials() },
			});
		};
		const first = await respond(leads.slice(0, 2));
		expect(first.outputs('Node')[0]).toHaveLength(2);

		redis.freeze();
		try {
			const { value: during, elapsed } = await within(20_000, respond(leads));
			expect(during.run.status).toBe('error');
			expect(nodeError(during)?.message).toMatch(/Redis at 127\.0\.0\.1|state store/);
			expect(elapsed).toBeLessThan(15_000);
			expectNoSecret(during, REDIS_PASSWORD);
		} finally {
			redis.thaw();
		}
		const retry = await within(15_000, respond(leads));
		expect(nodeError(retry.value)).toBeUndefined();
		const again = await respond(leads);
		expect(again.outputs('Node')[0]).toHaveLength(0);
		const perRecipient = new Map<string, number>();
		for (const mail of smtp.received) perRecipient.set(mail.to[0], (perRecipient.get(mail.to[0]) ?? 0) + 1);
		// Each lead exactly once: the claim left in Redis by the timed-out attempt is released before the retry claims.
		for (const lead of leads) expect(perRecipient.get(lead.email)).toBe(1);
	});
});

describe('SLA timers across a frozen Redis', () => {
	const T0 = '2026-11-17T15:00:00.000Z';
	const LATER = '2026-11-17T15:10:00.000Z';
	const sla = (params: IDataObject) => ({
		...singleNode(
			'slaTimer',
			{ stateStore: 'redis', stateName: 'faults-sla', clock: 'instant', ...params } as never,
			REDIS_NODE,
		),
		id: 'faults-sla',
	});
	const run = async (params: IDataObject, input?: IDataObject[]) =>
		await runWorkflow(sla(params), { input, credentials: { leadRoutingRedisApi: redisCredentials() } });

	it('a check whose answer is lost does not lose the levels: the next check of the process emits them, once', async () => {
		const started = await run({ operation: 'start', options: { evaluateAt: T0, defaultTier: 'cold' } }, [
			{ email: 'a@x.com', score: 90 },
			{ email: 'b@x.com', score: 90 },
		]);
		expect(started.outputs('Node')[0]).toHaveLength(2);
		// A first check loads the claim script, as in a running system.
		expect((await run({ operation: 'check', options: { evaluateAt: T0 } })).run.status).toBe('success');

		redis.freeze();
		let lost;
		try {
			lost = (await within(20_000, run({ operation: 'check', options: { evaluateAt: LATER } }))).value;
		} finally {
			redis.thaw();
		}
		expect(lost.run.status).toBe('error');
		expect(nodeError(lost)?.message).toMatch(/Redis at 127\.0\.0\.1/);

		const next = await run({ operation: 'check', options: { evaluateAt: LATER } });
		const [warning, breached, escalated] = next.outputs('Node');
		// Hot tier, 5 minutes: by 15:10 the warning (15:02:30), the breach (15:05) and the 200 % escalation (15:10) are
		// due; the warning and the breach come late, once each.
		expect(warning.map((i) => [i.email, block(i, 'sla').late]).sort()).toEqual([
			['a@x.com', true],
			['b@x.com', true],
		]);
		expect(breached.map((i) => i.email).sort()).toEqual(['a@x.com', 'b@x.com']);
		expect(escalated.map((i) => i.email).sort()).toEqual(['a@x.com', 'b@x.com']);
		const again = await run({ operation: 'check', options: { evaluateAt: LATER } });
		expect(again.outputs('Node').flat()).toHaveLength(0);
	});
});

describe('SMTP refusing or hanging', () => {
	let hanging: Server;
	let hangingPort: number;
	const sockets = new Set<Socket>();

	beforeAll(async () => {
		hanging = createServer((socket) => {
			sockets.add(socket);
			socket.on('error', () => {});
		});
		await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
		hangingPort = (hanging.address() as { port: number }).port;
	});
	afterAll(async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise<void>((r) => hanging.close(() => r()));
	});

	async function respond(
		port: number,
		input: IDataObject[],
		workflowId: string,
		options: IDataObject = {},
		credentialExtra: IDataObject = {},
	) {
		const workflow = {
			...singleNode('autoRespond', { options: { timeoutSeconds: 1, ...options } } as never, {
				credentials: { leadRoutingSmtp: { id: 's', name: 'S' } },
			}),
			id: workflowId,
		};
		return await runWorkflow(workflow, {
			input,
			credentials: { leadRoutingSmtp: { ...smtpCredentials(port), ...credentialExtra } },
		});
	}

	it('a refused connection is a clear error, and the retry sends exactly once', async () => {
		const closed = await freePort();
		const lead = { email: 'refused@lead.test', firstName: 'Ref' };
		const { value: refused, elapsed } = await within(15_000, respond(closed, [lead], 'faults-smtp-refused'));
		expect(refused.run.status).toBe('error');
		expect(nodeError(refused)?.message).toBe(`Cannot connect to the mail server 127.0.0.1:${closed}`);
		expect(nodeError(refused)?.description).toMatch(/ECONNREFUSED/);
		expect(elapsed).toBeLessThan(5_000);

		const retry = await respond(smtp.port, [lead], 'faults-smtp-refused');
		expect(retry.outputs('Node')[0]).toHaveLength(1);
		const again = await respond(smtp.port, [lead], 'faults-smtp-refused');
		expect(again.outputs('Node')[1]).toHaveLength(1);
		expect(smtp.received.filter((m) => m.to[0] === lead.email)).toHaveLength(1);
	});

	// The whole message went out before the silence, so it may have been delivered: reported, never sent again.
	it('a server that takes the message but never confirms it times out (3 × the configured seconds) as uncertain', async () => {
		let received = 0;
		const silent = new SMTPServer({
			disabledCommands: ['STARTTLS', 'AUTH'],
			authOptional: true,
			logger: false,
			disableReverseLookup: true,
			onData(stream) {
				stream.on('data', () => undefined);
				stream.on('end', () => received++);
			},
		});
		silent.on('error', () => undefined);
		await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
		const port = (silent.server.address() as { port: number }).port;
		try {
			const { value: hung, elapsed } = await within(
				20_000,
				respond(port, [{ email: 'silent@lead.test' }], 'faults-smtp-silent'),
			);
			expect(hung.run.status).toBe('success');
			const autoResponse = block(hung.outputs('Node')[1][0], 'autoResponse');
			expect(autoResponse.status).toBe('uncertain');
			expect(String(autoResponse.reason)).toMatch(
				new RegExp(`mail server 127\\.0\\.0\\.1:${port} broke after the message was handed over.*not sent again`),
			);
			expect(received).toBe(1);
			const again = await respond(port, [{ email: 'silent@lead.test' }], 'faults-smtp-silent');
			expect(again.outputs('Node')[1]).toHaveLength(1);
			expect(received).toBe(1);
			expect(elapsed).toBeLessThan(10_000);
		} finally {
			await new Promise<void>((r) => silent.close(() => r()));
		}
	});

	it('a server that never greets times out after the configured seconds', async () => {
		const { value: hung, elapsed } = await within(
			20_000,
			respond(hangingPort, [{ email: 'hang@lead.test' }], 'faults-smtp-hang'),
		);
		expect(hung.run.status).toBe('error');
		expect(nodeError(hung)?.message).toMatch(new RegExp(`mail server 127\\.0\\.0\\.1:${hangingPort}`));
		expect(elapsed).toBeLessThan(10_000);
	});
});

describe('Twilio stand-in answering 429 and 500', () => {
	const params = { leadChannel: 'sms', quietHours: false, options: { timeoutSeconds: 2 } };
	const lead = { email: 'sms@lead.test', phone: '+14155550199', country: 'US', consent: { sms: true, email: true } };

	async function text(workflowId: string, extra: IDataObject = {}) {
		const workflow = {
			...singleNode('autoRespond', params as never, {
				credentials: { leadRoutingSmtp: { id: 's', name: 'S' }, leadRoutingTwilioApi: { id: 't', name: 'T' } },
			}),
			id: workflowId,
		};
		return await runWorkflow(workflow, {
			input: [lead],
			credentials: {
				leadRoutingSmtp: smtpCredentials(smtp.port),
				leadRoutingTwilioApi: twilioCredentials(twilio.baseUrl, extra),
			},
		});
	}

	it.each([
		[429, 20429, 'Too Many Requests'],
		[500, 20500, 'Internal Server Error'],
	])('HTTP %i is a clear error; after recovery the SMS goes out once', async (status, code, message) => {
		const workflowId = `faults-twilio-${status}`;
		twilio.failWith = { status, code, message };
		const failed = await text(workflowId);
		expect(failed.run.status).toBe('error');
		expect(nodeError(failed)?.message).toContain(`HTTP ${status}`);
		expect(`${nodeError(failed)?.message} ${nodeError(failed)?.description}`).toContain(message);
		expectNoSecret(failed, twilioCredentials('').authToken as string);

		twilio.failWith = undefined;
		expect((await text(workflowId)).outputs('Node')[0]).toHaveLength(1);
		expect((await text(workflowId)).outputs('Node')[1]).toHaveLength(1);
		const posts = twilio.requests.filter((r) => r.method === 'POST');
		expect(posts.filter((r) => r.form.To === lead.phone)).toHaveLength(2);
	});
});
