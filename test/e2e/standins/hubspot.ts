/**
 * HubSpot as its API reference describes it, for the endpoints n8n's HubSpot node (v2.2) and the templates call.
 * Pages followed (each handler names its own):
 * - Search companies by domain (legacy v2): https://legacydocs.hubspot.com/docs/methods/companies/search_companies_by_domain
 *   "By default, no properties will be included in the response, so you must specify any properties that you want."
 * - Create or update a contact (legacy v1): https://legacydocs.hubspot.com/docs/methods/contacts/create_or_update
 * - Get a contact by vid (legacy v1): https://legacydocs.hubspot.com/docs/methods/contacts/get_contact
 * - Search contacts (v3): https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/search/post-crm-v3-objects-contacts-search
 * - List contacts (v3): https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts
 * - List owners (v3): https://developers.hubspot.com/docs/api-reference/crm-owners-v3/owners/get-crm-v3-owners
 *   `limit` up to 500 (default 100); `archived` defaults to false, so deactivated users' owners are left out unless asked.
 * - The v1 contact lists API, including GET /contacts/v1/lists/all/contacts/all, was sunset on 2026-04-30
 *   (https://developers.hubspot.com/docs/api-reference/legacy/crm/lists/v1-list-api-migration-guide): not served here.
 * Errors follow https://developers.hubspot.com/docs/api/error-handling: { status: "error", message, correlationId, category }.
 */
import { randomUUID } from 'crypto';
import type { StandInReply, StandInRequest, Vendor } from './proxy';
import { parseBody } from './proxy';

export interface HubSpotCompany {
	companyId: number;
	properties: Record<string, string>;
}

export interface HubSpotContact {
	vid: number;
	properties: Record<string, string>;
}

/** Contact properties a portal has by default (a write to any other name is a PROPERTY_DOESNT_EXIST error). */
const CONTACT_PROPERTIES = new Set([
	'email',
	'firstname',
	'lastname',
	'company',
	'phone',
	'mobilephone',
	'website',
	'jobtitle',
	'city',
	'state',
	'zip',
	'country',
	'address',
	'hubspot_owner_id',
	'lifecyclestage',
	'hs_lead_status',
	'industry',
	'annualrevenue',
	'numemployees',
	'message',
	'fax',
	'twitterhandle',
	'salutation',
	'createdate',
	'lastmodifieddate',
	'hs_object_id',
]);

const PORTAL_ID = 62515;
const error = (status: number, category: string, message: string): StandInReply => ({
	status,
	json: { status: 'error', message, correlationId: randomUUID(), category },
});

/** Legacy v1/v2 APIs wrap each property value with its history. */
function legacyProperty(name: string, value: string) {
	const timestamp = 1764000000000;
	return {
		value,
		timestamp,
		source: 'API',
		sourceId: null,
		versions: [{ name, value, timestamp, source: 'API', sourceVid: [] }],
	};
}

function pick(properties: Record<string, string>, names: string[]): Record<string, string> {
	return Object.fromEntries(names.filter((n) => n in properties).map((n) => [n, properties[n]]));
}

export class HubSpotStandIn implements Vendor {
	readonly name = 'hubspot';
	readonly hosts = ['api.hubapi.com'];
	readonly companies: HubSpotCompany[] = [];
	readonly contacts: HubSpotContact[] = [];
	private nextVid = 501;

	private readonly contactProperties: Set<string>;
	/** Owners whose user was deactivated: HubSpot archives them. */
	private readonly archivedOwnerIds = new Set<string>();

	/**
	 * ownerIds: the portal's owners (HubSpot refuses hubspot_owner_id values that are not an owner);
	 * customProperties: contact properties the portal's admin created (as a template's sticky note asks).
	 */
	constructor(
		private readonly token: string,
		private readonly ownerIds: string[],
		customProperties: string[] = [],
	) {
		this.contactProperties = new Set([...CONTACT_PROPERTIES, ...customProperties]);
	}

	addCompany(properties: Record<string, string>): HubSpotCompany {
		const company = { companyId: 184896670 + this.companies.length, properties };
		this.companies.push(company);
		return company;
	}

