/**
 * Decisions on real organisation names. Names, domains, places and parent links are taken from the Research
 * Organization Registry (ROR, https://ror.org, CC0); the expected account was written from the registry before running.
 */
import { accountReader } from '../../../lib/match/accounts';
import { buildAccountIndex } from '../../../lib/match/account-index';
import { AccountMatcher } from '../../../lib/match/matcher';
import { DEFAULT_SETTINGS, type Json, type MatchSettings } from '../../../lib/match/types';

const read = accountReader({ preset: 'plain' });

function matcher(accounts: Json[], settings: Partial<MatchSettings> = {}): AccountMatcher {
	return new AccountMatcher(buildAccountIndex(accounts, read), accounts, read, { ...DEFAULT_SETTINGS, ...settings });
}

describe('shared domain: the account whose name fits the lead', () => {
	const accounts: Json[] = [
		{ id: '00hj54h04', name: 'The University of Texas at Austin', domain: 'utexas.edu', country: 'United States', city: 'Austin' },
		{ id: '03jv5sw97', name: 'Texas Advanced Computing Center', domain: 'utexas.edu', parentId: '00hj54h04', country: 'United States' },
		{ id: '03gn1ze42', name: 'Oden Institute for Computational Engineering and Sciences', domain: 'utexas.edu', parentId: '00hj54h04' },
	];
	const m = matcher(accounts);

	it('picks the child the lead names, not the parent, on raw name scores', () => {
		const { route, match } = m.match({ company: 'Texas Advanced Computing Center', email: 'jane@utexas.edu' });
		expect(route).toBe('matched');
		expect(match).toMatchObject({ accountId: '03jv5sw97', method: 'domain' });
		expect(match.reason).toMatch(/only this one has a similar name/);
		// A shortened name scores below 0.9: a floor at 0.9 on every candidate made the parent win this one.
		const parks = matcher([
			{ id: '044zqqy65', name: 'National Park Service', domain: 'nps.gov' },
			{ id: '00gmqvy12', name: 'Gates of the Arctic National Park and Preserve', domain: 'nps.gov', parentId: '044zqqy65' },
			{ id: '04jzvqk45', name: 'Yellowstone National Park', domain: 'nps.gov', parentId: '044zqqy65' },
		]);
		expect(parks.match({ company: 'Gates of the Arctic National Park', email: 'ranger@nps.gov' }).match.accountId).toBe('00gmqvy12');
	});

	it('takes the parent only when nothing tells the accounts apart', () => {
		expect(m.match({ email: 'jane@utexas.edu' }).match.accountId).toBe('00hj54h04');
		expect(m.match({ company: 'UT', email: 'jane@utexas.edu' }).match.accountId).toBe('00hj54h04');
	});

	it('brings in the child named exactly like the lead when only its parent carries the domain', () => {
		const krea: Json[] = [
			{ id: '05jfsqg68', name: 'Krea University', domain: 'krea.edu.in', country: 'India' },
			{ id: '03ss7h604', name: 'IFMR Graduate School of Business', parentId: '05jfsqg68', country: 'India' },
			{ id: 'x-other', name: 'IFMR Graduate School of Business', country: 'India', city: 'Elsewhere' },
		];
		const { match } = matcher(krea).match({ company: 'IFMR Graduate School of Business', email: 'jane@krea.edu.in' });
		expect(match).toMatchObject({ accountId: '03ss7h604', method: 'domain' });
		expect(matcher(krea).match({ company: 'Krea University', email: 'jane@krea.edu.in' }).match.accountId).toBe('05jfsqg68');
	});
});
