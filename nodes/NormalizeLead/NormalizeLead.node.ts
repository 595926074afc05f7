import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { parseLeadOptions } from '../../lib/lead/options';
import type { LeadOptions } from '../../lib/lead/options';
import { markDuplicates, processLead } from '../../lib/lead/process';
import type { LeadSource, ProcessedLead } from '../../lib/lead/process';
import { failedItem } from '../shared/errors';
import * as automatic from './automatic.mode';
import * as custom from './custom.mode';
import { properties } from './description';

const QUALIFIED = 0;
const REJECTED = 1;

function usesExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(usesExpression);
	if (value && typeof value === 'object') return Object.values(value).some(usesExpression);
	return false;
}

export class NormalizeLead implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Normalize Lead',
		name: 'normalizeLead',
		icon: 'file:normalizeLead.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "custom" ? "Custom mapping" : "Automatic mapping"}}',
		description: 'Turn form submissions from any source into clean, scored leads and stop bad ones',
		defaults: { name: 'Normalize Lead' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Qualified', 'Rejected'],
		usableAsTool: true,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const mode = this.getNodeParameter('mode', 0, 'automatic') as string;
		const readSource = mode === 'custom' ? custom.readSource : automatic.readSource;
		const now = new Date();
		// Options without expressions are the same for every item: validate them once, not per lead.
		const optionsVary = usesExpression(this.getNode().parameters.options);
		let shared: LeadOptions | undefined;
		const itemOptions: LeadOptions[] = [];
		const results: Array<ProcessedLead | undefined> = [];
		const failed: INodeExecutionData[] = [];

		for (let i = 0; i < items.length; i++) {
			try {
				let options = shared;
				if (!options) {
					options = parseLeadOptions(this.getNodeParameter('options', i, {}) as IDataObject);
					if (!optionsVary) shared = options;
				}
				itemOptions[i] = options;
				const source: LeadSource = readSource.call(this, i);
				results[i] = processLead(source, options, now);
			} catch (error) {
				failed[i] = failedItem(this, i, error);
			}
		}

		markDuplicates(results, (index) => itemOptions[index]?.duplicates ?? 'keepFirst');
		const out: INodeExecutionData[][] = [[], []];
		for (let i = 0; i < items.length; i++) {
			const result = results[i];
			if (result) {
				out[result.quality.qualified ? QUALIFIED : REJECTED].push({
					json: result.json as IDataObject,
					pairedItem: { item: i },
				});
			} else {
				out[REJECTED].push(failed[i]);
			}
		}
		return out;
	}
}
