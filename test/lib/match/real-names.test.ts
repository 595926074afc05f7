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
		{
			id: '00hj54h04',
			name: 'The University of Texas at Austin',
			domain: 'utexas.edu',
			country: 'United States',
			city: 'Austin',
		},
		{
			id: '03jv5sw97',
			name: 'Texas Advanced Computing Center',
			domain: 'utexas.edu',
			parentId: '00hj54h04',
			country: 'United States',
		},
		{
			id: '03gn1ze42',
			name: 'Oden Institute for Computational Engineering and Sciences',
			domain: 'utexas.edu',
			parentId: '00hj54h04',
		},
	];
	const m = matcher(accounts);

	it('picks the child the lead names, not the parent, on raw name scores', () => {
		const { route, match } = m.match({ company: 'Texas Advanced Computing Center', email: 'jane@utexas.edu' });
		expect(route).toBe('matched');
		expect(match).toMatchObject({ accountId: '03jv5sw97', method: 'domain' });
		expect(match.reason).toMatch(/the lead names this one/);
		// A shortened name scores below 0.9: a floor at 0.9 on every candidate made the parent win this one.
		const parks = matcher([
			{ id: '044zqqy65', name: 'National Park Service', domain: 'nps.gov' },
			{
				id: '00gmqvy12',
				name: 'Gates of the Arctic National Park and Preserve',
				domain: 'nps.gov',
				parentId: '044zqqy65',
			},
			{ id: '04jzvqk45', name: 'Yellowstone National Park', domain: 'nps.gov', parentId: '044zqqy65' },
		]);
		expect(parks.match({ company: 'Gates of the Arctic National Park', email: 'ranger@nps.gov' }).match.accountId).toBe(
			'00gmqvy12',
		);
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
		expect(matcher(krea).match({ company: 'Krea University', email: 'jane@krea.edu.in' }).match.accountId).toBe(
			'05jfsqg68',
		);
	});
});

describe('geography as evidence', () => {
	it('a name that exists in several countries matches only where the lead is', () => {
		const m = matcher([
			{ id: '05fdbb909', name: 'Ministry of Foreign Affairs', country: 'Netherlands', city: 'The Hague' },
			{ id: '04jx6q023', name: 'Ministry of Foreign Affairs', country: 'Japan', city: 'Tokyo' },
		]);
		expect(m.match({ company: 'Ministry of Foreign Affairs', country: 'NL' }).match).toMatchObject({
			accountId: '05fdbb909',
			method: 'exactName',
		});
		expect(m.match({ company: 'Ministry of Foreign Affairs', country: 'DK' }).route).toBe('unmatched');
		expect(m.match({ company: 'Ministry of Foreign Affairs' }).route).toBe('unmatched');
	});

	it("a country in the name's trailing qualifier is geography, not part of the name", () => {
		const m = matcher([
			{ id: '01qat3e77', name: 'Eli Lilly (United States)', domain: 'lilly.com' },
			{ id: '02hhtwd49', name: 'Eli Lilly (Portugal)', domain: 'lilly.com', parentId: '01qat3e77' },
			{ id: '0556fd019', name: 'Holland & Knight (United States)', domain: 'hklaw.com' },
			{ id: '04xga5q28', name: 'Holland and Knight (United Arab Emirates)', parentId: '0556fd019' },
		]);
		expect(m.match({ company: 'Eli Lilly (Portugal)', email: 'ana@lilly.com' }).match.accountId).toBe('02hhtwd49');
		expect(m.match({ company: 'Eli Lilly', email: 'ana@lilly.com', country: 'PT' }).match.accountId).toBe('02hhtwd49');
		const uae = m.match({ company: 'Holland and Knight (United Arab Emirates)', email: 'sam@hklaw.com' }).match;
		expect(uae.accountId).toBe('04xga5q28');
		expect(uae.reason).toMatch(/differ in country/);
	});

	it("a unit abroad on the parent's domain is not the parent unless the lead names it", () => {
		// Word rarity comes from the accounts: here the other Indian Institutes of Technology make "delhi" the word that counts.
		const others = [
			'Bombay',
			'Madras',
			'Kanpur',
			'Kharagpur',
			'Roorkee',
			'Guwahati',
			'Hyderabad',
			'Indore',
			'Mandi',
			'Patna',
			'Ropar',
			'Jodhpur',
			'Gandhinagar',
			'Bhubaneswar',
		].map((city, n) => ({ id: `iit-${n}`, name: `Indian Institute of Technology ${city}`, country: 'India' }));
		const m = matcher([
			{ id: '049tgcd06', name: 'Indian Institute of Technology Delhi', domain: 'iitd.ac.in', country: 'India' },
			...others,
		]);
		const abroad = m.match({
			company: 'Indian Institute of Technology Delhi Abu Dhabi',
			email: 'dean@iitd.ac.in',
			country: 'AE',
		});
		expect(abroad.route).toBe('unmatched');
		expect(abroad.match.reason).toMatch(/in IN, but the lead is in AE/);
		expect(m.match({ company: 'IIT Delhi', email: 'dean@iitd.ac.in', country: 'IN' }).match.accountId).toBe(
			'049tgcd06',
		);
		expect(
			m.match({ company: 'Indian Institute of Technology Delhi', email: 'visiting@iitd.ac.in', country: 'AE' }).match
				.accountId,
		).toBe('049tgcd06');
		expect(m.match({ email: 'someone@iitd.ac.in', country: 'AE' }).match.accountId).toBe('049tgcd06');
	});
});

