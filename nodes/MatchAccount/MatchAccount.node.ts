import type { IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import { accountReader } from '../../lib/match/accounts';
import { getAccountIndex } from '../../lib/match/cache';
import { DuplicateFinder } from '../../lib/match/duplicates';
import { AccountMatcher } from '../../lib/match/matcher';
import type { MatchRoute } from '../../lib/match/types';
import { failedItem, toNodeError } from '../shared/errors';
import { properties } from './description';
import { readMapping, readNameThreshold, readSettings } from './params';

// Evaluated by n8n (editor and engine) from the parameters as expression text, so they must be self-contained:
// no imports, hence the literal 'main' instead of NodeConnectionTypes.Main.
const configuredInputs = (parameters: INodeParameters) => [
	{ type: 'main', displayName: 'Leads' },
	{ type: 'main', displayName: parameters.mode === 'findDuplicates' ? 'Existing Records' : 'Accounts' },
];

const configuredOutputs = (parameters: INodeParameters) => {
	if (parameters.mode === 'findDuplicates') {
		return [
			{ type: 'main', displayName: 'Duplicate' },
			{ type: 'main', displayName: 'New' },
		];
	}
	const outputs = [
		{ type: 'main', displayName: 'Matched' },
		{ type: 'main', displayName: 'Unmatched' },
	];
	const options = parameters.options as { reviewOutput?: boolean } | undefined;
	if (options && options.reviewOutput === true) outputs.push({ type: 'main', displayName: 'Review' });
	return outputs;
};

const ROUTES: Record<MatchRoute, number> = { matched: 0, unmatched: 1, review: 2 };

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- takes two inputs (leads and accounts); a tool gets one
export class MatchAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Match Account',
		name: 'matchAccount',
		icon: 'file:matchAccount.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "findDuplicates" ? "Find duplicates" : "Match to accounts"}}',
		description: 'Match leads to existing accounts and owners, or find leads that already exist',
		defaults: { name: 'Match Account' },
		inputs: `={{(${configuredInputs})($parameter)}}`,
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const leads = this.getInputData(0);
		const second = this.getInputData(1).map((item) => item.json);
		const mode = this.getNodeParameter('mode', 0, 'matchAccounts') as string;

		if (mode === 'findDuplicates') {
			const finder = new DuplicateFinder(second, configured(this, () => readNameThreshold(this)));
			const out: INodeExecutionData[][] = [[], []];
			for (let i = 0; i < leads.length; i++) {
				try {
					const duplicate = finder.find(leads[i].json);
					out[duplicate.method === 'none' ? 1 : 0].push({ json: { ...leads[i].json, duplicate }, pairedItem: { item: i } });
				} catch (error) {
					out[1].push(failedItem(this, i, unexpected(error, i)));
				}
			}
			return out;
		}

		const settings = configured(this, () => readSettings(this));
		const mapping = configured(this, () => readMapping(this));
		const read = accountReader(mapping);
		const { index } = getAccountIndex(second, read, mapping, settings.cacheIndex);
		const matcher = new AccountMatcher(index, second, read, settings);
		const out: INodeExecutionData[][] = settings.reviewOutput ? [[], [], []] : [[], []];
		for (let i = 0; i < leads.length; i++) {
			try {
				const { route, match } = matcher.match(leads[i].json);
				out[ROUTES[route]].push({ json: { ...leads[i].json, match }, pairedItem: { item: i } });
			} catch (error) {
				out[1].push(failedItem(this, i, unexpected(error, i)));
			}
		}
		return out;
	}
}

/** Reads the node's settings; a setting that cannot work stops the node with what to fix. */
function configured<T>(ctx: IExecuteFunctions, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

/** The matcher has no failure a lead can cause; anything thrown is a defect worth reporting. */
function unexpected(error: unknown, itemIndex: number): LeadRoutingError {
	const message = error instanceof Error ? error.message : String(error);
	return new LeadRoutingError(
		`Could not match lead ${itemIndex + 1}: ${message}`,
		'This is unexpected for any lead data; please report it with the lead that caused it',
		{ cause: error },
	);
}
