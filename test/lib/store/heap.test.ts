import fc from 'fast-check';
import { TimerHeap } from '../../../lib/store/static/heap';

// The static-data timer store pops due timers from this heap; a wrong order would emit a later level first or hold
// a due one back, so the heap is checked against a plain sort on random push/pop sequences.
describe('TimerHeap', () => {
	it('pops entries in due order, whatever the order of pushes and pops', () => {
		const op = fc.oneof(
			fc.record({ push: fc.integer({ min: -1000, max: 1000 }) }),
			fc.constant({ pop: true as const }),
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
				const heap = new TimerHeap();
				const model: number[] = [];
				ops.forEach((o, n) => {
					if ('push' in o) {
						heap.push({ at: o.push, key: `k${n}` });
						model.push(o.push);
						model.sort((a, b) => a - b);
					} else {
						expect(heap.pop()?.at).toBe(model.shift());
					}
					expect(heap.size).toBe(model.length);
					expect(heap.peek()?.at).toBe(model[0]);
				});
				const rest: number[] = [];
				for (let entry = heap.pop(); entry; entry = heap.pop()) rest.push(entry.at);
				expect(rest).toEqual(model);
			}),
		);
	});

	it('is empty after popping everything, and popping an empty heap gives nothing', () => {
		const heap = new TimerHeap();
		expect(heap.pop()).toBeUndefined();
		heap.push({ at: 5, key: 'a' });
		expect(heap.pop()).toEqual({ at: 5, key: 'a' });
		expect(heap.size).toBe(0);
		expect(heap.peek()).toBeUndefined();
	});
});
