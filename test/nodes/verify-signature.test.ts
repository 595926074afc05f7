/**
 * Verify Signature on the real engine, fed items shaped as n8n's Webhook node emits them with Options › Raw Body on:
 * `json: { headers, params, query, body, webhookUrl, executionMode }` and the exact bytes, base64, in `binary.data`.
 */
import { createHmac } from 'crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { PACKAGE_NAME, runNode, runWorkflow } from '../helpers/engine';
import { itemError } from '../helpers/items';

const NODE = 'verifySignature';
const SECRET = 'hubspot-client-secret-1';
const CREDENTIALS = { leadRoutingSigningSecretApi: { secret: SECRET, previousSecret: '' } };
const URL = 'https://n8n.example.com/webhook/6f1d2c3b-aaaa-4bbb-8ccc-1234567890ab';

function webhookItem(body: string, headers: IDataObject, extra: IDataObject = {}): INodeExecutionData {
	return {
		json: {
			headers: { 'content-type': 'application/json', ...headers },
			params: {},
			query: {},
			body: JSON.parse(body) as IDataObject,
			webhookUrl: URL,
			executionMode: 'production',
			...extra,
		},
		binary: { data: { data: Buffer.from(body, 'utf8').toString('base64'), mimeType: 'application/json' } },
	};
}

function hubspotHeaders(body: string, at = Date.now(), secret = SECRET, url = URL): IDataObject {
	const timestamp = String(at);
	const signature = createHmac('sha256', secret).update(`POST${url}${body}${timestamp}`).digest('base64');
	return { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp };
}

const NODE_CREDENTIALS = { leadRoutingSigningSecretApi: { id: '1', name: 'HubSpot app secret' } };

function verify(
	parameters: INodeParameters,
	items: INodeExecutionData[],
	credentials: typeof CREDENTIALS = CREDENTIALS,
) {
	return runNode(NODE, parameters, { items, credentials, node: { credentials: NODE_CREDENTIALS } });
}

const lead = (email: string) => JSON.stringify({ email, firstname: 'Ada', company: 'Initech' });

