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

function probe(slotKeys: Int32Array, key: number): number {
	const mask = slotKeys.length - 1;
	let slot = key & mask;
	while (slotKeys[slot] !== 0 && slotKeys[slot] !== key) slot = (slot + 1) & mask;
	return slot;
}

function rehash(slotKeys: Int32Array, counts: Int32Array, capacity: number): [Int32Array, Int32Array] {
	const keys = new Int32Array(capacity);
	const newCounts = new Int32Array(capacity);
	for (let s = 0; s < slotKeys.length; s++) {
		if (slotKeys[s] === 0) continue;
		const slot = probe(keys, slotKeys[s]);
		keys[slot] = slotKeys[s];
		newCounts[slot] = counts[s];
	}
	return [keys, newCounts];
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
		// The table is sized by distinct keys, found by growing it, not by pairs: most words repeat.
		let capacity = 16;
		let slotKeys: Int32Array = new Int32Array(capacity);
		let counts: Int32Array = new Int32Array(capacity);
		let used = 0;
		for (let i = 0; i < this.length; i++) {
			if (used * 10 > capacity * 7) {
				capacity *= 2;
				[slotKeys, counts] = rehash(slotKeys, counts, capacity);
			}
			const slot = probe(slotKeys, this.keys[i]);
			if (slotKeys[slot] === 0) {
				slotKeys[slot] = this.keys[i];
				used++;
			}
			counts[slot]++;
		}
		const starts = new Int32Array(capacity + 1);
		for (let s = 0; s < capacity; s++) starts[s + 1] = starts[s] + counts[s];
		const cursor = counts;
		cursor.set(starts.subarray(0, capacity));
		const values = new Int32Array(this.length);
		for (let i = 0; i < this.length; i++) values[cursor[probe(slotKeys, this.keys[i])]++] = this.values[i];
		this.keys = new Int32Array(0);
		this.values = new Int32Array(0);
		this.length = 0;
		return new Postings(slotKeys, starts, values);
	}
}

export class Postings {
	constructor(
		private readonly slotKeys: Int32Array,
		private readonly starts: Int32Array,
		readonly values: Int32Array,
	) {}

	/** [start, end) into `values`, empty when the key is absent. */
	range(key: number): [number, number] {
		const slot = probe(this.slotKeys, key);
		return this.slotKeys[slot] === 0 ? [0, 0] : [this.starts[slot], this.starts[slot + 1]];
	}

	/** Every list as [start, end) into `values`. */
	forEachList(visit: (start: number, end: number) => void): void {
		for (let slot = 0; slot < this.slotKeys.length; slot++) {
			if (this.slotKeys[slot] !== 0) visit(this.starts[slot], this.starts[slot + 1]);
		}
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
