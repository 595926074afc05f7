/**
 * Timers in the local store: one record per lead in the workflow's static data (through withLocalState, so overlapping
 * executions of this process see one live state and take turns), plus an in-memory heap by next due time. The heap is
 * not persisted: after a restart it is rebuilt once from the saved records, which carry their next level.
 *
 * Each record is kept as a JSON string: n8n wraps every nested object of static data in a Proxy on every execution,
 * so 100k timers as objects would cost seconds per execution; as strings they cost almost nothing.
 */
import { isOvertaken } from '../../sla/levels';
import type { SlaTimer } from '../../sla/timer';
import { JsonObject, LocalScope, withLocalState } from '../local-state';
import { HeapEntry, TimerHeap } from './heap';
import { DEFAULT_RETENTION_MS, DueLevel, purgeAt, TimerStore, TimerStoreOptions } from './types';

interface StoredTimer extends SlaTimer {
	/** Index of the next level to emit; `levels.length` once all were emitted. */
	next: number;
}

type TimerTable = Record<string, string>;

// Prefixing every key keeps lead ids such as "__proto__" from touching the object's prototype.
const slot = (key: string) => `k:${key}`;

const heaps = new WeakMap<JsonObject, TimerHeap>();

function isTable(value: unknown): value is TimerTable {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A damaged record (e.g. static data edited by hand) reads as no timer rather than breaking every check. */
function parse(text: unknown): StoredTimer | undefined {
	if (typeof text !== 'string') return undefined;
	try {
		const value = JSON.parse(text) as StoredTimer;
		return Array.isArray(value?.levels) && typeof value.key === 'string' && typeof value.next === 'number' ? value : undefined;
	} catch {
		return undefined;
	}
}

function read(table: TimerTable, key: string): StoredTimer | undefined {
	return parse(table[slot(key)]);
}

function write(table: TimerTable, timer: StoredTimer): void {
	table[slot(timer.key)] = JSON.stringify(timer);
}

export class LocalTimerStore implements TimerStore {
	private readonly options: TimerStoreOptions;

	constructor(
		private readonly scope: LocalScope,
		options: Partial<TimerStoreOptions> = {},
	) {
		this.options = { retentionMs: options.retentionMs ?? DEFAULT_RETENTION_MS };
	}

	private entryFor(timer: StoredTimer): HeapEntry {
		const at = timer.next < timer.levels.length ? timer.levels[timer.next].at : purgeAt(timer, this.options);
		return { at, key: timer.key, id: timer.id, index: timer.next };
	}

	private open(state: JsonObject): { table: TimerTable; heap: TimerHeap } {
		if (!isTable(state.timers)) state.timers = {};
		const table = state.timers as TimerTable;
		let heap = heaps.get(state);
		if (!heap) {
			heap = new TimerHeap();
			for (const text of Object.values(table)) {
				const timer = parse(text);
				if (timer) heap.push(this.entryFor(timer));
			}
			heaps.set(state, heap);
		}
		return { table, heap };
	}

	async start(timers: SlaTimer[]): Promise<boolean[]> {
		return await withLocalState(this.scope, (state) => {
			const { table, heap } = this.open(state);
			return timers.map((timer) => {
				const replaced = table[slot(timer.key)] !== undefined;
				const stored: StoredTimer = { ...timer, next: 0 };
				write(table, stored);
				heap.push(this.entryFor(stored));
				return replaced;
			});
		});
	}

	async stop(keys: string[]): Promise<Array<SlaTimer | undefined>> {
		return await withLocalState(this.scope, (state) => {
			const { table } = this.open(state);
			return keys.map((key) => {
				const stored = read(table, key);
				if (!stored) return undefined;
				delete table[slot(key)];
				return publicView(stored);
			});
		});
	}

	async claimDue(now: number, max: number): Promise<DueLevel[]> {
		return await withLocalState(this.scope, (state) => {
			const { table, heap } = this.open(state);
			const claimed: DueLevel[] = [];
			while (claimed.length < max) {
				const top = heap.peek();
				if (!top || top.at > now) break;
				heap.pop();
				const stored = read(table, top.key);
				// Entries of stopped, restarted or already advanced timers are stale: skipping them is the lazy delete.
				if (!stored || stored.id !== top.id || stored.next !== top.index) continue;
				if (top.index >= stored.levels.length) {
					delete table[slot(top.key)];
					continue;
				}
				stored.next = top.index + 1;
				write(table, stored);
				heap.push(this.entryFor(stored));
				if (isOvertaken(stored.levels, top.index, now)) continue;
				claimed.push({ timer: publicView(stored), index: top.index, level: { ...stored.levels[top.index] } });
			}
			return claimed;
		});
	}

	async peekDue(now: number, max: number): Promise<DueLevel[]> {
		return await withLocalState(this.scope, (state) => {
			const { table, heap } = this.open(state);
			const popped: HeapEntry[] = [];
			const due: DueLevel[] = [];
			while (due.length < max) {
				const top = heap.peek();
				if (!top || top.at > now) break;
				heap.pop();
				const stored = read(table, top.key);
				if (!stored || stored.id !== top.id || stored.next !== top.index) continue;
				popped.push(top);
				for (let index = top.index; index < stored.levels.length && due.length < max; index++) {
					const level = stored.levels[index];
					if (level.at > now) break;
					if (!isOvertaken(stored.levels, index, now)) due.push({ timer: publicView({ ...stored }), index, level: { ...level } });
				}
			}
			for (const entry of popped) heap.push(entry);
			return due;
		});
	}

	async count(): Promise<number> {
		return await withLocalState(this.scope, (state) => Object.keys(this.open(state).table).length);
	}
}

/** Records are parsed fresh from their JSON text, so callers may keep or change them freely. */
function publicView(stored: StoredTimer): SlaTimer {
	const view: Partial<StoredTimer> = stored;
	delete view.next;
	return view as SlaTimer;
}
