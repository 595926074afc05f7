import { anotherUnit, spelling } from '../../../lib/match/units';
import { companyTokens } from '../../../lib/text/company';

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
