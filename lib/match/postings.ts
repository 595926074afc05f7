/**
 * Compact key → account-number lists for up to millions of accounts: keys are 32-bit string hashes, lists are
 * slices of one Int32Array. A hash can collide, so callers verify exact hits against the account itself; for fuzzy
 * candidates a collision only adds a candidate that rescoring drops.
 *
 * Two directories over the same lists. Keys that are nearly unique (ids, domains, names) sit in a sorted array found by
 * binary search: 8 bytes an account where an open-addressing table at half load costs 20. Name words, few keys with
 * long lists looked up for every word of every lead, keep the open-addressing table, built in two passes over the
 * same keys (count, then place) so no key/value pairs are held in between.
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

/**
 * Both builders take every pair twice: `add` each one (counted), `placeNext()`, then `add` the same pairs again (placed),
 * in any order. Only the counts are held in between, never the pairs.
 */
export interface TwoPassBuilder {
	add(key: number, value: number): void;
	placeNext(): void;
}

export abstract class Postings {
	constructor(readonly values: Int32Array) {}

	/** [start, end) into `values`, empty when the key is absent. */
	abstract range(key: number): [number, number];

	count(key: number): number {
		const [start, end] = this.range(key);
		return end - start;
	}

	get(key: number): number[] {
		const [start, end] = this.range(key);
		return Array.from(this.values.subarray(start, end));
	}
}

/** Keys in ascending order; `starts` is left out when every key has exactly one value (list i is values[i]). */
export class SortedPostings extends Postings {
	constructor(
		private readonly keys: Int32Array,
		private readonly starts: Int32Array | undefined,
		values: Int32Array,
	) {
		super(values);
	}

	range(key: number): [number, number] {
		const keys = this.keys;
		let lo = 0;
		let hi = keys.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (keys[mid] < key) lo = mid + 1;
			else hi = mid;
		}
		if (lo === keys.length || keys[lo] !== key) return [0, 0];
		return this.starts ? [this.starts[lo], this.starts[lo + 1]] : [lo, lo + 1];
	}
}

// Lists are placed by the top 16 bits of their key (sign bit flipped, for signed order), then sorted within each block.
const BLOCKS = 1 << 16;
const block = (key: number) => (key ^ 0x80000000) >>> 16;
// Blocks longer than this (a key many accounts share) are sorted with the built-in stable sort.
const SHORT_BLOCK = 32;

/** SortedPostings: only a histogram lives between the passes, and lists are written once, into their final arrays. */
export class PostingsBuilder implements TwoPassBuilder {
	/** Pairs counted in each block (at b + 1); from placeNext() on, where each block starts. */
	private readonly starts = new Int32Array(BLOCKS + 1);
	private total = 0;
	private placing: { cursor: Int32Array; keys: Int32Array; values: Int32Array; placed: number } | undefined;

	add(key: number, value: number): void {
		const placing = this.placing;
		if (!placing) {
			this.starts[block(key) + 1]++;
			this.total++;
			return;
		}
		const b = block(key);
		const at = placing.cursor[b]++;
		if (at === this.starts[b + 1]) throw new Error('a pair placed that was not counted');
		placing.keys[at] = key;
		placing.values[at] = value;
		placing.placed++;
	}

	build(): SortedPostings {
		const { keys, values, placed } = this.placing ?? this.startPlacing();
		if (placed !== this.total) throw new Error(`placed ${placed} of ${this.total} counted pairs`);
		for (let b = 0; b < BLOCKS; b++) sortBlock(keys, values, this.starts[b], this.starts[b + 1]);
		const n = keys.length;
		let distinct = 0;
		for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) distinct++;
		if (distinct === n) return new SortedPostings(keys, undefined, values);
		const starts = new Int32Array(distinct + 1);
		let d = 0;
		for (let i = 0; i < n; i++) {
			if (i > 0 && keys[i] === keys[i - 1]) continue;
			keys[d] = keys[i];
			starts[d++] = i;
		}
		starts[d] = n;
		// Compacted in place; copied out only when that frees most of the array (a few keys shared by many accounts).
		return new SortedPostings(d * 2 < n ? keys.slice(0, d) : keys.subarray(0, d), starts, values);
	}

	placeNext(): void {
		this.startPlacing();
	}

	private startPlacing(): { cursor: Int32Array; keys: Int32Array; values: Int32Array; placed: number } {
		if (this.placing) throw new Error('placeNext() called twice');
		for (let b = 0; b < BLOCKS; b++) this.starts[b + 1] += this.starts[b];
		this.placing = {
			cursor: this.starts.slice(0, BLOCKS),
			keys: new Int32Array(this.total),
			values: new Int32Array(this.total),
			placed: 0,
		};
		return this.placing;
	}
}

