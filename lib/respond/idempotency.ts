/** The key under which Auto-Respond claims a lead in the idempotency store (lib/store/idempotency.ts). */
import { createHash } from 'crypto';
import { episodeOf } from '../store/idempotency';

/** Keys are hashed: the store never holds a lead's email address or phone number. */
export function idempotencyKey(recipient: string, value: string): string {
	return createHash('sha256').update(`${recipient}\u0000${value.trim().toLowerCase()}`).digest('hex').slice(0, 40);
}

/**
 * The Message-ID of one answer: the key and the claim's episode, which a take-over of an interrupted send keeps, so a
 * repeat of the same answer carries the same Message-ID (mail systems that keep one message per Message-ID show one)
 * while an answer in a later window gets its own.
 */
export function messageIdFor(key: string, token: string, fromAddress: string): string {
	const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
	return `<${key}.${episodeOf(token)}@${/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(domain) ? domain : 'lead-routing.invalid'}>`;
}
