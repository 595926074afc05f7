/**
 * Load for a running n8n: distinct realistic leads, a bounded concurrent poster (loopback only) and a reader of
 * executions through the public API. Used by the queue-mode test; types in ./queue-load.d.ts.
 */

const FIRST = [
	'Amara',
	'Bruno',
	'Chiara',
	'Dmitri',
	'Elena',
	'Farid',
	'Greta',
	'Hiro',
	'Ines',
	'Jonas',
	'Kavya',
	'Lucas',
	'Maren',
	'Nikolai',
	'Olga',
	'Pablo',
	'Quentin',
	'Rosa',
	'Sven',
	'Talia',
];
const LAST = [
	'Andersen',
	'Bianchi',
	'Castillo',
	'Dubois',
	'Eriksen',
	'Fischer',
	'Garcia',
	'Hoffmann',
	'Ivanova',
	'Jansen',
	'Kowalski',
	'Lindqvist',
	'Moreau',
	'Novak',
	'Oliveira',
	'Petrov',
	'Rossi',
	'Schulz',
	'Tanaka',
	'Weber',
];
const TRADES = [
	'Logistics',
	'Analytics',
	'Robotics',
	'Foods',
	'Textiles',
	'Energy',
	'Pharma',
	'Media',
	'Freight',
	'Optics',
];
const PLACES = [
	['United States', 'us.com'],
	['Germany', 'de'],
	['France', 'fr'],
	['Canada', 'ca'],
	['Spain', 'es'],
	['United Kingdom', 'co.uk'],
];

/** `count` (at most 400 × 10) leads with distinct emails and companies, the same on every run. */
function makeLeads(count, { tag = '' } = {}) {
	const leads = [];
	for (let i = 0; i < count; i++) {
		const first = FIRST[i % FIRST.length];
		const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
		const trade = TRADES[Math.floor(i / (FIRST.length * LAST.length)) % TRADES.length];
		const [country, tld] = PLACES[i % PLACES.length];
		const company = `${last} ${trade} ${i + 1}`;
		const domain = `${last}-${trade}-${i + 1}${tag}.${tld}`.toLowerCase();
		leads.push({
			firstName: first,
			lastName: last,
			email: `${first}.${last}@${domain}`.toLowerCase(),
			company,
			country,
			employees: 20 + ((i * 37) % 900),
			message: `We would like a demo for our team of ${10 + (i % 40)} people.`,
		});
	}
	return leads;
}

/**
 * POSTs every body to `url` as JSON with at most `concurrency` requests in flight. Resolves with one result per body,
 * in input order; a failed request is a result with `error`, never a rejection.
 */
async function postAll(url, bodies, { concurrency = 20, timeoutMs = 120000 } = {}) {
	if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))
		throw new Error(`refusing to load a non-loopback URL: ${url}`);
	const results = new Array(bodies.length);
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const i = next++;
			const started = Date.now();
			try {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(bodies[i]),
					signal: AbortSignal.timeout(timeoutMs),
				});
				const text = await res.text();
				let json;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {
					json = undefined;
				}
				results[i] = { status: res.status, json, text, ms: Date.now() - started };
			} catch (error) {
				results[i] = { status: 0, error: String(error), ms: Date.now() - started };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
	return results;
}

/** Every execution of a workflow through the public API, following the cursor. */
async function listExecutions(api, workflowId, { includeData = false, status, pageSize = 100 } = {}) {
	const all = [];
	let cursor;
	do {
		const query = new URLSearchParams({ workflowId, limit: String(pageSize), includeData: String(includeData) });
		if (status) query.set('status', status);
		if (cursor) query.set('cursor', cursor);
		const page = await api('GET', `/executions?${query}`);
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all;
}

/** Counts values: { value: occurrences }, keys sorted. */
function tally(values) {
	const counts = {};
	for (const v of [...values].map(String).sort()) counts[v] = (counts[v] ?? 0) + 1;
	return counts;
}

module.exports = { makeLeads, postAll, listExecutions, tally };
