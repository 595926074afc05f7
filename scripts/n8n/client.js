/**
 * HTTP access to a running n8n: the editor's REST API (`/rest`, cookie of a logged-in user) and the public API
 * (`/api/v1`, X-N8N-API-KEY). Logs the owner in and creates an API key with every scope the owner may hold.
 */

async function request(url, { method = 'GET', headers = {}, body } = {}) {
	const res = await fetch(url, {
		method,
		headers: {
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30000),
	});
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	if (!res.ok) {
		const error = new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 500)}`);
		error.status = res.status;
		error.body = json ?? text;
		throw error;
	}
	return { res, json, text };
}

/** @param {{ baseUrl: string, owner: { email: string, password: string }, apiKeyLabel?: string }} options */
async function createClient({ baseUrl, owner, apiKeyLabel }) {
	const login = await request(`${baseUrl}/rest/login`, {
		method: 'POST',
		body: { emailOrLdapLoginId: owner.email, password: owner.password },
	});
	const cookie = login.res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (!cookie) throw new Error('n8n login returned no session cookie');

	/** Editor REST API; returns the `data` field n8n wraps its answers in. */
	const rest = async (method, path, body) => {
		const { json } = await request(`${baseUrl}/rest${path}`, { method, body, headers: { cookie } });
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	};

	const scopes = await rest('GET', '/api-keys/scopes');
	const created = await rest('POST', '/api-keys', {
		label: apiKeyLabel ?? `harness ${new Date().toISOString()}`,
		scopes,
		expiresAt: null,
	});
	const apiKey = created.rawApiKey;

	/** Public API (`/api/v1`). */
	const api = async (method, path, body) => {
		const { json } = await request(`${baseUrl}/api/v1${path}`, { method, body, headers: { 'x-n8n-api-key': apiKey } });
		return json;
	};

	return { cookie, apiKey, rest, api };
}

module.exports = { createClient, request };
