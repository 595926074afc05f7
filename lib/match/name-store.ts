/**
 * Normalized account names packed as UTF-8 with offsets: a million names cost their bytes plus four bytes each,
 * instead of a million heap strings the garbage collector has to walk. The bytes sit in chunks that are filled and
 * never copied, so the store needs no spare room sized in advance and no trimming copy at the end.
 */
const CHUNK = 1 << 20;

export class NameStore {
	private readonly chunks: Buffer[] = [];
	/** Offset of each chunk's first byte; a name never spans two chunks. */
	private readonly bases: number[] = [];
	/** End offset of each name; its start is the previous name's end. */
	private readonly ends: Int32Array;
	private used = 0;
	private room = 0;
	private count = 0;

	constructor(private readonly size: number) {
		this.ends = new Int32Array(size);
	}

	push(name: string): void {
		// UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
		const need = name.length * 3;
		if (this.used + need > this.room) {
			// A small account list gets a small first chunk, not a megabyte.
			const chunk = Buffer.allocUnsafe(Math.max(need, this.chunks.length ? CHUNK : Math.min(CHUNK, this.size * 16)));
			this.chunks.push(chunk);
			this.bases.push(this.used);
			this.room = this.used + chunk.length;
		}
		if (name.length) {
			const last = this.chunks.length - 1;
			this.used += this.chunks[last].write(name, this.used - this.bases[last], 'utf8');
		}
		this.ends[this.count++] = this.used;
	}

	/** Length in bytes, without decoding (a cheap tie-break between equally good candidates). */
	byteLength(i: number): number {
		return this.ends[i] - (i > 0 ? this.ends[i - 1] : 0);
	}

	get(i: number): string {
		const start = i > 0 ? this.ends[i - 1] : 0;
		const end = this.ends[i];
		if (end === start) return '';
		let lo = 0;
		let hi = this.bases.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >>> 1;
			if (this.bases[mid] <= start) lo = mid;
			else hi = mid - 1;
		}
		return this.chunks[lo].toString('utf8', start - this.bases[lo], end - this.bases[lo]);
	}
}
