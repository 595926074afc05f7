/**
 * Signature vectors. Where a vendor publishes inputs and the resulting signature they are used as published; where it
 * publishes only the recipe, the inputs come from its documentation and the expected value was computed beforehand
 * with `openssl dgst -sha256 -hmac` (an implementation independent of this code). Sources:
 * - RFC 4231 §4.3 (HMAC-SHA256 test case 2): key "Jefe", data "what do ya want for nothing?" → 5bdcc146…3843.
 * - GitHub, "Validating webhook deliveries" (docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries):
 *   X-Hub-Signature-256, secret "It's a Secret to Everybody", payload "Hello, World!" → sha256=757107ea…3e17.
 *   Meta signs X-Hub-Signature-256 the same way (developers.facebook.com/docs/graph-api/webhooks/getting-started).
 * - HubSpot, "Validating requests" (developers.hubspot.com/docs/api/webhooks/validating-requests): v3 is
 *   base64(HMAC-SHA256(secret, method + URI + body + timestamp)) with a 5-minute limit; HubSpot publishes no v3
 *   output, so its v2 example inputs (secret yyyyyyyy-…, POST https://www.example.com/webhook_uri,
 *   body {"example_field":"example_value"}) are signed at timestamp 1700000000000 with openssl.
 * - Typeform, "Secure your webhooks" (typeform.com/developers/webhooks/secure-your-webhooks): Typeform-Signature is
 *   "sha256=" + base64(HMAC-SHA256(secret, raw payload)); payload trimmed from Typeform's example webhook payload.
 * - Calendly, "Webhook signatures" (developer.calendly.com/api-docs/overview/webhooks/webhook-signatures):
 *   Calendly-Webhook-Signature: t=<unix>,v1=hex(HMAC-SHA256(key, "<t>." + raw body)); payload trimmed from
 *   Calendly's invitee.created example.
 * - Stripe, "Check the webhook signatures" (docs.stripe.com/webhooks): t=<unix>,v1=<hex> over "<t>.<body>".
 */
import { hubspotUri, verifySignature, type SignedRequest, type VerifySettings } from '../../../lib/signature/verify';

const TYPEFORM_BODY =
	'{"event_id":"LtWXD3crgy","event_type":"form_response","form_response":{"form_id":"lT4Z3j","token":"a3a12ec67a1365927098a606107fac15","submitted_at":"2018-01-18T18:17:02Z"}}';
const CALENDLY_BODY =
	'{"created_at":"2020-11-23T17:51:19.000000Z","created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"invitee.created","payload":{"email":"test@example.com","name":"John Doe"}}';

interface Vector {
	name: string;
	request: SignedRequest;
	settings: Omit<VerifySettings, 'toleranceMs'> & { toleranceMs?: number };
}

const post = (url: string, headers: Record<string, string>, body: string): SignedRequest => ({
	method: 'POST',
	url,
	headers,
	body: Buffer.from(body, 'utf8'),
});

