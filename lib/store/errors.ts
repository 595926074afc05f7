/**
 * A state store that cannot be used: unreachable, locked, read-only, full or damaged. Nothing was processed, and no
 * other store is tried in its place: a silent switch would split counters and timers between two stores.
 */
import { LeadRoutingError } from '../errors';

export class StoreUnavailableError extends LeadRoutingError {
	/** The message without the low-level cause, e.g. "Cannot reach the state store (Redis at host:6379)". */
	readonly summary: string;

	constructor(message: string, options: { hint: string; cause?: unknown; summary?: string }) {
		super(message, options.hint, { cause: options.cause });
		this.summary = options.summary ?? message;
	}

	/** The low-level reason (e.g. ECONNREFUSED) stays out of the message, which n8n would replace with a generic text. */
	override forUser(): { message: string; description?: string } {
		return {
			message: this.summary,
			description: this.summary === this.message ? this.hint : `${this.message}. ${this.hint}`,
		};
	}
}
