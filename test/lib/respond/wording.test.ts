/** Messages read like a person wrote them: dates in the reader's zone, no "Inc..", one way to name the rep. */
import { BUILT_IN_LEAD_TEXTS, DEFAULT_REP_SUBJECT, DEFAULT_REP_TEXT } from '../../../lib/respond/defaults';
import { readableDateTime } from '../../../lib/respond/dates';
import { respondToItem, type RespondSettings, type Senders } from '../../../lib/respond/respond';
import type { MailMessage } from '../../../lib/respond/smtp';
import { compileTemplate, renderTemplate } from '../../../lib/respond/template';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const render = (source: string, view: unknown, mode: 'text' | 'html' = 'text') =>
	renderTemplate(compileTemplate(source, 'T', mode === 'html'), view, { mode, maxFieldLength: 200 });

describe('dates', () => {
	it.each([
		['2026-12-01T12:17:59.038+01:00', 'Europe/Paris', 'en', 'Tuesday 1 December at 12:17 CET'],
		['2026-12-01T12:17:59.038+01:00', 'America/New_York', 'en', 'Tuesday, December 1 at 6:17 AM EST'],
		['2026-12-01T11:17:59Z', 'Europe/Berlin', 'de', 'Dienstag, 1. Dezember um 12:17 MEZ'],
		['2027-01-04T08:00:00Z', 'Europe/London', 'en', 'Monday, 4 January 2027 at 08:00 GMT'],
	])('%s for a reader in %s (%s) is "%s"', (iso, zone, language, expected) => {
		expect(readableDateTime(iso, { zone, language, now: NOW })).toBe(expected);
	});

	it.each(['2026-12-01', 'tomorrow', '12:17', '2026-12-01T12:17:59', 'x2026-12-01T12:17:59Z', ''])(
		'leaves "%s" alone',
		(text) => {
			expect(readableDateTime(text, { zone: 'UTC', language: 'en', now: NOW })).toBeUndefined();
		},
	);

	it('writes date-time values out only when the reader is known', () => {
		const view = { sla: { dueAt: '2026-12-01T12:17:59.038+01:00' } };
		const source = 'due {{sla.dueAt}}';
		expect(renderTemplate(compileTemplate(source, 'T'), view, { mode: 'text', maxFieldLength: 200 })).toBe(
			'due 2026-12-01T12:17:59.038+01:00',
		);
		expect(
			renderTemplate(compileTemplate(source, 'T'), view, {
				mode: 'text',
				maxFieldLength: 200,
				dates: { zone: 'Europe/Paris', language: 'en', now: NOW },
			}),
		).toBe('due Tuesday 1 December at 12:17 CET');
	});
});

describe('a sentence that ends with a value ending in "."', () => {
	it.each([
		['Thanks from {{company}}.', { company: 'Acme Inc.' }, 'Thanks from Acme Inc.'],
		[
			'{{#company}} on behalf of {{company}}{{/company}}. Next.',
			{ company: 'Acme Inc.' },
			' on behalf of Acme Inc. Next.',
		],
		['From {{company}}.', { company: 'Acme' }, 'From Acme.'],
		['From {{company}}...', { company: 'Acme Inc.' }, 'From Acme Inc....'],
		['See {{company}}.com', { company: 'Acme Inc.' }, 'See Acme Inc..com'],
		['({{company}}.)', { company: 'Acme Inc.' }, '(Acme Inc.)'],
		['{{missing|Our team.}}. Bye', {}, 'Our team. Bye'],
	])('%s with %j → %s', (source, view, expected) => {
		expect(render(source, view)).toBe(expected);
	});

	it('also in HTML', () => {
		expect(render('<p>From {{company}}.</p>', { company: 'Globex Corp.' }, 'html')).toBe('<p>From Globex Corp.</p>');
	});
});

describe('messages of Auto-Respond', () => {
	const sent: MailMessage[] = [];
	const senders: Senders = {
		async email(message) {
			sent.push(message);
			return { messageId: `<${sent.length}@acme.test>`, acceptedAt: Date.now(), response: '250 ok' };
		},
		async sms() {
			throw new Error('not used');
		},
	};
	const settings: RespondSettings = {
		delivery: 'send',
		toLead: true,
		toRep: true,
		rules: { mode: 'email', smsTiers: [], requireSmsConsent: true, respectEmailOptOut: true },
		leadTemplates: { ...BUILT_IN_LEAD_TEXTS.en, html: '' },
		variants: [],
		languageSource: 'none',
		languageField: 'language',
		repTemplates: { subject: DEFAULT_REP_SUBJECT, text: DEFAULT_REP_TEXT, html: '' },
		from: { name: 'Acme Sales', address: 'sales@acme.test' },
		replyToOwner: true,
		timeZoneField: 'timeZone',
		timeZone: 'UTC',
		maxFieldLength: 500,
	};
	const lead = {
		email: 'jo@globex.test',
		firstName: 'Jo',
		fullName: 'Jo Park',
		company: 'Globex Corp.',
		country: 'FR',
		routing: { ownerName: 'Ben Dubois', ownerEmail: 'ben@acme.test', ownerTimeZone: 'Europe/Paris' },
		sla: { tier: 'hot', dueAt: '2026-12-01T11:17:59.038Z' },
	};

	beforeEach(() => {
		sent.length = 0;
	});

	it('the lead reads "Globex Corp." once and the rep\'s full name; the rep is greeted by first name, due time in Paris', async () => {
		await respondToItem(lead, settings, senders, NOW);
		const [toLead, toRep] = sent;
		expect(toLead.text).toContain('on behalf of Globex Corp. Ben Dubois will get back to you shortly.');
		expect(toRep.text).toMatch(/^Hi Ben,\n/);
		expect(toRep.text).toContain('SLA tier: hot (answer by Tuesday 1 December at 12:17 CET)');
		expect(`${toLead.text}${toRep.text}`).not.toMatch(/\.\.|\d{4}-\d{2}-\d{2}T/);
	});

	it("a rep without a roster zone reads dates in the workflow's zone", async () => {
		await respondToItem(
			{ ...lead, routing: { ...lead.routing, ownerTimeZone: undefined } },
			{ ...settings, timeZone: 'America/Chicago' },
			senders,
			NOW,
		);
		expect(sent[1].text).toContain('answer by Tuesday, December 1 at 5:17 AM CST');
	});
});
