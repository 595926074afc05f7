/**
 * Salesforce REST API (v59.0) as documented, for what n8n's Salesforce node calls, at the instance URL the OAuth2
 * credential holds (`oauthTokenData.instance_url`):
 * - Query: GET /services/data/v59.0/query?q=SOQL →
 *   { totalSize, done, records: [{ attributes: { type, url }, <exactly the selected fields> }] }
 *   https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 *   Relationship fields (Owner.Name) come back nested with their own attributes; an unknown field is a 400
 *   INVALID_FIELD. Served: accounts by website (the territory template's match) and contacts or open leads by email
 *   (its owned-contact check), with `Owner.IsActive` from the owner's User record
 *   (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm;
 *   Lead.IsConverted: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm).
 *   Quotes in string literals are escaped with a backslash:
 *   https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 * - Create a Lead: POST /services/data/v59.0/sobjects/lead → 201 { id, success: true, errors: [] }
 *   https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm
 *   LastName and Company are required (REQUIRED_FIELD_MISSING); OwnerId must be a 15- or 18-character ID of an active
 *   user (005…) or a queue (00G…) (MALFORMED_ID / INVALID_CROSS_REFERENCE_KEY; an inactive user: INACTIVE_OWNER_OR_USER).
 * - Errors are arrays of { message, errorCode, fields }: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
import type { StandInReply, StandInRequest, Vendor } from './proxy';
import { parseBody } from './proxy';

export type SalesforceRecord = Record<string, unknown>;

const API = '/services/data/v59.0';
const ACCOUNT_FIELDS = [
	'Id',
	'Name',
	'Website',
	'OwnerId',
	'ParentId',
	'Phone',
	'BillingCountry',
	'BillingState',
	'BillingPostalCode',
	'BillingCity',
	'NumberOfEmployees',
];
const LEAD_FIELDS = new Set([
	'Company',
	'LastName',
	'FirstName',
	'Email',
	'Phone',
	'MobilePhone',
	'Country',
	'City',
	'State',
	'PostalCode',
	'Street',
	'Website',
	'LeadSource',
	'OwnerId',
	'Title',
	'Description',
	'Industry',
	'NumberOfEmployees',
	'Status',
	'Rating',
]);
const fail = (status: number, errorCode: string, message: string, fields: string[] = []): StandInReply => ({
	status,
	json: [{ message, errorCode, fields }],
});

export interface SalesforceUser {
	Id: string;
	Name: string;
	Email: string;
	/** False for a deactivated user (absent = active). */
	IsActive?: boolean;
}

export class SalesforceStandIn implements Vendor {
	readonly name = 'salesforce';
	readonly hosts: string[];
	readonly accounts: SalesforceRecord[] = [];
	readonly leads: SalesforceRecord[] = [];
	readonly contacts: SalesforceRecord[] = [];

	constructor(
		instanceUrl: string,
		private readonly token: string,
		private readonly users: SalesforceUser[],
		private readonly queueIds: string[],
	) {
		this.hosts = [new URL(instanceUrl).hostname];
	}

	addAccount(account: SalesforceRecord): void {
		this.accounts.push(account);
	}