describe('acronyms need corroboration', () => {
	const m = matcher([
		{ id: '05f2ywb48', name: 'Maryland Institute College of Art', country: 'United States', city: 'Baltimore' },
		{ id: 'zu-account', name: 'Zú', country: 'Spain' },
	]);

	it('an acronym alone, or in another country, is not enough', () => {
		expect(m.match({ company: 'MICA' }).route).toBe('unmatched');
		expect(m.match({ company: 'MICA', country: 'FR', city: 'Grenoble' }).route).toBe('unmatched');
		expect(m.match({ company: 'MICA', country: 'US' }).route).toBe('unmatched');
	});

	it('an acronym with an agreeing city (or domain, phone …) matches and says so', () => {
		const { route, match } = m.match({ company: 'MICA', city: 'Baltimore', country: 'US' });
		expect(route).toBe('matched');
		expect(match).toMatchObject({ accountId: '05f2ywb48', method: 'acronym', evidence: ['acronym', 'city'] });
	});

	it('a full name is the acronym only of an account written in capitals', () => {
		expect(m.match({ company: 'Zhaotong University', country: 'ES', city: 'Madrid' }).route).toBe('unmatched');
	});
});

describe('names in another script', () => {
	// University of Jinan and Peking University (ROR 02mjz6f26, 02v51f717) as a CRM in China holds them, under their
	// Chinese labels; the lead writes the university's pinyin alias from ROR.
	const m = matcher(
		[
			{ id: '02mjz6f26', name: '济南大学', country: 'China', city: 'Jinan' },
			{ id: '02v51f717', name: '北京大学', country: 'China', city: 'Beijing' },
		],
		{ reviewOutput: true },
	);

	it('finds the account named in Chinese characters for its name in Latin letters', () => {
		const { route, match } = m.match({ company: 'Jǐnán Dàxué', country: 'CN' });
		// A similar name alone is not a match: it goes to review with the account as the first candidate.
		expect(route).toBe('review');
		expect(match.candidates[0]).toMatchObject({ accountId: '02mjz6f26' });
		expect(match.candidates[0].score).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.fuzzyThreshold);
	});

	it('matches it when a corroborating field agrees', () => {
		const { route, match } = matcher([
			{ id: '02mjz6f26', name: '济南大学', domain: 'ujn.edu.cn', phone: '+86 531 8276 5000' },
		]).match({ company: 'Jinan Daxue', phone: '0531 8276 5000' });
		expect(route).toBe('matched');
		expect(match).toMatchObject({ accountId: '02mjz6f26', method: 'fuzzyName', evidence: ['fuzzyName', 'phone'] });
	});
});

