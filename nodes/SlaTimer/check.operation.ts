/** Check: emit each timer that reached its warning, breach or an escalation level, once. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { failedItem, toNodeError } from '../shared/errors';
import { runCheck } from './check';
import { evaluateAtOption, optionsProperty } from './common.description';
import { evaluationTime, numberOption, readOptions } from './settings';

const properties: INodeProperties[] = [
	optionsProperty([
		evaluateAtOption,
		{
			displayName: 'Max Items per Check',
			name: 'maxItems',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			description: 'Levels beyond this number wait for the next check',
		},
	]),
];

const displayOptions = { show: { operation: ['check'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	let now: number;
	let maxItems: number;
	try {
		const options = readOptions(this, 0);
		now = evaluationTime(options);
		maxItems = numberOption(options, 'maxItems', 'Max Items per Check', 1000, 1);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	let checked;
	try {
		checked = await runCheck(this, now, maxItems);
	} catch (error) {
		return [[failedItem(this, 0, error)], [], []];
	}
	const outputs: INodeExecutionData[][] = [[], [], []];
	const slot = { warning: 0, breached: 1, escalated: 2 } as const;
	// Check runs once per execution, whatever its input; every emitted item pairs with the first input item.
	for (const item of checked) outputs[slot[item.level]].push({ json: item.json, pairedItem: { item: 0 } });
	return outputs;
}
