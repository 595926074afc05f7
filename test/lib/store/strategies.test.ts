/** The strategy table drives validation and the editor: a row added there is offered and accepted everywhere. */
import { ruleFields } from '../../../nodes/RouteLead/rule.description';
import { toRuleConfig } from '../../../lib/route/rules';
import {
	ASSIGN_STRATEGIES,
	POOL_STRATEGIES,
	strategySpec,
	usesScores,
	usesWeights,
} from '../../../lib/store/strategies';

describe('strategy table', () => {
	it('offers every pool strategy in the editor, sorted by name, with the table as default source', () => {
		const field = ruleFields.find((f) => f.name === 'strategy');
		const values = (field?.options ?? []).map((o) => ('value' in o ? o.value : undefined));
		expect([...values].sort()).toEqual(Object.keys(POOL_STRATEGIES).sort());
		const names = (field?.options ?? []).map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(field?.default).toBe('roundRobin');
	});

	it('accepts every strategy of the table in a rule and refuses one that is not there', () => {
		for (const strategy of Object.keys(POOL_STRATEGIES)) {
			expect(toRuleConfig({ assignTo: 'pool', strategy }, 0).strategy).toBe(strategy);
		}
		expect(() => toRuleConfig({ assignTo: 'pool', strategy: 'roundrobin' }, 0)).toThrow(
			/unknown strategy "roundrobin"/,
		);
		expect(() => toRuleConfig({ assignTo: 'pool', strategy: 'toString' }, 0)).toThrow(/unknown strategy "toString"/);
	});

	it('derives scores and weights from the pick rule', () => {
		expect(ASSIGN_STRATEGIES.filter(usesScores)).toEqual(['roundRobin', 'weighted']);
		expect(ASSIGN_STRATEGIES.filter(usesWeights)).toEqual(['weighted']);
		expect(ASSIGN_STRATEGIES.filter((s) => strategySpec(s).bySeniority)).toEqual(['priority']);
	});
});
