/**
 * The package's one error type. `message` says what is wrong in words a no-code user understands, `hint` how to fix
 * it. Nodes turn any error into n8n's NodeOperationError with `toNodeError` (nodes/shared/errors.ts): the message stays
 * the message and the hint becomes n8n's description. Subclasses exist only where a caller tells them apart or where
 * the text a user sees is built differently (`forUser`).
 */
export class LeadRoutingError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
		options?: ErrorOptions,
	) {
		super(message, options);
		this.name = new.target.name;
	}

	/** The message and description a node shows. */
	forUser(): { message: string; description?: string } {
		return { message: this.message, description: this.hint };
	}
}

/**
 * Whether a text names a socket error code (ECONNREFUSED, ETIMEDOUT…). n8n replaces a node error message that contains
 * one with a generic text, so such details belong in the description.
 */
export function hasSocketCode(text: string): boolean {
	return /\bE[A-Z][A-Z0-9_]{3,}\b/.test(text);
}

/** The message of anything thrown, with the technical detail a send or store error carries. */
export function errorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const detail = (error as { detail?: unknown }).detail;
	return typeof detail === 'string' && detail && !error.message.includes(detail)
		? `${error.message}: ${detail}`
		: error.message;
}