const VECTORS: Vector[] = [
	{
		name: 'generic hex (RFC 4231 test case 2)',
		request: post(
			'https://n8n.example/webhook/x',
			{ 'x-signature': '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
			'what do ya want for nothing?',
		),
		settings: {
			scheme: 'generic',
			secrets: ['Jefe'],
			now: 0,
			generic: { header: 'X-Signature', encoding: 'hex', prefix: '', timestamped: false },
		},
	},
	{
		name: 'generic base64 with a prefix (RFC 4231 test case 2)',
		request: post(
			'https://n8n.example/webhook/x',
			{ 'x-sig': 'sha256=W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=' },
			'what do ya want for nothing?',
		),
		settings: {
			scheme: 'generic',
			secrets: ['Jefe'],
			now: 0,
			generic: { header: 'x-sig', encoding: 'base64', prefix: 'sha256=', timestamped: false },
		},
	},
	{
		name: 'Facebook / Meta X-Hub-Signature-256 (GitHub documented vector, same scheme)',
		request: post(
			'https://n8n.example/webhook/fb',
			{ 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' },
			'Hello, World!',
		),
		settings: { scheme: 'meta', secrets: ["It's a Secret to Everybody"], now: 0 },
	},
	{
		name: 'HubSpot v3',
		request: post(
			'https://www.example.com/webhook_uri',
			{
				'x-hubspot-signature-v3': 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
				'x-hubspot-request-timestamp': '1700000000000',
			},
			'{"example_field":"example_value"}',
		),
		settings: { scheme: 'hubspotV3', secrets: ['yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy'], now: 1700000000000 + 60_000 },
	},
	{
		name: 'Typeform',
		request: post(
			'https://n8n.example/webhook/tf',
			{ 'typeform-signature': 'sha256=BoFlitSZXgYAp7sVEPqgb4UulidouhH4ERSt+B2ff/M=' },
			TYPEFORM_BODY,
		),
		settings: { scheme: 'typeform', secrets: ['6b9c5f1e0d2a4c8e9f7a3b1d5e0c2f4a6b8d9e1f'], now: 0 },
	},
	{
		name: 'Calendly',
		request: post(
			'https://n8n.example/webhook/cal',
			{
				'calendly-webhook-signature':
					't=1606153879,v1=b0e622405502966334576fb911ee39def5e544ac9d458b5088b16910da5cd98f',
			},
			CALENDLY_BODY,
		),
		settings: { scheme: 'calendly', secrets: ['calendly-signing-key-7Qx2'], now: 1606153879_000 + 30_000 },
	},
	{
		name: 'generic Stripe-style t=…,v1=… (hex)',
		request: post(
			'https://n8n.example/webhook/s',
			{ 'stripe-signature': 't=1700000000,v1=8082782c9f46e1ece0a809b5764ce22614e9e3688bc646948bbe56e2b8e02a2c' },
			TYPEFORM_BODY,
		),
		settings: {
			scheme: 'generic',
			secrets: ['whsec_test_secret'],
			now: 1700000000_000,
			generic: { header: 'Stripe-Signature', encoding: 'hex', prefix: '', timestamped: true },
		},
	},
	{
		name: 'generic Stripe-style t=…,v1=… (base64)',
		request: post(
			'https://n8n.example/webhook/s',
			{ 'x-webhook-signature': 't=1700000000,v1=gIJ4LJ9G4ezgqAm1dkziJhTp42iLxkaUi75W4rjgKiw=' },
			TYPEFORM_BODY,
		),
		settings: {
			scheme: 'generic',
			secrets: ['whsec_test_secret'],
			now: 1700000000_000,
			generic: { header: 'X-Webhook-Signature', encoding: 'base64', prefix: '', timestamped: true },
		},
	},
];

const settingsOf = (v: Vector): VerifySettings => ({ toleranceMs: 300_000, ...v.settings });

function changeOneByte(body: Buffer): Buffer {
	const copy = Buffer.from(body);
	copy[Math.floor(copy.length / 2)] ^= 0x01;
	return copy;
}

describe('verifySignature', () => {
	it.each(VECTORS)('accepts the documented vector: $name', (v) => {
		expect(verifySignature(v.request, settingsOf(v))).toMatchObject({ verified: true, scheme: v.settings.scheme });
	});

	it.each(VECTORS)('rejects one changed byte of the body: $name', (v) => {
		const verdict = verifySignature({ ...v.request, body: changeOneByte(v.request.body) }, settingsOf(v));
		expect(verdict).toMatchObject({ verified: false, problem: 'The signature does not match the request' });
	});

	it.each(VECTORS)('rejects a wrong secret: $name', (v) => {
		const verdict = verifySignature(v.request, { ...settingsOf(v), secrets: [`${v.settings.secrets[0]}x`] });
		expect(verdict).toMatchObject({ verified: false, problem: 'The signature does not match the request' });
	});

	it.each(VECTORS)('rejects a request without its signature header: $name', (v) => {
		expect(verifySignature({ ...v.request, headers: {} }, settingsOf(v)).verified).toBe(false);
	});

	it.each(
		VECTORS.filter((v) => ['hubspotV3', 'calendly'].includes(v.settings.scheme) || v.settings.generic?.timestamped),
	)('rejects a timestamp outside the replay window, in the past or the future: $name', (v) => {
		const base = settingsOf(v);
		const stale = verifySignature(v.request, { ...base, now: base.now + 301_000 });
		expect(stale).toMatchObject({ verified: false });
		expect(stale.verified === false && stale.problem).toMatch(/signed \d+ s ago, outside the replay window of 300 s/);
		const future = verifySignature(v.request, { ...base, now: base.now - 400_000 });
		expect(future.verified === false && future.problem).toMatch(/in the future/);
	});

	it('accepts a timestamp inside a configured window and rejects it once the window is shorter', () => {
		const v = VECTORS.find((x) => x.settings.scheme === 'calendly')!;
		expect(verifySignature(v.request, { ...settingsOf(v), toleranceMs: 180_000 }).verified).toBe(true);
		expect(verifySignature(v.request, { ...settingsOf(v), toleranceMs: 20_000 }).verified).toBe(false);
	});

	it('rejects a HubSpot request whose URL differs from the signed one (the signature covers the URL and method)', () => {
		const v = VECTORS.find((x) => x.settings.scheme === 'hubspotV3')!;
		expect(verifySignature({ ...v.request, url: 'https://www.example.com/other_uri' }, settingsOf(v)).verified).toBe(
			false,
		);
		expect(verifySignature({ ...v.request, method: 'PUT' }, settingsOf(v)).verified).toBe(false);
	});

	it('decodes the characters HubSpot lists before signing the URI, and only those', () => {
		expect(hubspotUri('https://x.example/hook?redirect=https%3A%2F%2Fa.example%2Fb%3Fc%3Dd&e=%20%26')).toBe(
			'https://x.example/hook?redirect=https://a.example/b?c%3Dd&e=%20%26',
		);
	});

	it('accepts the previous secret while a secret is rotated', () => {
		const v = VECTORS.find((x) => x.settings.scheme === 'typeform')!;
		expect(
			verifySignature(v.request, { ...settingsOf(v), secrets: ['the-new-secret', v.settings.secrets[0]] }).verified,
		).toBe(true);
	});

	it('accepts any of several v1 signatures and upper-case hex, rejects a malformed header', () => {
		const v = VECTORS.find((x) => x.settings.scheme === 'calendly')!;
		const [t, v1] = String(v.request.headers['calendly-webhook-signature']).split(',');
		const rotated = {
			...v.request,
			headers: { 'Calendly-Webhook-Signature': `${t},v1=00ff,v1=${v1.slice(3).toUpperCase()}` },
		};
		expect(verifySignature(rotated, settingsOf(v)).verified).toBe(true);
		for (const bad of ['v1=abc', 't=now,v1=abc', 't=1606153879', '', 'garbage']) {
			expect(
				verifySignature({ ...v.request, headers: { 'calendly-webhook-signature': bad } }, settingsOf(v)).verified,
			).toBe(false);
		}
	});

	it('rejects an empty secret and a repeated header instead of guessing', () => {
		const v = VECTORS.find((x) => x.settings.scheme === 'meta')!;
		expect(verifySignature(v.request, { ...settingsOf(v), secrets: [''] })).toMatchObject({
			verified: false,
			problem: 'The signing secret is empty',
		});
		const repeated = {
			...v.request,
			headers: { 'x-hub-signature-256': [v.request.headers['x-hub-signature-256'], 'sha256=00'] },
		};
		expect(verifySignature(repeated, settingsOf(v)).verified).toBe(false);
	});

	it('never throws on garbage signatures', () => {
		const v = VECTORS.find((x) => x.settings.scheme === 'typeform')!;
		for (const value of ['sha256=', 'sha256=%%%', `sha256=${'A'.repeat(10_000)}`, 'sha256=\u0000\uffff']) {
			expect(verifySignature({ ...v.request, headers: { 'typeform-signature': value } }, settingsOf(v)).verified).toBe(
				false,
			);
		}
	});
});
