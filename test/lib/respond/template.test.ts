import fc from 'fast-check';
import { compileTemplate, renderTemplate, TemplateError } from '../../../lib/respond/template';
import { capLength, cleanHeaderText, plainEmailAddress } from '../../../lib/respond/sanitize';
import { textToHtml } from '../../../lib/respond/compose';

const render = (source: string, view: unknown, mode: 'text' | 'html' | 'header' = 'text', html = mode === 'html') =>
	renderTemplate(compileTemplate(source, 'T', html), view, { mode, maxFieldLength: 50 });

describe('template language', () => {
	it('fills placeholders, nested paths and fallbacks', () => {
		const view = { firstName: 'Ada', owner: { name: 'Grace' }, tags: ['a', 'b'], n: 3, empty: '' };
		expect(
			render('Hi {{firstName}}, {{ owner.name }} / {{missing|there}} / {{empty|none}} / {{tags}} / {{n}}', view),
		).toBe('Hi Ada, Grace / there / none / a, b / 3');
	});

	it('shows sections only when the value is present, inverted sections when absent', () => {
		const source = 'A{{#company}} at {{company}}{{/company}}{{^company}} (no company){{/company}}';
		expect(render(source, { company: 'Acme' })).toBe('A at Acme');
		expect(render(source, { company: '  ' })).toBe('A (no company)');
		expect(render(source, {})).toBe('A (no company)');
	});

	it('drops the line of a section tag that stands alone', () => {
		const source = 'one\n{{#x}}\ntwo {{x}}\n{{/x}}\nthree';
		expect(render(source, { x: 'X' })).toBe('one\ntwo X\nthree');
		expect(render(source, {})).toBe('one\nthree');
	});

	it.each([
		['{{firstName', 'never closed'],
		['{{ first name }}', 'not a valid placeholder'],
		['{{}}', 'not a valid placeholder'],
		['{{#a}}x', 'never closed'],
		['{{#a}}x{{/b}}', 'closes a section that is not open'],
		['x{{/a}}', 'closes a section that is not open'],
		['{{{raw}}}', 'unsupported placeholder'],
		['{{a.__proto__.x}}', 'not allowed'],
		['{{constructor}}', 'not allowed'],
		['stray }} here', 'without a matching'],
	])('rejects %s', (source, message) => {
		expect(() => compileTemplate(source, 'Subject')).toThrow(TemplateError);
		expect(() => compileTemplate(source, 'Subject')).toThrow(message);
	});

	it('allows "}}" in HTML (CSS) but not in plain text', () => {
		expect(() => compileTemplate('<style>@media x{a{b:c}}</style>', 'H', true)).not.toThrow();
	});

	it('never reads inherited properties', () => {
		expect(render('{{toString}}|{{hasOwnProperty}}', {})).toBe('|');
	});

	it('escapes values in HTML and keeps only safe URLs in links', () => {
		const source = '<a href="{{url}}">{{name}}</a>';
		expect(render(source, { url: 'https://x.test/?a=1&b=2', name: '<b>&' }, 'html')).toBe(
			'<a href="https://x.test/?a=1&amp;b=2">&lt;b&gt;&amp;</a>',
		);
		expect(render(source, { url: 'javascript:alert(1)', name: 'n' }, 'html')).toBe('<a href="">n</a>');
		expect(render(source, { url: 'https://x.test/" onclick="x', name: 'n' }, 'html')).toBe('<a href="">n</a>');
	});

	it('puts header values on one line without control characters', () => {
		expect(render('Hi {{n}}!', { n: 'A\r\nBcc: x@y\u0000\u0007' }, 'header')).toBe('Hi A Bcc: x@y!');
	});

	it('caps each value at the configured length', () => {
		expect(render('{{v}}', { v: 'x'.repeat(100) })).toBe(`${'x'.repeat(49)}…`);
	});

	it('no lead value can break out of a header line or an HTML text node (property)', () => {
		const header = compileTemplate('Re: {{a}} {{b}}', 'S');
		const html = compileTemplate('<p>{{a}}</p><a href="{{b}}">x</a>', 'H', true);
		fc.assert(
			fc.property(
				fc.string({ maxLength: 80, unit: 'binary' }),
				fc.string({ maxLength: 80, unit: 'binary' }),
				(a, b) => {
					const subject = renderTemplate(header, { a, b }, { mode: 'header', maxFieldLength: 500 });
					expect(subject).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
					const body = renderTemplate(html, { a, b }, { mode: 'html', maxFieldLength: 500 });
					const inner = body.slice(3, body.indexOf('</p><a href=')).replace(/<br>\n/g, ' ');
					expect(inner).not.toMatch(/[<>"]/);
					const href = body.slice(body.indexOf('href="') + 6, body.lastIndexOf('">x</a>'));
					expect(href).not.toMatch(/["<>\s]/);
				},
			),
		);
	});
});

describe('sanitizing helpers', () => {
	it('cuts by code points without splitting emoji', () => {
		expect(capLength('😀😀😀😀', 3)).toBe('😀😀…');
		expect(capLength('short', 10)).toBe('short');
	});

	it('cleans header text', () => {
		expect(cleanHeaderText(' a\u202Eb \t\r\n c ')).toBe('ab c');
	});

	it('accepts only one plain address', () => {
		expect(plainEmailAddress(' ada@lovelace.test ')).toBe('ada@lovelace.test');
		for (const bad of [
			'a@b',
			'a b@c.test',
			'a@c.test, d@e.test',
			'<a@c.test>',
			'a@c.test\r\nBcc: x@y.test',
			'a..b@c.test',
			'x'.repeat(65) + '@c.test',
		]) {
			expect(plainEmailAddress(bad)).toBeUndefined();
		}
	});

	it('turns text into escaped HTML paragraphs with clickable http links', () => {
		expect(textToHtml('Hi <you>,\n\nsee https://a.test/x?y=1&z=2.\nbye')).toBe(
			'<p>Hi &lt;you&gt;,</p>\n<p>see <a href="https://a.test/x?y=1&amp;z=2">https://a.test/x?y=1&amp;z=2</a>.<br>\nbye</p>',
		);
	});
});
