/** Route: assign each lead to a rep, a queue or the fallback queue, with the decision recorded on the item. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { decide } from '../../lib/route/decide';
import { RuleConfigError, toFallbackConfig, toRuleConfigs, type RawRule } from '../../lib/route/rules';
import { windowsAt } from '../../lib/store/windows';
import { ruleMatchers } from './conditions';
import { failedItem, toNodeError } from '../shared/errors';
import { rosterReader, routeStore } from './helpers';
import { rosterProperties } from './roster.description';
import { ruleFields } from './rule.description';

const properties: INodeProperties[] = [
	...rosterProperties,
	{
		displayName: 'Routing Rules',
		name: 'rules',
		placeholder: 'Add Routing Rule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description: 'Tried in order; the first rule that matches and finds an eligible owner wins',
		options: [{ name: 'values', displayName: 'Rule', values: ruleFields }],
	},
	{ displayName: 'Fallback Queue Name', name: 'fallbackQueueName', type: 'string', default: 'Unassigned Leads', required: true },
	{
		displayName: 'Fallback Owner ID',
		name: 'fallbackOwnerId',
		type: 'string',
		default: '',
		required: true,
		description: 'Who watches the fallback queue, so that no lead is ever left without an owner',
	},
	{ displayName: 'Fallback Owner Name', name: 'fallbackOwnerName', type: 'string', default: '' },
	{ displayName: 'Fallback Owner Email', name: 'fallbackOwnerEmail', type: 'string', placeholder: 'name@email.com', default: '' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Capacity Time Zone',
				name: 'capacityTimeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description: 'Where a capacity day and week begin; empty = the workflow\'s time zone',
			},
			{ displayName: 'Dry Run', name: 'dryRun', type: 'boolean', default: false, description: 'Whether to decide and record the decision without advancing any counter' },
			{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: false, description: 'Whether to ignore letter case in rule conditions' },
			{ displayName: 'Less Strict Type Validation', name: 'looseTypeValidation', type: 'boolean', default: false, description: 'Whether rule conditions convert value types (e.g. "5" to 5)' },
			{ displayName: 'One Output per Rule', name: 'outputPerRule', type: 'boolean', default: false, description: 'Whether each rule gets its own output (plus Fallback) instead of one Assigned output' },
			{
				displayName: 'Re-Route SLA Breaches',
				name: 'slaReroute',
				type: 'boolean',
				default: true,
				description: 'Whether a lead whose SLA was breached (sla.status "breached") skips its current owner (routing.ownerId)',
			},
		],
	},
];

const displayOptions = { show: { operation: ['route'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface RouteOptions {
	capacityTimeZone?: string;
	dryRun?: boolean;
	outputPerRule?: boolean;
	slaReroute?: boolean;
}

const RULE_FIELDS = ['name', 'assignTo', 'repId', 'team', 'strategy', 'queueName', 'queueOwnerId', 'requiredSkills', 'respectWorkingHours', 'onNoEligible'] as const;

/** Rule settings (not their conditions, which are evaluated per item) resolved once, for the first item. */
function readRules(ctx: IExecuteFunctions): RawRule[] {
	const raw = ctx.getNodeParameter('rules.values', 0, [], { rawExpressions: true }) as IDataObject[];
	return (raw ?? []).map((_, r) => {
		const rule: RawRule = {};
		for (const field of RULE_FIELDS) rule[field] = ctx.getNodeParameter(`rules.values[${r}].${field}`, 0, null);
		return rule;
	});
}

interface ConditionError {
	ruleId: string;
	message: string;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as RouteOptions;
	const rawRules = readRules(this);
	const outputCount = options.outputPerRule ? rawRules.length + 1 : 2;
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	const fallbackOutput = outputCount - 1;

	let setup;
	try {
		setup = {
			rules: toRuleConfigs(rawRules),
			fallback: toFallbackConfig({
				queueName: this.getNodeParameter('fallbackQueueName', 0, ''),
				ownerId: this.getNodeParameter('fallbackOwnerId', 0, ''),
				ownerName: this.getNodeParameter('fallbackOwnerName', 0, ''),
				ownerEmail: this.getNodeParameter('fallbackOwnerEmail', 0, ''),
			}),
			timeZone: (options.capacityTimeZone ?? '').trim() || this.getTimezone(),
			roster: rosterReader(this),
			store: await routeStore(this),
		};
		try {
			windowsAt(Date.now(), setup.timeZone);
		} catch {
			throw new RuleConfigError(`Options › Capacity Time Zone "${setup.timeZone}" is not a valid time zone; use a name such as America/New_York`);
		}
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}

	const matchers = ruleMatchers(this, rawRules.length);
	for (let i = 0; i < items.length; i++) {
		try {
			const now = Date.now();
			const conditionErrors: ConditionError[] = [];
			const decision = await decide({
				lead: items[i].json,
				rules: setup.rules,
				roster: setup.roster(i),
				fallback: setup.fallback,
				store: setup.store,
				now,
				windows: windowsAt(now, setup.timeZone),
				dryRun: options.dryRun === true,
				slaReroute: options.slaReroute !== false,
				matches: (r) => {
					// A lead whose data does not fit a condition (e.g. text where a number is expected) must still be
					// routed: the rule counts as not matched and the reason is recorded on the item.
					try {
						return matchers[r](i);
					} catch (error) {
						conditionErrors.push({ ruleId: setup.rules[r].id, message: (error as Error).message });
						return false;
					}
				},
			});
			const routing: IDataObject = { ...(decision.routing as unknown as IDataObject) };
			if (conditionErrors.length) routing.conditionErrors = conditionErrors as unknown as IDataObject[];
			const json: IDataObject = { ...items[i].json, routing };
			const output =
				decision.ruleIndex === null ? fallbackOutput : options.outputPerRule ? decision.ruleIndex : 0;
			outputs[output].push({ json, pairedItem: { item: i } });
		} catch (error) {
			outputs[fallbackOutput].push(failedItem(this, i, error));
		}
	}
	return outputs;
}
