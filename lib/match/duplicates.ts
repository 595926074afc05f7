/**
 * Find duplicates mode: is an incoming lead already a known contact or lead? Email exact first, then a similar
 * person name at a similar company. Contacts from HubSpot, Salesforce, Pipedrive or plain items are read as they come.
 */
import { foldCompanyText, normalizeCompanyName } from '../text/company';
import { readPath } from '../text/path';
import { leadKeys } from './lead';
import { nameSimilarity } from './similarity';
import type { Json } from './types';

export interface DuplicateRecord {
	existingId: string | null;
	existingEmail: string | null;
	method: 'email' | 'nameAndCompany' | 'none';
	confidence: number;
	reason: string;
}

interface Existing {
	id?: string;
	email?: string;
	name: string;
	company: string;
}

function firstText(json: Json, paths: readonly string[]): string | undefined {
	for (const path of paths) {
		let value = readPath(json, path);
		if (Array.isArray(value)) value = value[0];
		if (value && typeof value === 'object' && 'value' in value) value = (value as { value: unknown }).value;
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return undefined;
}

function readExisting(json: Json): Existing {
	const first = firstText(json, ['firstName', 'first_name', 'FirstName', 'properties.firstname', 'first_name']);
	const last = firstText(json, ['lastName', 'last_name', 'LastName', 'properties.lastname']);
	const full = first || last ? [first, last].filter(Boolean).join(' ') : firstText(json, ['fullName', 'name', 'Name']);
	return {
		id: firstText(json, ['id', 'Id', 'ID', 'vid', 'contactId', 'leadId', '_id']),
		email: firstText(json, ['email', 'Email', 'emailAddress', 'properties.email', 'primary_email'])?.toLowerCase(),
		name: foldCompanyText(full ?? ''),
		company: normalizeCompanyName(
			firstText(json, [
				'company',
				'Company',
				'companyName',
				'properties.company',
				'org_name',
				'org_id.name',
				'Account.Name',
			]),
		),
	};
}

// Name words shared by more existing records than this ("john", "smith") are not used to find candidates.
const COMMON_NAME = 2000;

export class DuplicateFinder {
	private readonly records: Existing[];
	private readonly byEmail = new Map<string, number>();
	private readonly byNameWord = new Map<string, number[]>();

	constructor(
		items: readonly Json[],
		private readonly threshold: number,
	) {
		this.records = items.map((json) => readExisting(json ?? {}));
		this.records.forEach((record, i) => {
			if (record.email && !this.byEmail.has(record.email)) this.byEmail.set(record.email, i);
			for (const word of new Set(record.name.split(' '))) {
				if (word.length < 2) continue;
				const list = this.byNameWord.get(word);
				if (list) list.push(i);
				else this.byNameWord.set(word, [i]);
			}
		});
	}

	find(json: Json): DuplicateRecord {
		const lead = leadKeys(json);
		if (!this.records.length) return none('The existing records input is empty, so the lead is new');
		const byEmail = lead.email ? this.byEmail.get(lead.email) : undefined;
		if (byEmail !== undefined) {
			const record = this.records[byEmail];
			return {
				existingId: record.id ?? null,
				existingEmail: record.email ?? null,
				method: 'email',
				confidence: 1,
				reason: `Same email address as existing record ${record.id ?? `#${byEmail}`}`,
			};
		}
		const name = foldCompanyText(lead.fullName ?? '');
		if (!name || !lead.name)
			return none(
				lead.email
					? 'No existing record has this email'
					: 'The lead has no email, and no person and company name to compare',
			);
		const seen = new Set<number>();
		let best: { i: number; score: number } | undefined;
		for (const word of new Set(name.split(' '))) {
			const list = this.byNameWord.get(word);
			if (!list || list.length > COMMON_NAME) continue;
			for (const i of list) {
				if (seen.has(i)) continue;
				seen.add(i);
				const record = this.records[i];
				if (!record.company) continue;
				const score = Math.min(nameSimilarity(name, record.name), nameSimilarity(lead.name, record.company));
				if (score >= this.threshold && (!best || score > best.score)) best = { i, score };
			}
		}
		if (!best) return none('No existing record has this email, or a similar name at a similar company');
		const record = this.records[best.i];
		const score = Math.round(best.score * 1000) / 1000;
		return {
			existingId: record.id ?? null,
			existingEmail: record.email ?? null,
			method: 'nameAndCompany',
			confidence: Math.round(score * 0.9 * 1000) / 1000,
			reason: `Similar person name and company (${score}) as existing record ${record.id ?? `#${best.i}`}`,
		};
	}
}

function none(reason: string): DuplicateRecord {
	return { existingId: null, existingEmail: null, method: 'none', confidence: 0, reason };
}
