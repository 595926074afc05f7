/**
 * Runs `task(i)` for i = 0..count-1 with at most `limit` at a time, in index order of starting. Once `shouldStop()`
 * is true no further task starts (tasks already running finish), so a failing item stops a batch about as early as a
 * sequential loop would while independent leads still share the connection pool.
 */
export async function forEachLimited(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
	shouldStop: () => boolean,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}
