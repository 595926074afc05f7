import { splitAddress } from '../../../lib/text/address';

describe('one-line postal addresses', () => {
	it.each([
		[
			'12 Main St, Springfield, IL 62701, USA',
			{ street: '12 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
		],
		[
			'350 5th Ave\nNew York, NY 10118\nUnited States',
			{ street: '350 5th Ave', city: 'New York', region: 'NY', postalCode: '10118', country: 'US' },
		],
		[
			'123 Main St, Seattle, WA, 98101',
			{ street: '123 Main St', city: 'Seattle', region: 'WA', postalCode: '98101', country: 'US' },
		],
		[
			'123 Queen St W, Toronto, ON M5H 2M9, Canada',
			{ street: '123 Queen St W', city: 'Toronto', region: 'ON', postalCode: 'M5H 2M9', country: 'CA' },
		],
		[
			'PO Box 12, Perth WA 6000',
			{ street: 'PO Box 12', city: 'Perth', region: 'WA', postalCode: '6000', country: 'AU' },
		],
		[
			'10 Downing Street, London SW1A 2AA',
			{ street: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' },
		],
		[
			'Damrak 1, 1012 LG Amsterdam, Netherlands',
			{ street: 'Damrak 1', city: 'Amsterdam', postalCode: '1012 LG', country: 'NL' },
		],
		[
			'ul. Marszałkowska 1, 00-950 Warszawa, Poland',
			{ street: 'ul. Marszałkowska 1', city: 'Warszawa', postalCode: '00-950', country: 'PL' },
		],
		['Springfield, IL 62701', { city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' }],
		['Berlin, Germany', { city: 'Berlin', country: 'DE' }],
		[
			'Hauptstr. 1, 80331 München, Bayern, Germany',
			{ street: 'Hauptstr. 1', city: 'München', region: 'Bayern', postalCode: '80331', country: 'DE' },
		],
	])('%j', (text, parts) => {
		expect(splitAddress(text)).toEqual(parts);
	});

	it('reads a region code in the lead’s country when it is known', () => {
		expect(splitAddress('1 Hay St, Perth, WA', 'AU')).toMatchObject({ city: 'Perth', region: 'WA' });
	});

	it('leaves alone what is not a whole address', () => {
		for (const text of ['12 Main Street', '12 Main St, Apt 4', '12 Main St, Second Floor', '', 'x'.repeat(400)])
			expect(splitAddress(text)).toBeUndefined();
	});
});
