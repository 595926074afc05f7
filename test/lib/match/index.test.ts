import fc from 'fast-check';
import { accountReader } from '../../../lib/match/accounts';
import { buildAccountIndex, fuzzyCandidates, keyOf, scratchFor } from '../../../lib/match/account-index';
import { clearIndexCache, getAccountIndex, indexBuildCount } from '../../../lib/match/cache';
import { normalizeCompanyName } from '../../../lib/text/company';
import type { Json } from '../../../lib/match/types';

const read = accountReader({ preset: 'plain' });
const word = fc.constantFrom(
	'acme',
	'globex',
	'initech',
	'umbrella',
	'hooli',
	'stark',
	'wayne',
	'labs',
	'group',
	'systems',
	'inc',
);

describe('account index', () => {
	it('finds by exact name exactly the accounts a full scan finds', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 60 }),
				fc.array(word, { minLength: 1, maxLength: 3 }),
				(names, query) => {
					const items: Json[] = names.map((parts, i) => ({ id: `a${i}`, name: parts.join(' ') }));
					const index = buildAccountIndex(items, read);
					const key = normalizeCompanyName(query.join(' '));
					const viaIndex = index.byName.get(keyOf.name(key)).filter((i) => index.names.get(i) === key);
					const viaScan = items
						.map((item, i) => (normalizeCompanyName(item.name) === key ? i : -1))
						.filter((i) => i >= 0);
					expect(viaIndex).toEqual(viaScan);
				},
			),
		);
	});

	it('lists the accounts naming each parent exactly as a full scan does, never an account as its own', () => {
		fc.assert(
			fc.property(fc.array(fc.option(fc.nat(9), { nil: undefined }), { maxLength: 40 }), (parents) => {
				const items: Json[] = parents.map((parent, i) => ({
					id: `a${i}`,
					name: `Account ${i}`,
					...(parent === undefined ? {} : { parentId: `a${parent}` }),
				}));
				const index = buildAccountIndex(items, read);
				for (let p = 0; p < 10; p++) {
					const viaIndex = index.byParent.get(keyOf.id(`a${p}`)).filter((i) => items[i].parentId === `a${p}`);
					const viaScan = items.map((item, i) => (item.parentId === `a${p}` && i !== p ? i : -1)).filter((i) => i >= 0);
					expect(viaIndex).toEqual(viaScan);
				}
			}),
		);
	});

	it('finds a misspelled account among many through its rare words', () => {
		const items: Json[] = Array.from({ length: 2000 }, (_, i) => ({
			id: `a${i}`,
			name: `Company ${i.toString(36)}x Systems`,
		}));
		items.push({ id: 'target', name: 'Quantumleap Dynamics Systems' });
		const index = buildAccountIndex(items, read);
		const found = fuzzyCandidates(index, ['quantumlaep', 'dynamics', 'systems'], 5, scratchFor(index));
		expect(found[0]).toBe(2000);
	});

	it('reuses the cached index for the same accounts and rebuilds when they change', () => {
		clearIndexCache();
		const mapping = { preset: 'plain' as const };
		const first = [{ id: '1', name: 'Acme', domain: 'acme.com' }];
		const before = indexBuildCount();
		expect(getAccountIndex(first, read, mapping).cached).toBe(false);
		expect(
			getAccountIndex([{ id: '1', name: 'Acme', domain: 'acme.com', ownerId: 'other' }], read, mapping).cached,
		).toBe(true);
		expect(getAccountIndex([{ id: '1', name: 'Acme Two', domain: 'acme.com' }], read, mapping).cached).toBe(false);
		expect(
			getAccountIndex([{ id: '1', name: 'Acme Two', domain: 'acme.com', street: '1 Main St' }], read, mapping).cached,
		).toBe(false);
		expect(getAccountIndex(first, read, { preset: 'auto' }).cached).toBe(false);
		expect(getAccountIndex(first, read, mapping, false).cached).toBe(false);
		expect(indexBuildCount() - before).toBe(5);
	});
});
