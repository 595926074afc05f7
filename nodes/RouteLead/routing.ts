/**
 * The routing loop Route and Reassign share: settings read once (rules, fallback, roster, store, clock), then each
 * item decided by the operation's own call and sent to Assigned / a rule's output / Fallback.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { DecideInput } from '../../lib/route/decide';
import { ReplayCounters } from '../../lib/route/replay';
import { ruleBuilder, RuleConfigError, toFallbackConfig, withUniqueIds, type RawRule } from '../../lib/route/rules';
import type { Decision, RuleConfig } from '../../lib/route/types';
import { LeadRoutingError } from '../../lib/errors';
import { readInstant } from '../../lib/sla/timer';
import { windowsAt } from '../../lib/store/windows';
import { isTimeZone } from '../../lib/text/time';
import { ruleMatchers } from './conditions';
import { failedItem, toNodeError } from '../shared/errors';
import { itemValue, memoKey } from './expressions';
import { rosterReader, routeStore } from './helpers';

interface RouteOptions {
	capacityTimeZone?: string;
	dryRun?: boolean;
	outputPerRule?: boolean;
	replay?: boolean;
	slaReroute?: boolean;
}

const RULE_FIELDS = [
	'name',
	'assignTo',
	'repId',
	'team',
	'strategy',
	'queueName',
	'queueOwnerId',
	'requiredSkills',
	'respectWorkingHours',
	'onNoEligible',
	'teamBookingUrl',
] as const;

interface ConditionError {
	ruleId: string;
	message: string;
}

/** The rules that apply to one lead, where each sits in the node's list, and the rules its values broke. */
interface ItemRules {
	rules: RuleConfig[];
	positions: number[];
	problems: ConditionError[];
}

/**
 * The rules for each item. Fields without an expression are read once and checked before any lead is routed (a bad
 * setting stops the node); fields with one (e.g. Team `{{ $json.team }}`) are read per item, and each distinct set of
 * values is checked and built once. A value from the lead that breaks its rule (e.g. an empty Rep ID) makes that rule
 * not apply to the lead, recorded on it, as a condition that does not fit its data does.
 */
function ruleReader(ctx: IExecuteFunctions): { count: number; forItem(i: number): ItemRules } {
	const raw = ctx.getNodeParameter('rules.values', 0, [], { rawExpressions: true }) as IDataObject[];
	const build = ruleBuilder();
	let varies = false;
	const readers = (raw ?? []).map((_, r) => {
		const fields = RULE_FIELDS.map((field) => [field, itemValue(ctx, `rules.values[${r}].${field}`, null)] as const);
		const varying = fields.filter(([, value]) => value.perItem).map(([field]) => field);
		const rawRule = (i: number) => Object.fromEntries(fields.map(([field, value]) => [field, value.at(i)])) as RawRule;
		if (!varying.length) {
			const fixed = build(rawRule(0), r, '');
			if (!fixed.ok) throw fixed.error;
			return () => fixed;
		}
		varies = true;
		return (i: number) => {
			const values = rawRule(i);
			return build(values, r, memoKey(varying.map((field) => values[field])));
		};
	});
	const forItem = (i: number): ItemRules => {
		const item: ItemRules = { rules: [], positions: [], problems: [] };
		readers.forEach((read, r) => {
			const built = read(i);
			if (built.ok) {
				item.rules.push(built.rule);
				item.positions.push(r);
			} else {
				item.problems.push({ ruleId: built.ruleId, message: built.error.message });
			}
		});
		item.rules = withUniqueIds(item.rules);
		return item;
	};
	if (varies) return { count: readers.length, forItem };
	const fixed = forItem(0);
	return { count: readers.length, forItem: () => fixed };
}

/** The decision time of each item: Evaluate At when set (per lead), else the wall clock. */
function decisionTime(ctx: IExecuteFunctions): (i: number) => number {
	const value = itemValue(ctx, 'options.evaluateAt', '');
	return (i) => {
		const read = readInstant(value.at(i), Date.now(), 'Options › Evaluate At');
		if (!read.ok)
			throw new LeadRoutingError(
				read.reason,
				'Use an ISO 8601 date such as 2026-11-16T09:30:00Z, e.g. {{ $json.submittedAt }}, or leave it empty for now.',
			);
		return read.ms;
	};
}

/** One item's decision, made by the operation from the shared input; `extra` fields join the item beside `routing`. */
export type DecideItem = (
	input: DecideInput,
	itemIndex: number,
) => Promise<{ decision: Decision; extra?: IDataObject }>;

export async function routeItems(ctx: IExecuteFunctions, decideItem: DecideItem): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const options = ctx.getNodeParameter('options', 0, {}) as RouteOptions;
	let setup;
	try {
		const rules = ruleReader(ctx);
		const replay = options.replay === true;
		setup = {
			rules,
			fallback: toFallbackConfig({
				queueName: ctx.getNodeParameter('fallbackQueueName', 0, ''),
				ownerId: ctx.getNodeParameter('fallbackOwnerId', 0, ''),
				ownerName: ctx.getNodeParameter('fallbackOwnerName', 0, ''),
				ownerEmail: ctx.getNodeParameter('fallbackOwnerEmail', 0, ''),
				bookingUrl: ctx.getNodeParameter('fallbackBookingUrl', 0, ''),
			}),
			timeZone: (options.capacityTimeZone ?? '').trim() || ctx.getTimezone(),
			roster: rosterReader(ctx),
			store: replay ? new ReplayCounters() : await routeStore(ctx),
			dryRun: replay || options.dryRun === true,
			timeOf: decisionTime(ctx),
		};
		if (!isTimeZone(setup.timeZone)) {
			throw new RuleConfigError(
				`Options › Capacity Time Zone "${setup.timeZone}" is not a valid time zone; use a name such as America/New_York`,
			);
		}
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
	const outputCount = options.outputPerRule ? setup.rules.count + 1 : 2;
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	const fallbackOutput = outputCount - 1;

	const matchers = ruleMatchers(ctx, setup.rules.count);
	for (let i = 0; i < items.length; i++) {
		try {
			const now = setup.timeOf(i);
			const { rules, positions, problems } = setup.rules.forItem(i);
			const conditionErrors: ConditionError[] = [...problems];
			const { decision, extra } = await decideItem(
				{
					lead: items[i].json,
					rules,
					roster: setup.roster(i),
					fallback: setup.fallback,
					store: setup.store,
					now,
					windows: windowsAt(now, setup.timeZone),
					dryRun: setup.dryRun,
					slaReroute: options.slaReroute !== false,
					matches: (r) => {
						// A lead whose data does not fit a condition (e.g. text where a number is expected) must still be
						// routed: the rule counts as not matched and the reason is recorded on the item.
						try {
							return matchers[positions[r]](i);
						} catch (error) {
							conditionErrors.push({ ruleId: rules[r].id, message: (error as Error).message });
							return false;
						}
					},
				},
				i,
			);
			const routing: IDataObject = { ...(decision.routing as unknown as IDataObject) };
			if (conditionErrors.length) routing.conditionErrors = conditionErrors as unknown as IDataObject[];
			const json: IDataObject = { ...items[i].json, ...extra, routing };
			const output =
				decision.ruleIndex === null ? fallbackOutput : options.outputPerRule ? positions[decision.ruleIndex] : 0;
			outputs[output].push({ json, pairedItem: { item: i } });
		} catch (error) {
			outputs[fallbackOutput].push(failedItem(ctx, i, error));
		}
	}
	return outputs;
}
