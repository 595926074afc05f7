import type { IDataObject } from 'n8n-workflow';
import { runAutoRespond } from '../helpers/auto-respond';
import { builtModule } from '../helpers/engine';
import { parseMail, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';

const built = builtModule;

let smtp: TestSmtpServer;

beforeAll(async () => {
	smtp = await startSmtpServer();
});
afterAll(async () => {
	built<{ closeAllTransports(): void }>('lib/respond/smtp.js').closeAllTransports();
	await smtp.close();
});
beforeEach(() => {
	smtp.received.length = 0;
});

async function respond(parameters: IDataObject, input: IDataObject[]) {
	return await runAutoRespond(parameters, input, { smtpPort: smtp.port });
}

describe('what a lead types cannot change the message', () => {
	it('CR/LF in names and subjects never adds a header or a recipient', async () => {
		const evil = 'Eve\r\nBcc: victim@else.test\r\nX-Injected: yes';
		const { sent } = await respond({ recipients: 'leadAndRep', leadSubject: 'Hi {{firstName}} from {{company}}' }, [
			{
				email: 'eve@lead.test',
				firstName: evil,
				lastName: 'Smith\nTo: other@else.test',
				company: 'Acme\r\n\r\n<b>body</b>',
				routing: { ownerEmail: 'rep@acme.test', ownerName: 'Rep\r\nCc: x@else.test' },
			},
		]);
		expect(sent).toHaveLength(1);
		expect(smtp.received).toHaveLength(2);
		for (const mail of smtp.received) {
			expect(mail.to).toHaveLength(1);
			expect(['eve@lead.test', 'rep@acme.test']).toContain(mail.to[0]);
			const parsed = parseMail(mail.raw);
			expect(parsed.headers.bcc).toBeUndefined();
			expect(parsed.headers.cc).toBeUndefined();
			expect(parsed.headers['x-injected']).toBeUndefined();
			expect(parsed.headers.to.split('\n')).toHaveLength(1);
			expect(parsed.subject).not.toMatch(/[\r\n]/);
		}
		const lead = parseMail(smtp.received.find((m) => m.to[0] === 'eve@lead.test')!.raw);
		expect(lead.subject).toBe('Hi Eve Bcc: victim@else.test X-Injected: yes from Acme <b>body</b>');
	});

	it('rejects addresses that smuggle a second recipient or a header', async () => {
		const { skipped } = await respond({}, [
			{ email: 'a@lead.test\r\nBcc: victim@else.test' },
			{ email: 'a@lead.test, victim@else.test' },
			{ email: '"Eve" <eve@lead.test>' },
			{ email: 'eve@lead.test>\r\nRCPT TO:<victim@else.test' },
		]);
		expect(skipped).toHaveLength(4);
		expect(smtp.received).toHaveLength(0);
	});

	it('escapes HTML and script in company names, and drops javascript: links', async () => {
		const html = '<p>{{company}}</p><a href="{{website}}">site</a>';
		await respond({ leadHtml: html }, [
			{
				email: 'x@lead.test',
				firstName: '<img src=x onerror=alert(1)>',
				company: '<script>alert("x")</script>',
				website: 'javascript:alert(1)',
			},
		]);
		const mail = parseMail(smtp.received[0].raw);
		expect(mail.html).toContain('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
		expect(mail.html).toContain('<a href="">site</a>');
		expect(mail.html).not.toMatch(/<script|onerror=|javascript:/i);
		expect(mail.text).toContain('<script>alert("x")</script>');
	});

	it('caps 1 MB fields and still sends a small message', async () => {
		const huge = 'A'.repeat(1024 * 1024);
		const { sent } = await respond({ recipients: 'leadAndRep' }, [
			{
				email: 'big@lead.test',
				firstName: huge,
				company: huge,
				message: huge,
				routing: { ownerEmail: 'rep@acme.test' },
			},
		]);
		expect(sent).toHaveLength(1);
		for (const mail of smtp.received) expect(mail.raw.length).toBeLessThan(20_000);
		const lead = parseMail(smtp.received.find((m) => m.to[0] === 'big@lead.test')!.raw);
		expect(lead.subject.length).toBeLessThanOrEqual(250);
		expect(lead.subject.endsWith('…')).toBe(true);
		const rep = parseMail(smtp.received.find((m) => m.to[0] === 'rep@acme.test')!.raw);
		expect(rep.text).toContain(`${'A'.repeat(499)}…`);
		expect(rep.text).not.toContain('A'.repeat(501));
	});

	it('keeps emoji and right-to-left text intact and strips bidi overrides from the subject', async () => {
		await respond({}, [
			{ email: 'rtl@lead.test', firstName: 'مريم 🌟', company: 'שלום בע"מ' },
			{ email: 'bidi@lead.test', firstName: 'Ann\u202Egnp.exe' },
		]);
		const rtl = parseMail(smtp.received.find((m) => m.to[0] === 'rtl@lead.test')!.raw);
		expect(rtl.subject).toBe('Thanks, مريم 🌟 – we received your request');
		expect(rtl.text).toContain('on behalf of שלום בע"מ');
		expect(rtl.html).toContain('dir="auto"');
		expect(rtl.html).toContain('שלום בע&quot;מ');
		const bidi = parseMail(smtp.received.find((m) => m.to[0] === 'bidi@lead.test')!.raw);
		expect(bidi.subject).toBe('Thanks, Anngnp.exe – we received your request');
	});

	it('treats template syntax typed by a lead as plain text', async () => {
		await respond({}, [
			{
				email: 'tpl@lead.test',
				firstName: '{{routing.ownerEmail}}',
				company: '{{#x}}{{/y}}',
				routing: { ownerEmail: 'secret@acme.test' },
			},
		]);
		const mail = parseMail(smtp.received[0].raw);
		expect(mail.subject).toBe('Thanks, {{routing.ownerEmail}} – we received your request');
		expect(mail.text).toContain('on behalf of {{#x}}{{/y}}');
	});
});
