/** Send failures of Auto-Respond, in the package's one error model (lib/errors.ts). */
import { hasSocketCode, LeadRoutingError } from '../errors';
import type { MessageRecord } from './respond';

/**
 * A channel (SMTP server, Twilio) refused a message or could not be reached; `detail` keeps the server's own words.
 * `delivered: 'unknown'` when the failure came after the whole message was handed over (the connection broke while
 * waiting for the server's answer): it may have been delivered, so it must not simply be sent again.
 */
export class SendError extends LeadRoutingError {
	constructor(
		message: string,
		readonly detail: string,
		readonly delivered: 'no' | 'unknown' = 'no',
	) {
		super(message);
	}
}

export function deliveryUnknown(error: unknown): error is SendError {
	return error instanceof SendError && error.delivered === 'unknown';
}

/** A send failed; `messages` says what had already happened for this item (e.g. the lead's email went out). */
export class RespondSendError extends LeadRoutingError {
	constructor(
		readonly cause: Error & { detail?: string },
		readonly messages: MessageRecord[],
	) {
		super(cause.message, undefined, { cause });
	}

	override forUser(): { message: string; description?: string } {
		// A setting or the store, not the channel, failed: its own text says how to fix it.
		if (this.cause instanceof LeadRoutingError && !(this.cause instanceof SendError)) return this.cause.forUser();
		const sent = this.messages.filter((m) => m.status === 'sent').map((m) => `${m.recipient} ${m.channel}`);
		const detail = this.cause.detail ?? '';
		const inMessage = detail !== '' && !hasSocketCode(detail);
		return {
			message: inMessage ? `${this.cause.message}: ${detail}` : this.cause.message,
			description: [
				inMessage ? '' : detail,
				sent.length ? `Already sent for this lead: ${sent.join(', ')}.` : '',
				"The lead's data is unchanged; a retry will not repeat messages that were already accepted.",
			]
				.filter(Boolean)
				.join(' '),
		};
	}
}