describe('another unit on the lead’s domain', () => {
	// ROR: Wales Gene Park (cardiff.ac.uk) is hosted by Cardiff University; Białowieża National Park is bpn.com.pl,
	// "Białowieski Park Narodowy" in Polish.
	const m = matcher([
		{ id: 'wales-gene-park', name: 'Wales Gene Park', domain: 'cardiff.ac.uk', country: 'United Kingdom' },
		{ id: '03pcb8x76', name: 'Białowieża National Park', domain: 'bpn.com.pl', country: 'Poland' },
	]);

	it('the organisation the domain spells is not the unit the CRM holds on it', () => {
		const { route, match } = m.match({ company: 'Cardiff University', website: 'https://www.cardiff.ac.uk/' });
		expect(route).toBe('unmatched');
		expect(match.reason).toMatch(/"Wales Gene Park" has the lead's domain, but .*spells the domain cardiff\.ac\.uk/);
		expect(match.reason).toMatch(/another organisation or unit on the same domain/);
	});

	it('the unit itself, or a lead without a company, still matches by domain', () => {
		expect(m.match({ company: 'Wales Gene Park', email: 'info@cardiff.ac.uk' }).match.accountId).toBe(
			'wales-gene-park',
		);
		expect(m.match({ email: 'info@cardiff.ac.uk' }).match.accountId).toBe('wales-gene-park');
	});

	it('a name in another language whose initials spell the domain is the same organisation', () => {
		const { match } = m.match({ company: 'Białowieski Park Narodowy', email: 'sekretariat@bpn.com.pl' });
		expect(match).toMatchObject({ accountId: '03pcb8x76', method: 'domain' });
	});

	it('with the parent on the domain too, a unit of it goes to the parent it names', () => {
		const family = matcher([
			{ id: '03kk7td41', name: 'Cardiff University', domain: 'cardiff.ac.uk' },
			{ id: 'wales-gene-park', name: 'Wales Gene Park', domain: 'cardiff.ac.uk', parentId: '03kk7td41' },
		]);
		const lead = { company: 'Cardiff University Brain Research Imaging Centre', email: 'x@cardiff.ac.uk' };
		expect(family.match(lead).match.accountId).toBe('03kk7td41');
	});
});

describe('acronyms on a shared domain', () => {
	// ROR: the Pacific Island Ecosystems Research Center is a USGS unit on usgs.gov; Daegu Policy Institute is
	// dpi.re.kr, and "DPI" is also the acronym of the French Direction Patrimoine et Immobilier (no domain here).
	const m = matcher([
		{ id: '035a68863', name: 'United States Geological Survey', domain: 'usgs.gov', country: 'United States' },
		{
			id: '05dmdsb12',
			name: 'Pacific Island Ecosystems Research Center',
			domain: 'usgs.gov',
			parentId: '035a68863',
			country: 'United States',
		},
		{ id: 'daegu', name: 'Daegu Policy Institute', domain: 'dpi.re.kr', country: 'South Korea' },
		{ id: 'dpi-fr', name: 'Direction Patrimoine et Immobilier', otherNames: 'DPI', country: 'France' },
	]);

	it('a name ending in a unit’s initials names the unit, not the parent written before it', () => {
		expect(m.match({ company: 'USGS PIERC', email: 'jane@usgs.gov' }).match.accountId).toBe('05dmdsb12');
		// Without the unit's initials, the parent is preferred as before.
		expect(m.match({ company: 'USGS', email: 'jane@usgs.gov' }).match.accountId).toBe('035a68863');
	});

	it('an acronym listed on an account elsewhere does not compete with the accounts on the lead’s domain', () => {
		expect(m.match({ company: 'DPI', email: 'jane@dpi.re.kr', city: 'Daegu' }).match.accountId).toBe('daegu');
	});

	it('the region’s country is the lead’s country when it has no country field', () => {
		const werfen = matcher([{ id: 'werfen-es', name: 'Werfen (Spain)', domain: 'werfen.com', country: 'Spain' }]);
		expect(werfen.match({ company: 'Werfen USA', email: 'jane@werfen.com', region: 'US-MA' }).route).toBe('unmatched');
		expect(werfen.match({ company: 'Werfen', email: 'jane@werfen.com', region: 'ES-CT' }).match.accountId).toBe(
			'werfen-es',
		);
	});
});
