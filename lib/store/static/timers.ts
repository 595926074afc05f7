/**
 * Timers in the local store, in the workflow's static data (through withLocalState, so overlapping executions of this
 * process see one live state and take turns): `timers` maps each lead to its record, `due` to the time of its next
 * event (next level, or when a finished timer is forgotten). An in-memory heap on `due` lets a check pop only what is
 * due; it is not persisted but rebuilt from `due` alone after a restart.
 *
 * Records are kept as JSON text and `due` as numbers: n8n wraps every nested object of static data in a Proxy on every
 * execution, so 100k timers as objects would cost seconds per execution; as text they cost almost nothing.
 */
import type { SlaTimer } from '../../sla/timer';
import { JsonObject, LocalScope, withLocalState } from './state';
import { HeapEntry, TimerHeap } from './heap';
import { DEFAULT_RETENTION_MS, DueLevel, purgeAt, TimerStore, TimerStoreOptions } from '../timers';

interface StoredTimer extends SlaTimer {
	/** Index of the next level to emit; `levels.length` once all were emitted. */
	next: number;
	/** When the finished timer is forgotten (fixed at Start, by that node's retention setting). */
	purgeAt: number;
}

type Table<T> = Record<string, T>;

interface Tables {
	timers: Table<string>;
	due: Table<number>;
	heap: TimerHeap;
}

// Prefixing every key keeps lead ids such as "__proto__" from touching the object's prototype.
const slot = (key: string) => `k:${key}`;

const heaps = new WeakMap<JsonObject, TimerHeap>();

function isTable(value: unknown): value is Table<unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A damaged record (e.g. static data edited by hand) reads as no timer rather than breaking every check. */
function parse(text: unknown): StoredTimer | undefined {
	if (typeof text !== 'string') return undefined;
	try {
		const value = JSON.parse(text) as StoredTimer;
		return Array.isArray(value?.levels) && typeof value.key === 'string' && typeof value.next === 'number'
			? value
			: undefined;
	} catch {
		return undefined;
	}
}

function nextEventAt(timer: StoredTimer): number {
	return timer.next < timer.levels.length ? timer.levels[timer.next].at : timer.purgeAt;
}

/** Saves the record and its next event; returns the heap entry for that event. */
function save(tables: Tables, timer: StoredTimer): HeapEntry {
	const at = nextEventAt(timer);
	tables.timers[slot(timer.key)] = JSON.stringify(timer);
	tables.due[slot(timer.key)] = at;
	return { at, key: timer.key };
}

function remove(tables: Tables, key: string): void {
	delete tables.timers[slot(key)];
	delete tables.due[slot(key)];
}

/** Records are parsed fresh from their JSON text, so callers may keep or change them freely. */
function publicView(stored: StoredTimer): SlaTimer {
	const view: Partial<StoredTimer> = { ...stored };
	delete view.next;
	delete view.purgeAt;
	return view as SlaTimer;
}

export class LocalTimerStore implements TimerStore {
	private readonly options: TimerStoreOptions;

	constructor(
		private readonly scope: LocalScope,
		options: Partial<TimerStoreOptions> = {},
	) {
		this.options = { retentionMs: options.retentionMs ?? DEFAULT_RETENTION_MS };
	}

	private open(state: JsonObject): Tables {
		if (!isTable(state.timers)) state.timers = {};
		if (!isTable(state.due)) state.due = {};
		const timers = state.timers as Table<string>;
		const due = state.due as Table<number>;
		let heap = heaps.get(state);
		if (!heap) {
			heap = new TimerHeap();
			for (const [key, at] of Object.entries(due)) if (typeof at === 'number') heap.push({ at, key: key.slice(2) });
			heaps.set(state, heap);
		}
		return { timers, due, heap };
	}

	/**
	 * Pops heap entries due at `now` that still match their timer's next event. An entry whose time no longer matches
	 * (timer stopped, restarted or advanced since) is stale: skipping it is the lazy delete.
	 */
	private *dueTimers(tables: Tables, now: number): Generator<{ entry: HeapEntry; timer: StoredTimer }> {
		for (;;) {
			const top = tables.heap.peek();
			if (!top || top.at > now) return;
			tables.heap.pop();
			const timer = parse(tables.timers[slot(top.key)]);
			if (timer && nextEventAt(timer) === top.at && tables.due[slot(top.key)] === top.at) yield { entry: top, timer };
		}
	}

	async start(timers: SlaTimer[]): Promise<boolean[]> {
		return await withLocalState(this.scope, (state) => {
			const tables = this.open(state);
			return timers.map((timer) => {
				const replaced = tables.timers[slot(timer.key)] !== undefined;
				tables.heap.push(save(tables, { ...timer, next: 0, purgeAt: purgeAt(timer, this.options) }));
				return replaced;
			});
		});
	}

	async stop(keys: string[]): Promise<Array<SlaTimer | undefined>> {
		return await withLocalState(this.scope, (state) => {
			const tables = this.open(state);
			return keys.map((key) => {
				const stored = parse(tables.timers[slot(key)]);
				remove(tables, key);
				return stored && publicView(stored);
			});
		});
	}

	async claimDue(now: number, max: number): Promise<DueLevel[]> {
		return await withLocalState(this.scope, (state) => {
			const tables = this.open(state);
			const claimed: DueLevel[] = [];
			if (max < 1) return claimed;
			for (const { timer } of this.dueTimers(tables, now)) {
				if (timer.next >= timer.levels.length) {
					remove(tables, timer.key);
				} else {
					const index = timer.next;
					timer.next = index + 1;
					tables.heap.push(save(tables, timer));
					claimed.push({ timer: publicView(timer), index, level: { ...timer.levels[index] } });
				}
				if (claimed.length >= max) break;
			}
			return claimed;
		});
	}

	async peekDue(now: number, max: number): Promise<DueLevel[]> {
		return await withLocalState(this.scope, (state) => {
			const tables = this.open(state);
			const popped: HeapEntry[] = [];
			const seen = new Set<string>();
			const due: DueLevel[] = [];
			for (const { entry, timer } of this.dueTimers(tables, now)) {
				popped.push(entry);
				if (seen.has(timer.key)) continue;
				seen.add(timer.key);
				for (let index = timer.next; index < timer.levels.length && due.length < max; index++) {
					const level = timer.levels[index];
					if (level.at > now) break;
					due.push({ timer: publicView(timer), index, level: { ...level } });
				}
				if (due.length >= max) break;
			}
			for (const entry of popped) tables.heap.push(entry);
			return due;
		});
	}

	async count(): Promise<number> {
		return await withLocalState(this.scope, (state) => Object.keys(this.open(state).timers).length);
	}
}
