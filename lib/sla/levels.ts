/** SLA levels: warning before the deadline, the breach itself, and escalations after it, as shares of the tier time. */
import { addBusinessMinutes, BusinessCalendar } from './calendar';
import { LeadRoutingError } from '../errors';

export type LevelName = 'warning' | 'breached' | 'escalated';

export interface LevelPoint {
	name: LevelName;
	/** Share of the tier's response time, e.g. 50, 100, 200. */
	percent: number;
	/** Epoch milliseconds. */
	at: number;
	/** 1 for the first escalation, 2 for the second… */
	escalation?: number;
}

export interface LevelSettings {
	/** 0 turns the warning off. */
	warningPercent: number;
	escalationPercents: number[];
}

export function parsePercentList(text: string): number[] {
	return String(text ?? '')
		.split(/[,;\s]+/)
		.map((part) => part.trim().replace(/%$/, ''))
		.filter((part) => part !== '')
		.map((part) => {
			const value = Number(part);
			if (!Number.isFinite(value)) {
				throw new LeadRoutingError(
					`Escalation level "${part}" is not a number`,
					'List percentages of the SLA time, e.g. 200, 300.',
				);
			}
			return value;
		});
}

export function validateLevels(settings: LevelSettings): LevelSettings {
	const warningPercent = Number(settings.warningPercent);
	if (!Number.isFinite(warningPercent) || warningPercent < 0 || warningPercent >= 100) {
		throw new LeadRoutingError(
			`Warning at ${settings.warningPercent}% is not before the deadline`,
			'Enter a percentage from 1 to 99 (e.g. 50), or 0 for no warning.',
		);
	}
	const escalationPercents = [...new Set(settings.escalationPercents)].sort((a, b) => a - b);
	const bad = escalationPercents.find((percent) => !(percent > 100) || percent > 100_000);
	if (bad !== undefined) {
		throw new LeadRoutingError(
			`Escalation at ${bad}% is not after the deadline`,
			'Escalation levels are percentages of the SLA time greater than 100, e.g. 200 for twice the time.',
		);
	}
	return { warningPercent, escalationPercents };
}

/** Every level's instant, ascending; percentages of business time, so a warning never lands on a night or weekend. */
export function computeLevels(
	calendar: BusinessCalendar,
	startMs: number,
	minutes: number,
	settings: LevelSettings,
): LevelPoint[] {
	const points: LevelPoint[] = [];
	const at = (percent: number) => addBusinessMinutes(calendar, startMs, (minutes * percent) / 100);
	if (settings.warningPercent > 0)
		points.push({ name: 'warning', percent: settings.warningPercent, at: at(settings.warningPercent) });
	points.push({ name: 'breached', percent: 100, at: at(100) });
	settings.escalationPercents.forEach((percent, index) => {
		points.push({ name: 'escalated', percent, at: at(percent), escalation: index + 1 });
	});
	return points;
}

/** The most severe level reached at `now`, if any. */
export function reachedLevel(levels: LevelPoint[], now: number): LevelPoint | undefined {
	let reached: LevelPoint | undefined;
	for (const level of levels) if (level.at <= now) reached = level;
	return reached;
}

/**
 * Whether a level is emitted after it lost its moment: a later level of the same timer is already due (a warning
 * checked after the breach, a breach checked after the first escalation). Such a level is still emitted, once, so
 * nothing is lost when checks run less often than the levels fall; the flag lets a workflow word it accordingly.
 */
export function isLate(levels: LevelPoint[], index: number, now: number): boolean {
	return levels.slice(index + 1).some((later) => later.at <= now);
}

export function levelLabel(level: LevelPoint | undefined): string {
	if (!level) return 'none';
	return level.name === 'escalated' ? `escalated-${level.escalation ?? 1}` : level.name;
}
