import { otherLocation } from '../../../lib/match/chains';

describe("a chain's other location", () => {
	it.each([
		// One chain, another place after the dash (US college directory shapes).
		['Prism Career Institute-Philadelphia', 'Prism Career Institute-Cherry Hill', true],
		['Summit Dental Academy - Pocatello', 'Summit Dental Academy - Boise', true],
		['Centura College-Newport News', 'Centura College-Virginia Beach', true],
		// Words both places carry are the chain's ("Etablissement de …", "… Campus"); the rest tells the sites apart.
		['CEA Paris-Saclay - Etablissement de Fontenay-aux-Roses', 'CEA Paris-Saclay - Etablissement de Saclay', true],
		['Fairleigh Dickinson University-Metropolitan Campus', 'Fairleigh Dickinson University-Florham Campus', true],
		['Summit Dental Academy - Boise', 'Summit Dental Academy - Boise Campus', false],
		// The same place, misspelled or written otherwise, is the same campus.
		['Prism Career Institute - Cherry Hil', 'Prism Career Institute-Cherry Hill', false],
		['Summit Dental Academy - Bosie', 'Summit Dental Academy - Boise', false],
		// No place on one side, another chain, or a hyphen inside a name: no conclusion.
		['Prism Career Institute', 'Prism Career Institute-Cherry Hill', false],
		['Prism Health Institute-Philadelphia', 'Prism Career Institute-Cherry Hill', false],
		['Max-Planck-Institut für Physik', 'Max-Planck-Institut für Chemie', false],
		['Mercedes-Benz USA', 'Mercedes-Benz Group', false],
	])('%s against %s: %s', (lead, account, expected) => {
		expect(otherLocation(lead, account) !== undefined).toBe(expected);
	});

	it('says which places differ', () => {
		expect(otherLocation('Prism Career Institute-Philadelphia', 'Prism Career Institute-Cherry Hill')).toBe(
			'the lead names another location of "Prism Career Institute" ("Philadelphia", not "Cherry Hill")',
		);
		expect(otherLocation(undefined, 'Prism Career Institute-Cherry Hill')).toBeUndefined();
	});
});
