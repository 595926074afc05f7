/** Property: whatever the leads, roster and rules, every input item leaves by exactly one output with an owner. */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { condition, routeParams, rule, runRouteLead } from './route-lead.fixtures';
import { block } from '../helpers/items';

const rep = fc.record({
	id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
	active: fc.boolean(),
	weight: fc.constantFrom(1, 2, 3),
	teams: fc.constantFrom('', 'emea', 'us', 'emea, us'),
	skills: fc.constantFrom('', 'german', 'german, french'),
	priority: fc.integer({ min: 1, max: 5 }),
	capacityPerDay: fc.constantFrom(0, 1, 2),
	capacityOpen: fc.constantFrom(0, 1),
	outOfOffice: fc.constantFrom('', '2000-01-01..2099-12-31'),
	workingHours: fc.constantFrom('', '00:00-00:01', '00:00-24:00'),
});

const ruleArb = fc.record({
	assignTo: fc.constantFrom('accountOwner', 'pool', 'pool', 'queue', 'specificRep'),
	team: fc.constantFrom('', 'emea', 'us', 'apac'),
	strategy: fc.constantFrom('roundRobin', 'weighted', 'leastLoaded', 'priority', 'random'),
	repId: fc.constantFrom('a', 'b', 'zz'),
	requiredSkills: fc.constantFrom('', 'german'),
	respectWorkingHours: fc.boolean(),
	onNoEligible: fc.constantFrom('nextRule', 'fallback'),
	when: fc.constantFrom<IDataObject[]>(
		[],
		[condition('country', 'equals', 'DE')],
		[condition('score', 'gt', 50, 'number')],
	),
});

const lead = fc.record(
	{
		country: fc.constantFrom('DE', 'US', ''),
		score: fc.integer({ min: 0, max: 100 }),
		match: fc.record({ ownerId: fc.constantFrom('a', 'c', 'nobody', '') }),
		sla: fc.record({ status: fc.constantFrom('breached', 'running') }),
		routing: fc.record({ ownerId: fc.constantFrom('a', 'b') }),
	},
	{ requiredKeys: [] },
);

describe('Route Lead property', () => {
	it('every item leaves by exactly one output, with an owner or the fallback', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(rep, { selector: (r) => r.id, maxLength: 5 }),
				fc.array(ruleArb, { maxLength: 4 }),
				fc.array(lead, { minLength: 1, maxLength: 8 }),
				fc.boolean(),
				async (reps, rules, leads, perRule) => {
					const params = routeParams(
						rules.map(({ when, ...r }, i) => rule(`R${i}`, { ...r, queueName: 'Q', queueOwnerId: 'qo' }, when)),
						{ options: { outputPerRule: perRule } },
						reps,
					);
					const { run, out } = await runRouteLead(params, leads);
					expect(run.status).toBe('success');
					const task = run.data.resultData.runData.Node[0];
					const seen = new Map<number, number>();
					(task.data?.main ?? []).forEach((items, output) => {
						for (const item of items ?? []) {
							const paired = item.pairedItem as { item: number };
							seen.set(paired.item, (seen.get(paired.item) ?? 0) + 1);
							const routing = block(item.json, 'routing');
							expect(typeof routing.ownerId).toBe('string');
							expect(routing.ownerId).not.toBe('');
							const isFallbackOutput = output === out.length - 1;
							expect(routing.ruleId === 'fallback').toBe(isFallbackOutput);
						}
					});
					expect([...seen.keys()].sort((x, y) => x - y)).toEqual(leads.map((_, i) => i));
					expect([...seen.values()].every((n) => n === 1)).toBe(true);
				},
			),
			{ numRuns: 60 },
		);
	});
});
