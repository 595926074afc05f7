/** Shared by Start and Compute Only: pick the tier, compute the levels in business time, record the timer (Start only). */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { readLead } from '../../lib/lead/view';
import { keyProblem, readKey } from '../../lib/sla/fields';
import { readPath } from '../../lib/text/path';
import { chooseStart, StartSource } from '../../lib/sla/start';
import { chooseTier, defaultTier, TierChoice } from '../../lib/sla/tiers';
import { historyRecord } from '../../lib/sla/stats';
import { JsonObject, planTimer, SlaOwner, SlaTimer, slaView, timerLead } from '../../lib/sla/timer';
import { failedItem, toNodeError } from '../shared/errors';
import {
	evaluationTime,
	numberOption,
	PlanSettings,
	readOptions,
	readPlanSettings,
	readTiers,
	repZone,
} from './settings';
import { openTimerStore } from './timer-store';

const FUTURE_TOLERANCE_MS = 5 * 60_000;

interface PlannedTimer {
	index: number;
	json: IDataObject;
	timer: SlaTimer;
	/** Where the start time came from, and notes on the tier and start choices (empty when the lead chose both itself). */
	startedFrom: StartSource;
	notes: string[];
}

type Planned = PlannedTimer | { index: number; json: IDataObject; flag: string };

function tierChoice(ctx: IExecuteFunctions, i: number, json: IDataObject): TierChoice {
	const source = ctx.getNodeParameter('tierSource', i, 'score') as string;
	if (source === 'condition') return { by: 'condition' };
	if (source === 'name') return { by: 'name', name: ctx.getNodeParameter('tierName', i, '') };
	if (source === 'segment')
		return { by: 'segment', segment: readPath(json, String(ctx.getNodeParameter('segmentField', i, 'segment'))) };
	return { by: 'score', score: readPath(json, String(ctx.getNodeParameter('scoreField', i, 'score'))) };
}

function ownerOf(json: IDataObject): SlaOwner | undefined {
	const { ownerId: id, ownerName: name, ownerEmail: email } = readLead(json).routing;
	return id || email ? { id, name, email } : undefined;
}

function planItem(ctx: IExecuteFunctions, i: number, now: number, settings: PlanSettings): Planned {
	const json = ctx.getInputData()[i].json;
	const options = readOptions(ctx, i);
	const field = String(ctx.getNodeParameter('leadIdField', i, 'email'));
	const key = readKey(json, field);
	const problem = keyProblem(key, field);
	if (problem || !key) return { index: i, json, flag: problem ?? '' };
	const tiers = readTiers(ctx, i);
	const tier = chooseTier(tiers, tierChoice(ctx, i, json), defaultTier(tiers, options.defaultTier));
	if (!tier.ok) return { index: i, json, flag: tier.reason };
	const zone = repZone(ctx.getNodeParameter('repTimeZone', i, ''));
	if (zone.problem) return { index: i, json, flag: zone.problem };
	const maxAgeHours = numberOption(options, 'maxStartAgeHours', 'Max Start Age (Hours)', 24, 0);
	const window = { futureToleranceMs: FUTURE_TOLERANCE_MS, maxAgeMs: maxAgeHours * 3_600_000 };
	const start = chooseStart({ option: options.startedAt, submittedAt: readPath(json, 'submittedAt'), now, window });
	if (!start.ok) return { index: i, json, flag: start.reason };
	const calendar = settings.calendarFor(zone.zone ?? settings.teamZone);
	const lead = timerLead(json as JsonObject, options.keepFullLead === true);
	const timer = planTimer({
		key,
		tier: tier.tier,
		calendar,
		levels: settings.levels,
		startedAt: start.ms,
		lead,
		owner: ownerOf(json),
	});
	const notes = [tier.note, start.note].filter((note): note is string => note !== undefined);
	return { index: i, json, timer, startedFrom: start.from, notes };
}

export async function planTimers(this: IExecuteFunctions, record: boolean): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	let settings: PlanSettings;
	let now: number;
	let retentionDays = 30;
	try {
		settings = readPlanSettings(this);
		now = evaluationTime(readOptions(this, 0));
		if (record)
			retentionDays = numberOption(readOptions(this, 0), 'retentionDays', 'Keep Finished Timers (Days)', 30, 1);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	const started: INodeExecutionData[] = [];
	const flagged: INodeExecutionData[] = [];
	const planned: Planned[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			planned.push(planItem(this, i, now, settings));
		} catch (error) {
			flagged.push(failedItem(this, i, error));
		}
	}
	const timers = planned.flatMap((p) => ('timer' in p ? [p.timer] : []));
	let replaced: boolean[] = timers.map(() => false);
	let storeFailure: { error: unknown } | undefined;
	if (record && timers.length) {
		try {
			const opened = await openTimerStore(this, { retentionMs: retentionDays * 86_400_000 });
			replaced = await opened.run(async (store, history) => {
				const result = await store.start(timers);
				await history.started(timers.map(historyRecord), now);
				return result;
			});
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
			storeFailure = { error };
		}
	}
	let t = 0;
	for (const p of planned) {
		const pairedItem = { item: p.index };
		if ('flag' in p) {
			flagged.push({ json: { ...p.json, sla: { status: 'flagged', reason: p.flag } }, pairedItem });
			continue;
		}
		if (storeFailure) {
			flagged.push(failedItem(this, p.index, storeFailure.error));
			continue;
		}
		const sla = slaView(p.timer, record ? 'open' : 'computed', undefined);
		sla.startedFrom = p.startedFrom;
		if (p.notes.length) sla.notes = p.notes;
		if (record) sla.restarted = replaced[t];
		t++;
		started.push({ json: { ...p.json, sla: sla as IDataObject }, pairedItem });
	}
	return [started, flagged];
}
