import { holderBesideUnit, sameKindOfUnit } from '../../../lib/match/kinds';
import {
	anotherUnit,
	differingWords,
	siblingOnSharedDomain,
	spellsInitials,
	spelling,
	swapsWord,
	writesUnit,
} from '../../../lib/match/units';
import { companyAcronym, companyTokens } from '../../../lib/text/company';

describe('how a name spells a domain word', () => {
	it.each([
		['cardiff', 'Cardiff University', 'word'],
		['pref', 'Aichi Prefectural Forestry Research Institute', 'word'],
		['uniri', 'University of Rijeka', 'word'],
		['ulisboa', 'Universidade de Lisboa', 'word'],
		['chu', 'Centre Hospitalier Universitaire de Montpellier', 'initials'],
		['bpn', 'Białowieski Park Narodowy', 'initials'],
		['aja', 'Imam Ali University', undefined],
		// A word that carries meaning cannot be skipped between two pieces.
		['ucm', 'University of Rijeka Medicine', undefined],
	])('%s in %s: %s', (word, name, expected) => {
		expect(spelling(word, companyTokens(name))).toBe(expected);
	});
});

describe('another unit on the same domain', () => {
	const names = (...all: string[]) => all.map((name) => companyTokens(name));

	it('needs the lead to spell the domain where the account does not, and words differing on both sides', () => {
		expect(
			anotherUnit(
				companyTokens('Maryland Department of Natural Resources'),
				names('Banneker Douglass Museum'),
				'maryland.gov',
			),
		).toMatch(/spells the domain maryland\.gov \("maryland"\)/);
		// Both spell "aichi", only the lead "pref": the prefecture's domain, two of its institutions.
		expect(
			anotherUnit(
				companyTokens('Aichi Prefectural Forestry Research Institute'),
				names("Aichi Children's Health and Medical Center"),
				'pref.aichi.jp',
			),
		).toMatch(/\("pref"\)/);
	});

	it('is not claimed for a translation, a shortened name, an acronym or a name the account also spells', () => {
		// Kin words: "Akademija" / "Academy"-like spellings and compounds count as the same word.
		expect(anotherUnit(companyTokens('Nomos Verlag'), names('Nomos Verlagsgesellschaft'), 'nomos.de')).toBeUndefined();
		expect(
			anotherUnit(
				companyTokens('Pädagogische Hochschule Karlsruhe'),
				names('Karlsruhe University of Education'),
				'ph-karlsruhe.de',
			),
		).toBeUndefined();
		expect(
			anotherUnit(companyTokens('Cardiff University'), names('Wales Gene Park', 'CU'), 'cardiff.ac.uk'),
		).toBeUndefined();
		expect(anotherUnit(companyTokens('Cardiff'), names('Wales Gene Park'), 'cardiff.ac.uk')).toBeUndefined();
	});
});

describe('an acronym spelling a name the way organisations write their own', () => {
	it.each([
		['cias', 'Centro de Investigação em Antropologia e Saúde', true],
		['iecm', 'Immuno-Endocrinologie Cellulaire et Moléculaire', true],
		['lomc', 'Laboratoire Ondes et Milieux Complexes', true],
		['loemc', 'Laboratoire Ondes et Milieux Complexes', true],
		// Every word that carries meaning is spelled, in order, from the first.
		['lmc', 'Laboratoire Ondes et Milieux Complexes', false],
		['omc', 'Laboratoire Ondes et Milieux Complexes', false],
		['lomcx', 'Laboratoire Ondes et Milieux Complexes', false],
		// Two letters are too few to leave words out.
		['cs', 'Centre de Santé', false],
	])('%s for %s: %s', (acronym, name, expected) => {
		expect(spellsInitials(acronym, companyTokens(name))).toBe(expected);
	});
});

