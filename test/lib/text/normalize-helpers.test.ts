import { countryCode } from '../../../lib/text/country';
import { parseEmail } from '../../../lib/text/email';
import { employeeBand, parseEmployees, segmentFor } from '../../../lib/text/employees';
import { casePersonName, hasNonNameCharacters, splitFullName } from '../../../lib/text/person-name';
import { isFakePhone, normalizePhone } from '../../../lib/text/phone';
import { regionCode } from '../../../lib/text/region';
import { normalizeWebsite, utmFromUrl } from '../../../lib/text/web';
import { foldKey, toMultilineText, toText } from '../../../lib/text/clean';

describe('country', () => {
	it.each([
		['USA', 'US'],
		['U.S.', 'US'],
		['U.S.A.', 'US'],
		['United States of America', 'US'],
		['america', 'US'],
		['UK', 'GB'],
		['Great Britain', 'GB'],
		['England', 'GB'],
		['Deutschland', 'DE'],
		['España', 'ES'],
		['Espana', 'ES'],
		['Holland', 'NL'],
		['the Netherlands', 'NL'],
		['Nederland', 'NL'],
		['de', 'DE'],
		['DEU', 'DE'],
		['840', 'US'],
		["Côte d'Ivoire", 'CI'],
		['Österreich', 'AT'],
		['Schweiz', 'CH'],
		['Türkiye', 'TR'],
		['South Korea', 'KR'],
		['Россия', 'RU'],
		['日本', 'JP'],
		['Brasil', 'BR'],
		['México', 'MX'],
		['UAE', 'AE'],
	])('%s → %s', (input, code) => expect(countryCode(input)).toBe(code));

	it.each(['Narnia', 'xx', '', 'a'.repeat(500)])('%s is no country', (input) =>
		expect(countryCode(input)).toBeUndefined(),
	);
});

describe('region', () => {
	it('reads names and abbreviations within the lead country', () => {
		expect(regionCode('California', 'US')).toEqual({ code: 'US-CA', country: 'US' });
		expect(regionCode('ca', 'US').code).toBe('US-CA');
		expect(regionCode('WA', 'US').code).toBe('US-WA');
		expect(regionCode('WA', 'AU').code).toBe('AU-WA');
		expect(regionCode('Québec', 'CA').code).toBe('CA-QC');
		expect(regionCode('NSW', 'AU').code).toBe('AU-NSW');
		expect(regionCode('US-NY', 'US').code).toBe('US-NY');
		expect(regionCode('Bavaria', 'DE')).toEqual({});
	});

	it("reads India's states and union territories, by name or by their current and former codes", () => {
		expect(regionCode('Karnataka', 'IN').code).toBe('IN-KA');
		expect(regionCode('Tamil Nadu', undefined)).toEqual({ code: 'IN-TN', country: 'IN' });
		expect(regionCode('OR', 'IN').code).toBe('IN-OD');
		expect(regionCode('Telangana', 'IN').code).toBe('IN-TS');
	});

	it('infers the country only from full, unambiguous names', () => {
		expect(regionCode('Ontario', undefined)).toEqual({ code: 'CA-ON', country: 'CA' });
		expect(regionCode('New South Wales', undefined)).toEqual({ code: 'AU-NSW', country: 'AU' });
		expect(regionCode('WA', undefined)).toEqual({});
		expect(regionCode('AU-VIC', undefined)).toEqual({ code: 'AU-VIC', country: 'AU' });
	});
});

describe('email', () => {
	it('cleans and flags addresses', () => {
		const ok = parseEmail('  John.Doe@Mail.Example-Corp.CO.UK. ');
		expect(ok.ok && ok.value).toMatchObject({
			email: 'john.doe@mail.example-corp.co.uk',
			domain: 'mail.example-corp.co.uk',
			registrableDomain: 'example-corp.co.uk',
		});
		expect(parseEmail('Jane <jane@stripe.com>').ok).toBe(true);
		expect(parseEmail('mailto:bo@stripe.com?subject=hi').ok).toBe(true);
		const free = parseEmail('x@gmail.com');
		expect(free.ok && free.value.freeMail).toBe(true);
		const disposable = parseEmail('x@mailinator.com');
		expect(disposable.ok && [disposable.value.disposable, disposable.value.freeMail]).toEqual([true, false]);
		const role = parseEmail('sales@stripe.com');
		expect(role.ok && role.value.role).toBe(true);
	});

	it.each([
		'plainaddress',
		'@x.com',
		'a@',
		'a b@x.com',
		'a@localhost',
		'a@site.invalidtld',
		'a..b@x.com',
		'a@-x.com',
		'a@1.2.3.4',
	])('rejects %s', (input) => expect(parseEmail(input).ok).toBe(false));
});

