/** Name-only accuracy: labelled company-name pairs, DNB perturbed-name retrieval and PATSTAT clustering. */
import { accountReader } from '../../lib/match/accounts';
import { fuzzyCandidates, keyOf, scratchFor } from '../../lib/match/account-index';
import { getAccountIndex } from '../../lib/match/cache';
import { AccountMatcher } from '../../lib/match/matcher';
import { nameSimilarity } from '../../lib/match/similarity';
import { DEFAULT_SETTINGS, type Json } from '../../lib/match/types';
import { companyAcronym, companyTokens } from '../../lib/text/company';
import { readCsv } from './csv';

export interface PR {
	precision: number;
	recall: number;
	f1: number;
	predicted: number;
}

function pr(tp: number, predicted: number, actual: number): PR {
	const precision = predicted ? tp / predicted : 1;
	const recall = actual ? tp / actual : 0;
	return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, predicted };
}

function acronymOf(a: string[], b: string[]): boolean {
	return (a.length === 1 && companyAcronym(b) === a[0]) || (b.length === 1 && companyAcronym(a) === b[0]);
}

/** Pairs judged the same by: the exact key or an acronym; or a name score at or above `threshold`. */
export function namePairs(path: string, threshold?: number): PR & { pairs: number } {
	const rows = readCsv(path);
	let tp = 0,
		predicted = 0,
		actual = 0;
	for (const row of rows) {
		const a = companyTokens(row.Name_x);
		const b = companyTokens(row.Name_y);
		const same =
			a.join(' ') === b.join(' ') ||
			acronymOf(a, b) ||
			(threshold !== undefined && nameSimilarity(a.join(' '), b.join(' ')) >= threshold);
		const truth = row.Targets === '1';
		if (truth) actual++;
		if (same) predicted++;
		if (same && truth) tp++;
	}
	return { ...pr(tp, predicted, actual), pairs: rows.length };
}

/** Each perturbed DNB name is a lead looking for its original among the 500 as accounts (name evidence only). */
export function dnbRetrieval(originalPath: string, perturbedPath: string, threshold: number): PR {
	const accounts: Json[] = readCsv(originalPath).map((row) => ({ id: row[''], name: row.company_name }));
	const leads = readCsv(perturbedPath);
	const mapping = { preset: 'plain' as const };
	const read = accountReader(mapping);
	const { index } = getAccountIndex(accounts, read, mapping, false);
	const matcher = new AccountMatcher(index, accounts, read, {
		...DEFAULT_SETTINGS,
		allowFuzzyAlone: true,
		strictThreshold: threshold,
	});
	let tp = 0,
		predicted = 0;
	for (const row of leads) {
		const outcome = matcher.match({ company: row.company_name });
		if (outcome.route !== 'matched') continue;
		predicted++;
		if (outcome.match.accountId === row['']) tp++;
	}
	return pr(tp, predicted, leads.length);
}

/** PATSTAT applicant names clustered by exact key or name score ≥ threshold; pairwise scores against leuven_id. */
export function patstatClusters(inputPath: string, referencePath: string, threshold: number): PR & { names: number } {
	const names = readCsv(inputPath).map((row) => ({ id: row.person_id, name: row.Name }));
	const truthOf = new Map(readCsv(referencePath).map((row) => [row.person_id, row.leuven_id]));
	const items: Json[] = names.map((row, i) => ({ id: String(i), name: row.name }));
	const mapping = { preset: 'plain' as const };
	const { index } = getAccountIndex(items, accountReader(mapping), mapping, false);
	const parent = names.map((_, i) => i);
	const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
	const scratch = scratchFor(index);
	names.forEach((row, i) => {
		const tokens = companyTokens(row.name);
		const key = tokens.join(' ');
		if (!key) return;
		const candidates = new Set([...index.byName.get(keyOf.name(key)), ...fuzzyCandidates(index, tokens, 12, scratch)]);
		for (const j of candidates) {
			if (j !== i && (index.names.get(j) === key || nameSimilarity(key, index.names.get(j)) >= threshold))
				parent[find(i)] = find(j);
		}
	});
	const pairs = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
	const predicted = new Map<string, number>();
	const actual = new Map<string, number>();
	const both = new Map<string, number>();
	names.forEach((row, i) => {
		const cluster = String(find(i));
		const truth = truthOf.get(row.id) ?? `alone-${row.id}`;
		predicted.set(cluster, (predicted.get(cluster) ?? 0) + 1);
		actual.set(truth, (actual.get(truth) ?? 0) + 1);
		both.set(`${cluster}|${truth}`, (both.get(`${cluster}|${truth}`) ?? 0) + 1);
	});
	return { ...pr(pairs(both), pairs(predicted), pairs(actual)), names: names.length };
}