describe('a name with one telling word swapped', () => {
	it.each([
		['Clínica Universitária de Cardiologia', 'Clínica Universitária de Pneumologia', true],
		['Naval Air Systems Command', 'Naval Sea Systems Command', true],
		// Points of the compass are told apart however close their spelling.
		['NOAA National Weather Service Western Region', 'NOAA National Weather Service Eastern Region', true],
		// Two experimental units of one institute (INRAE): words alike in six letters of nine, not one word misspelled.
		['Unité Expérimentale Herbipôle', 'Unité Expérimentale Horticole', true],
		['Unité Expérimentale Herbipôel', 'Unité Expérimentale Herbipôle', false],
		// A typo, an abbreviation, a longer or shorter name, a translation's kin words: no swap.
		['Clínica Universitária de Cardiolgia', 'Clínica Universitária de Cardiologia', false],
		['State Key Lab of Soil Erosion', 'State Key Laboratory of Soil Erosion', false],
		['Institute of Coal Chemistry', 'Institute of Chemistry', false],
		['Collège international des sciences du territoire', 'Collège international des sciences territoriales', false],
	])('%s / %s: %s', (lead, account, expected) => {
		expect(swapsWord(companyTokens(lead), [companyTokens(account)])).toBe(expected);
	});

	it('compares only the names of two words or more an account has', () => {
		const lead = companyTokens('NOAA National Weather Service Southern Region');
		const names = [companyTokens('NOAA National Weather Service Western Region'), companyTokens('NWS')];
		expect(swapsWord(lead, names)).toBe(true);
		expect(swapsWord(lead, [companyTokens('NWS')])).toBe(false);
	});
});

describe("a unit's own name written alone or translated", () => {
	const words = (name: string) => companyTokens(name);
	const family = (...names: string[]) => ({
		words: names.flatMap(words),
		acronyms: names.map((name) => companyAcronym(words(name)) ?? ''),
	});
	it.each([
		// The unit's words beyond its parent's name, with the parent's acronym or words of the unit's own name.
		['UEM Jaipur', 'University of Engineering & Management, Jaipur', 'University of Engineering & Management', true],
		[
			'Perpetual Calamba',
			'University of Perpetual Help System DALTA Calamba',
			'University of Perpetual Help System DALTA',
			true,
		],
		// Cognates: a translation.
		['Museum of Natural History', 'Museo de Historia Natural', 'National University of San Marcos', true],
		// A word of the lead's the unit lacks, or a word of the unit's own the lead leaves out: not this unit.
		[
			'Perpetual Molino',
			'University of Perpetual Help System DALTA Calamba',
			'University of Perpetual Help System DALTA',
			false,
		],
		[
			'Clinton School',
			'University of Arkansas Clinton School of Public Service',
			'University of Arkansas System',
			false,
		],
		// Words alike in letters but not in meaning ("Arctic" / "Antarctic") are no cognates.
		['Arctic Sciences', 'Antarctic Sciences', 'British Antarctic Survey', false],
		// A chain's other campus: the town that tells the campuses apart must be the unit's own, not a word alike.
		['Spa Tech Institute-Westbrook', 'Spa Tech Institute-Westboro', 'Spa Tech Institute-Ipswich', false],
		['Spa Tech Institute-Westboro', 'Spa Tech Institute-Westboro', 'Spa Tech Institute-Ipswich', true],
	])('%s for %s under %s: %s', (lead, unit, parent, expected) => {
		expect(writesUnit(words(lead), [words(unit)], family(parent), () => [words(parent)])).toBe(expected);
	});

	it("reads the other accounts' words only for a lead that writes the unit's (a chain's domain may hold thousands)", () => {
		const others = () => {
			throw new Error('read');
		};
		const store = [words('Acme Store Town17ville')];
		expect(writesUnit(words('Acme Store Springfield'), store, family(), others)).toBe(false);
		expect(() => writesUnit(words('Acme Store Town17ville'), store, family(), others)).toThrow('read');
	});

	it('needs a word that no other account on the domain has', () => {
		const parent = 'University of Perpetual Help System DALTA';
		const campus = words('University of Perpetual Help System DALTA Calamba');
		const hospital = words('Calamba Doctors Hospital');
		expect(writesUnit(words('Perpetual Calamba'), [campus], family(parent), () => [words(parent), hospital])).toBe(
			false,
		);
	});
});

