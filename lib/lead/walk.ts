/**
 * The general reader: walks any payload (depth- and size-bounded) and lists every value a person could have typed
 * as a named candidate, with the path it came from. It flattens label/value lists ({ label, value }, { name, values },
 * { column_id, string_value } …), parses JSON documents inside fields, unfolds bracket keys that n8n leaves flat
 * ("data[merges][FNAME]"), takes the primary entry of multi-valued contact fields (emails: [{ value, primary }]) and
 * marks who each value belongs to: the person who filled the form, or someone else (host, owner, operator).
 * Which lead field a candidate is gets decided in map.ts.
 */
import { foldKey, isPlainObject, isUnsafeKey } from '../text/clean';

export type Role = 'lead' | 'other' | 'neutral';

export interface FormField {
	/** Names to match against aliases, best first (a qualified "address city" before "city"). */
	names: string[];
	/** The key the value was found under, for fields kept as they are. */
	key: string;
	value: unknown;
	/** Where the value is in the item json: the path of its object and its own step (see pathOf). */
	at: string;
	step: string;
	/** Objects between the payload's root and the value. */
	depth: number;
	role: Role;
	/** The value's object is not the first of a list (a second attendee, a shipping address after billing). */
	rest?: boolean;
	/** The object holding the value looks like a person or contact record (it has an email, phone or name). */
	person?: boolean;
	/** Values of the same object share a number, so a name is read from one record, not stitched from two. */
	holder: number;
	/** The object holding the value describes a scheduled event (it has a start and an end): its title, name and
	 * description are the event's, not the person's. */
	event?: boolean;
}

const MAX_DEPTH = 8;
const MAX_VALUES = 2000;
const MAX_FIELDS = 500;
const MAX_DOCUMENT_CHARS = 100_000;

// Containers of things rather than people (line items, tags, a form's campaign): not the lead, but a form field's
// answer listed in one ({ fieldName: "E-mail", value } in an event's "items") is still the person's. Definitions and
// schemas are not among them (only in OTHER_ROLES): their entries describe fields, they do not answer them.
const THING_ROLES = new Set([
	'groups',
	'links',
	'integrationlinks',
	'meta',
	'items',
	'lineitems',
	'event',
	'ad',
	'adset',
	'page',
	'form',
	'campaign',
	'tags',
	'segments',
	'notes',
	'opportunities',
	'tasks',
	'product',
	'products',
	'orderitem',
	'orderitems',
	'cart',
	'coupon',
]);
// Containers of someone or something that is not the lead: the host of a booking, the owner of a record, a chat
// operator, the things above.
// An anonymous visitor's profile ("_anon") holds names a tool generated, not the person's.
const OTHER_ROLES = new Set([
	...THING_ROLES,
	'anon',
	'anonymous',
	'organizer',
	'organiser',
	'host',
	'hosts',
	'owner',
	'owners',
	'operator',
	'operators',
	'createdby',
	'modifiedby',
	'updatedby',
	'creator',
	'assignee',
	'assignedto',
	'agent',
	'agents',
	'admin',
	'admins',
	'eventmemberships',
	'memberships',
	'team',
	'sender',
	'seller',
	'merchant',
	'headers',
	'videocalldata',
	'conferencedata',
	'appsstatus',
	'definition',
	'avatar',
	'socialprofiles',
	'formstructure',
	'fieldstructure',
	'schema',
]);

