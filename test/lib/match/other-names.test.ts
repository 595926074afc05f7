/**
 * Other names on accounts, siblings on a shared domain and countries written in a lead's company name. Names, domains,
 * places and parent links are from the Research Organization Registry (ROR, https://ror.org, CC0); the expected account
 * was written from the registry before running.
 */
import { accountReader } from '../../../lib/match/accounts';
import { buildAccountIndex } from '../../../lib/match/account-index';
import { AccountMatcher } from '../../../lib/match/matcher';
import { DEFAULT_SETTINGS, type AccountMapping, type Json } from '../../../lib/match/types';

function matcher(accounts: Json[], mapping: AccountMapping = { preset: 'plain' }): AccountMatcher {
	const read = accountReader(mapping);
	return new AccountMatcher(buildAccountIndex(accounts, read), accounts, read, DEFAULT_SETTINGS);
}

describe('other names on accounts', () => {
	const accounts: Json[] = [
		{
			id: '013bkhk48',
			name: 'Université Paris Nanterre',
			domain: 'parisnanterre.fr',
			country: 'France',
			otherNames: ['Paris Nanterre University', 'Paris X Nanterre'],
		},
		{
			id: '00ysfqy60',
			name: 'Oregon State University',
			domain: 'oregonstate.edu',
			country: 'United States',
			city: 'Corvallis',
			otherNames: ['OSU'],
		},
		{
			id: '00rs6vg23',
			name: 'The Ohio State University',
			domain: 'osu.edu',
			country: 'United States',
			city: 'Columbus',
			otherNames: 'OSU; Universidad Estatal de Ohio',
		},
	];
	const m = matcher(accounts);

	it('matches a lead that writes a name the account is also known by', () => {
		const { route, match } = m.match({ company: 'Paris X Nanterre', email: 'jane@gmail.com' });
		expect(route).toBe('matched');
		expect(match).toMatchObject({ accountId: '013bkhk48', method: 'exactName' });
		expect(match.reason).toMatch(/a name the account is also known by/);
		// A text field with several names separated by ";" is read as a list.
		expect(m.match({ company: 'Universidad Estatal de Ohio' }).match.accountId).toBe('00rs6vg23');
	});

	it('still wants an agreeing field for an acronym that two accounts list', () => {
		expect(m.match({ company: 'OSU', email: 'jane@gmail.com' }).route).toBe('unmatched');
		expect(m.match({ company: 'OSU', city: 'Corvallis' }).match).toMatchObject({
			accountId: '00ysfqy60',
			method: 'acronym',
		});
	});

	it('reads other names through a custom path', () => {
		const custom = matcher(
			[{ key: 'a1', title: 'Oregon State University', extra: { aka: ['Universidad Estatal de Oregón'] } }],
			{
				preset: 'custom',
				paths: { id: 'key', name: 'title', otherNames: 'extra.aka' },
			},
		);
		expect(custom.match({ company: 'Universidad Estatal de Oregón' }).match.accountId).toBe('a1');
	});
});

describe('accounts on a shared domain', () => {
	it('takes the unit when the lead names both a unit and its parent', () => {
		const m = matcher([
			{ id: '05nkf0n29', name: 'University of New Brunswick', domain: 'unb.ca', country: 'Canada' },
			{
				id: '04g3hdh17',
				name: 'Atlantic Institute for Policy Research',
				domain: 'unb.ca',
				parentId: '05nkf0n29',
				country: 'Canada',
			},
			{
				id: 'other-unit',
				name: 'Faculty of Forestry and Environmental Management',
				domain: 'unb.ca',
				parentId: '05nkf0n29',
			},
		]);
		const { match } = m.match({
			company: 'Atlantic Institute for Policy Research at the University of New Brunswick',
			email: 'jane@unb.ca',
		});
		expect(match.accountId).toBe('04g3hdh17');
		expect(m.match({ company: 'University of New Brunswick', email: 'jane@unb.ca' }).match.accountId).toBe('05nkf0n29');
	});

	it("reads a lead written as a unit's initials as naming that unit", () => {
		const m = matcher([
			{ id: '013bkhk48', name: 'Université Paris Nanterre', domain: 'parisnanterre.fr' },
			{
				id: '00ae7xs76',
				name: 'Laboratoire énergétique mécanique électromagnétisme',
				domain: 'parisnanterre.fr',
				parentId: '013bkhk48',
			},
		]);
		expect(m.match({ company: 'LEME', email: 'jane@parisnanterre.fr' }).match.accountId).toBe('00ae7xs76');
	});

	it('does not take a sibling whose name differs only in the word that tells them apart', () => {
		const m = matcher([
			{ id: '00davry38', name: 'Tecnológico Nacional de México', domain: 'tecnm.mx' },
			{ id: '02sftkh09', name: 'Instituto Tecnológico Superior de Centla', domain: 'tecnm.mx', parentId: '00davry38' },
			{
				id: 'sibling-2',
				name: 'Instituto Tecnológico Superior de Huauchinango',
				domain: 'tecnm.mx',
				parentId: '00davry38',
			},
			{
				id: 'sibling-3',
				name: 'Instituto Tecnológico Superior de Zacapoaxtla',
				domain: 'tecnm.mx',
				parentId: '00davry38',
			},
		]);
		// Misantla is another institute of the same system and not an account: its family's account, not Centla.
		const { match } = m.match({ company: 'Instituto Tecnologico Superior de Misantla', email: 'jane@tecnm.mx' });
		expect(match.accountId).toBe('00davry38');
		expect(
			m.match({ company: 'Instituto Tecnologico Superior de Centla', email: 'jane@tecnm.mx' }).match.accountId,
		).toBe('02sftkh09');
	});
});

describe("a country written in the lead's company name", () => {
	it("is not matched by domain to the same company's account in another country", () => {
		const m = matcher([{ id: '04pg1df08', name: 'Biogen (Belgium)', domain: 'biogen.com', country: 'Belgium' }]);
		expect(m.match({ company: 'Biogen (United States)', email: 'jane@biogen.com' }).route).toBe('unmatched');
		expect(m.match({ company: 'Biogen', email: 'jane@biogen.com' }).match.accountId).toBe('04pg1df08');
		expect(m.match({ company: 'Biogen (Belgium)', email: 'jane@biogen.com' }).match.accountId).toBe('04pg1df08');
	});
});
