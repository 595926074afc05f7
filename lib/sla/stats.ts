/**
 * SLA statistics for a period from the SLA history: started, answered, open, breached, escalated; response time
 * percentiles in wall-clock and business minutes; compliance per tier; the oldest open lead. Plain arithmetic over the
 * records of the leads started in the period, so a report costs those records and nothing else.
 *
 * Definitions (the same for every group): a lead is met when answered at or before its due time, breached when
 * answered after it or still open at or after it, escalated when its first escalation level passed before the answer
 * (or now, when open). Compliance = met / (met + breached): open leads not yet due are undecided and left out.
 * Percentiles are nearest-rank: the smallest response time that at least p % of the answered leads did not exceed.
 */
import { DateTime } from 'luxon';
import { LeadRoutingError } from '../errors';
import type { SlaRecord, SlaStartRecord } from '../store/sla-history';
import type { SlaTimer } from './timer';
import { dueAt } from './timer';

export type StatsGroupBy = 'rep' | 'rule' | 'source' | 'tier';
export type PeriodName = 'today' | 'last7Days' | 'last30Days' | 'custom';

export interface StatsPeriod {
	from: number;
	/** Exclusive. */
	to: number;
	name: PeriodName;
	timeZone: string;
}

export interface Percentiles {
	p50: number | null;
	p90: number | null;
}

export interface SlaFigures {
	started: number;
	/** Leads that Auto-Respond had answered (an email or SMS sent to the lead) before their timer started. */
	autoResponded: number;
	/** Leads whose message from Auto-Respond a send limit held (not sent) before their timer started. */
	autoResponseHeld: number;
	answered: number;
	open: number;
	met: number;
	breached: number;
	escalated: number;
	/** Null when no lead is decided yet. Rounded to 0.1. */
	compliancePercent: number | null;
	responseMinutes: Percentiles;
	businessResponseMinutes: Percentiles;
}

export interface OpenLead {
	key: string;
	tier: string;
	rep: string;
	repName: string;
	startedAt: string;
	dueAt: string;
	ageMinutes: number;
	breached: boolean;
}

export interface SlaStatsReport {
	period: { name: PeriodName; from: string; to: string; timeZone: string };
	generatedAt: string;
	groupBy: StatsGroupBy;
	totals: SlaFigures;
	groups: Array<SlaFigures & { group: string; name: string }>;
	tiers: Array<SlaFigures & { tier: string }>;
	/** Per calendar day of the period in its time zone: leads started, of which routed to the fallback queue. */
	days: Array<{
		date: string;
		started: number;
		fallback: number;
		fallbackPercent: number | null;
		autoResponded: number;
	}>;
	/** Wall-clock response times of answered leads, counted per bucket (minutes, upper bound inclusive). */
	speedToLead: Array<{ upToMinutes: number | null; label: string; count: number }>;
	oldestOpen: OpenLead | null;
	/** Open leads, breached first then oldest first, at most OPEN_LIST_MAX. */
	openLeads: OpenLead[];
	/** True when the period held more than MAX_RECORDS leads and only the oldest were counted. */
	truncated: boolean;
}

/** A report reads at most this many leads; the cost of one report is bounded by it. */
export const MAX_RECORDS = 200_000;
export const OPEN_LIST_MAX = 50;
const MAX_DAYS = 400;
const BUCKETS = [5, 15, 30, 60, 240, 1440];
const MINUTE = 60_000;

/** The history record Start keeps for a timer; the routing record (if any) gives the rep, rule and fallback. */
export function historyRecord(timer: SlaTimer): SlaStartRecord {
	const lead = timer.lead;
	const routing = isObject(lead.routing) ? lead.routing : {};
	const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
	return {
		id: timer.id,
		key: timer.key,
		startedAt: timer.startedAt,
		dueAt: dueAt(timer),
		escalateAt: timer.levels.find((level) => level.name === 'escalated')?.at ?? null,
		tier: timer.tier,
		rep: timer.owner?.id || timer.owner?.email || '',
		repName: timer.owner?.name ?? '',
		source: text(lead.source),
		rule: text(routing.ruleName) || text(routing.ruleId),
		fallback: routing.ruleId === 'fallback',
		autoResponded: leadMessage(lead.autoResponse, 'sent'),
		autoResponseHeld: leadMessage(lead.autoResponse, 'held'),
	};
}

