/** A private redis-server for fault injection: started on a free port, killed, frozen and restarted by the test. */
import { spawn, type ChildProcess } from 'child_process';
import { createServer, Socket } from 'net';

export interface PrivateRedis {
	port: number;
	password: string;
	start(): Promise<void>;
	/** Kills the server (its data is gone: no persistence). */
	stop(): Promise<void>;
	/** SIGSTOP: the socket stays open but nothing answers, like a hung server or a network partition. */
	freeze(): void;
	thaw(): void;
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function answersPing(port: number, password: string): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = new Socket();
		let data = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(500, () => done(false));
		socket.on('error', () => done(false));
		socket.on('data', (chunk) => {
			data += chunk.toString();
			if (data.includes('PONG')) done(true);
		});
		socket.connect(port, '127.0.0.1', () => socket.write(`AUTH ${password}\r\nPING\r\n`));
	});
}

export async function privateRedis(password: string): Promise<PrivateRedis> {
	const port = await freePort();
	let child: ChildProcess | undefined;
	const redis: PrivateRedis = {
		port,
		password,
		async start() {
			child = spawn(
				'redis-server',
				['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password],
				{
					stdio: 'ignore',
				},
			);
			for (let i = 0; i < 100; i++) {
				if (await answersPing(port, password)) return;
				await new Promise((r) => setTimeout(r, 50));
			}
			throw new Error(`redis-server on port ${port} did not start`);
		},
		async stop() {
			const running = child;
			child = undefined;
			if (!running || running.exitCode !== null) return;
			running.kill('SIGCONT');
			const exited = new Promise((resolve) => running.once('exit', resolve));
			running.kill('SIGKILL');
			await exited;
		},
		freeze() {
			child?.kill('SIGSTOP');
		},
		thaw() {
			child?.kill('SIGCONT');
		},
	};
	await redis.start();
	return redis;
}
