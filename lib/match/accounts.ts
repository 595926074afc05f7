/**
 * Account field mapping: presets for the shapes CRM nodes emit (HubSpot companies, Salesforce Accounts, Pipedrive
 * organizations) and plain items, detected per item, plus user-given dot paths.
 */
import type { AccountField, AccountMapping, AccountRecord, Json } from './types';

type Reader = (json: Json) => unknown;

/** Reads a dot path without touching prototypes ("properties.name", "Owner.Email"). */
export function readPath(json: unknown, path: string): unknown {
	let current: unknown = json;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, part)) {
			return undefined;
		}
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/** A scalar as text; CRM wrappers like HubSpot's { value } or Pipedrive's { id, name } give their value. */
function text(value: unknown, objectKey = 'value'): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		return text((value as Record<string, unknown>)[objectKey]);
	}
	return undefined;
}

function first(json: Json, paths: readonly string[], objectKey?: string): string | undefined {
	for (const path of paths) {
		const found = text(readPath(json, path), objectKey);
		if (found !== undefined) return found;
	}
	return undefined;
}

function list(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(list);
	const one = text(value);
	return one ? one.split(/[;,\s]+/).filter(Boolean) : [];
}

function plain(json: Json): AccountRecord {
	const owner = json.owner;
	const ownerText = typeof owner === 'string' || typeof owner === 'number' ? String(owner) : undefined;
	return {
		id: first(json, ['id', 'accountId', 'account_id', 'Id', 'ID', '_id']),
		name: first(json, ['name', 'accountName', 'companyName', 'company', 'Name']),
		domains: [
			...list(first(json, ['domain', 'website', 'url', 'Domain', 'Website'])),
			...list(json.domains ?? json.aliases ?? json.domainAliases ?? json.additionalDomains),
		],
		ownerId: first(json, ['ownerId', 'owner_id', 'owner.id']) ?? ownerText,
		ownerEmail: first(json, ['ownerEmail', 'owner_email', 'owner.email']),
		ownerName: first(json, ['ownerName', 'owner_name', 'owner.name']),
		parentId: first(json, ['parentId', 'parent_id', 'parentAccountId']),
		phone: first(json, ['phone', 'Phone', 'phoneNumber']),
		postalCode: first(json, ['postalCode', 'zip', 'postcode', 'postal_code', 'zipCode']),
		city: first(json, ['city', 'City']),
		country: first(json, ['country', 'Country']),
		street: first(json, ['street', 'address', 'Address']),
	};
}

function hubspot(json: Json): AccountRecord {
	const p = (name: string) => `properties.${name}`;
	return {
		id: first(json, ['id', 'companyId', 'objectId']),
		name: first(json, [p('name')]),
		domains: [...list(first(json, [p('domain'), p('website')])), ...list(first(json, [p('hs_additional_domains')]))],
		ownerId: first(json, [p('hubspot_owner_id')]),
		ownerEmail: first(json, [p('hubspot_owner_email')]),
		ownerName: first(json, [p('hubspot_owner_name')]),
		parentId: first(json, [p('hs_parent_company_id')]),
		phone: first(json, [p('phone')]),
		postalCode: first(json, [p('zip')]),
		city: first(json, [p('city')]),
		country: first(json, [p('country')]),
		street: first(json, [p('address')]),
	};
}

function salesforce(json: Json): AccountRecord {
	return {
		id: first(json, ['Id']),
		name: first(json, ['Name']),
		domains: list(first(json, ['Website'])),
		ownerId: first(json, ['OwnerId']),
		ownerEmail: first(json, ['Owner.Email']),
		ownerName: first(json, ['Owner.Name']),
		parentId: first(json, ['ParentId']),
		phone: first(json, ['Phone']),
		postalCode: first(json, ['BillingPostalCode', 'ShippingPostalCode']),
		city: first(json, ['BillingCity', 'ShippingCity']),
		country: first(json, ['BillingCountry', 'ShippingCountry']),
		street: first(json, ['BillingStreet', 'ShippingStreet']),
	};
}

function pipedrive(json: Json): AccountRecord {
	return {
		id: first(json, ['id']),
		name: first(json, ['name']),
		domains: list(first(json, ['website', 'domain'])),
		ownerId: first(json, ['owner_id'], 'id'),
		ownerEmail: first(json, ['owner_id.email']),
		ownerName: first(json, ['owner_name', 'owner_id.name']),
		parentId: undefined,
		phone: first(json, ['phone']),
		postalCode: first(json, ['address_postal_code']),
		city: first(json, ['address_locality']),
		country: first(json, ['address_country']),
		street: first(json, ['address_route', 'address']),
	};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Which CRM shape an item has; plain when nothing specific is recognised. */
export function detectPreset(json: Json): 'hubspot' | 'pipedrive' | 'plain' | 'salesforce' {
	if (isObject(json.properties) && ('id' in json || 'companyId' in json || 'name' in json.properties)) return 'hubspot';
	if (('Id' in json && 'Name' in json) || (isObject(json.attributes) && json.attributes.type === 'Account')) return 'salesforce';
	if ('owner_id' in json && ('address_locality' in json || 'people_count' in json || 'cc_email' in json || 'add_time' in json)) {
		return 'pipedrive';
	}
	return 'plain';
}

const PRESETS = { hubspot, pipedrive, plain, salesforce };

export function accountReader(mapping: AccountMapping): (json: Json) => AccountRecord {
	const base = (json: Json) => PRESETS[mapping.preset === 'auto' || mapping.preset === 'custom' ? detectPreset(json) : mapping.preset](json);
	const paths = Object.entries(mapping.paths ?? {}).filter(([, path]) => typeof path === 'string' && path.trim());
	if (mapping.preset !== 'custom' || !paths.length) return base;
	const custom: Array<[AccountField, Reader]> = paths.map(([field, path]) => [
		field as AccountField,
		(json: Json) => readPath(json, (path as string).trim()),
	]);
	return (json) => {
		const record = base(json);
		for (const [field, read] of custom) {
			const value = read(json);
			if (field === 'domain' || field === 'domains') record.domains = [...list(value), ...(field === 'domain' ? [] : record.domains)];
			else record[field] = text(value);
		}
		return record;
	};
}