describe('phone', () => {
	it('formats E.164 with the lead or default country', () => {
		expect(normalizePhone('(415) 555-2671', ['US'])).toMatchObject({ ok: true, e164: '+14155552671' });
		expect(normalizePhone('030 12345678', [undefined, 'DE'])).toMatchObject({ ok: true, e164: '+493012345678' });
		expect(normalizePhone('0044 20 7946 0958', [])).toMatchObject({ ok: true, e164: '+442079460958' });
		expect(normalizePhone('+33 1 23 45 67 89', ['US'])).toMatchObject({ ok: true, e164: '+33123456789' });
		expect(normalizePhone('07911 123456', ['US', 'GB'])).toMatchObject({ ok: true, e164: '+447911123456' });
	});

	it('explains numbers it cannot read', () => {
		expect(normalizePhone('12', ['US'])).toMatchObject({ ok: false });
		expect(normalizePhone('555 1234 999', [])).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/Default Phone Country/),
		});
		expect(normalizePhone('+1 000 000 0000', [])).toMatchObject({ ok: false });
	});

	it('spots placeholder numbers', () => {
		expect(isFakePhone('+15555555555')).toBe(true);
		expect(isFakePhone('+11234567890')).toBe(true);
		expect(isFakePhone('+14155550142')).toBe(true);
		expect(isFakePhone('+14155552671')).toBe(false);
	});
});

describe('person names', () => {
	it.each([
		['JOHN MCDONALD', 'John McDonald'],
		["shaun o'neil", "Shaun O'Neil"],
		['maria van der berg', 'Maria van der Berg'],
		['McKenzie DeAndre', 'McKenzie DeAndre'],
		['anne-marie  SMITH', 'Anne-Marie Smith'],
		['ludwig VAN beethoven', 'Ludwig van Beethoven'],
		['henry viii', 'Henry VIII'],
		["guy d'artois", "Guy d'Artois"],
		['ÉMILE ZOLA', 'Émile Zola'],
	])('%s → %s', (input, expected) => expect(casePersonName(input)).toBe(expected));

	it('splits full names', () => {
		expect(splitFullName('Ludwig van Beethoven')).toEqual({ firstName: 'Ludwig', lastName: 'van Beethoven' });
		expect(splitFullName('Dr. Jane Q. Public Jr.')).toEqual({ firstName: 'Jane Q.', lastName: 'Public' });
		expect(splitFullName('Smith, John')).toEqual({ firstName: 'John', lastName: 'Smith' });
		expect(splitFullName('Cher')).toEqual({ firstName: 'Cher' });
	});

	it('notices what is not a name', () => {
		expect(hasNonNameCharacters('Ann 😀')).toBe(true);
		expect(hasNonNameCharacters('R2D2')).toBe(true);
		expect(hasNonNameCharacters("Zoë O'Brien-Núñez")).toBe(false);
	});
});

describe('employees', () => {
	it.each([
		['50-200', 125, 'Mid-Market'],
		['1,000+', 1000, 'Enterprise'],
		['10k', 10000, 'Enterprise'],
		['5000 employees', 5000, 'Enterprise'],
		['1.001–5.000', 3001, 'Enterprise'],
		['Self-employed', 1, 'SMB'],
		['under 10', 5, 'SMB'],
		[' 42 ', 42, 'SMB'],
		[250, 250, 'Mid-Market'],
	])('%s → %i (%s)', (input, employees, segment) => {
		const parsed = parseEmployees(input);
		expect(parsed?.employees).toBe(employees);
		expect(segmentFor(parsed!.employees)).toBe(segment);
	});

	it.each(['lots', '200-50', '', 'x'.repeat(1000), -5, Number.NaN])('%s is not a size', (input) =>
		expect(parseEmployees(input)).toBeUndefined(),
	);

	it('bands and custom thresholds', () => {
		expect(employeeBand(1)).toBe('1-10');
		expect(employeeBand(51)).toBe('51-200');
		expect(employeeBand(20000)).toBe('10001+');
		expect(segmentFor(60, { midMarketFrom: 50, enterpriseFrom: 500 })).toBe('Mid-Market');
	});
});

describe('websites and UTM', () => {
	it('reduces a website to its registrable domain', () => {
		expect(normalizeWebsite('https://www.shop.example.co.uk/path/?q=1')).toEqual({
			website: 'https://www.shop.example.co.uk/path',
			domain: 'example.co.uk',
		});
		expect(normalizeWebsite('Acme.com')).toEqual({ website: 'https://acme.com', domain: 'acme.com' });
		expect(normalizeWebsite('not a site')).toBeUndefined();
		expect(normalizeWebsite('ftp://acme.com')).toBeUndefined();
	});

	it('reads UTM parameters from a landing page', () => {
		expect(utmFromUrl('https://acme.com/?utm_source=google&utm_medium=cpc&utm_campaign=q1&x=1')).toEqual({
			source: 'google',
			medium: 'cpc',
			campaign: 'q1',
		});
		expect(utmFromUrl('garbage')).toEqual({});
	});
});

describe('clean text', () => {
	it('coerces form values to clean text', () => {
		expect(toText('  a \n b\u200b ')).toEqual({ text: 'a b' });
		expect(toText(42)).toEqual({ text: '42' });
		expect(toText(['x', 'y'])).toEqual({ text: 'x' });
		expect(toText({ a: 1 })).toEqual({ problem: 'invalid_type' });
		expect(toText('x'.repeat(200), 100)).toEqual({ problem: 'too_long' });
		expect(toMultilineText('line 1\r\n\r\n\r\nline 2')).toEqual({ text: 'line 1\n\nline 2' });
		expect(foldKey('E-Mail Adresse')).toBe('emailadresse');
	});
});
