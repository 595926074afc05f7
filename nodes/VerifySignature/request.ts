/** Reads the node's settings and the signed request (headers, URL, raw body) out of a Webhook node's item. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import type { Rejection, SignatureScheme, SignedRequest, VerifySettings } from '../../lib/signature/verify';

export const SIGNING_SECRET_CREDENTIAL = 'leadRoutingSigningSecretApi';

const SCHEMES: SignatureScheme[] = ['hubspotV3', 'typeform', 'calendly', 'meta', 'generic'];

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readSettings(ctx: IExecuteFunctions, i: number): Omit<VerifySettings, 'secrets' | 'now'> {
	const scheme = SCHEMES.find((s) => s === ctx.getNodeParameter('scheme', i, 'hubspotV3'));
	if (!scheme) throw new LeadRoutingError('Unknown sender', 'Choose a Sender from the list');
	const timestamped = scheme === 'generic' ? ctx.getNodeParameter('timestamped', i, false) === true : false;
	const usesWindow = scheme === 'hubspotV3' || scheme === 'calendly' || timestamped;
	const seconds = usesWindow ? Number(ctx.getNodeParameter('toleranceSeconds', i, 300)) : 300;
	if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) {
		throw new LeadRoutingError(
			`Replay Window (Seconds) must be from 1 to 3600, got ${seconds}`,
			'HubSpot asks for 300 seconds',
		);
	}
	if (scheme !== 'generic') return { scheme, toleranceMs: seconds * 1000 };
	const header = String(ctx.getNodeParameter('signatureHeader', i, '')).trim();
	if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
		throw new LeadRoutingError(
			`Signature Header "${header}" is not a header name`,
			'Enter the header the sender puts the signature in, e.g. X-Signature',
		);
	}
	return {
		scheme,
		toleranceMs: seconds * 1000,
		generic: {
			header,
			encoding: ctx.getNodeParameter('signatureEncoding', i, 'hex') === 'base64' ? 'base64' : 'hex',
			prefix: timestamped ? '' : String(ctx.getNodeParameter('signaturePrefix', i, '')),
			timestamped,
		},
	};
}

/** The Webhook node's production URL plus the query string, as the sender called it (HubSpot signs the URL). */
function callerUrl(json: IDataObject): string {
	const base = typeof json.webhookUrl === 'string' ? json.webhookUrl : '';
	if (!isObject(json.query)) return base;
	const query = new URLSearchParams();
	for (const [key, value] of Object.entries(json.query)) {
		for (const one of Array.isArray(value) ? value : [value]) if (typeof one === 'string') query.append(key, one);
	}
	const text = query.toString();
	return text ? `${base}?${text}` : base;
}

export async function readRequest(
	ctx: IExecuteFunctions,
	i: number,
	scheme: SignatureScheme,
): Promise<SignedRequest | Rejection> {
	const item = ctx.getInputData()[i];
	const field = String(ctx.getNodeParameter('rawBodyField', i, 'data')).trim() || 'data';
	if (!item.binary?.[field]) {
		return {
			verified: false,
			problem: `The item has no raw body (binary field "${field}")`,
			hint: "Turn on Options › Raw Body in the Webhook node, and leave its binary options off. Without the request's exact bytes no signature can be checked.",
		};
	}
	const body = await ctx.helpers.getBinaryDataBuffer(i, field);
	const headers = isObject(item.json.headers) ? item.json.headers : {};
	if (scheme !== 'hubspotV3') return { method: 'POST', url: '', headers, body };
	const url = String(ctx.getNodeParameter('requestUrl', i, '')).trim() || callerUrl(item.json);
	return { method: String(ctx.getNodeParameter('requestMethod', i, 'POST')), url, headers, body };
}