// Keys that say an entry is a form field's answer, whatever list it is in.
const FIELD_ENTRY_KEYS = ['fieldName', 'field_name', 'fieldLabel', 'field_label', 'fieldType', 'field_type'];
const OTHER_KEY_PREFIXES = [
	'createdby',
	'updatedby',
	'modifiedby',
	'owner',
	'organizer',
	'host',
	'assignedto',
	'operator',
	'sender',
];
// Containers of the person who booked, wrote or called: they win over a value of the same name elsewhere.
const LEAD_ROLES = new Set([
	'attendee',
	'attendees',
	'invitee',
	'invitees',
	'visitor',
	'respondent',
	'contact',
	'contacts',
	'lead',
	'customer',
	'customerdetails',
	'submitter',
	'booker',
	'caller',
	'subscriber',
	'person',
	'applicant',
	'requester',
	'merges',
	'mergefields',
	'responses',
	'guest',
]);
// Keys whose value is a person's contact: the list holds several, the primary (or first) one is the lead's.
const MULTI_VALUED = new Set(['emails', 'emailaddresses', 'phones', 'phonenumbers', 'urls', 'websites']);
const MULTI_VALUE_KEYS = ['value', 'email', 'number', 'phone', 'phone_formatted', 'url', 'address'];
// In a label/value list, the keys naming the entry (machine names first) and the keys holding what was typed.
// A value's type names it last ({ type: "EMAIL", value }: HubSpot identities); a bare field id still lets the value be
// found by its shape (Formstack's { field: "185502597", value }).
const NAME_KEYS = [
	'name',
	'Name',
	'key',
	'Key',
	'column_id',
	'property',
	'label',
	'Label',
	'title',
	'Title',
	'question',
	'displayName',
	'column_name',
	'text',
	'fieldName',
	'field_name',
	'fieldLabel',
	'field_label',
	'slug',
	'type',
];
const ID_KEYS = ['id', 'ID', 'questionId', 'question_id', 'field_id', 'fieldId', 'field'];
// Keys that together say an object is a scheduled event: one of each.
const EVENT_START_KEYS = new Set(['starttime', 'startat', 'startsat', 'startdate', 'startdatetime', 'start']);
const EVENT_END_KEYS = new Set(['endtime', 'endat', 'endsat', 'enddate', 'enddatetime', 'end']);
// Answers to choice questions come as lists (Microsoft Graph's multiChoiceValues, Bookings' selectedOptions) next to an
// empty text value: the first key holding something is the answer.
const VALUE_KEYS = [
	'value',
	'Value',
	'values',
	'string_value',
	'answer',
	'raw_value',
	'multiChoiceValues',
	'selectedOptions',
	'booleanValue',
];
const PERSON_KEYS = new Set([
	'email',
	'emailaddress',
	'mail',
	'givenname',
	'surname',
	'mobilephone',
	'emails',
	'firstname',
	'lastname',
	'fname',
	'lname',
	'phone',
	'phones',
	'phonenumber',
	'mobile',
	'fullname',
	'company',
	'companyname',
	'organization',
]);
// What the business sends to people (a booking's reminders, notification settings): never what the lead wrote.
const SENT_TO_PEOPLE = new Set(['reminders', 'notifications', 'notificationsettings']);
// At the payload's root: form-tool envelope metadata, and what a previous Normalize Lead run wrote (read once, from
// the fields themselves).
const ROOT_SKIP = new Set([
	'formMode',
	'formId',
	'form_id',
	'formName',
	'form_name',
	'event_id',
	'event_type',
	'triggerType',
	'raw',
	'quality',
	'fieldSources',
	'inputFormat',
	'scoreReasons',
	'scoreDetail',
	'emailFlags',
	'companyNormalized',
	'employeeBand',
	'segment',
]);
// Blocks this package's nodes write: passed along whole, never taken apart.
const ROOT_BLOCKS = new Set(['utm', 'consent', 'match', 'routing', 'sla', 'autoResponse']);
const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;
const QUESTION_NUMBER = /^q\d+[_-]/i;

export interface Walk {
	fields: FormField[];
	/** Question ids → their text (Typeform definitions, Wufoo field structures), to name answers keyed by id. */
	labels: Map<string, string>;
	values: number;
	holders: number;
}

export function newWalk(): Walk {
	return { fields: [], labels: new Map(), values: 0, holders: 0 };
}

/** Where a candidate is in the item json, as an n8n expression path ("body.fields[2].value"). */
export function pathOf(field: Pick<FormField, 'at' | 'step'>): string {
	return field.step.charCodeAt(0) === 91 && /^\[\d+\]$/.test(field.step)
		? cachedPath(indexPaths, field.at, field.step)
		: childPath(field.at, field.step);
}

// How a key is written in a path ("email", or ["Work Email"]): keys repeat lead after lead.
const pathParts = new Map<string, string>();

function pathPart(key: string): string {
	let part = pathParts.get(key);
	if (part === undefined) {
		part = PLAIN_KEY.test(key) ? key : `["${key.replace(/"/g, '\\"')}"]`;
		if (pathParts.size >= 5000) pathParts.clear();
		if (key.length <= 200) pathParts.set(key, part);
	}
	return part;
}

function joinPath(path: string, key: string): string {
	const part = pathPart(key);
	if (!path) return part.startsWith('[') ? `$json${part}` : part;
	return part.startsWith('[') ? `${path}${part}` : `${path}.${part}`;
}

