/**
 * SLA history in the workflow's static data (the legacy store), next to the timers: records as JSON text by timer id
 * (text costs n8n almost nothing per execution, see timers.ts), start times as numbers so a period and the pruning
 * scan numbers only, and lead key → id of its unanswered record.
 */
import { parseRecord, SLA_HISTORY_RETENTION_MS, type SlaHistoryStore, type SlaRecord } from '../sla-history';
import { isJsonObject, withLocalState, type JsonObject, type LocalScope } from './state';

interface Tables {
	records: Record<string, string>;
	responses: Record<string, string>;
	startedAt: Record<string, number>;
	open: Record<string, string>;
}

// Prefixed slots keep ids and lead keys such as "__proto__" plain data.
const slot = (id: string) => `k:${id}`;

function tables(state: JsonObject): Tables {
	if (!isJsonObject(state.history)) state.history = { records: {}, responses: {}, startedAt: {}, open: {} };
	const history = state.history as JsonObject;
	for (const name of ['records', 'responses', 'startedAt', 'open'])
		if (!isJsonObject(history[name])) history[name] = {};
	return history as unknown as Tables;
}

function forget(t: Tables, id: string): void {
	delete t.records[slot(id)];
	delete t.responses[slot(id)];
	delete t.startedAt[slot(id)];
}

export function staticSlaHistory(scope: LocalScope): SlaHistoryStore {
	return {
		started: async (records, now) =>
			await withLocalState(scope, (state) => {
				const t = tables(state);
				const cutoff = now - SLA_HISTORY_RETENTION_MS;
				for (const [s, at] of Object.entries(t.startedAt)) if (at <= cutoff) forget(t, s.slice(2));
				for (const record of records) {
					const previous = t.open[slot(record.key)];
					if (previous !== undefined) forget(t, previous);
					t.records[slot(record.id)] = JSON.stringify(record);
					t.startedAt[slot(record.id)] = record.startedAt;
					t.open[slot(record.key)] = record.id;
				}
			}),
		answered: async (responses) =>
			await withLocalState(scope, (state) => {
				const t = tables(state);
				for (const { id, key, response } of responses) {
					if (t.records[slot(id)] !== undefined) t.responses[slot(id)] = JSON.stringify(response);
					if (t.open[slot(key)] === id) delete t.open[slot(key)];
				}
			}),
		list: async (from, to, limit) =>
			await withLocalState(scope, (state) => {
				const t = tables(state);
				const ids = Object.entries(t.startedAt)
					.filter(([, at]) => at >= from && at < to)
					.sort((a, b) => a[1] - b[1])
					.slice(0, Math.max(0, limit));
				return ids.flatMap(([s]) => {
					const record: SlaRecord | undefined = parseRecord(t.records[s], t.responses[s]);
					return record ? [record] : [];
				});
			}),
	};
}
