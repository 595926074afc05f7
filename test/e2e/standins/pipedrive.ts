/**
 * Pipedrive as documented, for what the Pipedrive Trigger (v1.1) and the Pipedrive node (v2) call:
 * - Webhooks (v1 API): GET/POST /v1/webhooks, DELETE /v1/webhooks/{id} — https://developers.pipedrive.com/docs/api/v1/Webhooks
 *   Webhooks created without `version` are v2 since 2025-03-17 (https://developers.pipedrive.com/changelog/post/breaking-change-webhooks-v2-will-become-the-new-default-version).
 * - Update a person (v2): PATCH /api/v2/persons/{id} — https://developers.pipedrive.com/docs/api/v1/Persons#updatePerson
 * - Person fields (v2): GET /api/v2/personFields — https://developers.pipedrive.com/docs/api/v1/PersonFields
 * - Search persons (v2): GET /api/v2/persons/search?term&fields&exact_match — https://developers.pipedrive.com/docs/api/v1/Persons#searchPersons
 *   `term` needs at least 2 characters (1 with exact_match); results are { result_score, item: { id, type, name,
 *   emails, phones, owner: { id }, … } } under data.items.
 * - Get all users (v1): GET /v1/users — https://developers.pipedrive.com/docs/api/v1/Users#getUsers (`active_flag`).
 * - Authentication by the `api_token` query parameter (https://pipedrive.readme.io/docs/core-api-concepts-authentication);
 *   errors are { success: false, error, error_info } with 401 / 400 / 404.
 * Webhook bodies as sent (v1 and v2 shapes): https://pipedrive.readme.io/docs/guide-for-webhooks-v2
 */
import type { StandInReply, StandInRequest, Vendor } from './proxy';
import { parseBody } from './proxy';

export interface PipedrivePerson {
	id: number;
	name: string;
	owner_id: number;
	org_id: number | null;
	emails: Array<{ label: string; value: string; primary: boolean }>;
	phones: Array<{ label: string; value: string; primary: boolean }>;
}

export interface PipedriveWebhook {
	id: number;
	event_action: string;
	event_object: string;
	subscription_url: string;
	http_auth_user: string | null;
	http_auth_password: string | null;
	version: string;
}

const fail = (status: number, error: string): StandInReply => ({
	status,
	json: {
		success: false,
		error,
		error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.',
		data: null,
	},
});

export class PipedriveStandIn implements Vendor {
	readonly name = 'pipedrive';
	readonly hosts = ['api.pipedrive.com'];
	readonly persons: PipedrivePerson[] = [];
	readonly webhooks: PipedriveWebhook[] = [];
	private nextWebhook = 301;

	/** Users deactivated in the company account (active_flag false): they still own their records. */
	private readonly inactiveUserIds = new Set<number>();

	constructor(
		private readonly token: string,
		private readonly userIds: number[],
	) {}

	deactivateUser(id: number): void {
		this.inactiveUserIds.add(id);
	}

	addPerson(person: Omit<PipedrivePerson, 'id'> & { id?: number }): PipedrivePerson {
		const full = { id: person.id ?? 1000 + this.persons.length, ...person };
		this.persons.push(full);
		return full;
	}

	handle(req: StandInRequest): StandInReply | undefined {
		if (req.query.get('api_token') !== this.token) return fail(401, 'Unauthorized access');
		const body = (parseBody(req) ?? {}) as Record<string, unknown>;
		let m: RegExpExecArray | null;
		if (req.path === '/v1/webhooks' && req.method === 'GET')
			return { status: 200, json: { success: true, status: 'ok', data: this.webhooks } };
		if (req.path === '/v1/webhooks' && req.method === 'POST') return this.addWebhook(body);
		if (req.method === 'DELETE' && (m = /^\/v1\/webhooks\/(\d+)$/.exec(req.path))) {
			const index = this.webhooks.findIndex((w) => w.id === Number(m![1]));
			if (index < 0) return fail(404, 'Webhook not found');
			this.webhooks.splice(index, 1);
			return { status: 200, json: { success: true, status: 'ok' } };
		}
		if (req.method === 'GET' && req.path === '/api/v2/persons/search') return this.searchPersons(req.query);
		if (req.method === 'GET' && req.path === '/v1/users') return this.listUsers();
		if (req.method === 'PATCH' && (m = /^\/api\/v2\/persons\/([^/]+)$/.exec(req.path)))
			return this.updatePerson(m[1], body);
		return undefined;
	}

