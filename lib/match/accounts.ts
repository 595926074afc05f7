/**
 * Account field mapping: presets for the shapes CRM nodes emit (HubSpot companies, Salesforce Accounts, Pipedrive
 * organizations) and plain items, detected per item, plus user-given dot paths.
 */
import { compilePath } from '../text/path';
import { ACCOUNT_FIELDS, type AccountField, type AccountMapping, type AccountRecord, type Json } from './types';

type Getter = (json: Json) => unknown;

/** A scalar as text; CRM wrappers like HubSpot's { value } or Pipedrive's { id, name } give their value. */
function text(value: unknown, objectKey = 'value'): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		return text((value as Record<string, unknown>)[objectKey]);
	}
	return undefined;
}

function list(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(list);
	const one = text(value);
	return one ? one.split(/[;,\s]+/).filter(Boolean) : [];
}

// Several names in one field are separated by ";" (a name may hold commas and spaces; CRMs join multi-values with ";").
const NAME_SEPARATOR = ';';

/** A list of names (an array, or one text holding several separated by ";") as one text. */
function nameList(value: unknown): string {
	const names = Array.isArray(value) ? value.map((one) => text(one) ?? '') : (text(value) ?? '').split(NAME_SEPARATOR);
	return names
		.map((name) => name.replace(/;/g, ' ').trim())
		.filter(Boolean)
		.join(NAME_SEPARATOR);
}

type FieldSpec = { paths: string[]; objectKey?: string };
type PresetSpec = Record<AccountField, FieldSpec>;

const spec = (paths: string[], objectKey?: string): FieldSpec => ({ paths, objectKey });
const hs = (...names: string[]) => spec(names.map((name) => `properties.${name}`));

const SPECS: Record<'hubspot' | 'pipedrive' | 'plain' | 'salesforce', PresetSpec> = {
	plain: {
		id: spec(['id', 'accountId', 'account_id', 'Id', 'ID', '_id']),
		name: spec(['name', 'accountName', 'companyName', 'company', 'Name']),
		domain: spec(['domain', 'website', 'url', 'Domain', 'Website']),
		domains: spec(['domains', 'aliases', 'domainAliases', 'additionalDomains']),
		ownerId: spec(['ownerId', 'owner_id', 'owner.id', 'owner']),
		ownerEmail: spec(['ownerEmail', 'owner_email', 'owner.email']),
		ownerName: spec(['ownerName', 'owner_name', 'owner.name']),
		parentId: spec(['parentId', 'parent_id', 'parentAccountId']),
		phone: spec(['phone', 'Phone', 'phoneNumber']),
		postalCode: spec(['postalCode', 'zip', 'postcode', 'postal_code', 'zipCode']),
		city: spec(['city', 'City']),
		region: spec(['region', 'state', 'State', 'province', 'stateProvince', 'state_province', 'Region']),
		country: spec(['country', 'Country']),
		street: spec(['street', 'address', 'Address']),
		otherNames: spec(['otherNames', 'alternateNames', 'alternativeNames', 'alsoKnownAs', 'aka']),
	},
	hubspot: {
		id: spec(['id', 'companyId', 'objectId']),
		name: hs('name'),
		domain: hs('domain', 'website'),
		domains: hs('hs_additional_domains'),
		ownerId: hs('hubspot_owner_id'),
		ownerEmail: hs('hubspot_owner_email'),
		ownerName: hs('hubspot_owner_name'),
		parentId: hs('hs_parent_company_id'),
		phone: hs('phone'),
		postalCode: hs('zip'),
		city: hs('city'),
		region: hs('state'),
		country: hs('country'),
		street: hs('address'),
		otherNames: spec([]),
	},
	salesforce: {
		id: spec(['Id']),
		name: spec(['Name']),
		domain: spec(['Website']),
		domains: spec([]),
		ownerId: spec(['OwnerId']),
		ownerEmail: spec(['Owner.Email']),
		ownerName: spec(['Owner.Name']),
		parentId: spec(['ParentId']),
		phone: spec(['Phone']),
		postalCode: spec(['BillingPostalCode', 'ShippingPostalCode']),
		city: spec(['BillingCity', 'ShippingCity']),
		region: spec(['BillingState', 'ShippingState']),
		country: spec(['BillingCountry', 'ShippingCountry']),
		street: spec(['BillingStreet', 'ShippingStreet']),
		otherNames: spec([]),
	},
	pipedrive: {
		id: spec(['id']),
		name: spec(['name']),
		domain: spec(['website', 'domain']),
		domains: spec([]),
		ownerId: spec(['owner_id'], 'id'),
		ownerEmail: spec(['owner_id.email']),
		ownerName: spec(['owner_name', 'owner_id.name']),
		parentId: spec([]),
		phone: spec(['phone']),
		postalCode: spec(['address_postal_code']),
		city: spec(['address_locality']),
		region: spec(['address_admin_area_level_1']),
		country: spec(['address_country']),
		street: spec(['address_route', 'address']),
		otherNames: spec([]),
	},
};

