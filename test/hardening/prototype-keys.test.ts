/**
 * Lookup tables keyed by what a lead types must only answer from their own keys. The pipeline property test found
 * "NumberOfEmployees": "constructor" turning into `employees: Object` (a function), which later nodes could not copy.
 */
import { parseEmployees } from '../../lib/text/employees';
import { countryCode } from '../../lib/text/country';
import { streetKey } from '../../lib/match/similarity';
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
