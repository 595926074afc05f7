/**
 * Evidence against a match by name: a lead writing from another organisation's business domain, or from another
 * country (stated, or implied by an international phone number or a country-code domain). Names, domains and
 * countries are taken from the Research Organization Registry (ROR, https://ror.org, CC0); the expected outcome was
 * written from the registry before running.
 */
import { accountReader } from '../../../lib/match/accounts';
import { buildAccountIndex } from '../../../lib/match/account-index';
import { leadKeys, sameNamedDomains } from '../../../lib/match/lead';
import { AccountMatcher } from '../../../lib/match/matcher';
import { DEFAULT_SETTINGS, type Json, type MatchSettings } from '../../../lib/match/types';

const read = accountReader({ preset: 'plain' });

function matcher(accounts: Json[], settings: Partial<MatchSettings> = {}): AccountMatcher {
	return new AccountMatcher(buildAccountIndex(accounts, read), accounts, read, { ...DEFAULT_SETTINGS, ...settings });
}

// Two ministries with one name (ROR 03jn2p430, 03emtbt60); the Bangladeshi one (0031khd05, most.gov.bd) is no account.
const ministries: Json[] = [
	{ id: '03jn2p430', name: 'Ministry of Science and Technology', domain: 'most.gov.pk', country: 'Pakistan' },
	{ id: '03emtbt60', name: 'Ministry of Science and Technology', domain: 'dst.gov.in', country: 'India' },
	// 02jnxpg76 lists the short name its staff write; Trinidad and Tobago's ministry (02tdkj582) is no account.
	{
		id: '02jnxpg76',
		name: "Ministry of Finance of the People's Republic of China",
		domain: 'mof.gov.cn',
		otherNames: ['Ministry of Finance'],
	},
];

