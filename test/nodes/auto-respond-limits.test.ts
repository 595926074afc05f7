/**
 * Auto-Respond's send limits on the real engine with a real SMTP server on loopback: a flood of 1,000 form submissions
 * with 1,000 different addresses, in 20 executions running side by side, sends exactly as many confirmations as the
 * limits allow (counted in one SQLite state store) and holds the rest with the limit that stopped each; every item
 * leaves by exactly one output.
 */
import { makeStoreFolder, removeStoreFolder } from '../helpers/store-folder';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { runWorkflow, singleNode } from '../helpers/engine';
import { block } from '../helpers/items';
import { smtpCredentials, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';

let smtp: TestSmtpServer;
let folder: string;

beforeAll(async () => {
	smtp = await startSmtpServer({ keep: true });
	folder = makeStoreFolder('lead-routing-limits');
});

afterAll(async () => {
	await smtp.close();
	removeStoreFolder(folder);
});

const LIMITS = { limitPerAddressPerDay: 1, limitPerDomainPerHour: 20, limitTotalPerHour: 100 };

async function execution(workflowId: string, leads: IDataObject[], databaseFile: string, extra: IDataObject = {}) {
	const workflow = singleNode('autoRespond', { stateStore: 'sqlite', databaseFile, ...LIMITS, ...extra } as never, {
		credentials: { leadRoutingSmtp: { id: 'smtp', name: 'SMTP' } },
	});
	workflow.id = workflowId;
	const result = await runWorkflow(workflow, {
		input: leads,
		credentials: { leadRoutingSmtp: smtpCredentials(smtp.port) },
	});
	const [sent = [], skipped = [], deferred = []] = result.outputs('Node');
	return { status: result.run.status, sent, skipped, deferred };
}

describe('Auto-Respond send limits', () => {
	it('holds a flood of 1,000 submissions at the configured limits, exactly, across parallel executions', async () => {
		// 30 submissions from one domain first (the per-domain limit holds 10 of them), then 970 from 970 other domains.
		const leads: IDataObject[] = [];
		for (let i = 0; i < 30; i++) leads.push({ email: `victim${i}@victim.test`, firstName: `V${i}` });
		for (let i = 0; i < 970; i++) leads.push({ email: `someone${i}@domain${i}.test`, firstName: `S${i}` });
		const databaseFile = join(folder, 'flood.sqlite');
		const chunks = Array.from({ length: 20 }, (_, k) => leads.slice(k * 50, k * 50 + 50));
		const runs = await Promise.all(chunks.map((chunk) => execution('wf-flood', chunk, databaseFile)));

		expect(runs.map((r) => r.status)).toEqual(Array(20).fill('success'));
		const sent = runs.flatMap((r) => r.sent);
		const skipped = runs.flatMap((r) => r.skipped);
		expect(runs.flatMap((r) => r.deferred)).toHaveLength(0);
		expect(sent.length + skipped.length).toBe(1000);
		expect(new Set([...sent, ...skipped].map((lead) => lead.email)).size).toBe(1000);

		expect(sent).toHaveLength(100);
		expect(smtp.received).toHaveLength(100);
		const victimsSent = sent.filter((lead) => String(lead.email).endsWith('@victim.test'));
		expect(victimsSent.length).toBeLessThanOrEqual(20);

		const held = skipped.map((lead) => block(lead, 'autoResponse'));
		expect(held.every((r) => r.status === 'held')).toBe(true);
		const byLimit: Record<string, number> = {};
		for (const r of held) {
			const limit = String(block(r, 'heldBy').limit);
			byLimit[limit] = (byLimit[limit] ?? 0) + 1;
		}
		// Each held lead names a limit it really is over: the domain limit only for victim.test, the total for any.
		expect(Object.keys(byLimit).sort()).toEqual(expect.arrayContaining(['totalPerHour']));
		for (const lead of skipped) {
			const limit = block(block(lead, 'autoResponse'), 'heldBy').limit;
			if (limit === 'perDomainPerHour') expect(String(lead.email)).toMatch(/@victim\.test$/);
			else expect(limit).toBe('totalPerHour');
		}
		expect(String(held[0].reason)).toMatch(
			/^lead: Send limit reached: at most (100 messages in total per hour|20 messages per recipient domain per hour) \(/,
		);
	});

	it('holds the messages to one domain over its hourly limit', async () => {
		smtp.received.length = 0;
		const leads = Array.from({ length: 25 }, (_, i) => ({ email: `person${i}@victim.test` }));
		const run = await execution('wf-domain', leads, join(folder, 'domain.sqlite'));
		expect(run.sent).toHaveLength(20);
		expect(run.skipped.map((lead) => block(block(lead, 'autoResponse'), 'heldBy').limit)).toEqual(
			Array(5).fill('perDomainPerHour'),
		);
		expect(smtp.received).toHaveLength(20);
	});

	it('holds a second confirmation to the same address within a day and says so', async () => {
		const databaseFile = join(folder, 'address.sqlite');
		smtp.received.length = 0;
		// Different CRM ids: the idempotency key (crmId) does not catch the repeat, the address limit does.
		const first = await execution('wf-address', [{ email: 'ada@lovelace.test', crmId: '1' }], databaseFile, {
			idempotencyKey: 'crmId',
		});
		const second = await execution('wf-address', [{ email: 'Ada@Lovelace.test', crmId: '2' }], databaseFile, {
			idempotencyKey: 'crmId',
		});
		expect(first.sent).toHaveLength(1);
		expect(second.skipped).toHaveLength(1);
		expect(block(second.skipped[0], 'autoResponse')).toMatchObject({
			status: 'held',
			heldBy: { limit: 'perAddressPerDay', max: 1, window: 'day' },
		});
		expect(smtp.received).toHaveLength(1);
	});
});
