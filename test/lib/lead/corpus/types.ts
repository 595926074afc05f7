/**
 * A real payload from a public source, as it reaches Normalize Lead, with the values a person reading it expects.
 * Expected values were written by reading the payload, before running the node on it.
 */
export type ExpectedField =
	| 'email'
	| 'firstName'
	| 'lastName'
	| 'fullName'
	| 'phone'
	| 'company'
	| 'website'
	| 'domain'
	| 'jobTitle'
	| 'country'
	| 'region'
	| 'city'
	| 'postalCode'
	| 'street'
	| 'employees'
	| 'industry'
	| 'source'
	| 'message'
	| 'submittedAt';

export interface CorpusCase {
	/** "<source>/<what>", unique. */
	id: string;
	/** The product that sent it. */
	source: string;
	/** Where the payload was copied from: repository and path, or documentation URL. */
	from: string;
	/** The licence of that source, and how much of the payload was kept. */
	licence: string;
	/** The n8n item json: a trigger node's output, or the Webhook node's { headers, body, ... } envelope. */
	input: unknown;
	/** Canonical values; null means the field must stay empty (a value there would be a wrong pick). */
	expect: Partial<Record<ExpectedField, string | number | null>>;
}

/** How n8n's Webhook node hands a POST to the next node. */
export function viaWebhook(body: unknown, contentType = 'application/json'): Record<string, unknown> {
	return {
		headers: { host: 'n8n.example.com', 'content-type': contentType, 'user-agent': 'sender' },
		params: {},
		query: {},
		body,
		webhookUrl: 'https://n8n.example.com/webhook/lead',
		executionMode: 'production',
	};
}
