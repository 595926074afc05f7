/**
 * Salesforce REST API (v59.0) as documented, for what n8n's Salesforce node calls, at the instance URL the OAuth2
 * credential holds (`oauthTokenData.instance_url`):
 * - Query: GET /services/data/v59.0/query?q=SOQL →
 *   { totalSize, done, records: [{ attributes: { type, url }, <exactly the selected fields> }] }
 *   https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 *   Relationship fields (Owner.Name) come back nested with their own attributes; an unknown field is a 400
 *   INVALID_FIELD.
 * - Create a Lead: POST /services/data/v59.0/sobjects/lead → 201 { id, success: true, errors: [] }
 *   https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm
 *   LastName and Company are required (REQUIRED_FIELD_MISSING); OwnerId must be a 15- or 18-character ID of an active
 *   user (005…) or a queue (00G…) (MALFORMED_ID / INVALID_CROSS_REFERENCE_KEY).
 * - Errors are arrays of { message, errorCode, fields }: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
import type { StandInReply, StandInRequest, Vendor } from './proxy';
import { parseBody } from './proxy';

export type SalesforceRecord = Record<string, unknown>;

const API = '/services/data/v59.0';
const ACCOUNT_FIELDS = ['Id', 'Name', 'Website', 'OwnerId', 'ParentId', 'Phone', 'BillingCountry', 'BillingPostalCode', 'BillingCity', 'NumberOfEmployees'];
const LEAD_FIELDS = new Set(['Company', 'LastName', 'FirstName', 'Email', 'Phone', 'MobilePhone', 'Country', 'City', 'State', 'PostalCode', 'Street', 'Website', 'LeadSource', 'OwnerId', 'Title', 'Description', 'Industry', 'NumberOfEmployees', 'Status', 'Rating']);
const fail = (status: number, errorCode: string, message: string, fields: string[] = []): StandInReply => ({ status, json: [{ message, errorCode, fields }] });

export interface SalesforceUser {
	Id: string;
	Name: string;
	Email: string;
}

export class SalesforceStandIn implements Vendor {
	readonly name = 'salesforce';
	readonly hosts: string[];
	readonly accounts: SalesforceRecord[] = [];
	readonly leads: SalesforceRecord[] = [];

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
		if (req.method === 'POST' && req.path.toLowerCase() === `${API}/sobjects/lead`) return this.createLead((parseBody(req) ?? {}) as SalesforceRecord);
		return undefined;
	}

	private query(soql: string): StandInReply {
		const m = /^SELECT\s+(.+?)\s+FROM\s+Account\s+WHERE\s+Website\s+LIKE\s+'%([^'%]*)%'\s+LIMIT\s+(\d+)$/i.exec(soql.trim());
		if (!m) return fail(400, 'MALFORMED_QUERY', `This stand-in only understands the account-by-website query; got: ${soql}`);
		const fields = m[1].split(',').map((f) => f.trim());
		for (const field of fields) {
			const known = ACCOUNT_FIELDS.includes(field) || /^Owner\.(Name|Email)$/.test(field);
			if (!known) return fail(400, 'INVALID_FIELD', `No such column '${field}' on entity 'Account'.`);
		}
		const needle = m[2].toLowerCase();
		const found = this.accounts.filter((a) => String(a.Website ?? '').toLowerCase().includes(needle)).slice(0, Number(m[3]));
		const records = found.map((account) => {
			const record: SalesforceRecord = { attributes: { type: 'Account', url: `${API}/sobjects/Account/${String(account.Id)}` } };
			for (const field of fields) {
				const owner = /^Owner\.(\w+)$/.exec(field);
				if (owner) {
					const user = this.users.find((u) => u.Id === account.OwnerId);
					const nested = (record.Owner ??= { attributes: { type: 'User', url: `${API}/sobjects/User/${String(account.OwnerId)}` } }) as SalesforceRecord;
					nested[owner[1]] = user ? user[owner[1] as keyof SalesforceUser] : null;
				} else {
					record[field] = account[field] ?? null;
				}
			}
			return record;
		});
		return { status: 200, json: { totalSize: records.length, done: true, records } };
	}

	private createLead(body: SalesforceRecord): StandInReply {
		for (const field of Object.keys(body)) {
			if (!LEAD_FIELDS.has(field)) return fail(400, 'INVALID_FIELD', `No such column '${field}' on sobject of type Lead`, [field]);
		}
		for (const field of ['LastName', 'Company']) {
			if (!body[field]) return fail(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${field}]`, [field]);
		}
		if (body.OwnerId !== undefined) {
			const owner = String(body.OwnerId);
			if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(owner)) return fail(400, 'MALFORMED_ID', `Owner ID: id value of incorrect type: ${owner}`, ['OwnerId']);
			if (!this.users.some((u) => u.Id === owner) && !this.queueIds.includes(owner)) {
				return fail(400, 'INVALID_CROSS_REFERENCE_KEY', 'Owner ID: owner cannot be blank', ['OwnerId']);
			}
		}
		const id = `00Q5g0000${String(this.leads.length + 1).padStart(6, '0')}`;
		this.leads.push({ Id: id, ...body });
		return { status: 201, json: { id, success: true, errors: [] } };
	}
}
