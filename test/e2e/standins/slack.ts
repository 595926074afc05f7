/**
 * Slack's Web API for chat.postMessage, as documented at https://docs.slack.dev/reference/methods/chat.postMessage:
 * bearer token, JSON body, HTTP 200 with `ok: false` and an error code on failure (`not_authed`, `invalid_auth`,
 * `channel_not_found`, `no_text`).
 */
import type { StandInReply, StandInRequest, Vendor } from './proxy';
import { parseBody } from './proxy';

export interface SlackMessage {
	channel: string;
	text: string;
}

export class SlackStandIn implements Vendor {
	readonly name = 'slack';
	readonly hosts = ['slack.com'];
	readonly messages: SlackMessage[] = [];

	/** channels: name → ID of the channels the bot is a member of. */
	constructor(
		private readonly token: string,
		private readonly channels: Record<string, string>,
	) {}

	handle(req: StandInRequest): StandInReply | undefined {
		if (req.method !== 'POST' || req.path !== '/api/chat.postMessage') return undefined;
		const auth = req.headers.authorization;
		if (!auth) return { status: 200, json: { ok: false, error: 'not_authed' } };
		if (auth !== `Bearer ${this.token}`) return { status: 200, json: { ok: false, error: 'invalid_auth' } };
		const body = (parseBody(req) ?? {}) as Record<string, unknown>;
		const given = String(body.channel ?? '').replace(/^#/, '');
		const id = this.channels[given] ?? Object.values(this.channels).find((c) => c === given);
		if (!id) return { status: 200, json: { ok: false, error: 'channel_not_found' } };
		const text = typeof body.text === 'string' ? body.text : '';
		if (!text && !body.blocks && !body.attachments) return { status: 200, json: { ok: false, error: 'no_text' } };
		const ts = `${Math.floor(Date.now() / 1000)}.${String(this.messages.length).padStart(6, '0')}`;
		this.messages.push({ channel: given, text });
		return {
			status: 200,
			json: {
				ok: true,
				channel: id,
				ts,
				message: { type: 'message', subtype: 'bot_message', text, ts, bot_id: 'B0LEADROUTE' },
			},
		};
	}
}
