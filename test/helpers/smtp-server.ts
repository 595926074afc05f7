/**
 * A real SMTP server on 127.0.0.1 (random port) for tests and benchmarks: it speaks SMTP through the `smtp-server`
 * package, stores each received message raw, and can be told to reject recipients or logins.
 */
import type { AddressInfo } from 'net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
}

export interface TestSmtpServer {
	port: number;
	received: ReceivedMail[];
	/** Recipients the server answers with `550 mailbox unavailable`. */
	rejectRecipients: Set<string>;
	/** Number of SMTP sessions opened so far (to see connection reuse). */
	connections: () => number;
	close(): Promise<void>;
}

export interface SmtpServerOptions {
	user?: string;
	password?: string;
	/** Keep messages (tests) or only count them (benchmarks). */
	keep?: boolean;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
	const received: ReceivedMail[] = [];
	const rejectRecipients = new Set<string>();
	let connections = 0;
	const server = new SMTPServer({
		secure: false,
		disabledCommands: options.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
		allowInsecureAuth: true,
		authOptional: !options.user,
		logger: false,
		// A reverse DNS lookup per connection would add a resolver timeout on machines without DNS.
		disableReverseLookup: true,
		size: 25 * 1024 * 1024,
		onConnect(_session, callback) {
			connections++;
			callback();
		},
		onAuth(auth, _session, callback) {
			if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
			else callback(new Error('535 5.7.8 Authentication credentials invalid'));
		},
		onRcptTo(address, _session, callback) {
			if (rejectRecipients.has(address.address.toLowerCase())) {
				const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
				callback(error);
			} else callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => {
				if (options.keep !== false) chunks.push(chunk);
			});
			stream.on('end', () => {
				if (options.keep !== false) {
					received.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
						raw: Buffer.concat(chunks).toString('utf8'),
					});
				}
				callback();
			});
		},
	});
	server.on('error', () => {});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		received,
		rejectRecipients,
		connections: () => connections,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Credentials object for the Lead Routing SMTP credential pointing at a test server. */
export function smtpCredentials(port: number, extra: Record<string, string | number | boolean> = {}) {
	return {
		host: '127.0.0.1',
		port,
		tlsMode: 'none',
		user: '',
		password: '',
		defaultSender: 'Acme Sales <sales@acme.test>',
		...extra,
	};
}

export interface ParsedMail {
	/** Header lines as received (unfolded), lower-case names; repeated headers joined by "\n". */
	headers: Record<string, string>;
	headerBlock: string;
	subject: string;
	text: string;
	html: string;
}

function decodeWords(value: string): string {
	return value.replace(
		/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g,
		(_all, _charset: string, encoding: string, data: string) => {
			if (encoding.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
			return Buffer.from(decodeQp(data.replace(/_/g, ' '), true), 'latin1').toString('utf8');
		},
	);
}

function decodeQp(data: string, inHeader = false): string {
	const soft = inHeader ? data : data.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < soft.length; i++) {
		if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(soft.charCodeAt(i));
	}
	return Buffer.from(bytes).toString('latin1');
}

function splitHead(raw: string): { headers: Record<string, string>; block: string; body: string } {
	const at = raw.search(/\r?\n\r?\n/);
	const block = at < 0 ? raw : raw.slice(0, at);
	const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
	const headers: Record<string, string> = {};
	for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon < 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`;
	}
	return { headers, block, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
	const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
	if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') return Buffer.from(decodeQp(body), 'latin1').toString('utf8');
	return body;
}

/** Enough MIME to read what nodemailer writes: headers, encoded words, multipart/alternative, QP and base64. */
export function parseMail(rawCrlf: string): ParsedMail {
	const raw = rawCrlf.replace(/\r\n/g, '\n');
	const top = splitHead(raw);
	const result: ParsedMail = {
		headers: top.headers,
		headerBlock: top.block,
		subject: decodeWords(top.headers.subject ?? ''),
		text: '',
		html: '',
	};
	const visit = (headers: Record<string, string>, body: string) => {
		const type = headers['content-type'] ?? 'text/plain';
		const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
		if (/^multipart\//i.test(type) && boundary) {
			for (const part of body.split(`--${boundary}`).slice(1)) {
				if (part.startsWith('--')) break;
				const inner = splitHead(part.replace(/^\r?\n/, ''));
				visit(inner.headers, inner.body.replace(/\r?\n$/, ''));
			}
		} else if (/^text\/html/i.test(type)) result.html = decodeBody(headers, body);
		else if (/^text\/plain/i.test(type)) result.text = decodeBody(headers, body);
	};
	visit(top.headers, top.body);
	return result;
}
