/**
 * The roster: reps as typed in the node or read from a JSON field (a Google Sheet, Data Table or CRM users list).
 * Sheets deliver everything as text, so numbers, booleans and lists are accepted as strings too.
 * Every problem names the rep, because a no-code user fixes the roster row by row.
 */
import { z } from 'zod';
import { LeadRoutingError } from '../errors';
import { parseOutOfOffice, parseWorkingDays, parseWorkingHours, type DateRange, type HoursRange } from './calendar';
import { isTimeZone } from '../text/time';
import { absoluteHttpUrl } from '../text/web';

/** A rep in the roster (or the roster itself) cannot be used; the message names the rep. */
export class RosterError extends LeadRoutingError {
	constructor(message: string) {
		super(
			message,
			'Fix the rep in the roster (IDs unique, weight above 0, a time zone such as Europe/Berlin, hours such as 09:00-17:00, booking links such as https://cal.com/ana).',
		);
	}
}

export interface Rep {
	id: string;
	name: string;
	email: string;
	slackId: string;
	active: boolean;
	weight: number;
	teams: string[];
	skills: string[];
	/** 1 = most senior; the priority strategy tries lower numbers first. */
	priority: number;
	capacityDay: number;
	capacityWeek: number;
	capacityOpen: number;
	timeZone: string;
	/** Whether the roster gave the time zone (otherwise `timeZone` is the UTC default). */
	timeZoneGiven: boolean;
	workingHours: HoursRange | null;
	/** Luxon weekdays, 1 = Monday. */
	workingDays: Set<number>;
	outOfOffice: DateRange[];
	/** The rep's booking page (http or https), empty when none. */
	bookingUrl: string;
}

export interface Roster {
	reps: Rep[];
	byId: Map<string, Rep>;
	byEmail: Map<string, Rep>;
	teams: Map<string, Rep[]>;
}

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const list = z
	.union([z.string(), z.array(text)])
	.transform((v) => (Array.isArray(v) ? v : v.split(/[,;\n]/)).map((s) => s.trim()).filter(Boolean));