	private addWebhook(body: Record<string, unknown>): StandInReply {
		for (const field of ['subscription_url', 'event_action', 'event_object']) {
			if (!body[field]) return fail(400, `Parameter '${field}' is required`);
		}
		const webhook: PipedriveWebhook = {
			id: this.nextWebhook++,
			event_action: String(body.event_action),
			event_object: String(body.event_object),
			subscription_url: String(body.subscription_url),
			http_auth_user: body.http_auth_user ? String(body.http_auth_user) : null,
			http_auth_password: body.http_auth_password ? String(body.http_auth_password) : null,
			version: body.version ? String(body.version) : '2.0',
		};
		this.webhooks.push(webhook);
		return { status: 201, json: { success: true, status: 'ok', data: webhook } };
	}

	private searchPersons(query: URLSearchParams): StandInReply {
		const term = (query.get('term') ?? '').trim();
		const exact = query.get('exact_match') === 'true';
		if (term.length < (exact ? 1 : 2))
			return fail(400, 'Validation failed: term: Search term must be at least 2 characters long');
		const fields = (query.get('fields') ?? 'custom_fields,email,name,notes,phone').split(',');
		const hit = (value: string) =>
			exact ? value.toLowerCase() === term.toLowerCase() : value.toLowerCase().includes(term.toLowerCase());
		const found = this.persons.filter(
			(p) =>
				(fields.includes('email') && p.emails.some((e) => hit(e.value))) ||
				(fields.includes('phone') && p.phones.some((e) => hit(e.value))) ||
				(fields.includes('name') && hit(p.name)),
		);
		const items = found.map((p) => ({
			result_score: 1,
			item: {
				id: p.id,
				type: 'person',
				name: p.name,
				phones: p.phones.map((e) => e.value),
				emails: p.emails.map((e) => e.value),
				visible_to: 3,
				owner: { id: p.owner_id },
				organization: null,
				custom_fields: [],
				notes: [],
				update_time: '2026-12-02T12:00:00Z',
			},
		}));
		return { status: 200, json: { success: true, data: { items }, additional_data: { next_cursor: null } } };
	}

	private listUsers(): StandInReply {
		const data = this.userIds.map((id) => ({
			id,
			name: `User ${id}`,
			email: `user${id}@acme.example`,
			active_flag: !this.inactiveUserIds.has(id),
			is_admin: id === this.userIds[0] ? 1 : 0,
			role_id: 1,
			timezone_name: 'Europe/Berlin',
		}));
		return { status: 200, json: { success: true, data } };
	}

	private updatePerson(id: string, body: Record<string, unknown>): StandInReply {
		if (!/^\d+$/.test(id)) return fail(400, 'Validation failed: id: Expected number, received string');
		const person = this.persons.find((p) => p.id === Number(id));
		if (!person) return fail(404, 'Person not found');
		if ('owner_id' in body) {
			if (typeof body.owner_id !== 'number' || !this.userIds.includes(body.owner_id)) {
				return fail(400, `Validation failed: owner_id: User ${String(body.owner_id)} not found`);
			}
			person.owner_id = body.owner_id;
		}
		return { status: 200, json: { success: true, data: { ...person, update_time: '2026-12-02T12:00:00Z' } } };
	}

	/** The body Pipedrive posts for a webhook of the given version when a person is created. */
	static createdPersonEvent(person: PipedrivePerson, version: '1.0' | '2.0', orgName?: string) {
		if (version === '2.0') {
			return {
				data: {
					...person,
					add_time: '2026-12-02T12:00:00Z',
					update_time: '2026-12-02T12:00:00Z',
					visible_to: '3',
					label_ids: [],
				},
				previous: null,
				meta: {
					action: 'create',
					entity: 'person',
					entity_id: String(person.id),
					id: '8c8e5d8e-2b7a-4b0f-9a35-0c9a5b0e2d11',
					version: '2.0',
					timestamp: '2026-12-02T12:00:00.000Z',
					company_id: '5121',
					user_id: '1100',
					webhook_id: '301',
					webhook_owner_id: '1100',
					is_bulk_edit: false,
					type: 'general',
					change_source: 'app',
					attempt: 1,
					host: 'acme.pipedrive.com',
					permitted_user_ids: ['1100'],
					correlation_id: '1a2b3c4d-0000-4000-8000-000000000001',
				},
			};
		}
		return {
			v: 1,
			matches_filters: { current: [] },
			meta: {
				v: 1,
				action: 'added',
				object: 'person',
				id: person.id,
				company_id: 5121,
				user_id: 1100,
				host: 'acme.pipedrive.com',
				timestamp: 1764676800,
				permitted_user_ids: [1100],
				trans_pending: false,
				is_bulk_update: false,
				change_source: 'app',
				webhook_id: '301',
			},
			current: {
				id: person.id,
				name: person.name,
				owner_id: person.owner_id,
				org_id: person.org_id,
				org_name: orgName ?? null,
				email: person.emails.map(({ label, value, primary }) => ({ label, value, primary })),
				phone: person.phones.map(({ label, value, primary }) => ({ label, value, primary })),
			},
			previous: null,
			event: 'added.person',
			retry: 0,
		};
	}
}