/** Stable sort of keys[start, end) by key, carrying values along: each list keeps the order its values were placed in. */
function sortBlock(keys: Int32Array, values: Int32Array, start: number, end: number): void {
	if (end - start <= SHORT_BLOCK) {
		for (let i = start + 1; i < end; i++) {
			const key = keys[i];
			const value = values[i];
			let j = i - 1;
			for (; j >= start && keys[j] > key; j--) {
				keys[j + 1] = keys[j];
				values[j + 1] = values[j];
			}
			keys[j + 1] = key;
			values[j + 1] = value;
		}
		return;
	}
	const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => keys[a] - keys[b] || a - b);
	const sortedKeys = order.map((i) => keys[i]);
	const sortedValues = order.map((i) => values[i]);
	keys.set(sortedKeys, start);
	values.set(sortedValues, start);
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

/** Open addressing over the distinct keys; lists are stored in slot order. */
export class HashPostings extends Postings {
	constructor(
		private readonly slotKeys: Int32Array,
		private readonly starts: Int32Array,
		values: Int32Array,
	) {
		super(values);
	}

	range(key: number): [number, number] {
		const slot = probe(this.slotKeys, key);
		return this.slotKeys[slot] === 0 ? [0, 0] : [this.starts[slot], this.starts[slot + 1]];
	}

	/** Every list as [start, end) into `values`, in slot order. */
	forEachList(visit: (start: number, end: number) => void): void {
		for (let slot = 0; slot < this.slotKeys.length; slot++) {
			if (this.slotKeys[slot] !== 0) visit(this.starts[slot], this.starts[slot + 1]);
		}
	}
}

/** HashPostings from the same two passes as PostingsBuilder; only the table of distinct keys lives between them. */
export class HashPostingsBuilder implements TwoPassBuilder {
	// The table is sized by distinct keys, found by growing it, not by pairs: most words repeat.
	private slotKeys: Int32Array = new Int32Array(16);
	private counts: Int32Array = new Int32Array(16);
	private distinct = 0;
	private total = 0;
	private placing: { starts: Int32Array; values: Int32Array; placed: number } | undefined;

	add(key: number, value: number): void {
		if (this.placing) {
			this.place(key, value, this.placing);
			return;
		}
		if (this.distinct * 10 > this.slotKeys.length * 7) {
			[this.slotKeys, this.counts] = rehash(this.slotKeys, this.counts, this.slotKeys.length * 2);
		}
		const slot = probe(this.slotKeys, key);
		if (this.slotKeys[slot] === 0) {
			this.slotKeys[slot] = key;
			this.distinct++;
		}
		this.counts[slot]++;
		this.total++;
	}

	placeNext(): void {
		this.startPlacing();
	}

	private place(key: number, value: number, placing: { starts: Int32Array; values: Int32Array; placed: number }): void {
		const slot = probe(this.slotKeys, key);
		// Once placing, counts[slot] is the slot's next free position.
		if (this.slotKeys[slot] === 0 || this.counts[slot] === placing.starts[slot + 1])
			throw new Error('a pair placed that was not counted');
		placing.values[this.counts[slot]++] = value;
		placing.placed++;
	}

	build(): HashPostings {
		const { starts, values, placed } = this.placing ?? this.startPlacing();
		if (placed !== this.total) throw new Error(`placed ${placed} of ${this.total} counted pairs`);
		return new HashPostings(this.slotKeys, starts, values);
	}

	private startPlacing(): { starts: Int32Array; values: Int32Array; placed: number } {
		if (this.placing) throw new Error('placeNext() called twice');
		const capacity = this.slotKeys.length;
		const starts = new Int32Array(capacity + 1);
		for (let s = 0; s < capacity; s++) starts[s + 1] = starts[s] + this.counts[s];
		this.counts.set(starts.subarray(0, capacity));
		this.placing = { starts, values: new Int32Array(this.total), placed: 0 };
		return this.placing;
	}
}
