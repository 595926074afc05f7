/**
 * Send limits through Auto-Respond's core on every store backend (static data, SQLite, Redis on loopback): messages to
 * leads over a limit are held with the limit that stopped them, never sent; duplicates do not count; a failed send
 * gives its place back; rep notices are not limited.
 */
import { BUILT_IN_LEAD_TEXTS, DEFAULT_REP_SUBJECT, DEFAULT_REP_TEXT } from '../../../lib/respond/defaults';
import type { SendLimitSettings } from '../../../lib/respond/limits';
import { respondToItem, type RespondSettings, type Senders } from '../../../lib/respond/respond';
import type { MailMessage } from '../../../lib/respond/smtp';
import { backends, cleanupBackends, type OpenedBackend } from '../store/backends';

function settings(
	opened: OpenedBackend,
	limits: Partial<SendLimitSettings>,
	extra: Partial<RespondSettings> = {},
): RespondSettings {
	return {
		delivery: 'send',
		toLead: true,
		toRep: false,
		rules: { mode: 'email', smsTiers: [], requireSmsConsent: true, respectEmailOptOut: true },
		leadTemplates: { ...BUILT_IN_LEAD_TEXTS.en, html: '' },
		variants: [],
		languageSource: 'none',
		languageField: 'language',
		repTemplates: { subject: DEFAULT_REP_SUBJECT, text: DEFAULT_REP_TEXT, html: '' },
		from: { name: 'Acme', address: 'sales@acme.test' },
		replyToOwner: true,
		timeZoneField: 'timeZone',
		timeZone: 'UTC',
		maxFieldLength: 500,
		dedupe: {
			store: opened.store.idempotency(opened.scope),
			keyField: 'email',
			windowMs: 3_600_000,
			claimTtlMs: 60_000,
			onInterrupted: 'report',
		},
		limits: {
			counters: opened.store.counters(opened.scope),
			perAddressPerDay: 0,
			perDomainPerHour: 0,
			totalPerHour: 0,
			...limits,
		},
		...extra,
	};
}

function senders(fail: (m: MailMessage) => boolean = () => false): Senders & { sent: MailMessage[] } {
	const sent: MailMessage[] = [];
	return {
		sent,
		async email(message) {
			if (fail(message))
				throw Object.assign(new Error('The mail server x:25 rejected the message (451)'), { detail: '451 try later' });
			sent.push(message);
			return { messageId: `<${sent.length}@acme.test>`, acceptedAt: Date.now(), response: '250 ok' };
		},
		async sms() {
			throw new Error('not used');
		},
	};
}

const lead = (email: string, extra: Record<string, unknown> = {}) => ({
	email,
	firstName: 'Ada',
	routing: { ownerEmail: 'rep@acme.test', ownerName: 'Rep' },
	...extra,
});

afterAll(cleanupBackends);

