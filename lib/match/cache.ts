/**
 * Keeps built indexes in process between executions: a workflow fed the same account list does not rebuild.
 * The fingerprint covers everything the index is built from (mapping, order, names, domains, ids), so any change to
 * those rebuilds; other account fields are read from the current input at match time and need no rebuild.
 */
import { buildAccountIndex, type AccountIndex } from './account-index';
import { hashString } from './postings';
import type { AccountMapping, AccountRecord, Json } from './types';

const MAX_ENTRIES = 2;
const cache = new Map<string, AccountIndex>();
let builds = 0;

export function fingerprintAccounts(items: readonly Json[], read: (json: Json) => AccountRecord, mapping: AccountMapping): string {
	let a = hashString(JSON.stringify(mapping), 11);
	let b = hashString(String(items.length), 12);
	for (let i = 0; i < items.length; i++) {
		const record = read(items[i] ?? {});
		const line = `${record.id ?? ''}\u0001${record.name ?? ''}\u0001${record.domains.join('\u0002')}`;
		a = Math.imul(a ^ hashString(line, 13), 0x01000193);
		b = Math.imul(b + hashString(line, 14), 0x85ebca6b) ^ (b >>> 15);
	}
	return `${items.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

export interface IndexLookup {
	index: AccountIndex;
	cached: boolean;
	fingerprint: string;
}

export function getAccountIndex(
	items: readonly Json[],
	read: (json: Json) => AccountRecord,
	mapping: AccountMapping,
	useCache = true,
): IndexLookup {
	if (!useCache) {
		builds++;
		return { index: buildAccountIndex(items, read), cached: false, fingerprint: '' };
	}
	const fingerprint = fingerprintAccounts(items, read, mapping);
	const hit = cache.get(fingerprint);
	if (hit) {
		cache.delete(fingerprint);
		cache.set(fingerprint, hit);
		return { index: hit, cached: true, fingerprint };
	}
	builds++;
	const index = buildAccountIndex(items, read);
	cache.set(fingerprint, index);
	while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
	return { index, cached: false, fingerprint };
}

/** How many indexes this process has built (for tests and benchmarks). */
export function indexBuildCount(): number {
	return builds;
}

export function clearIndexCache(): void {
	cache.clear();
}
