/**
 * Serializes async critical sections per key inside this process. Overlapping executions of one n8n instance
 * run in the same event loop, so a promise chain per key is enough to make read-modify-write exact.
 */
const tails = new Map<string, Promise<unknown>>();

export async function withLocalLock<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	const run = previous.then(fn, fn);
	const tail = run.then(
		() => undefined,
		() => undefined,
	);
	tails.set(key, tail);
	try {
		return await run;
	} finally {
		if (tails.get(key) === tail) tails.delete(key);
	}
}

/** Whether a critical section for `key` is running or queued (callers may then run synchronous work directly). */
export function isLocalLockBusy(key: string): boolean {
	return tails.has(key);
}
