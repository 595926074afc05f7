import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import {
	ACCOUNT_FIELDS,
	DEFAULT_SETTINGS,
	type AccountField,
	type AccountMapping,
	type AccountPreset,
	type Corroboration,
	type MatchSettings,
} from '../../lib/match/types';

const PRESETS: readonly AccountPreset[] = ['auto', 'custom', 'hubspot', 'pipedrive', 'plain', 'salesforce'];
const CORROBORATIONS: readonly Corroboration[] = [
	'city',
	'country',
	'domain',
	'phone',
	'postalCode',
	'region',
	'street',
];

function pairs(value: unknown, label: string): Array<{ key: string; accountId: string }> {
	const list = (value as { pairs?: IDataObject[] } | undefined)?.pairs ?? [];
	return list.map((pair, n) => {
		const key = typeof pair.key === 'string' ? pair.key.trim() : String(pair.key ?? '').trim();
		const accountId = String(pair.accountId ?? '').trim();
		if (!key || !accountId) {
			throw new LeadRoutingError(
				`${label} pair ${n + 1} is incomplete`,
				'Give every pair both a lead key (email, domain or company name) and an account ID, or remove it',
			);
		}
		return { key, accountId };
	});
}

function threshold(value: unknown, fallback: number, label: string): number {
	if (value === undefined || value === '') return fallback;
	const number = Number(value);
	if (!Number.isFinite(number) || number < 0 || number > 1) {
		throw new LeadRoutingError(
			`${label} must be a number between 0 and 1`,
			`It is ${JSON.stringify(value)}; 0.85 is a good start (1 means identical names only)`,
		);
	}
	return number;
}

export function readMapping(fn: IExecuteFunctions): AccountMapping {
	const preset = fn.getNodeParameter('accountFields', 0, 'auto') as AccountPreset;
	if (!PRESETS.includes(preset)) {
		throw new LeadRoutingError(
			`Unknown Account Fields preset "${preset}"`,
			'Choose Automatic, HubSpot Companies, Salesforce Accounts, Pipedrive Organizations, Plain Items or Custom',
		);
	}
	if (preset !== 'custom') return { preset };
	const custom = fn.getNodeParameter('customFields', 0, {}) as IDataObject;
	const paths: Partial<Record<AccountField, string>> = {};
	for (const field of ACCOUNT_FIELDS) {
		const path = custom[field];
		if (typeof path === 'string' && path.trim()) paths[field] = path.trim();
	}
	return { preset, paths };
}

export function readSettings(fn: IExecuteFunctions): MatchSettings & { cacheIndex: boolean } {
	const options = fn.getNodeParameter('options', 0, {}) as IDataObject;
	const corroborate = Array.isArray(options.corroborateWith)
		? options.corroborateWith.filter((field): field is Corroboration => CORROBORATIONS.includes(field as Corroboration))
		: DEFAULT_SETTINGS.corroborateWith;
	const maxCandidates = Number(options.maxCandidates ?? DEFAULT_SETTINGS.maxCandidates);
	return {
		fuzzyThreshold: threshold(options.fuzzyThreshold, DEFAULT_SETTINGS.fuzzyThreshold, 'Fuzzy Threshold'),
		allowFuzzyAlone: options.allowFuzzyAlone === true,
		strictThreshold: threshold(options.strictThreshold, DEFAULT_SETTINGS.strictThreshold, 'Strict Fuzzy Threshold'),
		corroborateWith: corroborate,
		conflictFields: Array.isArray(options.conflictFields)
			? options.conflictFields.filter((field): field is Corroboration =>
					CORROBORATIONS.includes(field as Corroboration),
				)
			: DEFAULT_SETTINGS.conflictFields,
		partialNameWithStreet: options.partialNameWithStreet !== false,
		matchAcronyms: options.matchAcronyms !== false,
		preferParent: options.preferParent !== false,
		tieBreakField:
			typeof options.tieBreakField === 'string' && options.tieBreakField.trim()
				? options.tieBreakField.trim()
				: undefined,
		tieBreakOrder: options.tieBreakOrder === 'smallest' ? 'smallest' : 'largest',
		useUltimateParentOwner: options.useUltimateParentOwner === true,
		reviewOutput: options.reviewOutput === true,
		maxCandidates: Number.isFinite(maxCandidates)
			? Math.max(0, Math.min(20, Math.floor(maxCandidates)))
			: DEFAULT_SETTINGS.maxCandidates,
		manualMatches: pairs(options.manualMatches, 'Manual Matches'),
		neverMatches: pairs(options.neverMatches, 'Never Match'),
		cacheIndex: options.cacheIndex !== false,
	};
}

export function readNameThreshold(fn: IExecuteFunctions): number {
	const options = fn.getNodeParameter('duplicateOptions', 0, {}) as IDataObject;
	return threshold(options.nameThreshold, 0.85, 'Name Threshold');
}
