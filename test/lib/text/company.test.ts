import {
	companyAcronym,
	companyQualifier,
	companyTokens,
	elidedTokens,
	foldCompanyText,
	normalizeCompanyName,
} from '../../../lib/text/company';

describe('company-name matching key', () => {
	it.each([
		['The Smith & Sons, Inc.', 'smith sons'],
		['ACME Corp.', 'acme'],
		['Acme Corporation', 'acme'],
		['Société Générale S.A.', 'societe generale'],
		['SchummPLC', 'schumm'],
		['Zinc', 'zinc'],
		['AG Barr plc', 'ag barr'],
		['Co-op Bank', 'co op bank'],
		// Other scripts are spelled in Latin letters after their legal forms are stripped (a leading one stays).
		['ООО Ромашка', 'ooo romashka'],
		['Ромашка ООО', 'romashka'],
		['I.B.M.', 'ibm'],
		['Inc.', 'inc'],
		// Real names from ROR: apostrophes inside a word, and trailing qualifiers (a country is geography, a city stays).
		['Alzheimer’s Research UK', 'alzheimers research uk'],
		["Alzheimer's Research UK", 'alzheimers research uk'],
		['Institut d’Optique Graduate School', 'institut doptique graduate school'],
		['Eli Lilly (Portugal)', 'eli lilly'],
		['Holland & Knight (United Arab Emirates)', 'holland knight'],
		[
			'Southern Marine Science and Engineering Guangdong Laboratory (Zhuhai)',
			'southern marine science engineering guangdong laboratory zhuhai',
		],
	])('%s → %s', (name, key) => {
		expect(normalizeCompanyName(name)).toBe(key);
	});

	it('reads elided articles as words of their own only where a name is spelled as initials', () => {
		expect(elidedTokens('Institut d’Optique Graduate School')).toEqual([
			'institut',
			'd',
			'optique',
			'graduate',
			'school',
		]);
		expect(elidedTokens("Laboratoire d'Annecy de Physique des Particules")[1]).toBe('d');
		expect(elidedTokens("Istituto dell'Enciclopedia Italiana")).toEqual([
			'istituto',
			'dell',
			'enciclopedia',
			'italiana',
		]);
		// Not an article: a name's own apostrophe ("O'Brien", "Alzheimer's") keeps its word whole.
		expect(elidedTokens("O'Brien Alzheimer's Trust")).toEqual(['obrien', 'alzheimers', 'trust']);
		expect(elidedTokens(42)).toEqual([]);
	});

	it('is empty for non-text and bounded for very long names', () => {
		expect(normalizeCompanyName(undefined)).toBe('');
		expect(normalizeCompanyName({ name: 'x' })).toBe('');
		expect(normalizeCompanyName('word '.repeat(10000)).length).toBeLessThanOrEqual(300);
	});

	it('reads a trailing qualifier', () => {
		expect(companyQualifier('Tetra Pak (Sweden)')).toBe('Sweden');
		expect(companyQualifier('Tetra Pak')).toBeUndefined();
		expect(companyQualifier('(Sweden)')).toBeUndefined();
	});

	it('folds accents and punctuation', () => {
		expect(foldCompanyText('Crème Brûlée & Co')).toBe('creme brulee and co');
		expect(companyTokens('Müller-Lüdenscheidt GmbH')).toEqual(['muller', 'ludenscheidt']);
	});

	// Real names from ROR (https://ror.org, CC0): an alias of Lomonosov Moscow State University, the Greek label of the
	// National Technical University of Athens, the Chinese label of the University of Jinan, the Korean label of
	// Yeungnam University. A CJK word stays one word: its syllables are not separated by spaces.
	it.each([
		['Московский государственный университет', 'moskovskii gosudarstvennyi universitet'],
		['Εθνικό Μετσόβιο Πολυτεχνείο', 'ethniko metsovio polytehneio'],
		['济南大学', 'jinandaxue'],
		['영남대학교', 'yeongnamdaehaggyo'],
		['Łódź University of Technology', 'lodz university of technology'],
	])('spells %s in Latin letters: %s', (name, key) => {
		expect(normalizeCompanyName(name)).toBe(key);
	});

	it('keeps a kana with a voiced mark one letter', () => {
		// Decomposition splits "ジ" into "シ" and a combining mark; without recomposing, the mark became a word break.
		expect(foldCompanyText('ジーンケア研究所')).toBe('ジーンケア研究所');
	});

	it('builds acronyms from multi-word keys only', () => {
		expect(companyAcronym(companyTokens('International Business Machines Corp.'))).toBe('ibm');
		expect(companyAcronym(companyTokens('Bank of America'))).toBe('ba');
		expect(companyAcronym(['acme'])).toBeUndefined();
	});
});
