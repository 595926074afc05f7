/**
 * Compact key → account-number lists for up to millions of accounts: keys are 32-bit string hashes, each list a slice
 * of one array of values. A hash can collide, so callers verify exact hits against the account itself; for fuzzy
 * candidates a collision only adds a candidate that rescoring drops.
 *
 * Two directories over such lists, both built in two passes over the same pairs (count, then place), so no pairs are
 * held in between. Ids, domains, names and acronyms sit in a sorted array found by binary search: 8 bytes an account
 * where an open-addressing table at half load cost 20. Name words, few keys with long lists looked up for every word of
 * every lead, keep an open-addressing table, whose slot order is also the order account weights are summed in.
 */

/** FNV-1a with a murmur finaliser, of text.slice(start, end) without slicing; never returns 0, which marks an empty slot. */
export function hashString(text: string, seed = 0, start = 0, end = text.length): number {
	let h = (0x811c9dc5 ^ seed) | 0;
	for (let i = start; i < end; i++) {
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
	/** [start, end) of the key's list among all values, empty when the key is absent. */
	abstract range(key: number): [number, number];

	/** The value at position p of all lists. */
	abstract value(p: number): number;

	count(key: number): number {
		const [start, end] = this.range(key);
		return end - start;
	}

	get(key: number): number[] {
		const [start, end] = this.range(key);
		const out: number[] = [];
		for (let p = start; p < end; p++) out.push(this.value(p));
		return out;
	}
}

/** First position in the ascending `keys` whose key is not below `key`. */
function lowerBound(keys: Int32Array, key: number): number {
	let lo = 0;
	let hi = keys.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (keys[mid] < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Keys in ascending order. Mostly distinct keys sit inline, one for each value (a key is repeated for each value of its
 * list); when a few keys hold most values, each key appears once and `starts` says where its list begins.
 */
export class SortedPostings extends Postings {
	constructor(
		private readonly keys: Int32Array,
		private readonly starts: Int32Array | undefined,
		private readonly values: Int32Array,
	) {
		super();
	}

	range(key: number): [number, number] {
		const at = lowerBound(this.keys, key);
		if (at === this.keys.length || this.keys[at] !== key) return [0, 0];
		if (this.starts) return [this.starts[at], this.starts[at + 1]];
		return [at, this.keys[at + 1] === key ? lowerBound(this.keys, key + 1) : at + 1];
	}

	value(p: number): number {
		return this.values[p];
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
		// Inline costs 4 bytes a value, once-each-with-starts 8 bytes a distinct key.
		if (distinct * 2 >= n) return new SortedPostings(keys, undefined, values);
		const starts = new Int32Array(distinct + 1);
		let d = 0;
		for (let i = 0; i < n; i++) {
			if (i > 0 && keys[i] === keys[i - 1]) continue;
			keys[d] = keys[i];
			starts[d++] = i;
		}
		starts[d] = n;
		return new SortedPostings(keys.slice(0, d), starts, values);
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

// Values below this take 3 bytes, not 4: the word index holds several million account numbers at a million accounts.
const PACKED_BOUND = 1 << 24;

/** Non-negative values below a bound fixed up front, 3 bytes each when the bound allows. */
class Values {
	private readonly bytes: Uint8Array;
	private readonly ints: Int32Array;
	private readonly packed: boolean;

	constructor(
		length: number,
		private readonly bound: number,
	) {
		this.packed = bound <= PACKED_BOUND;
		this.bytes = new Uint8Array(this.packed ? length * 3 : 0);
		this.ints = new Int32Array(this.packed ? 0 : length);
	}

	get(p: number): number {
		if (!this.packed) return this.ints[p];
		const b = p * 3;
		return this.bytes[b] | (this.bytes[b + 1] << 8) | (this.bytes[b + 2] << 16);
	}

	set(p: number, value: number): void {
		if (!(value >= 0 && value < this.bound && Number.isInteger(value)))
			throw new RangeError(`value ${value} out of range`);
		if (!this.packed) {
			this.ints[p] = value;
			return;
		}
		const b = p * 3;
		this.bytes[b] = value & 0xff;
		this.bytes[b + 1] = (value >>> 8) & 0xff;
		this.bytes[b + 2] = value >>> 16;
	}
}

/** Open addressing over the distinct keys; lists are stored in slot order. */
export class HashPostings extends Postings {
	constructor(
		private readonly slotKeys: Int32Array,
		private readonly starts: Int32Array,
		private readonly values: Values,
	) {
		super();
	}

	range(key: number): [number, number] {
		const slot = probe(this.slotKeys, key);
		return this.slotKeys[slot] === 0 ? [0, 0] : [this.starts[slot], this.starts[slot + 1]];
	}

	value(p: number): number {
		return this.values.get(p);
	}

	/** Every list as [start, end) of the values, in slot order. */
	forEachList(visit: (start: number, end: number) => void): void {
		for (let slot = 0; slot < this.slotKeys.length; slot++) {
			if (this.slotKeys[slot] !== 0) visit(this.starts[slot], this.starts[slot + 1]);
		}
	}
}

/**
 * HashPostings from the same two passes as PostingsBuilder, for values in [0, bound); only the table of distinct keys
 * lives between the passes.
 */
export class HashPostingsBuilder implements TwoPassBuilder {
	// The table is sized by distinct keys, found by growing it, not by pairs: most words repeat.
	private slotKeys: Int32Array = new Int32Array(16);
	private counts: Int32Array = new Int32Array(16);
	private distinct = 0;
	private total = 0;
	private placing: { starts: Int32Array; values: Values; placed: number } | undefined;

	constructor(private readonly bound: number) {}

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

	private place(key: number, value: number, placing: { starts: Int32Array; values: Values; placed: number }): void {
		const slot = probe(this.slotKeys, key);
		// Once placing, counts[slot] is the slot's next free position.
		if (this.slotKeys[slot] === 0 || this.counts[slot] === placing.starts[slot + 1])
			throw new Error('a pair placed that was not counted');
		placing.values.set(this.counts[slot]++, value);
		placing.placed++;
	}

	build(): HashPostings {
		const { starts, values, placed } = this.placing ?? this.startPlacing();
		if (placed !== this.total) throw new Error(`placed ${placed} of ${this.total} counted pairs`);
		return new HashPostings(this.slotKeys, starts, values);
	}

	private startPlacing(): { starts: Int32Array; values: Values; placed: number } {
		if (this.placing) throw new Error('placeNext() called twice');
		const capacity = this.slotKeys.length;
		const starts = new Int32Array(capacity + 1);
		for (let s = 0; s < capacity; s++) starts[s + 1] = starts[s] + this.counts[s];
		this.counts.set(starts.subarray(0, capacity));
		this.placing = { starts, values: new Values(this.total, this.bound), placed: 0 };
		return this.placing;
	}
}