// The same paths are built lead after lead (a form's keys under the same parents): each is built once and the string
// shared, which also keeps the fieldSources of many leads from holding a copy each. Object keys and list indexes
// ("[2]") are kept apart: a key may be the text "[2]".
type PathCache = Map<string, Map<string, string>>;
const keyPaths: PathCache = new Map();
const indexPaths: PathCache = new Map();
let cachedPaths = 0;

function cachedPath(cache: PathCache, path: string, step: string): string {
	let bySteps = cache.get(path);
	const hit = bySteps?.get(step);
	if (hit !== undefined) return hit;
	const built = cache === indexPaths ? `${path}${step}` : joinPath(path, step);
	if (path.length > 300 || step.length > 200) return built;
	if (cachedPaths >= 20_000) {
		keyPaths.clear();
		indexPaths.clear();
		cachedPaths = 0;
		bySteps = undefined;
	}
	if (!bySteps) {
		bySteps = new Map();
		cache.set(path, bySteps);
	}
	bySteps.set(step, built);
	cachedPaths++;
	return built;
}

/** The path of an object's `key` below `path`. */
export function childPath(path: string, key: string): string {
	return cachedPath(keyPaths, path, key);
}

// List steps "[0]" … "[99]" (lists are read up to 100 entries), written once.
const INDEX_STEPS = Array.from({ length: 100 }, (_, i) => `[${i}]`);

function singular(folded: string): string {
	if (folded.endsWith('ies')) return `${folded.slice(0, -3)}y`;
	if (folded.endsWith('sses') || folded.endsWith('xes')) return folded.slice(0, -2);
	return folded.endsWith('s') && !folded.endsWith('ss') ? folded.slice(0, -1) : folded;
}

function roleOfKey(folded: string, inherited: Role): Role {
	if (OTHER_ROLES.has(folded)) return 'other';
	if (LEAD_ROLES.has(folded)) return 'lead';
	return inherited;
}

const otherKeys = new Map<string, boolean>();

function isOtherKey(folded: string): boolean {
	let other = otherKeys.get(folded);
	if (other === undefined) {
		other = OTHER_KEY_PREFIXES.some((prefix) => folded.length > prefix.length && folded.startsWith(prefix));
		if (otherKeys.size >= 5000) otherKeys.clear();
		otherKeys.set(folded, other);
	}
	return other;
}

function firstString(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const value = object[key];
		if (typeof value === 'string' && value.trim() && !isUnsafeKey(value)) return value;
		if (typeof value === 'number' && keys === ID_KEYS) return String(value);
	}
	return undefined;
}

function valueKey(object: Record<string, unknown>): string | undefined {
	let present: string | undefined;
	for (const key of VALUE_KEYS) {
		if (!(key in object)) continue;
		const value = object[key];
		if (value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)) return key;
		present ??= key;
	}
	return present;
}

/** An entry of a label/value list: something names it, something holds the answer. */
export function isEntry(value: unknown): value is Record<string, unknown> {
	if (!isPlainObject(value)) return false;
	const held = valueKey(value);
	if (!held) return false;
	return Object.keys(value).length <= 14;
}

function isFieldEntry(entry: Record<string, unknown>): boolean {
	return FIELD_ENTRY_KEYS.some((key) => typeof entry[key] === 'string');
}

function looksLikeDocument(text: string): boolean {
	if (text.length < 2 || text.length > MAX_DOCUMENT_CHARS) return false;
	// Form encoders often leave a line break after the document (Mixpanel's "users=[…]%0A"): spaces do not count.
	let start = 0;
	let end = text.length - 1;
	while (start < end && text.charCodeAt(start) <= 32) start++;
	while (end > start && text.charCodeAt(end) <= 32) end--;
	const first = text.charCodeAt(start);
	const last = text.charCodeAt(end);
	return (first === 123 && last === 125) || (first === 91 && last === 93);
}

/** "data[merges][FNAME]" → ["data", "merges", "FNAME"]; undefined for a plain key. Scanned by hand: a regex over
 * "a[a[a[…" would backtrack. */
