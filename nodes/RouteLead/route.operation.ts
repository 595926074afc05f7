import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { decide } from '../../lib/route/decide';
import { toFallbackConfig, toRuleConfigs, type RawRule } from '../../lib/route/rules';
import { windowsAt } from '../../lib/store/windows';
import { rosterReader, routeStore, toNodeError } from './helpers';

interface RouteOptions {
	capacityTimeZone?: string;
	dryRun?: boolean;
	outputPerRule?: boolean;
	slaReroute?: boolean;
}

export async function routeLeads(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as RouteOptions;
	const rawRules = (this.getNodeParameter('rules.values', 0, []) as RawRule[]) ?? [];
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
		windowsAt(Date.now(), setup.timeZone);
	} catch (error) {
		throw toNodeError(this, error, 0);
	}

	for (let i = 0; i < items.length; i++) {
		try {
			const now = Date.now();
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
				matches: (r) =>
					this.getNodeParameter(`rules.values[${r}].conditions`, i, false, { extractValue: true }) as boolean,
			});
			const json: IDataObject = { ...items[i].json, routing: decision.routing as unknown as IDataObject };
			const output =
				decision.ruleIndex === null ? fallbackOutput : options.outputPerRule ? decision.ruleIndex : 0;
			outputs[output].push({ json, pairedItem: { item: i } });
		} catch (error) {
			const nodeError = toNodeError(this, error, i);
			if (!this.continueOnFail()) throw nodeError;
			outputs[fallbackOutput].push({ json: { ...items[i].json, error: nodeError.message }, pairedItem: { item: i } });
		}
	}
	return outputs;
}
