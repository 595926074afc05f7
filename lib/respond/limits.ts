/**
 * Send limits: a public form must not become a relay that makes the user's mail server (or Twilio account) write to
 * strangers. Before a message to a lead is sent, one atomic take on the store's windowed counters checks every limit
 * (per recipient address per day, per recipient domain per hour, in total per hour) and records the send under all
 * of them, or none. A refused message is held, never sent; a send that fails gives its take back.
 *
 * Only messages to the lead count: rep notices go to the team's own addresses, which a form cannot choose.
 */
import { createHash } from 'crypto';
import type { CounterStore, WindowLimit } from '../store/counters';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SendLimitSettings {
	counters: CounterStore;
	/** Messages to one email address or phone number per day; 0 = no limit. */
	perAddressPerDay: number;
	/** Messages to one email domain per hour; 0 = no limit. */
	perDomainPerHour: number;
	/** Messages to leads per hour, all recipients together; 0 = no limit. */
	totalPerHour: number;
}

export type LimitName = 'perAddressPerDay' | 'perDomainPerHour' | 'totalPerHour';

/** What stopped a message, as the item reports it. */
export interface HeldBy {
	limit: LimitName;
	max: number;
	window: 'day' | 'hour';
	/** When the oldest counted message leaves the window, i.e. the earliest a message could pass this limit. */
	retryAt: string;
}

export type LimitTake =
	{ allowed: true; keys: string[]; token: string } | { allowed: false; heldBy: HeldBy; reason: string };

const LABELS: Record<LimitName, string> = {
	perAddressPerDay: 'per recipient address per day',
	perDomainPerHour: 'per recipient domain per hour',
	totalPerHour: 'in total per hour',
};

/** Hashed: the store never holds a lead's address or phone number. Domains are kept readable (they name no person). */
function addressKey(to: string): string {
	return createHash('sha256').update(to.trim().toLowerCase()).digest('hex').slice(0, 32);
}

function windowLimits(
	settings: SendLimitSettings,
	channel: 'email' | 'sms',
	to: string,
): Array<WindowLimit & { name: LimitName }> {
	const limits: Array<WindowLimit & { name: LimitName }> = [];
	if (settings.perAddressPerDay > 0) {
		limits.push({
			name: 'perAddressPerDay',
			key: `limit:address:1d:${addressKey(to)}`,
			limit: settings.perAddressPerDay,
			windowMs: DAY,
		});
	}
	const domain =
		channel === 'email'
			? to
					.slice(to.lastIndexOf('@') + 1)
					.trim()
					.toLowerCase()
			: '';
	if (settings.perDomainPerHour > 0 && domain) {
		limits.push({
			name: 'perDomainPerHour',
			key: `limit:domain:1h:${domain}`,
			limit: settings.perDomainPerHour,
			windowMs: HOUR,
		});
	}
	if (settings.totalPerHour > 0)
		limits.push({ name: 'totalPerHour', key: 'limit:total:1h', limit: settings.totalPerHour, windowMs: HOUR });
	return limits;
}

/** Reserves one send to `to` under every limit, or says which limit holds it. */
export async function takeSendLimits(
	settings: SendLimitSettings,
	channel: 'email' | 'sms',
	to: string,
	now: number,
): Promise<LimitTake> {
	const limits = windowLimits(settings, channel, to);
	if (!limits.length) return { allowed: true, keys: [], token: '' };
	const result = await settings.counters.take(
		limits.map(({ key, limit, windowMs }) => ({ key, limit, windowMs })),
		now,
	);
	if (result.allowed) return { allowed: true, keys: limits.map((l) => l.key), token: result.token };
	const stopped = limits.find((l) => l.key === result.key) ?? limits[limits.length - 1];
	const retryAt = new Date(result.retryAt).toISOString();
	return {
		allowed: false,
		heldBy: { limit: stopped.name, max: stopped.limit, window: stopped.windowMs === DAY ? 'day' : 'hour', retryAt },
		reason: `Send limit reached: at most ${stopped.limit} message${stopped.limit === 1 ? '' : 's'} ${LABELS[stopped.name]} (${result.count} already sent; the next one could go at ${retryAt})`,
	};
}

/** Undoes a take whose message was not sent after all. */
export async function giveBackSendLimits(
	settings: SendLimitSettings,
	take: Extract<LimitTake, { allowed: true }>,
): Promise<void> {
	if (take.keys.length) await settings.counters.giveBack(take.keys, take.token);
}