	addContact(properties: Record<string, string>): HubSpotContact {
		const contact = { vid: this.nextVid++, properties: { ...properties } };
		this.contacts.push(contact);
		return contact;
	}

	archiveOwner(id: string): void {
		this.archivedOwnerIds.add(id);
	}

	contactByEmail(email: string): HubSpotContact | undefined {
		return this.contacts.find((c) => c.properties.email?.toLowerCase() === email.toLowerCase());
	}

	handle(req: StandInRequest): StandInReply | undefined {
		if (req.headers.authorization !== `Bearer ${this.token}`) {
			return error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
		}
		const body = parseBody(req) as Record<string, unknown> | undefined;
		let m: RegExpExecArray | null;
		if (req.method === 'POST' && (m = /^\/companies\/v2\/domains\/([^/]+)\/companies$/.exec(req.path))) {
			return this.companiesByDomain(decodeURIComponent(m[1]), body ?? {});
		}
		if (req.method === 'POST' && (m = /^\/contacts\/v1\/contact\/createOrUpdate\/email\/([^/]+)$/.exec(req.path))) {
			return this.createOrUpdate(decodeURIComponent(m[1]), body ?? {});
		}
		if (req.method === 'GET' && (m = /^\/contacts\/v1\/contact\/vid\/([^/]+)\/profile$/.exec(req.path))) {
			return this.profile(m[1], req.query.getAll('property'));
		}
		if (req.method === 'POST' && req.path === '/crm/v3/objects/contacts/search') return this.searchContacts(body ?? {});
		if (req.method === 'GET' && req.path === '/crm/v3/objects/contacts') return this.listContacts(req.query);
		if (req.method === 'GET' && req.path === '/crm/v3/owners') return this.listOwners(req.query);
		return undefined;
	}

	private companiesByDomain(domain: string, body: Record<string, unknown>): StandInReply {
		const options = (body.requestOptions ?? {}) as { properties?: unknown };
		const wanted = Array.isArray(options.properties) ? options.properties.map(String) : [];
		const limit = Math.min(Number(body.limit) || 100, 100);
		const found = this.companies
			.filter((c) => c.properties.domain?.toLowerCase() === domain.toLowerCase())
			.slice(0, limit);
		const results = found.map((c) => ({
			portalId: PORTAL_ID,
			companyId: c.companyId,
			isDeleted: false,
			properties: Object.fromEntries(
				Object.entries(pick(c.properties, wanted)).map(([k, v]) => [k, legacyProperty(k, v)]),
			),
			additionalDomains: [],
			stateChanges: [],
			mergeAudits: [],
		}));
		const last = found[found.length - 1];
		return {
			status: 200,
			json: { results, hasMore: false, offset: { companyId: last?.companyId ?? 0, isPrimary: true } },
		};
	}

