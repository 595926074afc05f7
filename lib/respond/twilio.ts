/** The Twilio Messages API call as plain data; the node sends it through n8n's authenticated HTTP helper. */
import { SendError } from './errors';
import { capLength } from './sanitize';

export interface TwilioSettings {
	accountSid: string;
	baseUrl: string;
	/** A sender number (E.164), alphanumeric sender ID, or a Messaging Service SID (MG…). */
	from: string;
}

export interface TwilioRequest {
	method: 'POST';
	url: string;
	body: string;
	headers: Record<string, string>;
}

export interface TwilioAccepted {
	sid: string;
	status: string;
	acceptedAt: number;
}

/** Twilio refuses bodies over 1,600 characters. */
export const SMS_MAX_LENGTH = 1600;

export function twilioMessageRequest(settings: TwilioSettings, to: string, body: string): TwilioRequest {
	const form = new URLSearchParams({ To: to, Body: capLength(body, SMS_MAX_LENGTH) });
	if (/^MG[0-9a-f]{32}$/i.test(settings.from)) form.set('MessagingServiceSid', settings.from);
	else form.set('From', settings.from);
	const base = settings.baseUrl.replace(/\/+$/, '');
	return {
		method: 'POST',
		url: `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`,
		body: form.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
	};
}

function asObject(body: unknown): Record<string, unknown> {
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
		} catch {
			return { message: body.slice(0, 300) };
		}
	}
	return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

export function parseTwilioResponse(statusCode: number, body: unknown): TwilioAccepted {
	const data = asObject(body);
	if (statusCode >= 200 && statusCode < 300 && typeof data.sid === 'string') {
		const status = typeof data.status === 'string' ? data.status : 'queued';
		if (status === 'failed' || status === 'undelivered') {
			throw new SendError(
				'Twilio did not accept the SMS',
				`status ${status}${data.error_message ? `: ${String(data.error_message)}` : ''}`,
			);
		}
		return { sid: data.sid, status, acceptedAt: Date.now() };
	}
	const code = data.code !== undefined ? ` ${String(data.code)}` : '';
	const reason = typeof data.message === 'string' ? data.message : `HTTP ${statusCode}`;
	const what = statusCode === 401 || statusCode === 403 ? 'Twilio refused the credentials' : 'Twilio rejected the SMS';
	throw new SendError(`${what} (HTTP ${statusCode}${code})`, reason);
}
