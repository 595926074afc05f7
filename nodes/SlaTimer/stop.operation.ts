/** Stop: close the lead's timer and report met or breached, with the response time in business and wall-clock minutes. */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { keyProblem, readKey } from '../../lib/sla/fields';
import { measureStop, readInstant, SlaTimer, slaView, type StopOutcome } from '../../lib/sla/timer';
import { failedItem, toNodeError } from '../shared/errors';
import { evaluateAtOption, leadIdProperty, optionsProperty } from './common.description';
import { evaluationTime, readOptions } from './settings';
import { openTimerStore } from './timer-store';

const properties: INodeProperties[] = [
	leadIdProperty,
	optionsProperty([
		evaluateAtOption,
		{
			displayName: 'Responded At',
			name: 'respondedAt',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.activity.timestamp }}',
			description: 'When the lead got the first response (ISO 8601). Empty means now.',
		},
	]),
];

const displayOptions = { show: { operation: ['stop'] } };

export const description = updateDisplayOptions(displayOptions, properties);

type Request =
	| { index: number; key: string; respondedAt: number }
	| { index: number; flag: string }
	| { index: number; failed: INodeExecutionData };

/** What Stop measured for each timer it closed, for the SLA history. */
function answers(requests: Request[], closed: Array<SlaTimer | undefined>) {
	const keyed = requests.flatMap((r) => ('key' in r ? [r] : []));
	return keyed.flatMap((request, k) => {
		const timer = closed[k];
		if (!timer) return [];
		const outcome: StopOutcome = measureStop(timer, request.respondedAt);
		const { respondedAt } = request;
		const { responseMinutes, businessResponseMinutes } = outcome;
		return [{ id: timer.id, key: timer.key, response: { respondedAt, responseMinutes, businessResponseMinutes } }];
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	let now: number;
	try {
		now = evaluationTime(readOptions(this, 0));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	const requests: Request[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const field = String(this.getNodeParameter('leadIdField', i, 'email'));
			const key = readKey(items[i].json, field);
			const responded = readInstant(readOptions(this, i).respondedAt, now, 'Responded At');
			const problem = keyProblem(key, field);
			if (problem || !key) requests.push({ index: i, flag: problem ?? '' });
			else if (!responded.ok) requests.push({ index: i, flag: responded.reason });
			else requests.push({ index: i, key, respondedAt: responded.ms });
		} catch (error) {
			requests.push({ index: i, failed: failedItem(this, i, error) });
		}
	}
	const keys = requests.flatMap((r) => ('key' in r ? [r.key] : []));
	let closed: Array<SlaTimer | undefined> = [];
	let storeFailure: { error: unknown } | undefined;
	try {
		const opened = keys.length ? await openTimerStore(this) : undefined;
		closed = opened
			? await opened.run(async (store, history) => {
					const timers = await store.stop(keys);
					await history.answered(answers(requests, timers));
					return timers;
				})
			: [];
	} catch (error) {
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
		storeFailure = { error };
	}

	const stopped: INodeExecutionData[] = [];
	const flagged: INodeExecutionData[] = [];
	let k = 0;
	for (const request of requests) {
		const json = items[request.index].json;
		const pairedItem = { item: request.index };
		if ('failed' in request) {
			flagged.push(request.failed);
			continue;
		}
		if ('flag' in request) {
			flagged.push({ json: { ...json, sla: { status: 'flagged', reason: request.flag } }, pairedItem });
			continue;
		}
		if (storeFailure) {
			flagged.push(failedItem(this, request.index, storeFailure.error));
			continue;
		}
		const timer = closed[k++];
		if (!timer) {
			const reason = `No open SLA timer for lead "${request.key}": never started, already stopped, or forgotten after the retention time`;
			flagged.push({ json: { ...json, sla: { status: 'unknown', key: request.key, reason } }, pairedItem });
			continue;
		}
		const outcome = measureStop(timer, request.respondedAt);
		const sla: IDataObject = {
			...(slaView(timer, outcome.status, outcome.level) as IDataObject),
			respondedAt: new Date(request.respondedAt).toISOString(),
			responseMinutes: outcome.responseMinutes,
			businessResponseMinutes: outcome.businessResponseMinutes,
		};
		stopped.push({ json: { ...json, sla }, pairedItem });
	}
	return [stopped, flagged];
}