	private createOrUpdate(email: string, body: Record<string, unknown>): StandInReply {
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
			return error(400, 'VALIDATION_ERROR', `Email address ${email} is invalid`);
		}
		const list = Array.isArray(body.properties)
			? (body.properties as Array<{ property?: string; value?: unknown }>)
			: [];
		for (const p of list) {
			if (!p.property || !this.contactProperties.has(p.property)) {
				return error(400, 'VALIDATION_ERROR', `Property values were not valid: ${p.property} does not exist`);
			}
			if (p.property === 'hubspot_owner_id' && p.value !== '' && !this.ownerIds.includes(String(p.value))) {
				return error(
					400,
					'VALIDATION_ERROR',
					`Property values were not valid: ${String(p.value)} is not a valid owner id`,
				);
			}
		}
		let contact = this.contactByEmail(email);
		const isNew = !contact;
		contact ??= this.addContact({ email });
		for (const p of list) contact.properties[p.property!] = String(p.value ?? '');
		return { status: 200, json: { vid: contact.vid, isNew } };
	}

	private profile(vid: string, wanted: string[]): StandInReply {
		if (!/^\d+$/.test(vid)) return error(400, 'VALIDATION_ERROR', `Invalid vid: ${vid}`);
		const contact = this.contacts.find((c) => c.vid === Number(vid));
		if (!contact) return error(404, 'OBJECT_NOT_FOUND', 'contact does not exist');
		const props = wanted.length ? pick(contact.properties, wanted) : contact.properties;
		return {
			status: 200,
			json: {
				vid: contact.vid,
				'canonical-vid': contact.vid,
				'merged-vids': [],
				'portal-id': PORTAL_ID,
				'is-contact': true,
				properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, legacyProperty(k, v)])),
				'form-submissions': [],
				'list-memberships': [],
				'identity-profiles': [
					{ vid: contact.vid, identities: [{ type: 'EMAIL', value: contact.properties.email, 'is-primary': true }] },
				],
				'merge-audits': [],
			},
		};
	}

	/** v3 objects answer with the requested properties plus the three HubSpot always adds. */
	private v3Contact(contact: HubSpotContact, wanted: string[]) {
		const always = {
			createdate: '2026-11-01T09:00:00.000Z',
			lastmodifieddate: '2026-11-20T09:00:00.000Z',
			hs_object_id: String(contact.vid),
		};
		const properties = { ...always, ...pick(contact.properties, wanted) };
		return {
			id: String(contact.vid),
			properties,
			createdAt: always.createdate,
			updatedAt: always.lastmodifieddate,
			archived: false,
		};
	}

	private searchContacts(body: Record<string, unknown>): StandInReply {
		const groups = Array.isArray(body.filterGroups) ? (body.filterGroups as Array<{ filters?: unknown }>) : [];
		const wanted = Array.isArray(body.properties) ? body.properties.map(String) : ['firstname', 'lastname', 'email'];
		const matches = (contact: HubSpotContact) =>
			!groups.length ||
			groups.some((g) =>
				(Array.isArray(g.filters) ? (g.filters as Array<Record<string, unknown>>) : []).every((f) => {
					const value = (contact.properties[String(f.propertyName)] ?? '').toLowerCase();
					if (f.operator === 'EQ') return value === String(f.value ?? '').toLowerCase();
					if (f.operator === 'HAS_PROPERTY') return value !== '';
					return false;
				}),
			);
		const results = this.contacts.filter(matches).map((c) => this.v3Contact(c, wanted));
		return { status: 200, json: { total: results.length, results } };
	}

	private listContacts(query: URLSearchParams): StandInReply {
		const wanted = query
			.getAll('properties')
			.flatMap((p) => p.split(','))
			.filter(Boolean);
		const limit = Math.min(Number(query.get('limit')) || 10, 100);
		const after = Number(query.get('after')) || 0;
		const page = this.contacts
			.slice(after, after + limit)
			.map((c) => this.v3Contact(c, wanted.length ? wanted : ['firstname', 'lastname', 'email']));
		const next = after + limit < this.contacts.length ? String(after + limit) : undefined;
		const paging = next
			? { next: { after: next, link: `https://api.hubapi.com/crm/v3/objects/contacts?after=${next}` } }
			: undefined;
		return { status: 200, json: { results: page, ...(paging ? { paging } : {}) } };
	}

	private listOwners(query: URLSearchParams): StandInReply {
		const limit = Number(query.get('limit') ?? 100);
		if (!Number.isInteger(limit) || limit < 1 || limit > 500)
			return error(400, 'VALIDATION_ERROR', `limit must be between 1 and 500, got ${String(query.get('limit'))}`);
		const archived = query.get('archived') === 'true';
		const results = this.ownerIds
			.filter((id) => this.archivedOwnerIds.has(id) === archived)
			.slice(0, limit)
			.map((id, i) => ({
				id,
				email: `owner${id}@example.com`,
				type: 'PERSON',
				firstName: 'Owner',
				lastName: id,
				userId: 9100000 + i,
				userIdIncludingInactive: 9100000 + i,
				createdAt: '2026-01-05T09:00:00.000Z',
				updatedAt: '2026-11-20T09:00:00.000Z',
				archived,
				teams: [],
			}));
		return { status: 200, json: { results } };
	}
}