describe('Verify Signature on the real engine', () => {
	it('lets a correctly signed HubSpot request through with its raw body, and rejects forged, changed, stale and wrongly keyed ones', async () => {
		const good = lead('ada@initech.com');
		const items = [
			webhookItem(good, hubspotHeaders(good)),
			webhookItem(lead('eve@evil.example'), {}),
			webhookItem(lead('eve@initech.com'), hubspotHeaders(good)),
			webhookItem(good, hubspotHeaders(good, Date.now() - 6 * 60_000)),
			webhookItem(good, hubspotHeaders(good, Date.now(), 'another-secret')),
		];
		const { out, run } = await verify({ scheme: 'hubspotV3' }, items);
		expect(run.status).toBe('success');
		expect(out[0]).toHaveLength(1);
		expect(out[0][0].body).toEqual(JSON.parse(good));
		expect(out[0][0].signature).toMatchObject({ verified: true, scheme: 'hubspotV3' });
		const verifiedRun = run.data.resultData.runData.Node[0].data!.main;
		expect(verifiedRun[0]![0].binary?.data).toBeDefined();
		expect(verifiedRun[0]!.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(verifiedRun[1]!.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }, { item: 4 }]);
		const errors = out[1].map(itemError);
		expect(errors.map((e) => e.reason)).toEqual(['bad-signature', 'bad-signature', 'bad-signature', 'bad-signature']);
		expect(errors.map((e) => e.node)).toEqual(['Node', 'Node', 'Node', 'Node']);
		expect(errors[0].message).toMatch(/no X-HubSpot-Signature-v3/);
		expect(errors[1].message).toBe('The signature does not match the request');
		expect(errors[2].message).toMatch(/signed 36\d s ago, outside the replay window of 300 s/);
		expect(errors[3].message).toBe('The signature does not match the request');
		expect(out[1][0].body).toEqual(JSON.parse(lead('eve@evil.example')));
	});

	it('signs the URL the caller used: the query string counts, and Request URL overrides it', async () => {
		const body = lead('q@initech.com');
		const withQuery = `${URL}?portal=62515`;
		const item = webhookItem(body, hubspotHeaders(body, Date.now(), SECRET, withQuery), { query: { portal: '62515' } });
		expect((await verify({ scheme: 'hubspotV3' }, [item])).out[0]).toHaveLength(1);
		const proxied = 'https://public.example.com/hooks/lead';
		const behindProxy = webhookItem(body, hubspotHeaders(body, Date.now(), SECRET, proxied));
		expect((await verify({ scheme: 'hubspotV3' }, [behindProxy])).out[1]).toHaveLength(1);
		expect((await verify({ scheme: 'hubspotV3', requestUrl: proxied }, [behindProxy])).out[0]).toHaveLength(1);
	});

	it('accepts the previous secret during a rotation', async () => {
		const body = lead('r@initech.com');
		const item = webhookItem(body, hubspotHeaders(body, Date.now(), 'old-secret'));
		const { out } = await verify({ scheme: 'hubspotV3' }, [item], {
			leadRoutingSigningSecretApi: { secret: SECRET, previousSecret: 'old-secret' },
		});
		expect(out[0]).toHaveLength(1);
	});

	it('verifies a generic Stripe-style signature with its own header and window', async () => {
		const body = lead('s@initech.com');
		const t = Math.floor(Date.now() / 1000);
		const v1 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
		const parameters = {
			scheme: 'generic',
			signatureHeader: 'Stripe-Signature',
			signatureEncoding: 'hex',
			timestamped: true,
			toleranceSeconds: 60,
		};
		const fresh = webhookItem(body, { 'stripe-signature': `t=${t},v1=${v1}` });
		const stale = webhookItem(body, {
			'stripe-signature': `t=${t - 120},v1=${createHmac('sha256', SECRET)
				.update(`${t - 120}.${body}`)
				.digest('hex')}`,
		});
		const { out } = await verify(parameters, [fresh, stale]);
		expect(out[0]).toHaveLength(1);
		expect(itemError(out[1][0]).message).toMatch(/outside the replay window of 60 s/);
	});

	it('rejects an item without the raw body and says how to turn it on', async () => {
		const body = lead('n@initech.com');
		const item = webhookItem(body, hubspotHeaders(body));
		delete item.binary;
		const { out } = await verify({ scheme: 'hubspotV3' }, [item]);
		const error = itemError(out[1][0]);
		expect(error).toMatchObject({ reason: 'bad-signature', message: 'The item has no raw body (binary field "data")' });
		expect(error.description).toMatch(/Raw Body in the Webhook node/);
	});

	it('stops a bad header setting with a node error naming it', async () => {
		const body = lead('h@initech.com');
		const { run } = await verify({ scheme: 'generic', signatureHeader: 'not a header' }, [webhookItem(body, {})]);
		expect(run.data.resultData.error?.message).toBe('Signature Header "not a header" is not a header name');
	});

	it('runs nothing downstream of Verified when the request is forged', async () => {
		const body = lead('eve@evil.example');
		const workflow = {
			nodes: [
				{
					id: 'v',
					name: 'Verify',
					type: `${PACKAGE_NAME}.${NODE}`,
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: { scheme: 'hubspotV3' },
					credentials: NODE_CREDENTIALS,
				},
				{
					id: 'n',
					name: 'Normalize',
					type: `${PACKAGE_NAME}.normalizeLead`,
					typeVersion: 1,
					position: [200, 0] as [number, number],
					parameters: {},
				},
			],
			connections: { Verify: { main: [[{ node: 'Normalize', type: 'main' as const, index: 0 }], []] } },
		};
		const forged = await runWorkflow(workflow, { items: [webhookItem(body, {})], credentials: CREDENTIALS });
		expect(forged.outputs('Verify')[1]).toHaveLength(1);
		expect(forged.run.data.resultData.runData.Normalize).toBeUndefined();
		const signed = await runWorkflow(workflow, {
			items: [webhookItem(body, hubspotHeaders(body))],
			credentials: CREDENTIALS,
		});
		expect(signed.outputs('Normalize')[0].concat(signed.outputs('Normalize')[1])).toHaveLength(1);
	});
});