	handle(req: StandInRequest): StandInReply | undefined {
		if (req.headers.authorization !== `Bearer ${this.token}`) {
			return fail(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
		}
		if (req.method === 'GET' && req.path === `${API}/query`) return this.query(req.query.get('q') ?? '');
		if (req.method === 'POST' && req.path.toLowerCase() === `${API}/sobjects/lead`)
			return this.createLead((parseBody(req) ?? {}) as SalesforceRecord);
		return undefined;
	}

	addContact(contact: SalesforceRecord): void {
		this.contacts.push(contact);
	}

	private query(soql: string): StandInReply {
		const person =
			/^SELECT\s+(.+?)\s+FROM\s+(Contact|Lead)\s+WHERE\s+Email\s+=\s+'((?:[^'\\]|\\.)*)'(\s+AND\s+IsConverted\s+=\s+false)?\s+ORDER\s+BY\s+LastModifiedDate\s+DESC\s+LIMIT\s+(\d+)$/i.exec(
				soql.trim(),
			);
		if (person)
			return this.byEmail(
				person[2] as 'Contact' | 'Lead',
				person[1].split(',').map((f) => f.trim()),
				person[3].replace(/\\(.)/g, '$1'),
				Boolean(person[4]),
				Number(person[5]),
			);
		const m = /^SELECT\s+(.+?)\s+FROM\s+Account\s+WHERE\s+Website\s+LIKE\s+'%([^'%]*)%'\s+LIMIT\s+(\d+)$/i.exec(
			soql.trim(),
		);
		if (!m)
			return fail(400, 'MALFORMED_QUERY', `This stand-in only understands the account-by-website query; got: ${soql}`);
		const fields = m[1].split(',').map((f) => f.trim());
		for (const field of fields) {
			const known = ACCOUNT_FIELDS.includes(field) || /^Owner\.(Name|Email)$/.test(field);
			if (!known) return fail(400, 'INVALID_FIELD', `No such column '${field}' on entity 'Account'.`);
		}
		const needle = m[2].toLowerCase();
		const found = this.accounts
			.filter((a) =>
				String(a.Website ?? '')
					.toLowerCase()
					.includes(needle),
			)
			.slice(0, Number(m[3]));
		const records = found.map((account) => {
			const record: SalesforceRecord = {
				attributes: { type: 'Account', url: `${API}/sobjects/Account/${String(account.Id)}` },
			};
			for (const field of fields) {
				const owner = /^Owner\.(\w+)$/.exec(field);
				if (owner) {
					const user = this.users.find((u) => u.Id === account.OwnerId);
					const nested = (record.Owner ??= {
						attributes: { type: 'User', url: `${API}/sobjects/User/${String(account.OwnerId)}` },
					}) as SalesforceRecord;
					nested[owner[1]] = user ? user[owner[1] as keyof SalesforceUser] : null;
				} else {
					record[field] = account[field] ?? null;
				}
			}
			return record;
		});
		return { status: 200, json: { totalSize: records.length, done: true, records } };
	}

	/** Contacts or leads (open ones only when asked) with this email, the most recently changed first (the last added here). */
	private byEmail(
		type: 'Contact' | 'Lead',
		fields: string[],
		email: string,
		openOnly: boolean,
		limit: number,
	): StandInReply {
		for (const field of fields) {
			if (!['Id', 'OwnerId', 'Email'].includes(field) && !/^Owner\.(Name|IsActive)$/.test(field)) {
				return fail(400, 'INVALID_FIELD', `No such column '${field}' on entity '${type}'.`);
			}
		}
		const rows = type === 'Contact' ? this.contacts : this.leads.filter((l) => !openOnly || l.IsConverted !== true);
		const found = rows
			.filter((r) => String(r.Email ?? '').toLowerCase() === email.toLowerCase())
			.reverse()
			.slice(0, limit);
		const records = found.map((row) => {
			const record: SalesforceRecord = { attributes: { type, url: `${API}/sobjects/${type}/${String(row.Id)}` } };
			for (const field of fields) {
				const owner = /^Owner\.(\w+)$/.exec(field);
				if (!owner) {
					record[field] = row[field] ?? null;
					continue;
				}
				const user = this.users.find((u) => u.Id === row.OwnerId);
				const nested = (record.Owner ??= {
					attributes: { type: user ? 'User' : 'Name', url: `${API}/sobjects/User/${String(row.OwnerId)}` },
				}) as SalesforceRecord;
				// A queue owner has no IsActive; a user is active unless deactivated.
				nested[owner[1]] = owner[1] === 'IsActive' ? (user ? user.IsActive !== false : false) : (user?.Name ?? null);
			}
			return record;
		});
		return { status: 200, json: { totalSize: records.length, done: true, records } };
	}

	private createLead(body: SalesforceRecord): StandInReply {
		for (const field of Object.keys(body)) {
			if (!LEAD_FIELDS.has(field))
				return fail(400, 'INVALID_FIELD', `No such column '${field}' on sobject of type Lead`, [field]);
		}
		for (const field of ['LastName', 'Company']) {
			if (!body[field]) return fail(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${field}]`, [field]);
		}
		if (body.OwnerId !== undefined) {
			const owner = String(body.OwnerId);
			if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(owner))
				return fail(400, 'MALFORMED_ID', `Owner ID: id value of incorrect type: ${owner}`, ['OwnerId']);
			if (!this.users.some((u) => u.Id === owner) && !this.queueIds.includes(owner)) {
				return fail(400, 'INVALID_CROSS_REFERENCE_KEY', 'Owner ID: owner cannot be blank', ['OwnerId']);
			}
			if (this.users.some((u) => u.Id === owner && u.IsActive === false)) {
				return fail(400, 'INACTIVE_OWNER_OR_USER', 'operation performed with inactive user', ['OwnerId']);
			}
		}
		const id = `00Q5g0000${String(this.leads.length + 1).padStart(6, '0')}`;
		this.leads.push({ Id: id, ...body });
		return { status: 201, json: { id, success: true, errors: [] } };
	}
}
