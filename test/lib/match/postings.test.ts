import fc from 'fast-check';
import { hashString, HashPostingsBuilder, PostingsBuilder, type TwoPassBuilder } from '../../../lib/match/postings';

// Keys from a small range (many repeats, both signs, next to 0 and the sign bit) and from anywhere in 32 bits.
const key = fc.oneof(
	fc.integer({ min: -20, max: 20 }).filter((k) => k !== 0),
	fc.constantFrom(-0x80000000, 0x7fffffff, 0x10000, -0x10000, 0xffff),
	fc.integer({ min: -0x80000000, max: 0x7fffffff }).filter((k) => k !== 0),
);
const pairs = fc.array(fc.tuple(key, fc.nat(1000)), { maxLength: 300 });

function twoPasses<T extends TwoPassBuilder>(builder: T, added: ReadonlyArray<[number, number]>): T {
	for (const [k, value] of added) builder.add(k, value);
	builder.placeNext();
	for (const [k, value] of added) builder.add(k, value);
	return builder;
}

function expectedLists(added: ReadonlyArray<[number, number]>): Map<number, number[]> {
	const expected = new Map<number, number[]>();
	for (const [k, value] of added) expected.set(k, [...(expected.get(k) ?? []), value]);
	return expected;
}

describe.each([
	['sorted', () => new PostingsBuilder()],
	['hashed', () => new HashPostingsBuilder(5001)],
])('%s postings', (_, make) => {
	it('returns exactly the values placed under each key, in the order placed', () => {
		fc.assert(
			fc.property(pairs, fc.integer({ min: -0x80000000, max: 0x7fffffff }), (added, absent) => {
				const postings = twoPasses(make(), added).build();
				const expected = expectedLists(added);
				for (const [k, values] of expected) {
					expect(postings.get(k)).toEqual(values);
					expect(postings.count(k)).toBe(values.length);
				}
				if (absent !== 0 && !expected.has(absent)) expect(postings.range(absent)).toEqual([0, 0]);
			}),
		);
	});

	it('keeps a long list in order when other keys share its block', () => {
		// 5,000 values under one key and one under each of its neighbours: one block, sorted as a long one.
		const added: Array<[number, number]> = [];
		for (let i = 0; i < 5000; i++) added.push([77, i], [76 - (i % 3), i], [78 + (i % 5), 5000 - i]);
		const postings = twoPasses(make(), added).build();
		for (const [k, values] of expectedLists(added)) expect(postings.get(k)).toEqual(values);
	});

	it('refuses pairs that were not counted, or counted and never placed', () => {
		const builder = make();
		builder.add(5, 1);
		builder.placeNext();
		builder.add(5, 1);
		expect(() => builder.add(5, 2)).toThrow();
		expect(() => builder.placeNext()).toThrow();
		const short = make();
		short.add(5, 1);
		short.add(9, 1);
		short.placeNext();
		short.add(9, 1);
		expect(() => short.build()).toThrow();
	});
});

describe('hashString', () => {
	it('hashes strings to non-zero 32-bit values that depend on the seed', () => {
		expect(hashString('')).not.toBe(0);
		expect(hashString('acme', 1)).not.toBe(hashString('acme', 2));
		expect(hashString('acme')).toBe(hashString('acme'));
	});
});
