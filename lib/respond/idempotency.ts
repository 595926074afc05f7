/** The key under which Auto-Respond claims a lead in the idempotency store (lib/store/idempotency.ts). */
import { createHash } from 'crypto';

/** Keys are hashed: the store never holds a lead's email address or phone number. */
export function idempotencyKey(recipient: string, value: string): string {
	return createHash('sha256').update(`${recipient}\u0000${value.trim().toLowerCase()}`).digest('hex').slice(0, 40);
}
