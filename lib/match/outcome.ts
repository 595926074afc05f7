/** The shapes a decision leaves with: the match record, its candidates, and the small helpers they share. */
import { normalizeCompanyName } from '../text/company';
import { registrableDomain } from '../text/domain';
import type { AccountView } from './evidence';
import type { AccountRecord, Candidate, Corroboration, MatchMethod, MatchRecord } from './types';

export interface Scored {
	view: AccountView;
	score: number;
	method: MatchMethod;
	partial?: number;
	agreed?: string[];
	conflict?: Corroboration[];
}

export function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}

export function candidatesOf(pool: Scored[], max: number): Candidate[] {
	return dedupeScored(pool)
		.slice(0, max)
		.map((entry) => ({
			accountId: entry.view.record.id ?? null,
			name: entry.view.record.name ?? null,
			score: entry.score,
			method: entry.method,
		}));
}

export function matchRecord(
	record: AccountRecord,
	owner: AccountRecord,
	ultimate: string | null | undefined,
	evidence: { method: MatchMethod; confidence: number; reason: string; agreed: string[] },
	candidates: Candidate[],
): MatchRecord {
	return {
		accountId: record.id ?? null,
		accountName: record.name ?? null,
		ownerId: owner.ownerId ?? null,
		ownerEmail: owner.ownerEmail ?? null,
		ownerName: owner.ownerName ?? null,
		parentAccountId: record.parentId ?? null,
		...(ultimate !== undefined ? { ultimateParentAccountId: ultimate } : {}),
		method: evidence.method,
		confidence: round(evidence.confidence),
		reason: `Matched by ${evidence.method}: ${evidence.reason}`,
		evidence: [evidence.method, ...evidence.agreed],
		candidates,
	};
}

export function emptyRecord(reason: string, candidates: Candidate[]): MatchRecord {
	return {
		accountId: null,
		accountName: null,
		ownerId: null,
		ownerEmail: null,
		ownerName: null,
		parentAccountId: null,
		method: 'none',
		confidence: 0,
		reason,
		evidence: [],
		candidates,
	};
}

/** Override keys are written by people: an email, a domain or URL, or a company name in any spelling. */
export function overrideKey(key: string): string {
	const trimmed = key.trim().toLowerCase();
	if (trimmed.includes('@')) return trimmed;
	if (trimmed.includes('.') && !/\s/.test(trimmed)) return registrableDomain(trimmed) ?? trimmed;
	return normalizeCompanyName(trimmed);
}

/** Two items with the same account id are one account: the first one wins. */
export function dedupeById(views: AccountView[]): AccountView[] {
	const seen = new Set<string>();
	return views.filter((view) => {
		const key = view.record.id ?? `#${view.index}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

export function dedupeScored(entries: Scored[]): Scored[] {
	const seen = new Set<string>();
	return entries.filter((entry) => {
		const key = entry.view.record.id ?? `#${entry.view.index}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
