/** Check, shared by the SLA Timer node and the SLA Timer Trigger: claim due levels and turn them into items. */
import type { IDataObject } from 'n8n-workflow';
import { isLate, type LevelName } from '../../lib/sla/levels';
import { slaView } from '../../lib/sla/timer';
import type { DueLevel } from '../../lib/store/timers';
import type { StoreContext } from './settings';
import { openTimerStore } from './timer-store';

export interface CheckedItem {
	level: LevelName;
	json: IDataObject;
}

const MINUTE = 60_000;

/** The lead as Start saw it (so `routing` is kept for re-routing), with `sla` describing the level reached. */
export function dueToItem(due: DueLevel, now: number): CheckedItem {
	const sla = slaView(due.timer, due.level.name, due.level) as IDataObject;
	sla.levelAt = new Date(due.level.at).toISOString();
	sla.checkedAt = new Date(now).toISOString();
	sla.lateMinutes = Math.max(0, Math.round((now - due.level.at) / MINUTE));
	sla.late = isLate(due.timer.levels, due.index, now);
	return { level: due.level.name, json: { ...(due.timer.lead as IDataObject), sla } };
}

/** `preview` shows what is due without claiming it (a trigger's test fetch must not swallow real escalations). */
export async function runCheck(
	ctx: StoreContext,
	now: number,
	maxItems: number,
	preview = false,
): Promise<CheckedItem[]> {
	const opened = await openTimerStore(ctx);
	const max = Math.max(1, Math.floor(maxItems));
	const due = await opened.run(async (store) =>
		preview ? await store.peekDue(now, max) : await store.claimDue(now, max),
	);
	return due.map((entry) => dueToItem(entry, now));
}
