/** Small process, port and file helpers shared by the n8n harness. */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

/** A TCP port that was free a moment ago on `host` (the OS picks it). */
function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, host, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Runs a command to completion and resolves with its stdout. All output is also appended to `logFile` if given;
 * rejects with the tail of stdout+stderr when the exit code is not 0.
 */
function run(command, args, { cwd, env, logFile, quiet = true } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
		let tail = '';
		const stdout = [];
		const onData = (chunk) => {
			tail = (tail + chunk.toString()).slice(-8000);
			if (out) out.write(chunk);
			if (!quiet) process.stdout.write(chunk);
		};
		child.stdout.on('data', (chunk) => {
			stdout.push(chunk);
			onData(chunk);
		});
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (code) => {
			if (out) out.end();
			if (code === 0) resolve(Buffer.concat(stdout).toString());
			else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}:\n${tail}`));
		});
	});
}

function sha256(data) {
	return crypto.createHash('sha256').update(data).digest('hex');
}

function fileHash(file) {
	return sha256(fs.readFileSync(file));
}

function readJson(file, fallback) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Cross-process lock by atomic mkdir; a lock older than `staleMs` is taken over (its holder died). */
async function withLock(dir, fn, { staleMs = 15 * 60 * 1000, log } = {}) {
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(dir);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const age = Date.now() - fs.statSync(dir).mtimeMs;
			if (age > staleMs) {
				fs.rmSync(dir, { recursive: true, force: true });
				continue;
			}
			if (!announced && log) log(`waiting for another process to finish (${dir})`);
			announced = true;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { ROOT, freePort, run, sha256, fileHash, readJson, writeJson, withLock, sleep };
