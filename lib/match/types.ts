import type { IDataObject } from 'n8n-workflow';

export type AccountPreset = 'auto' | 'custom' | 'hubspot' | 'pipedrive' | 'plain' | 'salesforce';

export const ACCOUNT_FIELDS = [
	'id',
	'name',
	'domain',
	'domains',
	'ownerId',
	'ownerEmail',
	'ownerName',
	'parentId',
	'phone',
	'postalCode',
	'city',
	'region',
	'country',
	'street',
	'otherNames',
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

/** One account as the matcher sees it, whatever CRM it came from. */
export interface AccountRecord {
	id?: string;
	name?: string;
	domains: string[];
	ownerId?: string;
	ownerEmail?: string;
	ownerName?: string;
	parentId?: string;
	phone?: string;
	postalCode?: string;
	city?: string;
	/** State or province as the CRM holds it ("CA", "California", "US-CA"). */
	region?: string;
	country?: string;
	street?: string;
	/** Other names the CRM knows the account by (acronym, former or trading name, name in another language). */
	otherNames: string[];
}

export interface AccountMapping {
	preset: AccountPreset;
	/** Dot paths for the custom preset; fields left empty fall back to automatic detection. */
	paths?: Partial<Record<AccountField, string>>;
}

export type Corroboration = 'city' | 'country' | 'domain' | 'phone' | 'postalCode' | 'region' | 'street';

export type MatchMethod = 'acronym' | 'domain' | 'exactName' | 'fuzzyName' | 'manual' | 'none';

export interface Candidate {
	accountId: string | null;
	name: string | null;
	score: number;
	method: MatchMethod;
}

export interface MatchRecord {
	accountId: string | null;
	accountName: string | null;
	ownerId: string | null;
	ownerEmail: string | null;
	ownerName: string | null;
	parentAccountId: string | null;
	ultimateParentAccountId?: string | null;
	method: MatchMethod;
	confidence: number;
	reason: string;
	evidence: string[];
	candidates: Candidate[];
}

export type MatchRoute = 'matched' | 'review' | 'unmatched';

export interface MatchOutcome {
	route: MatchRoute;
	match: MatchRecord;
}

export interface MatchSettings {
	/** Name score (0–1) a fuzzy match needs together with one corroborating field. */
	fuzzyThreshold: number;
	/** Whether a fuzzy name alone may match when it reaches strictThreshold. */
	allowFuzzyAlone: boolean;
	strictThreshold: number;
	corroborateWith: Corroboration[];
	/**
	 * Fields that, when both sides carry them and they differ, stop a name or acronym match and count against an
	 * account among several sharing the lead's domain (never a manual match).
	 */
	conflictFields: Corroboration[];
	/** Whether a name wholly contained in the other (by rare words) matches when the street address agrees. */
	partialNameWithStreet: boolean;
	matchAcronyms: boolean;
	preferParent: boolean;
	tieBreakField?: string;
	tieBreakOrder: 'largest' | 'smallest';
	useUltimateParentOwner: boolean;
	reviewOutput: boolean;
	maxCandidates: number;
	/** Lead email or domain → account id. */
	manualMatches: Array<{ key: string; accountId: string }>;
	/** Lead email, domain or company name → account id that must never be chosen. */
	neverMatches: Array<{ key: string; accountId: string }>;
}

export const DEFAULT_SETTINGS: MatchSettings = {
	fuzzyThreshold: 0.85,
	allowFuzzyAlone: false,
	strictThreshold: 0.95,
	corroborateWith: ['domain', 'phone', 'postalCode', 'street'],
	conflictFields: ['country', 'domain', 'region', 'street'],
	partialNameWithStreet: true,
	matchAcronyms: true,
	preferParent: true,
	tieBreakOrder: 'largest',
	useUltimateParentOwner: false,
	reviewOutput: false,
	maxCandidates: 3,
	manualMatches: [],
	neverMatches: [],
};

export type Json = IDataObject;
