/**
 * Chicago organisations as a lead → account (gazetteer) task: per entity (True Id) one record is the account, the
 * others are leads; a seeded fifth of the entities is held out entirely, so their leads must come back unmatched.
 */
import { accountReader } from '../../lib/match/accounts';
import { getAccountIndex } from '../../lib/match/cache';
import { AccountMatcher } from '../../lib/match/matcher';
import { DEFAULT_SETTINGS, type Json, type MatchSettings } from '../../lib/match/types';
import { seededRandom } from '../util';
import { readCsv } from './csv';

export interface GazetteerResult {
	accounts: number;
	leads: number;
	leadsWithAccount: number;
	matched: number;
	correct: number;
	wrongAccount: number;
	matchedHeldOut: number;
	precision: number;
	recall: number;
	f1: number;
	byMethod: Record<string, { matched: number; correct: number }>;
}

function record(row: Record<string, string>): Json {
	return {
		company: row['Site name'],
		street: row.Address,
		postalCode: row.Zip,
		phone: row.Phone,
		website: row.Website,
		email: row['Email Address'],
	};
}

export function chicagoGazetteer(
	path: string,
	settings: Partial<MatchSettings> = {},
	holdOut = 0.2,
	seed = 42,
): GazetteerResult {
	const rows = readCsv(path);
	const byEntity = new Map<string, Array<Record<string, string>>>();
	for (const row of rows) {
		const list = byEntity.get(row['True Id']) ?? [];
		list.push(row);
		byEntity.set(row['True Id'], list);
	}
	const random = seededRandom(seed);
	const accounts: Json[] = [];
	const leads: Array<{ json: Json; truth: string | null }> = [];
	for (const [entity, records] of [...byEntity.entries()].sort(([a], [b]) => Number(a) - Number(b))) {
		const sorted = [...records].sort((a, b) => Number(a.Id) - Number(b.Id));
		if (random() < holdOut) {
			for (const row of sorted) leads.push({ json: record(row), truth: null });
			continue;
		}
		const [account, ...others] = sorted;
		const fields = record(account);
		accounts.push({
			id: `entity-${entity}`,
			name: fields.company,
			domain: fields.website,
			phone: fields.phone,
			postalCode: fields.postalCode,
			street: fields.street,
			ownerId: 'owner',
		});
		for (const row of others) leads.push({ json: record(row), truth: `entity-${entity}` });
	}
	const mapping = { preset: 'auto' as const };
	const read = accountReader(mapping);
	const { index } = getAccountIndex(accounts, read, mapping, false);
	const matcher = new AccountMatcher(index, accounts, read, { ...DEFAULT_SETTINGS, ...settings });
	let matched = 0,
		correct = 0,
		wrongAccount = 0,
		matchedHeldOut = 0,
		withAccount = 0;
	const byMethod: GazetteerResult['byMethod'] = {};
	for (const lead of leads) {
		const outcome = matcher.match(lead.json);
		if (lead.truth) withAccount++;
		if (outcome.route !== 'matched') continue;
		matched++;
		const stats = (byMethod[outcome.match.method] ??= { matched: 0, correct: 0 });
		stats.matched++;
		if (outcome.match.accountId === lead.truth) {
			correct++;
			stats.correct++;
		} else if (lead.truth) wrongAccount++;
		else matchedHeldOut++;
	}
	const precision = matched ? correct / matched : 1;
	const recall = withAccount ? correct / withAccount : 0;
	return {
		accounts: accounts.length,
		leads: leads.length,
		leadsWithAccount: withAccount,
		matched,
		correct,
		wrongAccount,
		matchedHeldOut,
		precision,
		recall,
		f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
		byMethod,
	};
}
