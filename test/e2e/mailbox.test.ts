/**
 * The local SMTP mailbox used by the demo, the end-to-end tests and benchmarks, fed by nodemailer (the client
 * Auto-Respond uses): it must accept, decode and time messages exactly, or every email assertion built on it lies.
 */
import { createTransport } from 'nodemailer';
import { startSmtpServer } from '../../scripts/n8n';
import type { SmtpServer } from '../../scripts/n8n';

describe('local SMTP mailbox', () => {
	let smtp: SmtpServer;

	beforeAll(async () => {
		smtp = await startSmtpServer();
	});

	afterAll(async () => {
		await smtp.stop();
	});

	const transport = () =>
		createTransport({
			host: '127.0.0.1',
			port: smtp.port,
			secure: false,
			ignoreTLS: true,
			auth: { user: 'any', pass: 'thing' },
		});

	test('receives a multipart message with encoded headers, dot-stuffed lines and the envelope', async () => {
		const before = Date.now();
		await transport().sendMail({
			from: 'Acme Sales <sales@acme.example>',
			to: 'tomás@example.com',
			bcc: 'rep@example.com',
			subject: 'Danke, Tomás – wir haben Ihre Anfrage erhalten, und zwar sehr gerne und ausführlich',
			text: 'Hallo Tomás,\n.\n..leading dots stay\nGrüße',
			html: '<p>Hallo <b>Tomás</b></p>',
		});
		const message = await smtp.waitFor((m) => m.envelope.to.includes('rep@example.com'), 2000);
		expect(message.subject).toBe('Danke, Tomás – wir haben Ihre Anfrage erhalten, und zwar sehr gerne und ausführlich');
		expect(message.envelope).toEqual({ from: 'sales@acme.example', to: ['tomás@example.com', 'rep@example.com'] });
		expect(message.text.replace(/\r\n/g, '\n')).toBe('Hallo Tomás,\n.\n..leading dots stay\nGrüße');
		expect(message.html).toContain('<b>Tomás</b>');
		expect(message.receivedAt).toBeGreaterThanOrEqual(before);
		expect(message.receivedAt).toBeLessThanOrEqual(Date.now());
	});

	test('waitFor resolves for messages that arrive later and rejects with a count after its timeout', async () => {
		const pending = smtp.waitFor((m) => m.subject === 'later', 2000);
		await transport().sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'later', text: 'x' });
		await expect(pending).resolves.toMatchObject({ subject: 'later' });
		await expect(smtp.waitFor((m) => m.subject === 'never', 50)).rejects.toThrow(/No matching email within 50 ms/);
	});

	test('serves the received messages as JSON and as a page with escaped content', async () => {
		await transport().sendMail({
			from: 'a@example.com',
			to: 'c@example.com',
			subject: '<script>x</script>',
			text: 'hi',
		});
		const json = (await (await fetch(`${smtp.webUrl}messages.json`)).json()) as Array<{ subject: string }>;
		expect(json.map((m) => m.subject)).toContain('<script>x</script>');
		const page = await (await fetch(smtp.webUrl!)).text();
		expect(page).toContain('&#60;script&#62;x&#60;/script&#62;');
		expect(page).not.toContain('<script>x</script>');
	});
});
