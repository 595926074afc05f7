/**
 * Obviously fake or placeholder values: what people type to get past a required field or to test a form.
 * Deliberately conservative: a real lead must never look fake.
 */

// Values that mean "nothing" in a form field; treated as empty, not as data.
const PLACEHOLDERS = new Set([
	'na',
	'n/a',
	'n.a.',
	'none',
	'null',
	'nil',
	'undefined',
	'-',
	'--',
	'---',
	'.',
	'..',
	'...',
	'?',
	'x',
	'tbd',
	'unknown',
	'no',
	'nothing',
]);

const FAKE_WORDS = new Set([
	'test',
	'testing',
	'tester',
	'testtest',
	'test123',
	'asdf',
	'asdfgh',
	'asdfasdf',
	'qwerty',
	'qwertz',
	'azerty',
	'foo',
	'bar',
	'foobar',
	'abc',
	'abcd',
	'abcdef',
	'xyz',
	'xxx',
	'xxxx',
	'aaa',
	'fake',
	'dummy',
	'sample',
	'example',
	'blah',
	'sdf',
	'jkl',
	'lorem',
	'ipsum',
	'spam',
	'noemail',
	'nomail',
	'donotreply',
]);
const FAKE_NAMES = new Set([
	'test user',
	'john doe',
	'jane doe',
	'mickey mouse',
	'donald duck',
	'test test',
	'first last',
	'firstname lastname',
]);
const FAKE_DOMAINS = new Set([
	'example.com',
	'example.org',
	'example.net',
	'test.com',
	'testing.com',
	'fake.com',
	'asdf.com',
	'none.com',
	'noemail.com',
	'nomail.com',
	'domain.com',
	'email.test',
	'test.test',
]);

export function isPlaceholder(text: string): boolean {
	return text.length <= 9 && PLACEHOLDERS.has(text.toLowerCase());
}

function isMash(word: string): boolean {
	return FAKE_WORDS.has(word) || /^(.)\1{2,}$/.test(word);
}

export function isFakeName(text: string): boolean {
	const lower = text.toLowerCase().replace(/\s+/g, ' ').trim();
	if (FAKE_NAMES.has(lower)) return true;
	const words = lower.split(' ');
	return words.every(isMash);
}

export function isFakeCompany(text: string): boolean {
	const lower = text.toLowerCase().trim();
	return FAKE_WORDS.has(lower) || /^(.)\1{2,}$/.test(lower) || lower === 'test company' || lower === 'acme test';
}

export function isFakeEmail(local: string, domain: string): boolean {
	return FAKE_DOMAINS.has(domain) || FAKE_WORDS.has(local) || /^(.)\1{2,}$/.test(local);
}

/** Links where a person's or company's name belongs: the signature of form spam. */
export function containsLink(text: string, bareDomains = true): boolean {
	if (/https?:\/\/|www\.|<a\s|\[url/i.test(text)) return true;
	// Bare domains are spam in a person's name, but "Booking.com" is a fine company name.
	return bareDomains && /\.(?:com|net|org|ru|xyz|top|info|biz|io)\b/i.test(text);
}

export function countLinks(text: string): number {
	return (text.match(/https?:\/\/|www\./gi) ?? []).length;
}