function bracketPath(key: string): string[] | undefined {
	const open = key.indexOf('[');
	if (open <= 0 || key.length > 300 || key.charCodeAt(key.length - 1) !== 93) return undefined;
	const parts = [key.slice(0, open)];
	if (isUnsafeKey(parts[0])) return undefined;
	let at = open;
	while (at < key.length) {
		if (key.charCodeAt(at) !== 91) return undefined;
		const close = key.indexOf(']', at + 1);
		if (close < 0) return undefined;
		const part = key.slice(at + 1, close);
		if (part.includes('[') || isUnsafeKey(part) || parts.length >= 7) return undefined;
		parts.push(part);
		at = close + 1;
	}
	return parts;
}

interface Unflattened {
	object: Record<string, unknown>;
	/** Nested objects built from bracket keys → the flat prefix they stand for ("data[merges]"). */
	prefixes: Map<object, string>;
}

/** Form-encoded bodies arrive with flat bracket keys; nesting them lets lists and entries be recognised. */
function unflatten(object: Record<string, unknown>): Unflattened | undefined {
	let found = false;
	for (const key in object) {
		if (key.includes('[')) {
			found = true;
			break;
		}
	}
	if (!found) return undefined;
	// Without a prototype: a key path can neither reach Object.prototype nor collide with an inherited name ("toString").
	const out = Object.create(null) as Record<string, unknown>;
	const prefixes = new Map<object, string>();
	const built = new Set<object>();
	for (const key of Object.keys(object)) {
		if (isUnsafeKey(key)) continue;
		const parts = bracketPath(key);
		if (!parts) {
			if (!(key in out)) out[key] = object[key];
			continue;
		}
		let node = out;
		let prefix = '';
		for (let i = 0; i < parts.length - 1; i++) {
			const part = parts[i] || String(Object.keys(node).length);
			prefix = i === 0 ? part : `${prefix}[${part}]`;
			let next = node[part];
			if (!isPlainObject(next)) {
				next = Object.create(null) as Record<string, unknown>;
				node[part] = next;
				prefixes.set(next as object, prefix);
			} else if (!prefixes.has(next) && !built.has(next)) {
				// An object of the item itself ("data" next to "data[x]"): keys are added to a copy, never to the input.
				next = Object.assign(Object.create(null) as Record<string, unknown>, next);
				node[part] = next;
				built.add(next as object);
			}
			node = next as Record<string, unknown>;
		}
		const leaf = parts[parts.length - 1] || String(Object.keys(node).length);
		node[leaf] = object[key];
	}
	return { object: out, prefixes };
}

interface Place {
	path: string;
	depth: number;
	role: Role;
	/** For objects rebuilt from bracket keys: the path of the object whose keys were flat, and this object's prefix. */
	flat?: { base: string; prefix: string };
	/** Folded name of the group the object sits in ("address", "company"), qualifying its keys. */
	group?: string;
	rest?: boolean;
	/** The containing object's holder number, and whether it looks like a person record. */
	holder?: number;
	person?: boolean;
}

