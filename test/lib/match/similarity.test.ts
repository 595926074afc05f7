import {
	containment,
	editSimilarity,
	nameSimilarity,
	phoneDigits,
	postalKey,
	samePhone,
	streetKey,
	tokenSimilarity,
} from '../../../lib/match/similarity';

describe('evidence measures', () => {
	it('scores names by characters and by words', () => {
		expect(nameSimilarity('acme', 'acme')).toBe(1);
		expect(nameSimilarity('quitzon group', 'group quitzon')).toBeGreaterThanOrEqual(0.95);
		expect(nameSimilarity('quitzon group', 'group quitzon')).toBeLessThan(1);
		// Each word is used once: a repeated word is not matched twice by the same word.
		expect(tokenSimilarity(['ministry', 'health'], ['ministry', 'health', 'health'])).toBeLessThan(0.85);
		expect(nameSimilarity('hellenic air force acadeym', 'hellenic air force academy')).toBeGreaterThan(0.9);
		expect(nameSimilarity('globexx', 'globex')).toBeGreaterThan(0.85);
		expect(nameSimilarity('lockheed martin', 'northrop grumman')).toBeLessThan(0.5);
		expect(nameSimilarity('', 'acme')).toBe(0);
		expect(editSimilarity('abc', 'abd')).toBeCloseTo(2 / 3);
		expect(tokenSimilarity(['acme', 'solutions'], ['beta', 'solutions'])).toBeLessThan(0.85);
	});

	it('lets a distinctive word outweigh long shared filler when words carry rarity weights', () => {
		// Real names (ROR): many "<State> Water Science Center" units of the U.S. Geological Survey.
		const rarity = (token: string) => (['water', 'science', 'center'].includes(token) ? 1 : 8) * token.length;
		expect(nameSimilarity('arizona water science center', 'oregon water science center', rarity)).toBeLessThan(0.85);
		expect(nameSimilarity('arizona water science centre', 'arizona water science center', rarity)).toBeGreaterThan(0.9);
	});

	it('measures containment by word weight', () => {
		const weight = (token: string) => (token === 'curtis' ? 5 : 1);
		expect(containment(['curtis'], ['chicago', 'public', 'schools', 'curtis'], weight)).toBe(1);
		expect(containment(['acme'], ['beta'], weight)).toBe(0);
	});

	it('compares phones on their last digits', () => {
		expect(samePhone(phoneDigits('+1 (312) 534-8440'), phoneDigits('5348440'))).toBe(true);
		expect(samePhone(phoneDigits('+1 312 534 8440'), phoneDigits('773 534 8440'))).toBe(false);
		expect(phoneDigits('12')).toBeUndefined();
	});

	it('keys postal codes and streets', () => {
		expect(postalKey('60601-1234')).toBe('60601');
		expect(postalKey('SW1A 1AA')).toBe('sw1a1aa');
		expect(streetKey('707 E. 37th Street')).toBe('707 37th');
		expect(streetKey('707 East 37th St')).toBe('707 37th');
		expect(streetKey('No number here')).toBeUndefined();
	});
});