describe('a holder of units and one of its units', () => {
	const names = (...all: string[]) => all.map((name) => companyTokens(name));
	it.each([
		['North Dakota State University', ['North Dakota Agricultural Experiment Station'], true],
		['Fukushima Prefectural Government', ['Fukushima Prefectural Inland Water Fisheries Experimental Station'], true],
		['Ludwig-Maximilians-Universität München', ['Pathologisches Institut'], true],
		// A unit that names its holder after its own kind is still a unit.
		['Trier University', ['Institut für Rechtspolitik an der Universität Trier'], true],
		// A unit's word in the lead ("University Hospital"), a holder's word in any of the account's names, or an
		// account that names no kind: no conclusion.
		['University Hospital of Lodi', ['Ospedale Maggiore di Lodi', 'Lodi Hospital'], false],
		['Brigham Young University', ['Monte L. Bean Life Science Museum', 'University Museum of BYU'], false],
		['Sapienza University of Rome', ['Fondazione Roma'], false],
	])('%s beside %j: %s', (lead, account, expected) => {
		expect(holderBesideUnit(companyTokens(lead), names(...account))).toBe(expected);
	});
});

describe('a sibling unit of the same kind on a shared domain', () => {
	const names = (...all: string[]) => all.map((name) => companyTokens(name));

	it.each([
		// Two laboratories of one university, both writing from its domain (ROR 056g7f250 and 0416g8z79).
		['Laboratoire de Chimie et Physique Quantiques', ['Laboratoire Collisions Agrégats Réactivité'], 3],
		['Institute for Particle and Nuclear Physics', ['Institute for Solid State Physics and Optics'], 2],
		// One word each: a variant of the same name as often as another name (ROR 015bnwc11 lists both).
		["Xi'an Red Cross Hospital", ["Xi'an Honghui Hospital"], 1],
		// A typo, a cognate and an abbreviation are the same word.
		['Institut Régional de Cancerologie', ['Regional Institute of Cancer'], 0],
		['Lab of Natural Resources', ['Laboratory of Natural Resources'], 0],
		// The name that differs least decides.
		['Institute for Tropical Technology', ['Southern Institute of Ecology', 'Institute for Tropical Ecology'], 1],
	])('%s beside %j: %i words each', (lead, account, expected) => {
		expect(differingWords(companyTokens(lead), names(...account))).toBe(expected);
	});

	it('names the kind both write the same way, for an account that is a unit', () => {
		const lab = names('Laboratoire Collisions Agrégats Réactivité');
		expect(sameKindOfUnit(companyTokens('Laboratoire de Chimie et Physique Quantiques'), lab)).toBe('laboratoire');
		// A translation writes the kind in its own language; an account with a holder's word is no unit.
		expect(sameKindOfUnit(companyTokens('Laboratory of Quantum Chemistry and Physics'), lab)).toBeUndefined();
		expect(
			sameKindOfUnit(companyTokens('Institute of Physics'), names('University of Tartu Institute of Physics')),
		).toBeUndefined();
	});

	it('needs a domain that neither name spells, and two differing words each', () => {
		const lab = names('Laboratoire Collisions Agrégats Réactivité');
		const lcpq = companyTokens('Laboratoire de Chimie et Physique Quantiques');
		expect(siblingOnSharedDomain(lcpq, lab, 'ups-tlse.fr')).toBe(true);
		// The lead's own domain ("lcpq"), or the account's ("lcar"), is evidence for its owner.
		expect(siblingOnSharedDomain(lcpq, lab, 'lcpq.fr')).toBe(false);
		expect(siblingOnSharedDomain(lcpq, lab, 'lcar.fr')).toBe(false);
		expect(
			siblingOnSharedDomain(companyTokens("Xi'an Red Cross Hospital"), names("Xi'an Honghui Hospital"), 'example.cn'),
		).toBe(false);
	});
});
