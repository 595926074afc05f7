/** Reads the node's settings into the plain values lib/sla works with; configuration problems become node errors. */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, IPollFunctions } from 'n8n-workflow';
import { BusinessCalendar, BusinessHoursInput, createCalendar, isValidTimeZone } from '../../lib/sla/calendar';
import { SlaConfigError } from '../../lib/sla/errors';
import { splitList } from '../../lib/sla/fields';
import { LevelSettings, parsePercentList, validateLevels } from '../../lib/sla/levels';
import { TierDefinition, validateTiers, Tier } from '../../lib/sla/tiers';
import { readInstant } from '../../lib/sla/timer';

export function configError(node: INode, error: unknown, itemIndex?: number): NodeOperationError {
	if (error instanceof SlaConfigError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

/** Runs `fn`, turning an SlaConfigError into a NodeOperationError that names the problem and the fix. */
export function configured<T>(node: INode, fn: () => T, itemIndex?: number): T {
	try {
		return fn();
	} catch (error) {
		throw configError(node, error, itemIndex);
	}
}

/** Message plus description: n8n may replace a message with generic wording (e.g. for ECONNREFUSED). */
export function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const description = (error as { description?: unknown }).description;
	return typeof description === 'string' && description ? `${error.message}. ${description}` : error.message;
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/**
 * A numeric option that must be at least `min`; the editor enforces it, an expression can still deliver anything.
 * Checked, because a negative retention or start age silently drops or flags every timer.
 */
export function numberOption(node: INode, options: IDataObject, name: string, label: string, fallback: number, min: number): number {
	const raw = options[name];
	const value = raw === undefined || raw === null || raw === '' ? fallback : Number(raw);
	if (!Number.isFinite(value) || value < min) {
		throw new NodeOperationError(node, `Options › ${label} must be a number of ${min} or more, got ${JSON.stringify(raw)}`, {
			description: `Enter a number of at least ${min}, or remove the option to use the default (${fallback}).`,
		});
	}
	return value;
}

/** "Now", or the Evaluate At option when set. */
export function evaluationTime(node: INode, options: IDataObject): number {
	const read = readInstant(options.evaluateAt, Date.now(), 'Evaluate At');
	if (!read.ok) {
		throw new NodeOperationError(node, `${read.reason}`, { description: 'Enter an ISO 8601 date such as 2026-11-17T10:00:00Z, or leave it empty.' });
	}
	return read.ms;
}

export interface PlanSettings {
	levels: LevelSettings;
	/** The calendar for a zone (rep or team), built once per zone. */
	calendarFor(zone: string): BusinessCalendar;
	teamZone: string;
}

export function readPlanSettings(ctx: IExecuteFunctions): PlanSettings {
	const node = ctx.getNode();
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
	return configured(node, () => {
		calendarFor(teamZone);
		const levels = validateLevels({
			warningPercent: Number(ctx.getNodeParameter('warningPercent', 0, 50)),
			escalationPercents: parsePercentList(String(ctx.getNodeParameter('escalationLevels', 0, ''))),
		});
		return { levels, calendarFor, teamZone };
	});
}

/** The tier table for one item (conditions are expressions evaluated per lead). */
export function readTiers(ctx: IExecuteFunctions, itemIndex: number): Tier[] {
	const table = ctx.getNodeParameter('tiers', itemIndex, {}) as { tier?: TierDefinition[] };
	return configured(ctx.getNode(), () => validateTiers(table.tier ?? []), itemIndex);
}

/** The rep's zone when it is set and valid; an invalid rep zone is bad lead data, reported on the item. */
export function repZone(value: unknown): { zone?: string; problem?: string } {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return {};
	if (typeof value === 'string' && isValidTimeZone(value)) return { zone: value.trim() };
	return { problem: `Rep time zone ${JSON.stringify(value)} is not a valid IANA time zone` };
}

export type StoreContext = IExecuteFunctions | IPollFunctions;
