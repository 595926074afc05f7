/**
 * The receiving half of SMTP (RFC 5321) for a local test mailbox: EHLO/HELO, AUTH PLAIN/LOGIN (any credentials),
 * MAIL, RCPT, DATA (dot-unstuffing), RSET, NOOP, QUIT, PIPELINING. No TLS, no relaying, no delays: the greeting is
 * sent at once (a general-purpose server waits ~100 ms to catch early talkers, which would distort latency figures).
 */
const net = require('net');

const MAX_LINE = 4096;
const MAX_MESSAGE = 10 * 1024 * 1024;

/**
 * @param {{ name?: string, onMessage: (m: { from: string, to: string[], data: Buffer, receivedAt: number }) => string | void }} options
 * @returns {net.Server}
 */
function createSmtpListener(options) {
	const name = options.name ?? 'localhost';
	return net.createServer((socket) => {
		socket.setNoDelay(true);
		let buffer = Buffer.alloc(0);
		let state = 'command';
		let from = '';
		let to = [];
		let data = [];
		let dataSize = 0;
		let authStep = 0;

		const reply = (text) => socket.write(`${text}\r\n`);
		const reset = () => {
			from = '';
			to = [];
			data = [];
			dataSize = 0;
		};

		const command = (line) => {
			if (state === 'auth') {
				authStep -= 1;
				if (authStep > 0) return reply('334 UGFzc3dvcmQ6');
				state = 'command';
				return reply('235 2.7.0 Authentication successful');
			}
			const verb = line.slice(0, 4).toUpperCase();
			const rest = line.slice(4).trim();
			switch (verb) {
				case 'EHLO':
					return reply(
						`250-${name}\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-SIZE ${MAX_MESSAGE}\r\n250 AUTH PLAIN LOGIN`,
					);
				case 'HELO':
					return reply(`250 ${name}`);
				case 'AUTH': {
					const [mechanism, initial] = rest.split(/\s+/);
					if (/^PLAIN$/i.test(mechanism)) {
						if (initial) return reply('235 2.7.0 Authentication successful');
						state = 'auth';
						authStep = 1;
						return reply('334 ');
					}
					if (/^LOGIN$/i.test(mechanism)) {
						state = 'auth';
						authStep = initial ? 1 : 2;
						return reply(initial ? '334 UGFzc3dvcmQ6' : '334 VXNlcm5hbWU6');
					}
					return reply('504 5.5.4 Unrecognized authentication type');
				}
				case 'MAIL':
					reset();
					from = address(rest);
					return reply('250 2.1.0 Accepted');
				case 'RCPT':
					to.push(address(rest));
					return reply('250 2.1.5 Accepted');
				case 'DATA':
					if (to.length === 0) return reply('503 5.5.1 Error: need RCPT command');
					state = 'data';
					return reply('354 End data with <CR><LF>.<CR><LF>');
				case 'RSET':
					reset();
					return reply('250 2.0.0 Flushed');
				case 'NOOP':
					return reply('250 2.0.0 OK');
				case 'QUIT':
					reply('221 2.0.0 Bye');
					return socket.end();
				default:
					return reply('502 5.5.2 Error: command not recognized');
			}
		};

		const dataLine = (line) => {
			if (line.equals(DOT_CRLF) || line.equals(DOT_LF)) {
				const message = { from, to: [...to], data: Buffer.concat(data), receivedAt: Date.now() };
				state = 'command';
				reset();
				const id = options.onMessage(message);
				return reply(`250 2.0.0 Ok: queued${id ? ` as ${id}` : ''}`);
			}
			const unstuffed = line[0] === 0x2e ? line.subarray(1) : line;
			dataSize += unstuffed.length;
			if (dataSize <= MAX_MESSAGE) data.push(unstuffed);
			return undefined;
		};

		socket.on('data', (chunk) => {
			buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
			let start = 0;
			let newline;
			while ((newline = buffer.indexOf(0x0a, start)) !== -1) {
				const line = buffer.subarray(start, newline + 1);
				start = newline + 1;
				if (state === 'data') dataLine(line);
				else command(line.toString('utf8').replace(/\r?\n$/, ''));
			}
			buffer = buffer.subarray(start);
			if (state !== 'data' && buffer.length > MAX_LINE) {
				reply('500 5.5.6 Line too long');
				socket.destroy();
			}
		});
		socket.on('error', () => socket.destroy());
		reply(`220 ${name} ESMTP local mailbox`);
	});
}

const DOT_CRLF = Buffer.from('.\r\n');
const DOT_LF = Buffer.from('.\n');

function address(text) {
	const m = /<([^>]*)>/.exec(text);
	return m
		? m[1]
		: text
				.replace(/^(FROM|TO):/i, '')
				.trim()
				.split(/\s+/)[0];
}

module.exports = { createSmtpListener };
