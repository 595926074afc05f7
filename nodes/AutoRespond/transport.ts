import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import type { DedupeSettings, Senders } from '../../lib/respond/respond';
import { sendMail } from '../../lib/respond/smtp';
import { SendError } from '../../lib/respond/errors';
import { parseTwilioResponse, twilioMessageRequest } from '../../lib/respond/twilio';
import { connectStore } from '../shared/store';
import { numberSetting, smtpSettings } from './settings';
import { str } from '../shared/parameters';

async function optionalCredentials(
	ctx: IExecuteFunctions,
	type: string,
): Promise<ICredentialDataDecryptedObject | undefined> {
	try {
		return await ctx.getCredentials<ICredentialDataDecryptedObject>(type);
	} catch {
		return undefined;
	}
}

export interface NodeSenders {
	defaultSender: string;
	forItem(timeoutSeconds: number, smsFrom: string): Senders;
}

export async function buildSenders(ctx: IExecuteFunctions): Promise<NodeSenders> {
	const sending = ctx.getNodeParameter('delivery', 0, 'send') === 'send';
	const smtp = sending ? await optionalCredentials(ctx, 'leadRoutingSmtp') : undefined;
	let twilio: Promise<ICredentialDataDecryptedObject | undefined> | undefined;
	return {
		defaultSender: str(smtp?.defaultSender),
		forItem: (timeoutSeconds, smsFrom) => ({
			async email(message) {
				if (!smtp)
					throw new LeadRoutingError(
						'No SMTP credential is selected',
						'Select a Lead Routing SMTP credential, or switch Delivery to Compose Only',
					);
				return await sendMail(smtpSettings(smtp, timeoutSeconds), message);
			},
			async sms(to, body) {
				twilio ??= optionalCredentials(ctx, 'leadRoutingTwilioApi');
				const credentials = await twilio;
				if (!credentials)
					throw new LeadRoutingError(
						'No Twilio credential is selected',
						'Select a Lead Routing Twilio API credential, or switch Delivery to Compose Only',
					);
				const from = smsFrom.trim() || str(credentials.defaultFrom).trim();
				if (!from)
					throw new LeadRoutingError(
						'No SMS sender',
						"Set Options › SMS From, or the Twilio credential's Default From",
					);
				const request = twilioMessageRequest(
					{
						accountSid: str(credentials.accountSid),
						baseUrl: str(credentials.baseUrl) || 'https://api.twilio.com',
						from,
					},
					to,
					body,
				);
				let response: IN8nHttpFullResponse;
				try {
					response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'leadRoutingTwilioApi', {
						...request,
						json: true,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						timeout: Math.round(timeoutSeconds * 1000),
					})) as IN8nHttpFullResponse;
				} catch (error) {
					const cause = error as { cause?: { code?: string; message?: string }; code?: string; message?: string };
					const detail = cause.cause?.code ?? cause.cause?.message ?? cause.message ?? String(error);
					const origin = new URL(request.url).origin;
					if (neverReached(cause.cause?.code ?? cause.code))
						throw new SendError(`Cannot reach Twilio at ${origin}`, detail);
					// A timeout or a broken connection after the request went out: Twilio may have created the message, and
					// its Messages API has no idempotency key that would make a repeat safe.
					throw new SendError(
						`The connection to Twilio at ${origin} broke after the SMS request was sent, before Twilio answered`,
						detail,
						'unknown',
					);
				}
				return parseTwilioResponse(response.statusCode, response.body);
			},
		}),
	};
}

/** Network errors that mean the request never reached Twilio (no connection, no name, no trusted TLS). */
function neverReached(code: string | undefined): boolean {
	return /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ERR_TLS_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)/.test(
		code ?? '',
	);
}

export async function buildDedupe(ctx: IExecuteFunctions): Promise<((i: number) => DedupeSettings) | undefined> {
	const mode = ctx.getNodeParameter('idempotency', 0, 'on');
	if (mode === 'off') return undefined;
	// Workflows saved before the node had the State Store block say "local" (now: that block's store) or "redis".
	if (mode === 'redis' && ctx.getNodeParameter('stateStore', 0, '') !== 'redis') {
		throw new LeadRoutingError(
			'Answer Each Lead Once is set to "On, Redis Store", which this version replaced by the State Store setting',
			'Set Answer Each Lead Once to On and State Store to Redis (with the Redis credential), so the keys stay where they were.',
		);
	}
	const { store: opened, scope } = await connectStore.call(ctx);
	const store = opened.idempotency(scope);
	return (i) => {
		const hours = numberSetting(ctx.getNodeParameter('idempotencyWindowHours', i, 24), 'Window (Hours)', 24, 0, 8760);
		if (hours === 0)
			throw new LeadRoutingError(
				'Window (Hours) must be above 0',
				'Enter the hours within which a lead is not answered twice, e.g. 24',
			);
		const timeout = numberSetting(
			(ctx.getNodeParameter('options', i, {}) as IDataObject).timeoutSeconds,
			'Options › Timeout (Seconds)',
			10,
			1,
			120,
		);
		return {
			store,
			keyField: str(ctx.getNodeParameter('idempotencyKey', i, 'email')).trim() || 'email',
			windowMs: Math.round(hours * 3_600_000),
			claimTtlMs: Math.max(120_000, timeout * 6_000),
			onInterrupted: ctx.getNodeParameter('onInterrupted', 0, 'report') === 'sendAgain' ? 'sendAgain' : 'report',
		};
	};
}
