import { executeFilter, isFilterValue } from 'n8n-workflow';
import type { FilterValue, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { compileValue, hasExpression, memoKey, type Resolve } from './expressions';

/**
 * Rule conditions, evaluated per item as n8n's Switch node does, but cheaper.
 *
 * Letting n8n resolve `rules.values[r].conditions` for every item builds an expression context per condition and runs
 * each regex through n8n's sandbox: profiled at ~20× the cost of the routing itself. Most conditions compare a plain
 * `{{ $json.field }}` path with a literal, so those values are read from the item here, and n8n's own `executeFilter`
 * still decides (same operators, type validation and errors). The result is a pure function of the resolved values,
 * so it is remembered per execution: a territory regex runs once per distinct country, not once per lead. Any other
 * expression keeps n8n's full per-item evaluation.
 */

const MEMO_LIMIT = 5000;

/** A fast matcher for rule `r`, or undefined when its conditions need n8n's full expression evaluation. */
function compileRule(
	ctx: IExecuteFunctions,
	r: number,
): ((json: IDataObject, itemIndex: number) => boolean) | undefined {
	const raw: unknown = ctx.getNodeParameter(`rules.values[${r}].conditions`, 0, {}, { rawExpressions: true });
	if (!isFilterValue(raw) || hasExpression(raw.options) || hasExpression(raw.combinator)) return undefined;
	const resolvers: Array<{ left: Resolve; right: Resolve }> = [];
	for (const condition of raw.conditions) {
		const left = compileValue(condition.leftValue);
		const right = compileValue(condition.rightValue);
		if (!left || !right || hasExpression(condition.operator)) return undefined;
		resolvers.push({ left, right });
	}
	const memo = new Map<string, boolean>();
	return (json, itemIndex) => {
		const values = resolvers.map(({ left, right }) => [left(json), right(json)]);
		const key = memoKey(values);
		const known = key === undefined ? undefined : memo.get(key);
		if (known !== undefined) return known;
		const resolved: FilterValue = {
			...raw,
			conditions: raw.conditions.map((condition, c) => ({
				...condition,
				leftValue: values[c][0] as FilterValue['conditions'][number]['leftValue'],
				rightValue: values[c][1] as FilterValue['conditions'][number]['rightValue'],
			})),
		};
		const result = executeFilter(resolved, { itemIndex });
		if (key !== undefined && memo.size < MEMO_LIMIT) memo.set(key, result);
		return result;
	};
}

/** One matcher per rule; each returns whether item `i` meets the rule's conditions (or throws n8n's filter error). */
export function ruleMatchers(ctx: IExecuteFunctions, ruleCount: number): Array<(i: number) => boolean> {
	const items = ctx.getInputData();
	return Array.from({ length: ruleCount }, (_, r) => {
		const fast = compileRule(ctx, r);
		if (fast) return (i: number) => fast(items[i].json, i);
		return (i: number) =>
			ctx.getNodeParameter(`rules.values[${r}].conditions`, i, false, { extractValue: true }) as boolean;
	});
}
