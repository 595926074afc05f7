/**
 * Verify Signature inside a real n8n 2.x with the packed package installed: a Webhook with Options › Raw Body hands
 * the request's exact bytes to Verify Signature, which answers 200 through Verified only for a request signed with
 * the credential's secret; forged, changed, stale and wrongly keyed requests get 401 and run nothing on Verified.
 */
import { createHmac, randomUUID } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureN8nApp, packPackage, startN8n } from '../../scripts/n8n';
import type { JsonDoc, RunningN8n } from '../../scripts/n8n';
import { PACKAGE, ROOT } from './helpers/environment';
import { describeWith, n8nRequirement } from './helpers/requirements';

jest.setTimeout(2 * 60 * 1000);
const SETUP_TIMEOUT = 15 * 60 * 1000;
const SECRET = 'e2e-hubspot-client-secret';
const WORKFLOW_ID = 'VerifySignatureE2E';
const PATH = randomUUID();

function workflow(): JsonDoc {
	return {
		id: WORKFLOW_ID,
		name: 'Verify Signature (e2e)',
		settings: { executionOrder: 'v1' },
		connections: {
			Webhook: { main: [[{ node: 'Verify Signature', type: 'main', index: 0 }]] },
			'Verify Signature': {
				main: [[{ node: 'Normalize Lead', type: 'main', index: 0 }], [{ node: 'Refuse', type: 'main', index: 0 }]],
			},
			'Normalize Lead': {
				main: [[{ node: 'Accept', type: 'main', index: 0 }], [{ node: 'Accept', type: 'main', index: 0 }]],
			},
		},
		nodes: [
			{
				id: 'wh',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: PATH, responseMode: 'responseNode', options: { rawBody: true } },
			},
			{
				id: 'vs',
				name: 'Verify Signature',
				type: `${PACKAGE}.verifySignature`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { scheme: 'hubspotV3' },
				credentials: { leadRoutingSigningSecretApi: { id: 'lrSigningE2E', name: 'HubSpot app secret' } },
			},
			{
				id: 'nl',
				name: 'Normalize Lead',
				type: `${PACKAGE}.normalizeLead`,
				typeVersion: 1,
				position: [440, -100],
				parameters: {},
			},
			{
				id: 'ok',
				name: 'Accept',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [660, -100],
				parameters: {
					respondWith: 'json',
					responseBody: '={{ JSON.stringify({ email: $json.email }) }}',
					options: { responseCode: 200 },
				},
			},
			{
				id: 'no',
				name: 'Refuse',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 100],
				parameters: {
					respondWith: 'json',
					responseBody: '={{ JSON.stringify({ reason: $json.error.reason, message: $json.error.message }) }}',
					options: { responseCode: 401 },
				},
			},
		],
	};
}

describeWith([n8nRequirement()], 'Verify Signature in a real n8n', () => {
	let n8n: RunningN8n;
	let url: string;

	beforeAll(async () => {
		const app = await ensureN8nApp({ log: (line) => console.log(`[e2e] ${line}`) });
		const pack = await packPackage({
			sourceDir: process.env.LEAD_ROUTING_PACKAGE_DIR ?? ROOT,
			outDir: mkdtempSync(join(tmpdir(), 'lead-routing-pack-')),
		});
		n8n = await startN8n({
			app,
			userFolder: mkdtempSync(join(tmpdir(), 'lead-routing-e2e-signature-')),
			tarball: pack.tarball,
			credentials: [
				{
					id: 'lrSigningE2E',
					name: 'HubSpot app secret',
					type: 'leadRoutingSigningSecretApi',
					data: { secret: SECRET, previousSecret: '' },
				},
			],
			workflows: [workflow()],
			publish: [WORKFLOW_ID],
			apiKeyLabel: 'e2e-signature',
		});
		url = `${n8n.baseUrl}/webhook/${PATH}`;
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (n8n) await n8n.stop();
	}, 60000);

	// Spaces and key order a JSON parser would not keep: only the raw bytes verify.
	const body = '{ "email":"ada@initech.com",  "company":"Initech", "note":"caf\u00e9" }';

	function signed(payload: string, options: { at?: number; secret?: string; signedBody?: string } = {}): RequestInit {
		const timestamp = String(options.at ?? Date.now());
		const signature = createHmac('sha256', options.secret ?? SECRET)
			.update(`POST${url}${options.signedBody ?? payload}${timestamp}`)
			.digest('base64');
		return {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-hubspot-signature-v3': signature,
				'x-hubspot-request-timestamp': timestamp,
			},
			body: payload,
		};
	}

	async function call(init: RequestInit): Promise<{ status: number; json: Record<string, unknown> }> {
		const res = await fetch(url, init);
		return { status: res.status, json: (await res.json()) as Record<string, unknown> };
	}

	test('a request signed with the secret passes, raw body intact, and reaches the nodes after Verified', async () => {
		expect(await call(signed(body))).toEqual({ status: 200, json: { email: 'ada@initech.com' } });
	});

	test('unsigned, changed, stale and wrongly keyed requests get 401 with bad-signature', async () => {
		const changed = body.replace('ada@', 'eve@');
		const cases: Array<[string, RequestInit, RegExp]> = [
			[
				'unsigned',
				{ method: 'POST', headers: { 'content-type': 'application/json' }, body },
				/no X-HubSpot-Signature-v3/,
			],
			['one changed byte', signed(changed, { signedBody: body }), /does not match/],
			['stale', signed(body, { at: Date.now() - 10 * 60_000 }), /outside the replay window of 300 s/],
			['wrong secret', signed(body, { secret: 'not-the-secret' }), /does not match/],
		];
		for (const [name, init, message] of cases) {
			const answer = await call(init);
			expect({ name, status: answer.status, reason: answer.json.reason }).toEqual({
				name,
				status: 401,
				reason: 'bad-signature',
			});
			expect(String(answer.json.message)).toMatch(message);
		}
	});

	test('no execution of a rejected request ran anything after Verified', async () => {
		// n8n answers through Respond to Webhook before it saves the execution: wait until all five are saved.
		let list = { data: [] as Array<{ id: string }> };
		for (let tries = 0; tries < 50 && list.data.length < 5; tries++) {
			if (tries) await new Promise((resolve) => setTimeout(resolve, 200));
			list = await n8n.api!<{ data: Array<{ id: string }> }>('GET', `/executions?workflowId=${WORKFLOW_ID}&limit=50`);
		}
		let verified = 0;
		let rejected = 0;
		for (const { id } of list.data) {
			const execution = await n8n.api!<{ data: { resultData: { runData: Record<string, unknown> } } }>(
				'GET',
				`/executions/${id}?includeData=true`,
			);
			const ran = Object.keys(execution.data.resultData.runData);
			if (ran.includes('Refuse')) {
				rejected++;
				expect(ran).not.toContain('Normalize Lead');
				expect(ran).not.toContain('Accept');
			} else if (ran.includes('Accept')) verified++;
		}
		expect({ verified, rejected }).toEqual({ verified: 1, rejected: 4 });
	});
});