type CompiledPreset = Record<AccountField, (json: Json) => string | undefined>;

function compilePreset(preset: PresetSpec): CompiledPreset {
	const out = {} as CompiledPreset;
	for (const field of ACCOUNT_FIELDS) {
		const { paths, objectKey } = preset[field];
		const getters = paths.map(compilePath);
		if (field === 'domains' || field === 'otherNames') {
			const join = field === 'domains' ? (value: unknown) => list(value).join(' ') : nameList;
			out[field] = (json) => {
				for (const get of getters) {
					const value = get(json);
					if (value !== undefined && value !== null) return join(value) || undefined;
				}
				return undefined;
			};
			continue;
		}
		out[field] = (json) => {
			for (const get of getters) {
				const found = text(get(json), objectKey);
				if (found !== undefined) return found;
			}
			return undefined;
		};
	}
	return out;
}

const COMPILED = {
	hubspot: compilePreset(SPECS.hubspot),
	pipedrive: compilePreset(SPECS.pipedrive),
	plain: compilePreset(SPECS.plain),
	salesforce: compilePreset(SPECS.salesforce),
};

function isObject(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Which CRM shape an item has; plain when nothing specific is recognised. */
export function detectPreset(json: Json): 'hubspot' | 'pipedrive' | 'plain' | 'salesforce' {
	if (isObject(json.properties) && ('id' in json || 'companyId' in json || 'name' in json.properties)) return 'hubspot';
	if (('Id' in json && 'Name' in json) || (isObject(json.attributes) && json.attributes.type === 'Account'))
		return 'salesforce';
	if (
		'owner_id' in json &&
		('address_locality' in json || 'people_count' in json || 'cc_email' in json || 'add_time' in json)
	) {
		return 'pipedrive';
	}
	return 'plain';
}

/** Reads account fields under a mapping; `keys` reads only what the index is built from. */
export interface AccountReader {
	(json: Json): AccountRecord;
	field(json: Json, field: AccountField): string | undefined;
	domains(json: Json): string[];
}

export function accountReader(mapping: AccountMapping): AccountReader {
	const fixed = mapping.preset === 'auto' || mapping.preset === 'custom' ? undefined : COMPILED[mapping.preset];
	const custom = new Map<AccountField, Getter>();
	if (mapping.preset === 'custom') {
		for (const [field, path] of Object.entries(mapping.paths ?? {})) {
			if (typeof path === 'string' && path.trim()) custom.set(field as AccountField, compilePath(path.trim()));
		}
	}
	// The preset of the last item is remembered: the index reads several fields of one item in a row.
	let lastJson: Json | undefined;
	let lastPreset: CompiledPreset = COMPILED.plain;
	const presetOf = (json: Json): CompiledPreset => {
		if (fixed) return fixed;
		if (json !== lastJson) {
			lastJson = json;
			lastPreset = COMPILED[detectPreset(json)];
		}
		return lastPreset;
	};
	const field = (json: Json, name: AccountField): string | undefined => {
		const own = custom.get(name);
		if (own) {
			if (name === 'otherNames') return nameList(own(json)) || undefined;
			return name === 'domains' || name === 'domain' ? list(own(json)).join(' ') || undefined : text(own(json));
		}
		return presetOf(json)[name](json);
	};
	const domains = (json: Json): string[] => {
		const one = field(json, 'domain');
		const more = field(json, 'domains');
		if (!more) return one ? list(one) : [];
		return [...(one ? list(one) : []), ...more.split(' ')];
	};
	const read = ((json: Json): AccountRecord => ({
		id: field(json, 'id'),
		name: field(json, 'name'),
		domains: domains(json),
		ownerId: field(json, 'ownerId'),
		ownerEmail: field(json, 'ownerEmail'),
		ownerName: field(json, 'ownerName'),
		parentId: field(json, 'parentId'),
		phone: field(json, 'phone'),
		postalCode: field(json, 'postalCode'),
		city: field(json, 'city'),
		region: field(json, 'region'),
		country: field(json, 'country'),
		street: field(json, 'street'),
		otherNames: field(json, 'otherNames')?.split(NAME_SEPARATOR) ?? [],
	})) as AccountReader;
	read.field = field;
	read.domains = domains;
	return read;
}
