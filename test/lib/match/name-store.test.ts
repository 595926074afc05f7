import fc from 'fast-check';
import { NameStore } from '../../../lib/match/name-store';

function roundTrip(names: readonly string[]): void {
	const store = new NameStore(names.length);
	for (const name of names) store.push(name);
	const wrong = names.filter((name, i) => store.get(i) !== name || store.byteLength(i) !== Buffer.byteLength(name));
	expect(wrong).toEqual([]);
}

describe('name store', () => {
	it('returns every name as pushed, empty and non-Latin ones included', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constant(''))), roundTrip),
		);
	});

	it('keeps names whole across many chunks, and one longer than a chunk', () => {
		const names = Array.from({ length: 120_000 }, (_, i) =>
			i % 7 === 0 ? '' : `nom ${i} société ${'ü'.repeat(i % 13)}`,
		);
		names.splice(60_000, 0, 'ab'.repeat(700_000), '𝔘'.repeat(300_000));
		roundTrip(names);
	});
});
