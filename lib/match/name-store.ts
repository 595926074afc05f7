/**
 * Normalized account names packed as UTF-8 in one buffer with offsets: a million names cost their bytes plus
 * four bytes each, instead of a million heap strings the garbage collector has to walk.
 */
export class NameStore {
	private bytes: Buffer;
	private readonly ends: Int32Array;
	private used = 0;
	private count = 0;

	constructor(size: number) {
		this.bytes = Buffer.allocUnsafe(Math.max(1024, size * 24));
		this.ends = new Int32Array(size);
	}

	push(name: string): void {
		const need = this.used + name.length * 3;
		if (need > this.bytes.length) {
			const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
			this.bytes.copy(grown, 0, 0, this.used);
			this.bytes = grown;
		}
		this.used += name.length ? this.bytes.write(name, this.used, 'utf8') : 0;
		this.ends[this.count++] = this.used;
	}

	/** Trims the spare capacity once every name is in. */
	seal(): this {
		if (this.bytes.length > this.used * 1.1 + 1024) {
			const exact = Buffer.allocUnsafe(this.used);
			this.bytes.copy(exact, 0, 0, this.used);
			this.bytes = exact;
		}
		return this;
	}

	/** Length in bytes, without decoding (a cheap tie-break between equally good candidates). */
	byteLength(i: number): number {
		return this.ends[i] - (i > 0 ? this.ends[i - 1] : 0);
	}

	get(i: number): string {
		const start = i > 0 ? this.ends[i - 1] : 0;
		const end = this.ends[i];
		return end > start ? this.bytes.toString('utf8', start, end) : '';
	}
}