describe("another organisation's business domain", () => {
	const m = matcher(ministries);

	it('stops an exact-name match when the lead writes from a domain the account does not have', () => {
		const { route, match } = m.match({ company: 'Ministry of Finance', email: 'jane.doe@finance.gov.tt' });
		expect(route).toBe('unmatched');
		expect(match.reason).toMatch(/writes from finance.gov.tt, the account's domain is mof.gov.cn/);
		// The same name under a public body's ending in another country is another body (most.gov.pk / most.gov.bd).
		expect(m.match({ company: 'Ministry of Science and Technology', email: 'a@most.gov.bd' }).route).toBe('unmatched');
	});

	it('still matches by name from free-mail, and by domain from the account’s own domain', () => {
		const { route, match } = m.match({ company: 'Ministry of Finance', email: 'jane.doe@gmail.com' });
		expect(route).toBe('matched');
		expect(match.accountId).toBe('02jnxpg76');
		expect(m.match({ company: 'Ministry of Science and Technology', email: 'a@dst.gov.in' }).match.accountId).toBe(
			'03emtbt60',
		);
	});

	it('does not hold another domain against a name that is one organisation’s own', () => {
		// Quinnipiac University (00mpz5a50) writes from quinnipiac.edu and qu.edu; the CRM holds one of them.
		// Word counts tell a rare word only in a list of some size: other accounts (synthetic names) fill it.
		const others = Array.from({ length: 1200 }, (_, n) => ({ id: `x${n}`, name: `Company ${n.toString(36)}` }));
		const quinnipiac = matcher([{ id: '00mpz5a50', name: 'Quinnipiac University', domain: 'qu.edu' }, ...others]);
		const { route, match } = quinnipiac.match({ company: 'Quinnipiac University', email: 'j@quinnipiac.edu' });
		expect(route).toBe('matched');
		expect(match.method).toBe('exactName');
	});

	it('does not give a name of common words to an account in another city, but does a name of its own', () => {
		// The UK's Cabinet Office (ROR 02f0jdn75, London); Japan's (007f5s288, Tokyo) is no account. Other
		// governments' offices and cabinets make the two words common. Quinnipiac University is in Hamden; a lead
		// from its North Haven campus writes that city. Synthetic names fill the list, as above.
		const others = Array.from({ length: 1200 }, (_, n) => ({ id: `x${n}`, name: `Company ${n.toString(36)}` }));
		const m = matcher([
			{ id: '02f0jdn75', name: 'Cabinet Office', city: 'London', domain: 'gov.uk' },
			{ id: 'cabinet-secretariat', name: 'Cabinet Secretariat' },
			{ id: 'cabinet-ministers', name: 'Cabinet of Ministers of Ukraine' },
			{ id: 'home-office', name: 'Home Office' },
			{ id: 'foreign-office', name: 'Foreign Office' },
			{ id: '00mpz5a50', name: 'Quinnipiac University', city: 'Hamden', domain: 'qu.edu' },
			...others,
		]);
		const tokyo = m.match({ company: 'CABINET OFFICE', city: 'Tokyo' });
		expect(tokyo.route).toBe('unmatched');
		expect(tokyo.match.reason).toMatch(/equals that of "Cabinet Office", but the city differs/);
		expect(m.match({ company: 'Cabinet Office', city: 'London' }).match.accountId).toBe('02f0jdn75');
		expect(m.match({ company: 'Quinnipiac University', city: 'North Haven' }).match.accountId).toBe('00mpz5a50');
		// A short list cannot tell common words from an organisation's own: the city stops nothing there.
		const small = matcher([{ id: '02f0jdn75', name: 'Cabinet Office', city: 'London', domain: 'gov.uk' }]);
		expect(small.match({ company: 'Cabinet Office', city: 'Tokyo' }).route).toBe('matched');
	});

	it('can be turned off by leaving the domain out of the conflicting fields', () => {
		const lenient = matcher(ministries, { conflictFields: ['country', 'street'] });
		expect(lenient.match({ company: 'Ministry of Finance', email: 'jane.doe@finance.gov.tt' }).route).toBe('matched');
	});
});

describe('domains of one organisation', () => {
	it('reads the same name under another ending as one organisation, except for public bodies and schools', () => {
		expect(sameNamedDomains('kelloggs.co.uk', 'kelloggs.com')).toBe(true);
		expect(sameNamedDomains('siemens.com', 'siemens-healthineers.com')).toBe(true);
		expect(sameNamedDomains('most.gov.pk', 'most.gov.bd')).toBe(false);
		expect(sameNamedDomains('qu.edu', 'qu.edu.sa')).toBe(false);
		expect(sameNamedDomains('quinnipiac.edu', 'qu.edu')).toBe(false);
	});
});

describe("the lead's country implied when no field states it", () => {
	// Ministry of Education of Saudi Arabia (00q919b81); New Zealand's (05p70jq59) is no account.
	const saudi: Json[] = [{ id: '00q919b81', name: 'Ministry of Education', country: 'Saudi Arabia' }];
	const m = matcher(saudi);

	it('takes the country of an international phone number, then of a country-code domain', () => {
		expect(leadKeys({ company: 'x', phone: '+64 4 463 8000' }).impliedCountry).toEqual({ code: 'NZ', from: 'phone' });
		expect(leadKeys({ company: 'x', email: 'a@education.govt.nz' }).impliedCountry).toMatchObject({
			code: 'NZ',
			from: 'domain',
		});
		// Endings sold as generic ones say nothing; a stated country wins.
		expect(leadKeys({ company: 'x', email: 'a@ginkgo.io' }).impliedCountry).toBeUndefined();
		expect(leadKeys({ company: 'x', email: 'a@education.govt.nz', country: 'SA' }).impliedCountry).toBeUndefined();
	});

	it('stops a name match to an account in another country', () => {
		expect(m.match({ company: 'Ministry of Education', email: 'a@education.govt.nz' }).route).toBe('unmatched');
		expect(m.match({ company: 'Ministry of Education', email: 'a@gmail.com', phone: '+64 4 463 8000' }).route).toBe(
			'unmatched',
		);
		expect(m.match({ company: 'Ministry of Education', email: 'a@gmail.com' }).route).toBe('matched');
	});

	it("never holds a domain's ending against an account on that very domain", () => {
		// Kellogg's (United Kingdom) (01tjwm845) is on kelloggs.co.uk; an account placed elsewhere keeps its lead.
		const kelloggs = matcher([{ id: '01tjwm845', name: "Kellogg's", domain: 'kelloggs.co.uk', country: 'Ireland' }]);
		const { route, match } = kelloggs.match({ company: "Kellogg's", email: 'a@kelloggs.co.uk' });
		expect(route).toBe('matched');
		expect(match.method).toBe('domain');
	});
});

describe('a shared domain: which account the lead names', () => {
	it("does not take the account whose name lacks the lead's town when another account on the domain has it", () => {
		// Two institutes on rnu.tn (ROR 055794q57, 00cvp0686): the Gafsa one lists an English label without its town.
		const m = matcher([
			{ id: '055794q57', name: 'Institut Supérieur des Etudes Technologiques de Tozeur', domain: 'rnu.tn' },
			{
				id: '00cvp0686',
				name: 'Institut Supérieur des Études Technologiques de Gafsa',
				domain: 'rnu.tn',
				otherNames: ['Higher Institue of Technological Studies'],
			},
		]);
		const lead = { company: 'Higher Institute of Technological Studies of Tozeur', website: 'https://www.rnu.tn/' };
		const { match } = m.match(lead);
		expect(match.accountId).not.toBe('00cvp0686');
		// Gafsa's own lead still finds it through that label.
		const gafsa = m.match({ company: 'Higher Institute of Technological Studies', website: 'https://www.rnu.tn/' });
		expect(gafsa.match.accountId).toBe('00cvp0686');
	});

	it('reads a name ending in an acronym the account lists as naming that account', () => {
		// Université de Toulon (ROR 02m9kbe37) and its laboratory MAPIEM (03jqp8097), both on univ-tln.fr.
		const m = matcher([
			{ id: '02m9kbe37', name: 'Université de Toulon', domain: 'univ-tln.fr' },
			{
				id: '03jqp8097',
				name: 'Matériaux Polymères Interfaces - Environnement Marin',
				domain: 'univ-tln.fr',
				parentId: '02m9kbe37',
				otherNames: ['MAPIEM'],
			},
		]);
		const { match } = m.match({ company: 'Laboratoire MAPIEM', website: 'https://www.univ-tln.fr/' });
		expect(match.accountId).toBe('03jqp8097');
		expect(m.match({ company: 'Laboratoire', website: 'https://www.univ-tln.fr/' }).match.accountId).toBe('02m9kbe37');
	});

	it('keeps the parent whose very name the lead writes over a unit named only approximately', () => {
		// Endocrine & Metabolism Research Institute (0281zft76) and its grandchild research center (034qe8j39, via
		// 0430z0381), all on tums.ac.ir.
		const m = matcher([
			{ id: '0281zft76', name: 'Endocrine & Metabolism Research Institute', domain: 'tums.ac.ir' },
			{
				id: '0430z0381',
				name: 'Endocrinology and Metabolism Clinical Sciences Institute',
				domain: 'tums.ac.ir',
				parentId: '0281zft76',
			},
			{
				id: '034qe8j39',
				name: 'Endocrine and Metabolism Research Center',
				domain: 'tums.ac.ir',
				parentId: '0430z0381',
			},
			// Words such as "institute" and "center" are common in a real list (synthetic names make them so here).
			...Array.from({ length: 400 }, (_, n) => ({ id: `x${n}`, name: `${n % 2 ? 'Institute' : 'Center'} ${n}` })),
		]);
		const exact = m.match({ company: 'Endocrine & Metabolism Research Institute', email: 'a@tums.ac.ir' });
		expect(exact.match.accountId).toBe('0281zft76');
		const unit = m.match({ company: 'Endocrine and Metabolism Research Center', email: 'a@tums.ac.ir' });
		expect(unit.match.accountId).toBe('034qe8j39');
	});
});

describe('same-named accounts in several places', () => {
	// ESCP Business School (ROR 040hhjv66, Paris) and its campuses in London (036d5c397) and Berlin (01r8xsy94).
	const m = matcher([
		{ id: '040hhjv66', name: 'ESCP Business School', country: 'France', city: 'Paris' },
		{ id: '036d5c397', name: 'ESCP Business School', city: 'London', parentId: '040hhjv66' },
		{ id: '01r8xsy94', name: 'ESCP Business School', country: 'Germany', city: 'Berlin', parentId: '040hhjv66' },
	]);

	it("takes the one in the lead's city, then country, before the parent", () => {
		const london = m.match({ company: 'ESCP BUSINESS SCHOOL', email: 'a@hotmail.com', city: 'London' });
		expect(london.match.accountId).toBe('036d5c397');
		expect(london.match.reason).toMatch(/only it is in the lead's city/);
		expect(m.match({ company: 'ESCP Business School' }).match.accountId).toBe('040hhjv66');
	});

	it('never counts an account whose place is empty as being elsewhere', () => {
		// The London campus holds no country, so a lead in Germany cannot rule it out (and Paris is in another country):
		// a tie, left to a person, rather than the guess that it is the Berlin one.
		const germany = m.match({ company: 'ESCP Business School', country: 'DE' });
		expect(germany.match.accountId).toBeNull();
		expect(germany.match.reason).not.toMatch(/only it is in the lead's country/);
	});

	// Two towns of one name in the .gov registry (cisagov/dotgov-data, CC0): the Indiana account holds no country and
	// no city. A lead from Rochester, Indiana must not go to New York's account because only that one says "US".
	const towns = matcher([
		{ id: 'rochester-ny', name: 'City of Rochester', country: 'United States', city: 'Rochester' },
		{ id: 'rochester-in', name: 'City of Rochester' },
	]);

	it('leaves same-named accounts tied when the other one does not say where it is', () => {
		const lead = towns.match({
			company: 'City of Rochester',
			email: 'clerk@gmail.com',
			country: 'US',
			city: 'Rochester',
		});
		expect(lead.match.accountId).toBeNull();
		const placed = matcher([
			{ id: 'rochester-ny', name: 'City of Rochester', country: 'United States', city: 'Rochester' },
			{ id: 'rochester-in', name: 'City of Rochester', country: 'United States', city: 'Indianapolis' },
		]).match({ company: 'City of Rochester', country: 'US', city: 'Rochester' });
		expect(placed.match.accountId).toBe('rochester-ny');
	});
});

describe('states and provinces', () => {
	// Springfield is the name of towns in Illinois, Massachusetts and Missouri, among others; CRMs hold the state as
	// an abbreviation, a full name or an ISO code, and Normalize Lead writes the lead's as ISO 3166-2 ("US-IL").
	const springfields: Json[] = [
		{ id: 'sf-ma', name: 'City of Springfield', state: 'MA', country: 'United States' },
		{ id: 'sf-mo', name: 'City of Springfield', state: 'Missouri', country: 'US' },
	];

	it("takes the same-named account in the lead's state", () => {
		const { route, match } = matcher(springfields).match({ company: 'City of Springfield', region: 'US-MO' });
		expect(route).toBe('matched');
		expect(match.accountId).toBe('sf-mo');
		// Without region among the conflicting fields, the tie-break between the two still picks the lead's state.
		const tie = matcher(springfields, { conflictFields: ['country', 'domain'] }).match({
			company: 'City of Springfield',
			region: 'US-MO',
		});
		expect(tie.match.accountId).toBe('sf-mo');
		expect(tie.match.reason).toMatch(/only it is in the lead's region/);
	});

	it('does not give a lead to the only same-named account when it is in another state', () => {
		const { route, match } = matcher(springfields.slice(0, 1)).match({
			company: 'City of Springfield',
			email: 'clerk@yahoo.com',
			country: 'US',
			region: 'US-IL',
		});
		expect(route).toBe('unmatched');
		expect(match.reason).toMatch(/the lead is in US-IL, the account in US-MA/);
		// The same lead in Massachusetts is the account's, and so is one that says nothing of its state.
		const same = matcher(springfields.slice(0, 1));
		expect(same.match({ company: 'City of Springfield', country: 'US', region: 'Massachusetts' }).route).toBe(
			'matched',
		);
		expect(same.match({ company: 'City of Springfield', country: 'US' }).route).toBe('matched');
	});

	it("reads an account's abbreviation in the lead's country when the account holds none", () => {
		// "IN" is Indiana in the US and India's code elsewhere: with no country on the account, the lead's decides.
		const m = matcher([{ id: 'roch-in', name: 'City of Rochester', state: 'IN' }]);
		expect(m.match({ company: 'City of Rochester', country: 'US', region: 'US-NY' }).route).toBe('unmatched');
		expect(m.match({ company: 'City of Rochester', country: 'US', region: 'US-IN' }).route).toBe('matched');
	});

	it('never counts a region no table knows, nor one the settings leave out', () => {
		// Bavaria: Germany has no subdivision table here, so "Bayern" and "DE-BY" cannot be compared.
		const m = matcher([{ id: 'tum', name: 'Technical University of Munich', state: 'Bayern', country: 'Germany' }]);
		expect(m.match({ company: 'Technical University of Munich', region: 'DE-BE' }).route).toBe('matched');
		const lenient = matcher(springfields.slice(0, 1), { conflictFields: ['country', 'domain', 'street'] });
		expect(lenient.match({ company: 'City of Springfield', country: 'US', region: 'US-IL' }).route).toBe('matched');
	});

	it('reads the state field of each CRM preset', () => {
		const reader = accountReader({ preset: 'auto' });
		expect(reader({ id: '1', properties: { name: 'Acme', state: 'Ohio' } }).region).toBe('Ohio');
		expect(reader({ Id: '001', Name: 'Acme', BillingState: 'OH' }).region).toBe('OH');
		expect(reader({ id: 7, name: 'Acme', owner_id: 1, add_time: 'x', address_admin_area_level_1: 'Ohio' }).region).toBe(
			'Ohio',
		);
	});
});

describe("a chain's campuses on one domain", () => {
	// A school chain with a campus per city, all on one website (a constructed example of a common shape: beauty,
	// trade and dental schools, clinics, franchises). Only some campuses are accounts.
	const campuses = matcher([
		{ id: 'boise', name: 'Summit Dental Academy - Boise', domain: 'summitdental.edu', state: 'ID', country: 'US' },
		{
			id: 'portland',
			name: 'Summit Dental Academy - Portland',
			domain: 'summitdental.edu',
			state: 'OR',
			country: 'US',
		},
		{ id: 'seattle', name: 'Summit Dental Academy - Seattle', domain: 'summitdental.edu', state: 'WA', country: 'US' },
	]);

	it('does not give the only campus in the lead’s state a lead from another campus of that state', () => {
		const { route, match } = campuses.match({
			company: 'Summit Dental Academy - Pocatello',
			email: 'dean@summitdental.edu',
			region: 'US-ID',
		});
		expect(route).toBe('unmatched');
		expect(match.reason).toMatch(
			/"Summit Dental Academy - Boise" has the lead's domain, but the lead names another location of "Summit Dental Academy" \("Pocatello", not "Boise"\)/,
		);
	});

	it('does not give the only campus that is an account a lead from another campus, by its domain or its similar name', () => {
		// The shape of US college directory entries (one campus per row, the chain's name, a dash, the town).
		const m = matcher([
			{ id: 'cherry-hill', name: 'Prism Career Institute-Cherry Hill', domain: 'prismcareerinstitute.edu' },
		]);
		const lead = (company: string) => m.match({ company, email: 'office@prismcareerinstitute.edu' });
		const other = lead('Prism Career Institute-Philadelphia');
		expect(other.route).toBe('unmatched');
		expect(other.match.reason).toMatch(
			/another location of "Prism Career Institute" \("Philadelphia", not "Cherry Hill"\)/,
		);
		expect(lead('Prism Career Institute-Cherry Hill').match.accountId).toBe('cherry-hill');
		expect(lead('Prism Career Institute - Cherry Hil').match.accountId).toBe('cherry-hill');
		expect(lead('Prism Career Institute').match.accountId).toBe('cherry-hill');
	});

	it("still takes the campus in the lead's state when the lead names it, the chain alone, or nothing", () => {
		const lead = (company: string) => campuses.match({ company, email: 'dean@summitdental.edu', region: 'US-ID' });
		expect(lead('Summit Dental Academy - Boise').match.accountId).toBe('boise');
		expect(lead('Summit Dental Academy').match.accountId).toBe('boise');
		expect(lead('Admissions Office').match.accountId).toBe('boise');
		// A typo in the campus's own word is that campus, not another one.
		expect(lead('Summit Dental Academy - Bosie').match.accountId).toBe('boise');
	});

	it("still gives a campus that is no account to the chain's head office, which is no campus", () => {
		// The US college directory's shape: a system office and its campuses on one domain, the office their parent.
		const m = matcher([
			{ id: 'hq', name: 'DeVry University-Administrative Office', domain: 'devry.edu' },
			{ id: 'fl', name: 'DeVry University-Florida', domain: 'devry.edu', parentId: 'hq' },
		]);
		const { match } = m.match({ company: 'DeVry University-Nevada', email: 'registrar@devry.edu' });
		expect(match.accountId).toBe('hq');
		expect(match.reason).toMatch(/parent account preferred over its subsidiaries/);
	});

	it('never gives a lead from another site to that site among several accounts on the domain', () => {
		// ROR's CEA Paris-Saclay and its Saclay site, both on cea.fr beside another CEA unit; the lead is from the
		// Fontenay-aux-Roses site, which is not an account: the parent it names is meant, not the Saclay site.
		const m = matcher([
			{ id: '03xjwb503', name: 'CEA Paris-Saclay', domain: 'cea.fr' },
			{ id: 'saclay', name: 'CEA Paris-Saclay - Etablissement de Saclay', domain: 'cea.fr', parentId: '03xjwb503' },
			{ id: 'leti', name: "Laboratoire d'Électronique et de Technologie de l'Information", domain: 'cea.fr' },
		]);
		const { match } = m.match({
			company: 'CEA Paris-Saclay - Etablissement de Fontenay-aux-Roses',
			email: 'contact@cea.fr',
		});
		expect(match.accountId).toBe('03xjwb503');
		expect(m.match({ company: 'CEA Paris-Saclay - Etablissement de Saclay', email: 'x@cea.fr' }).match.accountId).toBe(
			'saclay',
		);
	});
});

describe('an account brought in beside the domain by its name', () => {
	it('says that it does not hold the domain, and which account does', () => {
		// Two colleges of one name (constructed): the lead writes from the domain of a university whose name is unlike
		// its company, and an account with exactly that name has no domain of its own.
		const m = matcher([
			{ id: 'tw', name: 'Trinity Washington University', domain: 'trinitydc.edu' },
			{ id: 'tc', name: 'Trinity College' },
		]);
		const { match } = m.match({ company: 'Trinity College', email: 'registrar@trinitydc.edu' });
		expect(match.accountId).toBe('tc');
		expect(match.reason).toMatch(
			/^Matched by domain: its domain trinitydc\.edu belongs to "Trinity Washington University", not to this account; .*this account is with no domain of its own and the lead names it$/,
		);
	});

	it("takes a unit of the domain's account, holding no domain, that the lead writes as its initials", () => {
		// ROR 05a1se525 under Université Paris Nanterre (04ex24z53), as a CRM holds them: the unit without a website.
		const m = matcher([
			{ id: '04ex24z53', name: 'Université Paris Nanterre', domain: 'parisnanterre.fr' },
			{ id: '05a1se525', name: "Centre d'études juridiques européennes et comparées", parentId: '04ex24z53' },
			{ id: 'elsewhere', name: 'Centre for European Justice' },
		]);
		const lead = (company: string) => m.match({ company, email: 'contact@parisnanterre.fr' }).match;
		const unit = lead('CEJEC');
		expect(unit.accountId).toBe('05a1se525');
		expect(unit.reason).toMatch(/this account is of the same family and the lead names it/);
		// Initials that spell no unit of the domain's account, or (three letters, which many share) a domainless
		// account of another family: the domain's account.
		expect(lead('CEJE').accountId).toBe('04ex24z53');
		expect(lead('CEJ').accountId).toBe('04ex24z53');
	});
});

describe('units of one organisation on its domain', () => {
	// Units and their parents as ROR holds them (a unit's domain is its website's registrable domain); the units the
	// leads below name are in ROR too (Naval Air Systems Command 054ajk512, Clínica Universitária de Cardiologia
	// 00ww2r127) but are not accounts.
	const units = matcher([
		{ id: '03ar0mv07', name: 'United States Department of the Navy', domain: 'navy.mil' },
		{ id: '03dm1p143', name: 'Naval Sea Systems Command', domain: 'navy.mil', parentId: '03ar0mv07' },
		{ id: '01c27hj86', name: 'University of Lisbon', domain: 'ulisboa.pt' },
		{ id: '03gwskq53', name: 'Clínica Universitária de Pneumologia', domain: 'ulisboa.pt', parentId: '01c27hj86' },
		{ id: '03db2by73', name: 'Instituto Superior Técnico', domain: 'ulisboa.pt', parentId: '01c27hj86' },
		{ id: '04qb2qm38', name: 'Université Paris-Panthéon-Assas', domain: 'assas-universite.fr' },
		{
			id: '025w03e38',
			name: "Centre d'Analyse et de Recherche Interdisciplinaires sur les Médias",
			domain: 'assas-universite.fr',
			parentId: '04qb2qm38',
		},
		{ id: '00h6set76', name: 'Utah State University', domain: 'usu.edu' },
		{
			id: '02w403h65',
			name: 'Utah State University Space Dynamics Laboratory',
			domain: 'usu.edu',
			parentId: '00h6set76',
		},
		{ id: '05vx7wd63', name: 'University of Perpetual Help System DALTA', domain: 'perpetualdalta.edu.ph' },
		{
			id: '03r1gb843',
			name: 'University of Perpetual Help System DALTA Calamba',
			domain: 'perpetualdalta.edu.ph',
			parentId: '05vx7wd63',
		},
		{ id: '006vs7897', name: 'National University of San Marcos', domain: 'unmsm.edu.pe' },
		{ id: '00rs6s651', name: 'Museo de Historia Natural', domain: 'unmsm.edu.pe', parentId: '006vs7897' },
		{ id: '05v509s40', name: 'Université Le Havre Normandie', domain: 'univ-lehavre.fr' },
		{
			id: '02sb3b652',
			name: 'Laboratoire Ondes et Milieux Complexes',
			domain: 'univ-lehavre.fr',
			parentId: '05v509s40',
		},
	]);
	const lead = (company: string, domain: string) => units.match({ company, email: `office@${domain}` }).match;

	it('does not take a unit for a lead naming another unit with one telling word swapped', () => {
		// Air for Sea, Cardiologia for Pneumologia: a sibling that is no account, so its parent is the account.
		expect(lead('Naval Air Systems Command', 'navy.mil').accountId).toBe('03ar0mv07');
		expect(lead('Clínica Universitária de Cardiologia', 'ulisboa.pt').accountId).toBe('01c27hj86');
		expect(lead('Clinica Universitaria de Pneumologia', 'ulisboa.pt').accountId).toBe('03gwskq53');
		// A typo is no other unit.
		expect(lead('Naval Sea Sytsems Command', 'navy.mil').accountId).toBe('03dm1p143');
	});

	it('finds a unit written as its own acronym, whose joining words may be left out of it', () => {
		// L(aboratoire) O(ndes) (et) M(ilieux) C(omplexes): the plain initials would be "LOEMC".
		const match = lead('LOMC', 'univ-lehavre.fr');
		expect(match.accountId).toBe('02sb3b652');
		expect(match.reason).toMatch(/the lead names this one/);
		// Letters that skip a word that carries meaning spell nothing: the parent is preferred.
		expect(lead('LMC', 'univ-lehavre.fr').accountId).toBe('05v509s40');
	});

	it('reads an elided article as a word of its own when a unit is written as its initials', () => {
		// C(entre) d'A(nalyse) (et de) R(echerche) I(nterdisciplinaires) S(ur) (les) M(édias): "d'Analyse" spells A.
		expect(lead('CARISM', 'assas-universite.fr').accountId).toBe('025w03e38');
		// Leaving out "Analyse", a word that carries meaning, spells nothing: the parent is preferred.
		expect(lead('CRISM', 'assas-universite.fr').accountId).toBe('04qb2qm38');
	});

	it("finds a unit written by its own words alone, or translated, where the parent's name does not fit", () => {
		// ROR lists these as the units' own names: a campus by its town, a museum in English.
		expect(lead('Perpetual Calamba', 'perpetualdalta.edu.ph').accountId).toBe('03r1gb843');
		expect(lead('Museum of Natural History', 'unmsm.edu.pe').accountId).toBe('00rs6s651');
		// Another campus or museum (no account) is the parent's lead; so is the parent's own name.
		expect(lead('Perpetual Molino', 'perpetualdalta.edu.ph').accountId).toBe('05vx7wd63');
		expect(lead('Museum of Archaeology and Anthropology', 'unmsm.edu.pe').accountId).toBe('006vs7897');
		expect(lead('University of Perpetual Help System', 'perpetualdalta.edu.ph').accountId).toBe('05vx7wd63');
	});

	it('reads a unit\'s acronym from the words after its parent\'s name, with or without a leading "The"', () => {
		// S(pace) D(ynamics) L(aboratory) after "Utah State University", the parent's name.
		expect(lead('The SDL', 'usu.edu').accountId).toBe('02w403h65');
		expect(lead('SDL', 'usu.edu').accountId).toBe('02w403h65');
		expect(lead('USU', 'usu.edu').accountId).toBe('00h6set76');
		// Initials of the parent's words and the unit's together spell nothing the unit writes.
		expect(lead('USUSD', 'usu.edu').accountId).toBe('00h6set76');
	});

	it('lets an account with exactly the lead’s name and no domain compete with a similar name on the domain', () => {
		// Two waterways offices (ROR 03135ed07, 04tmjzh29); the second's account holds no domain.
		const m = matcher([
			{ id: '03135ed07', name: 'Wasserstraßen- und Schifffahrtsamt Weser', domain: 'wsv.de' },
			{ id: '04tmjzh29', name: 'Wasserstraßen- und Schifffahrtsamt Weser-Jade-Nordsee' },
		]);
		const office = (company: string) => m.match({ company, email: 'poststelle@wsv.de' }).match;
		expect(office('WASSERSTRASSEN- UND SCHIFFFAHRTSAMT WESER-JADE-NORDSEE').accountId).toBe('04tmjzh29');
		expect(office('Wasserstraßen- und Schifffahrtsamt Weser-Jade-Nordsee').reason).toMatch(
			/its domain wsv\.de belongs to "Wasserstraßen- und Schifffahrtsamt Weser", not to this account; .*this account is with no domain of its own/,
		);
		expect(office('Wasserstraßen- und Schifffahrtsamt Weser').accountId).toBe('03135ed07');
	});

	it('lets an account with a typo of the lead’s name and no domain compete where no name on the domain fits', () => {
		// École Centrale de Lyon (05s6rge65) and one of its laboratories (015vtcw98) on ec-lyon.fr; a laboratory of
		// another parent (04dxeze48) whose account holds no domain.
		const m = matcher([
			{ id: '05s6rge65', name: 'École Centrale de Lyon', domain: 'ec-lyon.fr' },
			{
				id: '015vtcw98',
				name: 'Laboratoire de Tribologie et Dynamique des Systèmes',
				domain: 'ec-lyon.fr',
				parentId: '05s6rge65',
			},
			{ id: '04dxeze48', name: "Laboratoire de Mécanique des Fluides et d'Acoustique", parentId: '029brtt94' },
		]);
		const lab = (company: string) => m.match({ company, email: 'contact@ec-lyon.fr' }).match.accountId;
		expect(lab("Laboratoire de Mécanique des Fulides et d'Acoustique")).toBe('04dxeze48');
		// A name only alike (another laboratory) does not compete: the domain's parent is preferred.
		expect(lab("Laboratoire de Mécanique des Solides et d'Acoustique")).toBe('05s6rge65');
	});
});

describe('a university, ministry or government writing from the domain where only one of its units is an account', () => {
	// ROR 03njcec05 and its parent 05h1bnb22 (North Dakota State University, not an account here); the institute
	// 0047z8a16 of the University of Buenos Aires (0081fs513), whose account holds no domain.
	const m = matcher([
		{
			id: '03njcec05',
			name: 'North Dakota Agricultural Experiment Station',
			domain: 'ndsu.edu',
			parentId: '05h1bnb22',
		},
		{ id: '0047z8a16', name: 'Instituto de Ciencias Antropológicas', domain: 'uba.ar', parentId: '0081fs513' },
		{ id: '0081fs513', name: 'Universidad de Buenos Aires' },
	]);
	const lead = (company: string, domain: string) => m.match({ company, email: `office@${domain}` });

	it('sets the domain aside: the lead is the holder’s, not the unit’s', () => {
		const outcome = lead('North Dakota State University', 'ndsu.edu');
		expect(outcome.route).toBe('unmatched');
		expect(outcome.match.reason).toMatch(
			/has the lead's domain, but the lead names a university, ministry or government and the account is one of its units/,
		);
		// The unit's own name, or a name with no word of a holder, still matches on the domain.
		expect(lead('North Dakota Agricultural Experiment Station', 'ndsu.edu').match.accountId).toBe('03njcec05');
		expect(lead('Agricultural Experiment Station', 'ndsu.edu').match.accountId).toBe('03njcec05');
	});

	it('keeps the domain as evidence for a holder the lead names that is an account', () => {
		const outcome = lead('Universidad de Buenos Aires', 'uba.ar');
		expect(outcome.match.accountId).toBe('0081fs513');
		expect(outcome.match.reason).toMatch(/this account is of the same family and the lead names it/);
	});
});

describe('another unit of the same kind writing from a domain the account shares with it', () => {
	// ROR 0416g8z79 (LCAR) and 056g7f250 (LCPQ), two laboratories of the Université Toulouse III (ups-tlse.fr), only
	// the first an account; the Montpellier cancer institute 03capj968 on its own domain.
	const m = matcher([
		{
			id: '0416g8z79',
			name: 'Laboratoire Collisions Agrégats Réactivité',
			domain: 'ups-tlse.fr',
			otherNames: ['LCAR'],
		},
		{ id: '03capj968', name: 'Institut de Recherche en Cancérologie de Montpellier', domain: 'ircm.fr' },
	]);
	const lead = (company: string, domain: string) => m.match({ company, email: `office@${domain}` });

	it('sets the domain aside: the lead is a sibling laboratory, not the account', () => {
		const outcome = lead('Laboratoire de Chimie et Physique Quantiques', 'ups-tlse.fr');
		expect(outcome.route).toBe('unmatched');
		expect(outcome.match.reason).toMatch(
			/has the lead's domain, but the lead names another laboratoire than the account, and the domain ups-tlse.fr is neither name's/,
		);
	});

	it("keeps the domain for the account's own names, its translation and a domain it owns", () => {
		expect(lead('LCAR', 'ups-tlse.fr').match.accountId).toBe('0416g8z79');
		expect(lead('Laboratoire Collisions, Agrégats et Réactivité', 'ups-tlse.fr').match.accountId).toBe('0416g8z79');
		expect(lead('Laboratory of Collisions, Aggregates and Reactivity', 'ups-tlse.fr').match.accountId).toBe(
			'0416g8z79',
		);
		// Another name in the same language, from the institute's own domain: still the institute.
		expect(lead('Institut de Cancérologie du Languedoc', 'ircm.fr').match.accountId).toBe('03capj968');
	});
});

describe('a unit and its parent both named', () => {
	// The American University in Cairo and its New York office (ROR lists both; both write from aucegypt.edu), each
	// listing the acronym the lead writes.
	const m = matcher([
		{
			id: 'auc',
			name: 'American University in Cairo',
			domain: 'aucegypt.edu',
			city: 'Cairo',
			country: 'Egypt',
			otherNames: ['AUC'],
		},
		{
			id: 'auc-ny',
			name: 'American University in Cairo New York Office',
			domain: 'aucegypt.edu',
			city: 'New York',
			country: 'United States',
			parentId: 'auc',
			otherNames: ['AUC'],
		},
	]);
	const lead = (city?: string) => m.match({ company: 'AUC', email: 'office@aucegypt.edu', ...(city ? { city } : {}) });

	it('gives the lead to the parent when the lead is where the parent is and the unit is elsewhere', () => {
		const { match } = lead('Cairo');
		expect(match.accountId).toBe('auc');
		expect(match.reason).toMatch(/only it is in the lead's city/);
	});

	it('still means the unit when the place does not rule it out', () => {
		expect(lead('New York').match.accountId).toBe('auc-ny');
		expect(lead().match.accountId).toBe('auc-ny');
	});
});

describe('an acronym written from a domain whose accounts it does not spell', () => {
	// Virginia Tech's transportation institute holds vt.edu; its agricultural experiment station (ROR) has no domain in
	// this CRM. A clinic elsewhere with three initials stands for the many organisations short acronyms name.
	const m = matcher([
		{ id: 'vtti', name: 'Virginia Tech Transportation Institute', domain: 'vt.edu' },
		{ id: 'vaes', name: 'Virginia Agricultural Experiment Station' },
		{ id: 'wmc', name: 'Wilderman Medical Clinic' },
	]);
	const lead = (company: string) => m.match({ company, email: 'office@vt.edu' }).match;

	it('gives the lead to the account without a domain whose initials it writes', () => {
		const match = lead('VAES');
		expect(match.accountId).toBe('vaes');
		expect(match.reason).toMatch(/belongs to "Virginia Tech Transportation Institute", not to this account/);
	});

	it("keeps the domain's account when the acronym is its own, or too short to name one organisation", () => {
		expect(lead('VTTI').accountId).toBe('vtti');
		expect(lead('WMC').accountId).toBe('vtti');
	});
});
