/**
 * A TCP relay on loopback in front of a real SMTP server, which can lose the server's answer to a message: the client
 * sends the whole message (the server accepts and stores it), and the server's "250 queued" either reaches the client,
 * is held back (the client waits, as when n8n is killed at that moment), or the connection breaks instead. This is how
 * a mail server's acceptance gets lost in production (a dropped connection, a crash), without changing our code.
 */
import { createServer, connect, type AddressInfo, type Socket } from 'net';

/** What happens to the server's answer after the end of a message (`.` line). */
export type AnswerFate = 'pass' | 'hold' | 'drop';

export interface SmtpRelay {
	port: number;
	/** Decides per message, in order; default pass. `when` is 'data' (the answer to the DATA command) or 'message'. */
	fate: (when: 'data' | 'message') => AnswerFate;
	/** Messages whose answer was held or dropped. */
	lost: () => number;
	close(): Promise<void>;
}

const END_OF_DATA = Buffer.from('\r\n.\r\n');

export async function startSmtpRelay(targetPort: number): Promise<SmtpRelay> {
	const sockets = new Set<Socket>();
	let lost = 0;
	const relay: SmtpRelay = {
		port: 0,
		fate: () => 'pass',
		lost: () => lost,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
	const server = createServer((client) => {
		const upstream = connect(targetPort, '127.0.0.1');
		sockets.add(client).add(upstream);
		// After the client's DATA command, the next answer is the 354; after its end-of-data line, the 250.
		let waiting: 'data' | 'message' | undefined;
		let tail = Buffer.alloc(0);
		let held = false;
		client.on('data', (chunk: Buffer) => {
			const seen = Buffer.concat([tail, chunk]);
			if (/^DATA\r?\n$/im.test(chunk.toString('latin1'))) waiting = 'data';
			else if (seen.includes(END_OF_DATA)) waiting = 'message';
			tail = seen.subarray(Math.max(0, seen.length - END_OF_DATA.length));
			upstream.write(chunk);
		});
		upstream.on('data', (chunk: Buffer) => {
			if (held) return;
			if (waiting) {
				const fate = relay.fate(waiting);
				waiting = undefined;
				if (fate !== 'pass') lost++;
				if (fate === 'hold') {
					held = true;
					return;
				}
				if (fate === 'drop') {
					client.destroy();
					upstream.destroy();
					return;
				}
			}
			client.write(chunk);
		});
		const close = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('close', close).on('error', close);
		upstream.on('close', close).on('error', close);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	relay.port = (server.address() as AddressInfo).port;
	return relay;
}