const flag = z.union([z.boolean(), z.string(), z.number()]).transform((v) => {
	if (typeof v === 'boolean') return v;
	return !['false', 'no', '0', 'off', 'inactive', ''].includes(String(v).trim().toLowerCase());
});
const count = z.union([z.number(), z.string()]).transform((v, ctx) => {
	const n = typeof v === 'number' ? v : v.trim() === '' ? 0 : Number(v);
	if (!Number.isFinite(n) || n < 0) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a number of 0 or more (0 = no limit), got "${v}"` });
		return z.NEVER;
	}
	return Math.floor(n);
});
const rangeList = z.union([z.string(), z.array(z.union([z.string(), z.object({ from: text, to: text.optional() })]))]);

const repSchema = z
	.object({
		id: text.optional(),
		name: text.optional(),
		email: text.optional(),
		slackId: text.optional(),
		active: flag.optional(),
		weight: z.union([z.number(), z.string()]).optional(),
		teams: list.optional(),
		team: list.optional(),
		skills: list.optional(),
		priority: count.optional(),
		capacityPerDay: count.optional(),
		capacityPerWeek: count.optional(),
		capacityOpen: count.optional(),
		timeZone: text.optional(),
		timezone: text.optional(),
		workingHours: text.optional(),
		workingDays: z.union([text, z.array(text)]).optional(),
		outOfOffice: rangeList.optional(),
		bookingUrl: text.optional(),
		booking_url: text.optional(),
		bookingLink: text.optional(),
		calendarUrl: text.optional(),
	})
	.passthrough();

export type RepInput = z.input<typeof repSchema>;

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

function describeIssue(issue: z.ZodIssue): string {
	const field = issue.path.join('.');
	return field ? `${field} ${issue.message}` : issue.message;
}

function toRep(raw: unknown, position: number): Rep {
	const label = (id?: string) => (id ? `Rep "${id}"` : `Rep #${position + 1}`);
	const idGuess =
		typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id ?? '') : '';
	const parsed = repSchema.safeParse(raw);
	if (!parsed.success) throw new RosterError(`${label(idGuess)}: ${describeIssue(parsed.error.issues[0])}`);
	const r = parsed.data;
	const id = r.id ?? '';
	if (!id) throw new RosterError(`${label()}: the ID is empty`);
	if (RESERVED.has(id)) throw new RosterError(`${label(id)}: "${id}" is a reserved name; choose another ID`);
	const weight = r.weight === undefined || r.weight === '' ? 1 : Number(r.weight);
	if (!Number.isFinite(weight) || weight <= 0) {
		throw new RosterError(`${label(id)}: weight must be greater than 0, got "${r.weight}"`);
	}
	const timeZone = r.timeZone || r.timezone || 'UTC';
	if (!isTimeZone(timeZone)) {
		throw new RosterError(`${label(id)}: "${timeZone}" is not a valid time zone (use a name such as Europe/Berlin)`);
	}
	const problem = (what: string, fn: () => void) => {
		try {
			fn();
		} catch (error) {
			throw new RosterError(`${label(id)}: ${what} ${(error as Error).message}`);
		}
	};
	let workingHours: HoursRange | null = null;
	let workingDays = new Set<number>();
	let outOfOffice: DateRange[] = [];
	problem('working hours', () => (workingHours = r.workingHours ? parseWorkingHours(r.workingHours) : null));
	problem('working days', () => (workingDays = parseWorkingDays(r.workingDays ?? 'Mon-Fri')));
	problem('out of office', () => (outOfOffice = parseOutOfOffice(r.outOfOffice ?? [], timeZone)));
	const link = r.bookingUrl || r.booking_url || r.bookingLink || r.calendarUrl || '';
	const bookingUrl = link ? absoluteHttpUrl(link) : '';
	if (bookingUrl === undefined) {
		throw new RosterError(
			`${label(id)}: booking link "${link.slice(0, 200)}" is not a web address; use a full link such as https://cal.com/ana`,
		);
	}
	return {
		id,
		name: r.name ?? '',
		email: (r.email ?? '').toLowerCase(),
		slackId: r.slackId ?? '',
		active: r.active ?? true,
		weight,
		teams: [...(r.teams ?? []), ...(r.team ?? [])],
		skills: (r.skills ?? []).map((s) => s.toLowerCase()),
		priority: r.priority ?? 100,
		capacityDay: r.capacityPerDay ?? 0,
		capacityWeek: r.capacityPerWeek ?? 0,
		capacityOpen: r.capacityOpen ?? 0,
		timeZone,
		timeZoneGiven: Boolean(r.timeZone || r.timezone),
		workingHours,
		workingDays,
		outOfOffice,
		bookingUrl,
	};
}

/** Validates and indexes a roster. An empty list is valid (every lead then goes to the fallback). */
export function buildRoster(raw: unknown): Roster {
	let input = raw;
	if (typeof input === 'string') {
		if (!input.trim()) input = [];
		else {
			try {
				input = JSON.parse(input);
			} catch {
				throw new RosterError('The roster is not valid JSON; expected a list of reps such as [{"id": "ana"}]');
			}
		}
	}
	if (input === undefined || input === null) input = [];
	if (!Array.isArray(input)) throw new RosterError('The roster must be a list of reps such as [{"id": "ana"}]');
	const reps = input.map((r, i) => toRep(r, i));
	const byId = new Map<string, Rep>();
	const byEmail = new Map<string, Rep>();
	const teams = new Map<string, Rep[]>();
	for (const rep of reps) {
		if (byId.has(rep.id)) throw new RosterError(`Rep "${rep.id}" appears twice in the roster; rep IDs must be unique`);
		byId.set(rep.id, rep);
		if (rep.email && !byEmail.has(rep.email)) byEmail.set(rep.email, rep);
		// A Set per rep: a sheet cell repeating one team thousands of times must not copy the member list each time.
		for (const key of new Set(rep.teams.map((team) => team.toLowerCase()))) {
			const members = teams.get(key);
			if (members) members.push(rep);
			else teams.set(key, [rep]);
		}
	}
	return { reps, byId, byEmail, teams };
}
