/** Reads the node's settings into the plain values lib/sla works with; configuration problems become node errors. */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import { BusinessCalendar, BusinessHoursInput, createCalendar } from '../../lib/sla/calendar';
import { isTimeZone } from '../../lib/text/time';
import { splitList } from '../../lib/sla/fields';
import { LevelSettings, parsePercentList, validateLevels } from '../../lib/sla/levels';
import { TierDefinition, validateTiers, Tier } from '../../lib/sla/tiers';
import { readInstant } from '../../lib/sla/timer';

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/**
 * A numeric option that must be at least `min`; the editor enforces it, an expression can still deliver anything.
 * Checked, because a negative retention or start age silently drops or flags every timer.
 */
export function numberOption(options: IDataObject, name: string, label: string, fallback: number, min: number): number {
	const raw = options[name];
	const value = raw === undefined || raw === null || raw === '' ? fallback : Number(raw);
	if (!Number.isFinite(value) || value < min) {
		throw new LeadRoutingError(
			`Options › ${label} must be a number of ${min} or more, got ${JSON.stringify(raw)}`,
			`Enter a number of at least ${min}, or remove the option to use the default (${fallback}).`,
		);
	}
	return value;
}

/** "Now", or the Evaluate At option when set. */
export function evaluationTime(options: IDataObject): number {
	const read = readInstant(options.evaluateAt, Date.now(), 'Evaluate At');
	if (!read.ok)
		throw new LeadRoutingError(read.reason, 'Enter an ISO 8601 date such as 2026-11-17T10:00:00Z, or leave it empty.');
	return read.ms;
}

export interface PlanSettings {
	levels: LevelSettings;
	/** The calendar for a zone (rep or team), built once per zone. */
	calendarFor(zone: string): BusinessCalendar;
	teamZone: string;
}

export function readPlanSettings(ctx: IExecuteFunctions): PlanSettings {
	const instant = ctx.getNodeParameter('clock', 0, 'business') === 'instant';
	const teamZone = String(ctx.getNodeParameter('teamTimeZone', 0, '') || ctx.getTimezone()).trim();
	const hours: Omit<BusinessHoursInput, 'timeZone'> = {
		instant,
		workingDays: instant ? [] : (ctx.getNodeParameter('workingDays', 0, []) as number[]).map(Number),
		start: instant ? '' : String(ctx.getNodeParameter('workStart', 0, '09:00')),
		end: instant ? '' : String(ctx.getNodeParameter('workEnd', 0, '17:00')),
		holidays: instant ? [] : splitList(String(ctx.getNodeParameter('holidays', 0, ''))),
	};
	const calendars = new Map<string, BusinessCalendar>();
	const calendarFor = (zone: string) => {
		let calendar = calendars.get(zone);
		if (!calendar) {
			calendar = createCalendar({ ...hours, timeZone: zone });
			calendars.set(zone, calendar);
		}
		return calendar;
	};
	calendarFor(teamZone);
	const levels = validateLevels({
		warningPercent: Number(ctx.getNodeParameter('warningPercent', 0, 50)),
		escalationPercents: parsePercentList(String(ctx.getNodeParameter('escalationLevels', 0, ''))),
	});
	return { levels, calendarFor, teamZone };
}

/** The tier table for one item (conditions are expressions evaluated per lead). */
export function readTiers(ctx: IExecuteFunctions, itemIndex: number): Tier[] {
	const table = ctx.getNodeParameter('tiers', itemIndex, {}) as { tier?: TierDefinition[] };
	return validateTiers(table.tier ?? []);
}

/** The rep's zone when it is set and valid; an invalid rep zone is bad lead data, reported on the item. */
export function repZone(value: unknown): { zone?: string; problem?: string } {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return {};
	if (typeof value === 'string' && isTimeZone(value.trim())) return { zone: value.trim() };
	return { problem: `Rep time zone ${JSON.stringify(value)} is not a valid IANA time zone` };
}

export type StoreContext = IExecuteFunctions | IPollFunctions;
