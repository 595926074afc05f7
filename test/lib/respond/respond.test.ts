import { BUILT_IN_LEAD_TEXTS, DEFAULT_REP_SUBJECT, DEFAULT_REP_TEXT } from '../../../lib/respond/defaults';
import type { IdempotencyStore } from '../../../lib/store/idempotency';
import { staticIdempotency } from '../../../lib/store/static/idempotency';
import { RespondSendError } from '../../../lib/respond/errors';
import { respondToItem, type RespondSettings, type Senders } from '../../../lib/respond/respond';
import type { MailMessage } from '../../../lib/respond/smtp';
import { resetLocalState } from '../../../lib/store/static/state';

function settings(store: IdempotencyStore, extra: Partial<RespondSettings> = {}): RespondSettings {
	return {
		delivery: 'send',
		toLead: true,
		toRep: true,
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
		dedupe: { store, keyField: 'email', windowMs: 3_600_000, claimTtlMs: 60_000, onInterrupted: 'report' },
		...extra,
	};
}

const lead = { email: 'ada@x.test', firstName: 'Ada', routing: { ownerEmail: 'rep@acme.test', ownerName: 'Rep' } };

function senders(fail: (m: MailMessage) => boolean = () => false): Senders & { sent: MailMessage[] } {
	const sent: MailMessage[] = [];
	return {
		sent,
		async email(message) {
			if (fail(message))
				throw Object.assign(new Error('The mail server x:25 rejected the message (550)'), { detail: '550 no' });
			sent.push(message);
			return { messageId: `<${sent.length}@acme.test>`, acceptedAt: Date.now(), response: '250 ok' };
		},
		async sms() {
			throw new Error('not used');
		},
	};
}

beforeEach(() => resetLocalState());

describe('respondToItem', () => {
	it('keeps what was sent when a later message fails, and a retry only sends the missing one', async () => {
		const store = staticIdempotency({ workflowId: 'wf-partial', namespace: 'respond', staticData: {} });
		const failing = senders((m) => m.to.address === 'rep@acme.test');
		const error = await respondToItem(lead, settings(store), failing).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RespondSendError);
		expect((error as RespondSendError).messages).toMatchObject([{ recipient: 'lead', status: 'sent' }]);
		expect(failing.sent).toHaveLength(1);

		const working = senders();
		const retry = await respondToItem(lead, settings(store), working);
		expect(retry.output).toBe('sent');
		expect(working.sent.map((m) => m.to.address)).toEqual(['rep@acme.test']);
		expect((retry.autoResponse.messages as { status: string }[]).map((m) => m.status)).toEqual(['skipped', 'sent']);
	});

	it('reports a message as sent when only recording it fails', async () => {
		const store = staticIdempotency({ workflowId: 'wf-confirm', namespace: 'respond', staticData: {} });
		const broken: IdempotencyStore = { ...store, confirm: async () => Promise.reject(new Error('store down')) };
		const outcome = await respondToItem(lead, settings(broken, { toRep: false }), senders());
		expect(outcome.output).toBe('sent');
		expect(JSON.stringify(outcome.autoResponse.messages)).toContain('recording it for idempotency failed (store down)');
		// The claim was kept, so a repeat is still held back.
		const again = await respondToItem(lead, settings(store, { toRep: false }), senders());
		expect(again.output).toBe('skipped');
	});

	it('skips with a reason when the chosen key field is empty', async () => {
		const store = staticIdempotency({ workflowId: 'wf-key', namespace: 'respond', staticData: {} });
		const outcome = await respondToItem(
			lead,
			settings(store, {
				dedupe: { store, keyField: 'crmId', windowMs: 1000, claimTtlMs: 1000, onInterrupted: 'report' },
			}),
			senders(),
		);
		expect(outcome.output).toBe('skipped');
		expect(String(outcome.autoResponse.reason)).toContain('idempotency key field "crmId" is empty');
	});

	it('never mutates the input item', async () => {
		const input = structuredClone(lead);
		await respondToItem(
			input,
			settings(staticIdempotency({ workflowId: 'wf-pure', namespace: 'respond', staticData: {} })),
			senders(),
		);
		expect(input).toEqual(lead);
	});
});
