import fc from 'fast-check';
import { hashString, PostingsBuilder } from '../../../lib/match/postings';

describe('hash postings', () => {
	it('returns exactly the values added under each key, in insertion order', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.nat(1000)), { maxLength: 300 }), (pairs) => {
				const builder = new PostingsBuilder(4);
				const expected = new Map<number, number[]>();
				for (const [key, value] of pairs) {
					const k = key === 0 ? 1 : key;
					builder.add(k, value);
					expected.set(k, [...(expected.get(k) ?? []), value]);
				}
				const postings = builder.build();
				for (const [key, values] of expected) expect(postings.get(key)).toEqual(values);
				expect(postings.get(12345)).toEqual([]);
				expect(postings.count(99)).toBe(0);
			}),
		);
	});

	it('hashes strings to non-zero 32-bit values that depend on the seed', () => {
		expect(hashString('')).not.toBe(0);
		expect(hashString('acme', 1)).not.toBe(hashString('acme', 2));
		expect(hashString('acme')).toBe(hashString('acme'));
	});
});