function parseDocument(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function pushField(walk: Walk, field: FormField): void {
	if (walk.fields.length < MAX_FIELDS) walk.fields.push(field);
}

// The same keys arrive lead after lead: their name lists are built once and shared (never modified, see nameByLabels).
const nameLists = new Map<string, string[]>();

function namesFor(key: string, group: string | undefined): string[] {
	const cacheKey = group ? `${group}\u0001${key}` : key;
	let names = nameLists.get(cacheKey);
	if (!names) {
		const bare = QUESTION_NUMBER.test(key) ? [key.replace(QUESTION_NUMBER, ''), key] : [key];
		names = group ? [`${group} ${bare[0]}`, ...bare] : bare;
		if (nameLists.size >= 5000) nameLists.clear();
		if (cacheKey.length <= 300) nameLists.set(cacheKey, names);
	}
	return names;
}

// Entries of a form's list repeat lead after lead: equal name lists are shared, so what a list means is looked up by
// identity (map.ts) instead of being worked out again for each lead's copy.
const sharedLists = new Map<string, string[]>();

/** An equal list given out before, or this one (kept to be given out next time); never modified by its users. */
export function sharedNames(names: string[]): string[] {
	if (!names.length) return names;
	const key = names.length === 1 ? names[0] : names.join('\u0001');
	// A name holding the separator itself could make two different lists one key: such lists are not shared.
	if (names.some((name) => name.includes('\u0001'))) return names;
	const shared = sharedLists.get(key);
	if (shared) return shared;
	if (sharedLists.size >= 5000) sharedLists.clear();
	if (key.length <= 300) sharedLists.set(key, names);
	return names;
}

function walkEntry(
	walk: Walk,
	entry: Record<string, unknown>,
	place: Place,
	fallbackName: string | undefined,
	holder: number,
	person: boolean,
): void {
	const held = valueKey(entry) as string;
	let names: string[] = [];
	const name = firstString(entry, NAME_KEYS);
	for (const key of NAME_KEYS) {
		const value = entry[key];
		if (typeof value === 'string' && value.trim() && !names.includes(value) && !isUnsafeKey(value) && key !== held)
			names.push(value);
	}
	if (fallbackName && !names.includes(fallbackName)) names.push(fallbackName);
	const id = firstString(entry, ID_KEYS);
	if (id && !names.includes(id)) names.push(id);
	if (!names.length) return;
	names = sharedNames(names);
	const value = entry[held];
	const [at, step] = place.flat ? [place.flat.base, `${place.flat.prefix}[${held}]`] : [place.path, held];
	if (isPlainObject(value)) {
		// A name question answered as { first, last }: its parts, named after the question.
		walkObject(walk, value, {
			path: childPath(at, step),
			depth: place.depth + 1,
			role: place.role,
			group: foldKey(name ?? names[0]),
			rest: place.rest,
		});
	} else {
		pushField(walk, {
			names,
			key: names[0],
			value,
			at,
			step,
			depth: place.depth,
			role: place.role,
			rest: place.rest,
			person,
			holder,
		});
	}
	const pretty = entry.prettyFormat;
	if (typeof pretty === 'string' && pretty.trim() && isPlainObject(value)) {
		pushField(walk, {
			names,
			key: names[0],
			value: pretty,
			at: place.path,
			step: 'prettyFormat',
			depth: place.depth,
			role: place.role,
			person,
			holder,
		});
	}
}

function noteLabel(walk: Walk, object: Record<string, unknown>): void {
	if (valueKey(object)) return;
	const id = firstString(object, ID_KEYS);
	const label = firstString(object, ['title', 'Title', 'label', 'Label', 'question', 'text']);
	if (id && label && walk.labels.size < 500) walk.labels.set(id, label);
}

function walkList(walk: Walk, list: unknown[], key: string, folded: string, place: Place): void {
	if (MULTI_VALUED.has(folded)) {
		const primary = list.find((entry) => isPlainObject(entry) && entry.primary === true) ?? list[0];
		const index = list.indexOf(primary);
		const value = isPlainObject(primary)
			? MULTI_VALUE_KEYS.map((k) => primary[k]).find((v) => typeof v === 'string' && v.trim())
			: primary;
		if (value !== undefined) {
			pushField(walk, {
				names: [singular(folded), key],
				key,
				value,
				at: childPath(place.path, key),
				step: index >= 0 && index < 100 ? INDEX_STEPS[index] : `[${index}]`,
				depth: place.depth,
				role: place.role,
				person: true,
				holder: place.holder ?? 0,
			});
		}
		return;
	}
	const role = roleOfKey(folded, place.role);
	const holder = ++walk.holders;
	const limit = Math.min(list.length, 100);
	const listPath = childPath(place.path, key);
	for (let i = 0; i < limit; i++) {
		if (++walk.values > MAX_VALUES) return;
		const item = list[i];
		const path = cachedPath(indexPaths, listPath, INDEX_STEPS[i]);
		if (isEntry(item)) {
			const own = role === 'other' && THING_ROLES.has(folded) && isFieldEntry(item) ? place.role : role;
			walkEntry(walk, item, { path, depth: place.depth, role: own, rest: place.rest }, undefined, holder, true);
		} else if (isPlainObject(item)) {
			noteLabel(walk, item);
			walkObject(walk, item, {
				path,
				depth: place.depth + 1,
				role,
				group: singular(folded),
				rest: place.rest || i > 0,
			});
		} else if (Array.isArray(item)) {
			continue;
		} else if (i === 0) {
			// A list of plain values (checkbox groups, Facebook's values): the list is the value.
			pushField(walk, {
				names: namesFor(key, place.group),
				key,
				value: list,
				at: place.path,
				step: key,
				depth: place.depth,
				role,
				rest: place.rest,
				person: place.person,
				holder: place.holder ?? 0,
			});
			return;
		}
	}
}

/** Every candidate value below `object`, appended to `walk.fields`. */
export function walkObject(walk: Walk, source: Record<string, unknown>, place: Place): void {
	if (place.depth > MAX_DEPTH) return;
	const flat = unflatten(source);
	const object = flat?.object ?? source;
	const holder = ++walk.holders;
	const start = walk.fields.length;
	// Whether the object is someone's record (an email, phone or name of its own), or a scheduled event (a start and an
	// end): known once its keys are read.
	let person = false;
	let starts = false;
	let ends = false;
	for (const key of Object.keys(object)) {
		if (walk.fields.length >= MAX_FIELDS || ++walk.values > MAX_VALUES) break;
		if (isUnsafeKey(key) || (place.depth === 0 && ROOT_SKIP.has(key))) continue;
		const value = object[key];
		if (value === undefined || value === null || value === '') continue;
		if (place.depth === 0 && ROOT_BLOCKS.has(key)) {
			pushField(walk, { names: [key], key, value, at: place.path, step: key, depth: 0, role: place.role, holder });
			continue;
		}
		const folded = foldKey(key);
		if (SENT_TO_PEOPLE.has(folded)) continue;
		if (!person && (typeof value === 'string' || Array.isArray(value)) && PERSON_KEYS.has(folded)) person = true;
		if (EVENT_START_KEYS.has(folded)) starts = true;
		else if (EVENT_END_KEYS.has(folded)) ends = true;
		const role = isOtherKey(folded) ? 'other' : place.role;
		// Values of objects rebuilt from bracket keys are addressed by their flat key ("data[merges][FNAME]").
		const at = place.flat ? place.flat.base : place.path;
		const step = place.flat ? `${place.flat.prefix}[${key}]` : key;
		if (isPlainObject(value)) {
			const childRole = roleOfKey(folded, role);
			const prefix = flat?.prefixes.get(value);
			const childFlat =
				prefix !== undefined
					? { base: place.path, prefix }
					: place.flat
						? { base: place.flat.base, prefix: step }
						: undefined;
			const path = childPath(at, step);
			if (isEntry(value))
				walkEntry(
					walk,
					value,
					{ path, depth: place.depth, role: childRole, rest: place.rest, flat: childFlat },
					key,
					holder,
					false,
				);
			else {
				noteLabel(walk, value);
				walkObject(walk, value, {
					path,
					depth: place.depth + 1,
					role: childRole,
					group: singular(folded),
					rest: place.rest,
					flat: childFlat,
				});
			}
		} else if (Array.isArray(value)) {
			if (value.length)
				walkList(walk, value, key, folded, {
					path: place.path,
					depth: place.depth,
					role,
					group: place.group,
					rest: place.rest,
					holder,
				});
		} else {
			// Text that looks like a JSON document (Unbounce posts one in a form field) is walked as one; anything else,
			// or a document that does not parse, is a value as it is.
			const parsed = typeof value === 'string' && looksLikeDocument(value) ? parseDocument(value) : undefined;
			if (isPlainObject(parsed))
				walkObject(walk, parsed, {
					path: childPath(at, step),
					depth: place.depth + 1,
					role: roleOfKey(folded, role),
					group: place.group,
					rest: place.rest,
				});
			else if (Array.isArray(parsed))
				walkList(walk, parsed, key, folded, {
					path: place.path,
					depth: place.depth,
					role,
					group: place.group,
					rest: place.rest,
					holder,
				});
			else
				pushField(walk, {
					names: namesFor(key, place.group),
					key,
					value,
					at,
					step,
					depth: place.depth,
					role,
					rest: place.rest,
					holder,
				});
		}
	}
	if (person)
		for (let i = start; i < walk.fields.length; i++) if (walk.fields[i].holder === holder) walk.fields[i].person = true;
	if (starts && ends)
		for (let i = start; i < walk.fields.length; i++) if (walk.fields[i].holder === holder) walk.fields[i].event = true;
}

/** Answers keyed by question id get the question's text as their best name. */
export function nameByLabels(walk: Walk): void {
	if (!walk.labels.size) return;
	for (const field of walk.fields) {
		for (const name of field.names) {
			const label = walk.labels.get(name);
			if (label && !field.names.includes(label)) {
				field.names = [label, ...field.names];
				break;
			}
		}
	}
}

/** Reads a whole payload (or a part of it at `path`). */
export function readGeneral(json: Record<string, unknown>, path = '', role: Role = 'neutral'): Walk {
	const walk = newWalk();
	walkObject(walk, json, { path, depth: 0, role });
	nameByLabels(walk);
	return walk;
}
