/**
 * Lookup tables keyed by what a lead types must only answer from their own keys. The pipeline property test found
 * "NumberOfEmployees": "constructor" turning into `employees: Object` (a function), which later nodes could not copy.
 */
import { parseEmployees } from '../../lib/text/employees';
import { countryCode } from '../../lib/text/country';
import { streetKey } from '../../lib/match/similarity';
import { DEFAULT_OPTIONS } from '../../lib/lead/options';
import { processLead } from '../../lib/lead/process';
import { runNode } from '../helpers/engine';

const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

describe('lookups keyed by lead text ignore inherited properties', () => {
	it.each(INHERITED)('"%s" is not a company size, a country or a street word', (word) => {
		expect(parseEmployees(word)).toBeUndefined();
		expect(countryCode(word)).toBeUndefined();
		expect(streetKey(`1 ${word}`)).toBe(`1 ${word.toLowerCase().replace(/[^a-z]/g, '')}`);
	});

	it('Normalize Lead emits only JSON for the counterexample, and SLA Timer can keep it', async () => {
		const normalized = await runNode(
			'normalizeLead',
			{ options: { requiredFields: [] } },
			{
				input: [{ email: { email: { email: 'jane@acme.com' } }, NumberOfEmployees: 'constructor' }],
			},
		);
		const lead = normalized.out.flat()[0];
		expect(lead.employees).toBeUndefined();
		expect(JSON.parse(JSON.stringify(lead))).toEqual(lead);
		const started = await runNode(
			'slaTimer',
			{
				operation: 'start',
				leadIdField: 'raw.NumberOfEmployees',
				teamTimeZone: 'UTC',
				options: { defaultTier: 'cold' },
			},
			{ input: [lead] },
		);
		expect(started.error('Node')).toBeUndefined();
		expect(started.out.flat()).toHaveLength(1);
	});
});

describe('form-encoded bracket keys', () => {
	it('"__proto__[x]" as the first part of a flat key reaches no prototype, and the lead is still read', () => {
		const json = {
			'__proto__[polluted]': 'yes',
			'data[email]': 'jane@acme.com',
		};
		const lead = processLead({ json: { body: json, headers: {}, webhookUrl: 'u' } }, DEFAULT_OPTIONS, new Date());
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(lead.json.email).toBe('jane@acme.com');
	});

	it('keys added under an object of the item ("data" next to "data[x]") leave the item unchanged', () => {
		const json = { data: { company: 'Acme' }, 'data[email]': 'jane@acme.com' };
		const before = JSON.stringify(json);
		const lead = processLead({ json }, DEFAULT_OPTIONS, new Date());
		expect(JSON.stringify(json)).toBe(before);
		expect(lead.json.email).toBe('jane@acme.com');
		expect(lead.json.company).toBe('Acme');
	});
});
