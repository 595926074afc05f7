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

/** Linux: a process's start time in clock ticks since boot, which tells a live holder from a reused pid. */
function processStart(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

/** Whether the process recorded as `{ pid, start }` still runs (and is the same process, not a reused pid). */
function isAlive(holder) {
	if (!holder || !Number.isInteger(holder.pid) || holder.pid <= 0) return false;
	try {
		process.kill(holder.pid, 0);
	} catch (error) {
		if (error.code !== 'EPERM') return false;
	}
	const start = processStart(holder.pid);
	return !holder.start || !start || holder.start === start;
}

/** `{ pid, start }` of this process, as lock files record it. */
function selfRecord(extra = {}) {
	return { pid: process.pid, start: processStart(process.pid), ...extra };
}

/**
 * A lock file holding its owner's pid: `{ acquired: true, update, release }`, or `{ acquired: false, holder }`
 * while a live process holds it. A lock whose holder is gone is stale and taken over (`staleHolder` says whose).
 */
function tryLock(file, extra = {}) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	let staleHolder;
	for (let attempt = 0; attempt < 5; attempt++) {
		try {
			const fd = fs.openSync(file, 'wx');
			const record = selfRecord(extra);
			fs.writeSync(fd, `${JSON.stringify(record)}\n`);
			fs.closeSync(fd);
			const update = (fields) => writeJson(file, Object.assign(record, fields));
			const release = () => {
				if (readJson(file, {}).pid === process.pid) fs.rmSync(file, { force: true, recursive: true });
			};
			return { acquired: true, staleHolder, update, release };
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const holder = readJson(file, undefined);
			// A lock being written this instant has no content yet: look again before calling it stale.
			if (!holder && Date.now() - fs.statSync(file).mtimeMs < 2000) {
				sleepSync(100);
				continue;
			}
			if (isAlive(holder)) return { acquired: false, holder };
			staleHolder = holder ?? {};
			fs.rmSync(file, { force: true, recursive: true });
		}
	}
	throw new Error(`Could not take the lock ${file}`);
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding the lock file `file`, waiting while another live process holds it. */
async function withLock(file, fn, { log } = {}) {
	let announced = false;
	let lock;
	while (!(lock = tryLock(file)).acquired) {
		if (!announced && log) log(`waiting for process ${lock.holder.pid} to finish (${file})`);
		announced = true;
		await new Promise((r) => setTimeout(r, 1000));
	}
	try {
		return await fn();
	} finally {
		lock.release();
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The bytes of `file` from `start` to its current end ('' when it cannot be read). */
function readFrom(file, start) {
	let fd;
	try {
		fd = fs.openSync(file, 'r');
		const buffer = Buffer.alloc(Math.max(0, fs.fstatSync(fd).size - start));
		const read = fs.readSync(fd, buffer, 0, buffer.length, start);
		return buffer.subarray(0, read);
	} catch {
		return Buffer.alloc(0);
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

/** The last `maxBytes` of `file` written after byte `from` (a log that another process appends to). */
function readTail(file, from = 0, maxBytes = 20000) {
	let size = 0;
	try {
		size = fs.statSync(file).size;
	} catch {
		return '';
	}
	return readFrom(file, Math.max(from, size - maxBytes)).toString('utf8');
}

/** Calls `onChunk` with whatever is appended to `file` after byte `from`, polling; `stop()` ends it. */
function followFile(file, from, onChunk, intervalMs = 250) {
	let position = from;
	const timer = setInterval(() => {
		const chunk = readFrom(file, position);
		if (!chunk.length) return;
		position += chunk.length;
		onChunk(chunk);
	}, intervalMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}

/**
 * Writes to a stream that may be gone (a closed terminal: EPIPE or EIO). Output is best effort; losing it must never
 * crash the process in the middle of stopping what it started.
 */
function safeWrite(stream, text) {
	if (stream.destroyed || !stream.writable) return;
	try {
		stream.write(text);
	} catch {
		// the terminal is gone
	}
}

/** After this, an error on stdout/stderr (the terminal was closed) no longer throws: writes are dropped. */
function tolerateClosedOutput() {
	for (const stream of [process.stdout, process.stderr]) {
		stream.on('error', () => stream.destroy());
	}
}

module.exports = {
	ROOT,
	freePort,
	run,
	sha256,
	fileHash,
	readJson,
	writeJson,
	withLock,
	tryLock,
	isAlive,
	processStart,
	selfRecord,
	sleep,
	readTail,
	followFile,
	safeWrite,
	tolerateClosedOutput,
};