function leadMessage(autoResponse: unknown, status: 'sent' | 'held'): boolean {
	const messages = isObject(autoResponse) ? autoResponse.messages : undefined;
	return Array.isArray(messages) && messages.some((m) => isObject(m) && m.recipient === 'lead' && m.status === status);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The period's bounds: calendar days in the zone, today included, up to `now`; or a custom range. */
export function resolvePeriod(
	name: PeriodName,
	now: number,
	timeZone: string,
	custom?: { from: number; to: number },
): StatsPeriod {
	const local = DateTime.fromMillis(now, { zone: timeZone });
	if (!local.isValid)
		throw new LeadRoutingError(
			`"${timeZone}" is not a valid time zone`,
			'Use an IANA time zone such as Europe/Berlin.',
		);
	if (name === 'custom') {
		if (!custom || !(custom.from < custom.to)) {
			throw new LeadRoutingError(
				'The stats period needs From before To',
				'Enter two ISO 8601 dates, e.g. 2026-11-01 and 2026-12-01.',
			);
		}
		return { from: custom.from, to: custom.to, name, timeZone };
	}
	const days = name === 'today' ? 0 : name === 'last7Days' ? 6 : 29;
	return { from: local.startOf('day').minus({ days }).toMillis(), to: now + 1, name, timeZone };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
	if (!sorted.length) return null;
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Status {
	breached: boolean;
	escalated: boolean;
}

function statusOf(record: SlaRecord, now: number): Status {
	const until = record.response ? record.response.respondedAt : now;
	const breached = record.response ? until > record.dueAt : until >= record.dueAt;
	return { breached, escalated: record.escalateAt !== null && record.escalateAt <= until };
}

function figures(records: SlaRecord[], now: number): SlaFigures {
	let met = 0;
	let breached = 0;
	let escalated = 0;
	let autoResponded = 0;
	let autoResponseHeld = 0;
	let answered = 0;
	// Typed arrays sort numerically without a comparator: the sort is most of a report's cost at 100k leads.
	const wall = new Float64Array(records.length);
	const business = new Float64Array(records.length);
	for (const record of records) {
		const status = statusOf(record, now);
		if (status.breached) breached++;
		else if (record.response) met++;
		if (status.escalated) escalated++;
		if (record.autoResponded === true) autoResponded++;
		if (record.autoResponseHeld === true) autoResponseHeld++;
		if (record.response) {
			wall[answered] = record.response.responseMinutes;
			business[answered++] = record.response.businessResponseMinutes;
		}
	}
	const wallSorted = wall.subarray(0, answered).sort();
	const businessSorted = business.subarray(0, answered).sort();
	return {
		started: records.length,
		autoResponded,
		autoResponseHeld,
		answered,
		open: records.length - answered,
		met,
		breached,
		escalated,
		compliancePercent: met + breached ? Math.round((met / (met + breached)) * 1000) / 10 : null,
		responseMinutes: { p50: percentile(wallSorted, 50), p90: percentile(wallSorted, 90) },
		businessResponseMinutes: { p50: percentile(businessSorted, 50), p90: percentile(businessSorted, 90) },
	};
}

function groupKey(record: SlaRecord, by: StatsGroupBy): string {
	return (
		(by === 'rep' ? record.rep : by === 'rule' ? record.rule : by === 'source' ? record.source : record.tier) ||
		'(none)'
	);
}

function bucketed<T>(records: T[], keyOf: (record: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const record of records) {
		const key = keyOf(record);
		const list = groups.get(key);
		if (list) list.push(record);
		else groups.set(key, [record]);
	}
	return groups;
}

function iso(ms: number, zone: string): string {
	return DateTime.fromMillis(ms, { zone }).toISO() ?? new Date(ms).toISOString();
}

/** Days are found by comparing with each day's start (computed once), not by converting every record's time. */
function days(records: SlaRecord[], period: StatsPeriod): SlaStatsReport['days'] {
	const starts: Array<{ date: string; ms: number }> = [];
	let day = DateTime.fromMillis(period.from, { zone: period.timeZone }).startOf('day');
	while (day.toMillis() < period.to && starts.length < MAX_DAYS) {
		starts.push({ date: day.toISODate() ?? '', ms: day.toMillis() });
		day = day.plus({ days: 1 });
	}
	const out = starts.map(({ date }) => ({
		date,
		started: 0,
		fallback: 0,
		fallbackPercent: null as number | null,
		autoResponded: 0,
	}));
	let d = 0;
	// Records come oldest first; a record out of order only costs a restart of the walk.
	for (const record of records) {
		if (d > 0 && record.startedAt < starts[d].ms) d = 0;
		while (d + 1 < starts.length && starts[d + 1].ms <= record.startedAt) d++;
		if (!out.length || record.startedAt < starts[0].ms) continue;
		out[d].started++;
		if (record.fallback) out[d].fallback++;
		if (record.autoResponded === true) out[d].autoResponded++;
	}
	for (const day of out)
		day.fallbackPercent = day.started ? Math.round((day.fallback / day.started) * 1000) / 10 : null;
	return out;
}

function speedToLead(records: SlaRecord[]): SlaStatsReport['speedToLead'] {
	const counts = [...BUCKETS, null].map((upToMinutes) => ({
		upToMinutes,
		label:
			upToMinutes === null
				? `> ${BUCKETS[BUCKETS.length - 1] / 60} h`
				: upToMinutes < 60
					? `≤ ${upToMinutes} min`
					: `≤ ${upToMinutes / 60} h`,
		count: 0,
	}));
	for (const record of records) {
		if (!record.response) continue;
		const minutes = record.response.responseMinutes;
		const bucket = counts.find((b) => b.upToMinutes === null || minutes <= b.upToMinutes);
		if (bucket) bucket.count++;
	}
	return counts;
}

function openLead(record: SlaRecord, now: number, zone: string): OpenLead {
	return {
		key: record.key,
		tier: record.tier,
		rep: record.rep,
		repName: record.repName,
		startedAt: iso(record.startedAt, zone),
		dueAt: iso(record.dueAt, zone),
		ageMinutes: Math.floor((now - record.startedAt) / MINUTE),
		breached: now >= record.dueAt,
	};
}

/** The report for the records of one period (as the store lists them, oldest first), judged at `now`. */
export function summarizeSla(
	records: SlaRecord[],
	period: StatsPeriod,
	groupBy: StatsGroupBy,
	now: number,
	truncated = false,
): SlaStatsReport {
	const zone = period.timeZone;
	const names = new Map(records.filter((r) => r.repName).map((r) => [r.rep, r.repName]));
	const groups = [...bucketed(records, (r) => groupKey(r, groupBy))]
		.map(([group, list]) => ({ group, name: groupBy === 'rep' ? (names.get(group) ?? '') : '', ...figures(list, now) }))
		.sort((a, b) => b.started - a.started || a.group.localeCompare(b.group));
	const tiers = [...bucketed(records, (r) => r.tier)]
		.map(([tier, list]) => ({ tier, ...figures(list, now) }))
		.sort((a, b) => a.tier.localeCompare(b.tier));
	const open = records.filter((r) => !r.response);
	const breachedFirst = (a: SlaRecord, b: SlaRecord) =>
		Number(now >= b.dueAt) - Number(now >= a.dueAt) || a.startedAt - b.startedAt;
	const openLeads = [...open]
		.sort(breachedFirst)
		.slice(0, OPEN_LIST_MAX)
		.map((r) => openLead(r, now, zone));
	return {
		period: { name: period.name, from: iso(period.from, zone), to: iso(period.to, zone), timeZone: zone },
		generatedAt: iso(now, zone),
		groupBy,
		totals: figures(records, now),
		groups,
		tiers,
		days: days(records, period),
		speedToLead: speedToLead(records),
		oldestOpen: open.length
			? openLead(
					open.reduce((a, b) => (b.startedAt < a.startedAt ? b : a)),
					now,
					zone,
				)
			: null,
		openLeads,
		truncated,
	};
}
