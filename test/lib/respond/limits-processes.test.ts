/**
 * Send limits across processes: four separate Node processes (as four n8n workers would be) answer 240 leads at once
 * against one store and a real SMTP server on loopback; together they send exactly the total limit, on SQLite (one
 * host) and on Redis (several hosts).
 */
import { execFile } from 'child_process';
import Redis from 'ioredis';
import { randomUUID } from 'crypto';
import { makeStoreFolder, removeStoreFolder } from '../../helpers/store-folder';
import { join } from 'path';
import { promisify } from 'util';
import { packageRoot } from '../../helpers/engine';
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp-server';

const run = promisify(execFile);
const WORKER = join(__dirname, 'limits-worker.js');
const REDIS_PREFIX = `test-limits-${process.pid}-${Date.now()}:`;

let smtp: TestSmtpServer;
let folder: string;

beforeAll(async () => {
	smtp = await startSmtpServer({ keep: true });
	folder = makeStoreFolder('lead-routing-limit-procs');
});

afterAll(async () => {
	await smtp.close();
	removeStoreFolder(folder);
	const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
	await redis.connect();
	const keys = await redis.keys(`${REDIS_PREFIX}*`);
	if (keys.length) await redis.del(...keys);
	redis.disconnect();
});

const BACKENDS = [
	{ backend: 'sqlite', settings: () => ({ file: join(folder, 'limits.sqlite') }) },
	{ backend: 'redis', settings: () => ({ redis: { host: '127.0.0.1', port: 6379, keyPrefix: REDIS_PREFIX } }) },
];

describe.each(BACKENDS)('send limits across 4 processes on $backend', ({ backend, settings }) => {
	it('sends exactly the total limit, whatever process takes each lead', async () => {
		smtp.received.length = 0;
		const workflowId = `wf-${randomUUID()}`;
		const jobs = Array.from({ length: 4 }, (_, p) => ({
			root: packageRoot(),
			backend,
			backendSettings: settings(),
			workflowId,
			smtpPort: smtp.port,
			limits: { perAddressPerDay: 1, perDomainPerHour: 0, totalPerHour: 37 },
			emails: Array.from({ length: 60 }, (_, i) => `p${p}-lead${i}@firm${i}.test`),
		}));
		const results = await Promise.all(
			jobs.map((job) => run(process.execPath, [WORKER, JSON.stringify(job)], { maxBuffer: 1 << 20 })),
		);
		const statuses = results.flatMap((r) => JSON.parse(r.stdout) as string[]);
		expect(statuses).toHaveLength(240);
		expect(statuses.filter((s) => s === 'sent')).toHaveLength(37);
		expect(statuses.filter((s) => s === 'held')).toHaveLength(203);
		expect(smtp.received).toHaveLength(37);
	}, 120_000);
});
