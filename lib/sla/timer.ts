/** An SLA timer: what Start records, what Check emits and what Stop measures. Plain JSON throughout. */
import { randomUUID } from 'crypto';
import { DateTime } from 'luxon';
import { BusinessCalendar, businessMinutesBetween } from './calendar';
import { computeLevels, LevelPoint, LevelSettings, levelLabel, reachedLevel } from './levels';
import type { Tier } from './tiers';

export type JsonObject = { [key: string]: unknown };

export interface SlaOwner {
	id?: string;
	name?: string;
	email?: string;
}

export interface SlaTimer {
	/** Unique per Start, so a restarted timer is never confused with the one it replaced. */
	id: string;
	key: string;
	tier: string;
	minutes: number;
	startedAt: number;
	levels: LevelPoint[];
	calendar: BusinessCalendar;
	owner?: SlaOwner;
	/** The lead as Start saw it, for the escalation workflow. */
	lead: JsonObject;
}

export interface PlanInput {
	key: string;
	tier: Tier;
	calendar: BusinessCalendar;
	levels: LevelSettings;
	startedAt: number;
	lead: JsonObject;
	owner?: SlaOwner;
}

/**
 * The copy of the lead a timer keeps. The local store saves every open timer in workflow static data, which n8n loads
 * and writes whole on every execution, so the original payload (`raw`, often with the webhook's headers) and Match
 * Account's candidate list are left out unless asked for; Check's items still carry every canonical field and the
 * routing record that reminders and re-routing read.
 */
export function timerLead(lead: JsonObject, full: boolean): JsonObject {
	const copy = structuredClone(lead);
	delete copy.sla;
	if (full) return copy;
	delete copy.raw;
	const match = copy.match;
	if (match && typeof match === 'object' && !Array.isArray(match)) delete (match as JsonObject).candidates;
	return copy;
}

export function planTimer(input: PlanInput): SlaTimer {
	return {
		id: randomUUID(),
		key: input.key,
		tier: input.tier.name,
		minutes: input.tier.minutes,
		startedAt: input.startedAt,
		levels: computeLevels(input.calendar, input.startedAt, input.tier.minutes, input.levels),
		calendar: input.calendar,
		owner: input.owner,
		lead: input.lead,
	};
}

export type SlaStatus = 'open' | 'computed' | 'warning' | 'breached' | 'escalated' | 'met';

function iso(ms: number, zone: string): string {
	return DateTime.fromMillis(ms, { zone }).toISO() ?? new Date(ms).toISOString();
}

export function dueAt(timer: SlaTimer): number {
	return timer.levels.find((level) => level.name === 'breached')?.at ?? timer.startedAt;
}

/** The `sla` field put on items. Instants are ISO strings in the calendar's zone, so users read local times. */
export function slaView(timer: SlaTimer, status: SlaStatus, level: LevelPoint | undefined): JsonObject {
	const zone = timer.calendar.timeZone;
	const warning = timer.levels.find((point) => point.name === 'warning');
	const view: JsonObject = {
		key: timer.key,
		tier: timer.tier,
		minutes: timer.minutes,
		startedAt: iso(timer.startedAt, zone),
		dueAt: iso(dueAt(timer), zone),
		warnAt: warning ? iso(warning.at, zone) : null,
		escalateAt: timer.levels.filter((point) => point.name === 'escalated').map((point) => iso(point.at, zone)),
		level: levelLabel(level),
		status,
		timeZone: zone,
		businessHours: !timer.calendar.instant,
	};
	if (level?.escalation) view.escalation = level.escalation;
	if (timer.owner) view.owner = timer.owner;
	return view;
}

export interface StopOutcome {
	status: 'met' | 'breached';
	level: LevelPoint | undefined;
	responseMinutes: number;
	businessResponseMinutes: number;
}

export function measureStop(timer: SlaTimer, respondedAt: number): StopOutcome {
	const due = dueAt(timer);
	return {
		status: respondedAt <= due ? 'met' : 'breached',
		level: reachedLevel(timer.levels, respondedAt),
		responseMinutes: round2(Math.max(0, respondedAt - timer.startedAt) / 60_000),
		businessResponseMinutes: round2(businessMinutesBetween(timer.calendar, timer.startedAt, respondedAt)),
	};
}

function round2(value: number): number {
	return Math.round(value * 100) / 100;
}

export type InstantResult = { ok: true; ms: number } | { ok: false; reason: string };

/** Reads a date from lead data: ISO 8601 text, epoch milliseconds, or empty for `now`. */
const MAX_DATE_MS = 8.64e15;

export function readInstant(value: unknown, now: number, label: string): InstantResult {
	if (value === undefined || value === null || value === '') return { ok: true, ms: now };
	let ms = NaN;
	if (typeof value === 'number') ms = value;
	else if (value instanceof Date) ms = value.getTime();
	else if (typeof value === 'string') {
		const parsed = DateTime.fromISO(value.trim(), { setZone: true });
		ms = parsed.isValid ? parsed.toMillis() : NaN;
	}
	// A Date holds ±8.64e15 ms; a larger number would pass as a time here and throw when it is printed.
	return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS
		? { ok: true, ms }
		: { ok: false, reason: `${label} is not a date (${JSON.stringify(value)})` };
}
