/**
 * Compact key → account-number lists for up to millions of accounts: keys are 32-bit string hashes in an
 * open-addressing table, lists are slices of one Int32Array. A hash can collide, so callers verify exact hits
 * against the account itself; for fuzzy candidates a collision only adds a candidate that rescoring drops.
 */

/** FNV-1a with a murmur finaliser; never returns 0, which marks an empty slot. */
export function hashString(text: string, seed = 0): number {
	let h = (0x811c9dc5 ^ seed) | 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h === 0 ? 1 : h;
}

export class PostingsBuilder {
	private keys: Int32Array;
	private values: Int32Array;
	private length = 0;

	constructor(expected = 1024) {
		this.keys = new Int32Array(Math.max(16, expected));
		this.values = new Int32Array(Math.max(16, expected));
	}

	add(key: number, value: number): void {
		if (this.length === this.keys.length) {
			const keys = new Int32Array(this.keys.length * 2);
			keys.set(this.keys);
			this.keys = keys;
			const values = new Int32Array(this.values.length * 2);
			values.set(this.values);
			this.values = values;
		}
		this.keys[this.length] = key;
		this.values[this.length] = value;
		this.length++;
	}

	build(): Postings {
		let capacity = 16;
		while (capacity < this.length * 1.5) capacity *= 2;
		const slotKeys = new Int32Array(capacity);
		const starts = new Int32Array(capacity + 1);
		const mask = capacity - 1;
		const slotOf = new Int32Array(this.length);
		for (let i = 0; i < this.length; i++) {
			const key = this.keys[i];
			let slot = key & mask;
			while (slotKeys[slot] !== 0 && slotKeys[slot] !== key) slot = (slot + 1) & mask;
			slotKeys[slot] = key;
			starts[slot + 1]++;
			slotOf[i] = slot;
		}
		for (let s = 0; s < capacity; s++) starts[s + 1] += starts[s];
		const cursor = starts.slice(0, capacity);
		const values = new Int32Array(this.length);
		for (let i = 0; i < this.length; i++) values[cursor[slotOf[i]]++] = this.values[i];
		return new Postings(slotKeys, starts, values);
	}
}

export class Postings {
	private readonly mask: number;

	constructor(
		private readonly slotKeys: Int32Array,
		private readonly starts: Int32Array,
		readonly values: Int32Array,
	) {
		this.mask = slotKeys.length - 1;
	}

	private slot(key: number): number {
		let slot = key & this.mask;
		while (this.slotKeys[slot] !== 0) {
			if (this.slotKeys[slot] === key) return slot;
			slot = (slot + 1) & this.mask;
		}
		return -1;
	}

	/** [start, end) into `values`, empty when the key is absent. */
	range(key: number): [number, number] {
		const slot = this.slot(key);
		return slot < 0 ? [0, 0] : [this.starts[slot], this.starts[slot + 1]];
	}

	count(key: number): number {
		const [start, end] = this.range(key);
		return end - start;
	}

	get(key: number): number[] {
		const [start, end] = this.range(key);
		return Array.from(this.values.subarray(start, end));
	}
}
