/**
 * Keeps built indexes in process between executions: a workflow fed the same account list does not rebuild.
 * The fingerprint covers everything the index is built from (mapping, order, ids, names and other names, domains, streets), so any change to
 * those rebuilds; other account fields are read from the current input at match time and need no rebuild.
 */
import { buildAccountIndex, type AccountIndex } from './account-index';
import { hashString } from './postings';
import type { AccountReader } from './accounts';
import type { AccountMapping, Json } from './types';

const MAX_ENTRIES = 2;
const cache = new Map<string, AccountIndex>();
let builds = 0;

export function fingerprintAccounts(items: readonly Json[], read: AccountReader, mapping: AccountMapping): string {
	let a = hashString(JSON.stringify(mapping), 11);
	let b = hashString(String(items.length), 12);
	for (let i = 0; i < items.length; i++) {
		const json = items[i] ?? {};
		const id = hashString(read.field(json, 'id') ?? '', 13);
		const name = hashString(read.field(json, 'name') ?? '', 14) ^ hashString(read.field(json, 'otherNames') ?? '', 18);
		const domain =
			hashString(read.field(json, 'domain') ?? '', 15) ^
			hashString(read.field(json, 'domains') ?? '', 16) ^
			hashString(read.field(json, 'street') ?? '', 17);
		a = Math.imul(a ^ id, 0x01000193) ^ Math.imul(name, 0x27d4eb2d);
		a = Math.imul(a ^ domain, 0x01000193);
		b = Math.imul(b + (id ^ Math.imul(domain, 31)), 0x85ebca6b) ^ (b >>> 15);
		b = Math.imul(b + name, 0xc2b2ae35) ^ (b >>> 13);
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
	read: AccountReader,
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
