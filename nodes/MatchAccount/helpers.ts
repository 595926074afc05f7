/** What both Match Account operations share: reading settings that must work, and reporting a matcher defect. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import { toNodeError } from '../shared/errors';

/** Reads the node's settings; a setting that cannot work stops the node with what to fix. */
export function configured<T>(ctx: IExecuteFunctions, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

/** The matcher has no failure a lead can cause; anything thrown is a defect worth reporting. */
export function unexpected(error: unknown, itemIndex: number): LeadRoutingError {
	const message = error instanceof Error ? error.message : String(error);
	return new LeadRoutingError(
		`Could not match lead ${itemIndex + 1}: ${message}`,
		'This is unexpected for any lead data; please report it with the lead that caused it',
		{ cause: error },
	);
}
