/** Match to Accounts: each lead to its existing account and owner, out by Matched, Unmatched (or Review). */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { accountReader } from '../../lib/match/accounts';
import { getAccountIndex } from '../../lib/match/cache';
import { AccountMatcher } from '../../lib/match/matcher';
import type { MatchRoute } from '../../lib/match/types';
import { failedItem } from '../shared/errors';
import { configured, unexpected } from './helpers';
import { matchProperties } from './match.description';
import { readMapping, readSettings } from './params';

export const description = updateDisplayOptions({ show: { mode: ['matchAccounts'] } }, matchProperties);

const ROUTES: Record<MatchRoute, number> = { matched: 0, unmatched: 1, review: 2 };

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const leads = this.getInputData(0);
	const accounts = this.getInputData(1).map((item) => item.json);
	const settings = configured(this, () => readSettings(this));
	const mapping = configured(this, () => readMapping(this));
	const read = accountReader(mapping);
	const { index } = getAccountIndex(accounts, read, mapping, settings.cacheIndex);
	const matcher = new AccountMatcher(index, accounts, read, settings);
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
