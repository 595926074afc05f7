/**
 * Checkpoints off the lead's path. In WAL mode SQLite copies the log back into the database file (a checkpoint, with
 * an fsync) inside whichever commit pushes the log past 1,000 pages: 30-100 ms that one lead pays, on n8n's one
 * thread, while every other execution waits. Here a worker thread with its own connection to the same file runs a
 * PASSIVE checkpoint (it never blocks a writer or waits for one) after every CHECKPOINT_EVERY commits of this
 * process, and the process's own connection checkpoints only as a backstop when the log has grown far beyond that
 * (the worker died, or another process writes much more than this one).
 */
import { Worker } from 'worker_threads';

/** Commits of this process between two checkpoints by the worker. */
export const CHECKPOINT_EVERY = 64;
/** The log size (pages) at which a commit checkpoints inline after all: a backstop, never reached while the worker runs. */
export const BACKSTOP_PAGES = 10_000;
/** SQLite's own default, restored when the worker cannot run. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

// Plain JavaScript run by the worker (eval: the package's compiled files and ts-jest's sources load alike).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
// A checkpoint that ran beside a commit stops at the frame it started with; the log restarts from its beginning only
// once every frame is copied, so try again in the next gap between commits (a few times, then wait for the next call).
let closed = false;
const settle = (tries) => {
	if (closed) return;
	let result;
	try {
		result = checkpoint.get();
	} catch {
		result = undefined; // busy (another process's checkpoint) or a transient error: the next call catches up
	}
	if (result && result.checkpointed < result.log && tries < 25) setTimeout(() => settle(tries + 1), 2);
	else parentPort.postMessage('done');
};
parentPort.on('message', (message) => {
	if (message === 'close') {
		closed = true;
		db.close();
		parentPort.close();
		return;
	}
	settle(0);
});
`;

export interface Upkeep {
	/** Call after each commit of this process's connection. */
	committed(): void;
	/** Checkpoints done by the worker so far (tests). */
	readonly checkpoints: number;
	close(): void;
}

/**
 * Starts the checkpoint worker for `file`; `onFailure` is called once if it cannot run (the connection then goes back
 * to SQLite's own inline checkpoints). The worker never keeps n8n or a test process alive.
 */
export function startUpkeep(file: string, onFailure: () => void): Upkeep {
	let commits = 0;
	let checkpoints = 0;
	let busy = false;
	let pending = false;
	let worker: Worker | undefined = new Worker(WORKER_SOURCE, { eval: true, workerData: { file } });
	const fail = () => {
		if (!worker) return;
		worker.removeAllListeners();
		void worker.terminate();
		worker = undefined;
		onFailure();
	};
	worker.on('error', fail);
	worker.on('exit', fail);
	worker.on('message', () => {
		checkpoints++;
		busy = false;
		// Commits that asked for a checkpoint while one ran get the next one at once.
		if (pending) request();
	});
	// After the listeners: adding a 'message' listener refs the worker again, and n8n (or a script) would never exit.
	worker.unref();
	const request = () => {
		if (!worker) return;
		if (busy) {
			pending = true;
			return;
		}
		busy = true;
		pending = false;
		worker.postMessage('checkpoint');
	};
	return {
		committed() {
			if (++commits % CHECKPOINT_EVERY === 0) request();
		},
		get checkpoints() {
			return checkpoints;
		},
		close() {
			if (!worker) return;
			const closing = worker;
			closing.removeAllListeners();
			// Closing while it still opens the file (or after the file is gone) must not surface as an error.
			closing.on('error', () => undefined);
			closing.unref();
			worker = undefined;
			closing.postMessage('close');
		},
	};
}