describe.each(backends)('send limits on the $name store', (backend) => {
	it('holds messages over the total per hour, with the limit and when the next could go', async () => {
		const opened = await backend.open();
		const mail = senders();
		const now = Date.now();
		const outcomes = [];
		for (let i = 0; i < 5; i++)
			outcomes.push(
				await respondToItem(lead(`lead${i}@firm${i}.test`), settings(opened, { totalPerHour: 3 }), mail, now),
			);
		expect(mail.sent.map((m) => m.to.address)).toEqual(['lead0@firm0.test', 'lead1@firm1.test', 'lead2@firm2.test']);
		expect(outcomes.map((o) => o.output)).toEqual(['sent', 'sent', 'sent', 'skipped', 'skipped']);
		const held = outcomes[3].autoResponse as Record<string, unknown>;
		expect(held).toMatchObject({ status: 'held', heldBy: { limit: 'totalPerHour', max: 3, window: 'hour' } });
		expect(String(held.reason)).toMatch(
			/^lead: Send limit reached: at most 3 messages in total per hour \(3 already sent; the next one could go at /,
		);
		const retryAt = Date.parse(String((held.heldBy as Record<string, unknown>).retryAt));
		expect(retryAt).toBeGreaterThan(now + 3_590_000);
		expect(retryAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
	});

	it('holds the third message to one domain within an hour but lets other domains through', async () => {
		const opened = await backend.open();
		const mail = senders();
		const results = [];
		for (const email of ['a@victim.test', 'b@VICTIM.test', 'c@victim.test', 'd@other.test']) {
			results.push(
				(await respondToItem(lead(email), settings(opened, { perDomainPerHour: 2 }), mail)).autoResponse as Record<
					string,
					unknown
				>,
			);
		}
		expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'held', 'sent']);
		expect(results[2].heldBy).toMatchObject({ limit: 'perDomainPerHour', max: 2 });
	});

	it('limits one address per day across different idempotency keys, and a held lead is not marked answered', async () => {
		const opened = await backend.open();
		const mail = senders();
		const byCrmId = () =>
			settings(
				opened,
				{ perAddressPerDay: 2 },
				{
					dedupe: {
						store: opened.store.idempotency(opened.scope),
						keyField: 'crmId',
						windowMs: 3_600_000,
						claimTtlMs: 60_000,
						onInterrupted: 'report',
					},
				},
			);
		const statuses = [];
		for (const id of ['1', '2', '3'])
			statuses.push(
				(
					(await respondToItem(lead('ada@x.test', { crmId: id }), byCrmId(), mail)).autoResponse as Record<
						string,
						unknown
					>
				).status,
			);
		expect(statuses).toEqual(['sent', 'sent', 'held']);
		// The held lead keeps no idempotency claim: once limits allow, it is answered (here: the limit raised).
		const later = await respondToItem(
			lead('ada@x.test', { crmId: '3' }),
			settings(opened, { perAddressPerDay: 3 }, { dedupe: byCrmId().dedupe }),
			mail,
		);
		expect((later.autoResponse as Record<string, unknown>).status).toBe('sent');
	});

	it('does not count duplicates or failed sends against a limit', async () => {
		const opened = await backend.open();
		const failing = senders(() => true);
		await expect(respondToItem(lead('f@x.test'), settings(opened, { totalPerHour: 1 }), failing)).rejects.toThrow(
			/rejected the message/,
		);
		const mail = senders();
		expect((await respondToItem(lead('f@x.test'), settings(opened, { totalPerHour: 1 }), mail)).output).toBe('sent');
		const duplicate = await respondToItem(lead('f@x.test'), settings(opened, { totalPerHour: 1 }), mail);
		expect((duplicate.autoResponse as Record<string, unknown>).reason).toMatch(/Already answered/);
		expect(mail.sent).toHaveLength(1);
	});

	it('never limits the rep notice; the item says the lead message was held', async () => {
		const opened = await backend.open();
		const mail = senders();
		const both = (email: string) =>
			respondToItem(lead(email), settings(opened, { totalPerHour: 1 }, { toRep: true }), mail);
		await both('one@x.test');
		const second = await both('two@y.test');
		expect(mail.sent.map((m) => m.to.address)).toEqual(['one@x.test', 'rep@acme.test', 'rep@acme.test']);
		expect(second.output).toBe('sent');
		expect(second.autoResponse).toMatchObject({ status: 'held', heldBy: { limit: 'totalPerHour' } });
	});

	it('holds composed messages too (Compose Only feeds a sending node)', async () => {
		const opened = await backend.open();
		const mail = senders();
		const compose = (email: string) =>
			respondToItem(
				lead(email),
				settings(opened, { perAddressPerDay: 1 }, { delivery: 'compose', dedupe: undefined }),
				mail,
			);
		expect(((await compose('c@x.test')).autoResponse as Record<string, unknown>).status).toBe('composed');
		expect(((await compose('C@x.test')).autoResponse as Record<string, unknown>).status).toBe('held');
	});
});
