/** Shared benchmark helpers: timing, percentiles and a seeded random generator (no data downloaded at run time). */
import { performance } from 'perf_hooks';

export function percentile(sortedOrUnsorted: number[], p: number): number {
	if (!sortedOrUnsorted.length) return NaN;
	const sorted = [...sortedOrUnsorted].sort((a, b) => a - b);
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index];
}

export function median(values: number[]): number {
	return percentile(values, 50);
}

export async function timeMs<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await fn();
	return { ms: performance.now() - start, value };
}

/** mulberry32: small, fast, seeded; the same seed gives the same data on every machine. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)];
}

export function round(value: number, digits = 1): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

export function log(message: string): void {
	console.log(`  ${message}`);
}
