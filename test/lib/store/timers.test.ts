import { createCalendar } from '../../../lib/sla/calendar';
import { validateTiers } from '../../../lib/sla/tiers';
import { planTimer, SlaTimer } from '../../../lib/sla/timer';
import { JsonObject, resetLocalState } from '../../../lib/store/static/state';
import { LocalTimerStore } from '../../../lib/store/static/timers';
import type { TimerStore } from '../../../lib/store/timers';
import { backends, cleanupBackends, restartProcess } from './backends';

const MIN = 60_000;
const T0 = Date.parse('2026-11-17T15:00:00Z');
const calendar = createCalendar({ instant: true, timeZone: 'UTC', workingDays: [], start: '', end: '' });
const [tier] = validateTiers([{ name: 'hot', minutes: 10 }]);
const levels = { warningPercent: 50, escalationPercents: [200] };
const timer = (key: string, startedAt = T0): SlaTimer =>
	planTimer({ key, tier, calendar, levels, startedAt, lead: { email: key, routing: { ownerId: 'rep-1' } } });
const labels = (due: Awaited<ReturnType<TimerStore['claimDue']>>) =>
	due.map((d) => `${d.timer.key}:${d.level.name}`).sort();

afterAll(async () => {
	await cleanupBackends();
});

describe.each(backends)('$name timer store', (backend) => {
	let store: TimerStore;
	beforeEach(async () => {
		restartProcess();
		const { store: opened, scope } = await backend.open();
		store = opened.timers(scope, { retentionMs: 60 * MIN });
	});

	it('emits warning, breach and escalation once each, in order', async () => {
		expect(await store.start([timer('a@x.com'), timer('b@x.com', T0 + 4 * MIN)])).toEqual([false, false]);
		expect(await store.claimDue(T0 + 4 * MIN, 100)).toEqual([]);
		expect(labels(await store.claimDue(T0 + 5 * MIN, 100))).toEqual(['a@x.com:warning']);
		expect(await store.claimDue(T0 + 5 * MIN, 100)).toEqual([]);
		expect(labels(await store.claimDue(T0 + 10 * MIN, 100))).toEqual(['a@x.com:breached', 'b@x.com:warning']);
		expect(labels(await store.claimDue(T0 + 30 * MIN, 100))).toEqual([
			'a@x.com:escalated',
			'b@x.com:breached',
			'b@x.com:escalated',
		]);
		expect(await store.claimDue(T0 + 300 * MIN, 100)).toEqual([]);
	});

	it('hands the escalation workflow the lead snapshot and the levels', async () => {
		await store.start([timer('a@x.com')]);
		const [warning, due] = await store.claimDue(T0 + 10 * MIN, 100);
		expect(warning.level.name).toBe('warning');
		expect(due.level).toMatchObject({ name: 'breached', percent: 100, at: T0 + 10 * MIN });
		expect(due.timer.lead).toEqual({ email: 'a@x.com', routing: { ownerId: 'rep-1' } });
		expect(due.timer.levels).toHaveLength(3);
		expect(due.timer).not.toHaveProperty('next');
	});

	it('previews due levels without claiming them', async () => {
		await store.start([timer('a@x.com'), timer('b@x.com', T0 + 60 * MIN)]);
		expect(labels(await store.peekDue(T0 + 11 * MIN, 100))).toEqual(['a@x.com:breached', 'a@x.com:warning']);
		expect(labels(await store.peekDue(T0 + 21 * MIN, 100))).toEqual([
			'a@x.com:breached',
			'a@x.com:escalated',
			'a@x.com:warning',
		]);
		expect(labels(await store.claimDue(T0 + 21 * MIN, 100))).toEqual([
			'a@x.com:breached',
			'a@x.com:escalated',
			'a@x.com:warning',
		]);
		expect(await store.peekDue(T0 + 21 * MIN, 100)).toEqual([]);
	});

	it('keeps a warning the breach has overtaken (late check): both come, in order, once', async () => {
		await store.start([timer('a@x.com')]);
		const due = await store.claimDue(T0 + 11 * MIN, 100);
		expect(due.map((d) => d.level.name)).toEqual(['warning', 'breached']);
		expect(await store.claimDue(T0 + 11 * MIN, 100)).toEqual([]);
	});

	it('stops a timer: no more levels, and the record comes back once', async () => {
		await store.start([timer('a@x.com'), timer('b@x.com')]);
		const [stopped, unknown] = await store.stop(['a@x.com', 'nobody@x.com']);
		expect(stopped?.key).toBe('a@x.com');
		expect(unknown).toBeUndefined();
		expect(await store.stop(['a@x.com'])).toEqual([undefined]);
		expect(labels(await store.claimDue(T0 + 10 * MIN, 100))).toEqual(['b@x.com:breached', 'b@x.com:warning']);
	});

	it('restarting a key replaces the old clock', async () => {
		await store.start([timer('a@x.com')]);
		expect(await store.start([timer('a@x.com', T0 + 60 * MIN)])).toEqual([true]);
		expect(await store.claimDue(T0 + 59 * MIN, 100)).toEqual([]);
		expect(labels(await store.claimDue(T0 + 70 * MIN, 100))).toEqual(['a@x.com:breached', 'a@x.com:warning']);
		expect(await store.count()).toBe(1);
	});

	it('forgets finished timers after the retention time', async () => {
		await store.start([timer('a@x.com')]);
		await store.claimDue(T0 + 20 * MIN, 100);
		expect(await store.count()).toBe(1);
		expect(await store.claimDue(T0 + 81 * MIN, 100)).toEqual([]);
		expect(await store.count()).toBe(0);
	});

	it('respects the batch limit and leaves the rest for the next check', async () => {
		await store.start(Array.from({ length: 30 }, (_, i) => timer(`l${i}@x.com`)));
		// 30 warnings and 30 breaches are due.
		expect(await store.claimDue(T0 + 10 * MIN, 12)).toHaveLength(12);
		expect(await store.claimDue(T0 + 10 * MIN, 100)).toHaveLength(48);
	});

	it('keeps odd keys apart from object internals', async () => {
		await store.start([timer('__proto__'), timer('constructor'), timer('a:b:c')]);
		const due = labels(await store.claimDue(T0 + 10 * MIN, 100)).filter((label) => label.endsWith(':breached'));
		expect(due).toEqual(['__proto__:breached', 'a:b:c:breached', 'constructor:breached']);
		expect(({} as JsonObject).timers).toBeUndefined();
	});

	it('emits every level exactly once when 40 checks overlap', async () => {
		const keys = Array.from({ length: 300 }, (_, i) => `lead-${i}`);
		await store.start(keys.map((key, i) => timer(key, T0 + (i % 7) * MIN)));
		const runs = await Promise.all(Array.from({ length: 40 }, (_, i) => store.claimDue(T0 + 5 * MIN + i * 10_000, 25)));
		const more = await Promise.all(Array.from({ length: 40 }, () => store.claimDue(T0 + 40 * MIN, 1000)));
		const all = [...runs, ...more].flat().map((d) => `${d.timer.key}:${d.level.name}`);
		expect(new Set(all).size).toBe(all.length);
		const breaches = all.filter((label) => label.endsWith(':breached'));
		expect(breaches).toHaveLength(300);
		expect(all.filter((label) => label.endsWith(':escalated'))).toHaveLength(300);
		expect(all.filter((label) => label.endsWith(':warning'))).toHaveLength(300);
	});
});

describe('local timer store across a restart', () => {
	it('keeps the retention chosen at Start, whatever store instance checks later', async () => {
		resetLocalState();
		const scope = { workflowId: 'wf-retention', namespace: 'leadRouting.sla.default', staticData: {} };
		await new LocalTimerStore(scope, { retentionMs: 60 * MIN }).start([timer('a@x.com')]);
		const checker = new LocalTimerStore(scope);
		expect(await checker.claimDue(T0 + 30 * MIN, 100)).toHaveLength(3);
		expect(await checker.count()).toBe(1);
		await checker.claimDue(T0 + 81 * MIN, 100);
		expect(await checker.count()).toBe(0);
	});

	it('finds timers due after static data was saved and loaded again', async () => {
		resetLocalState();
		const saved: JsonObject = {};
		const scope = { workflowId: 'wf-restart', namespace: 'leadRouting.sla.default', staticData: saved };
		await new LocalTimerStore(scope).start([timer('a@x.com'), timer('b@x.com')]);
		expect(await new LocalTimerStore(scope).claimDue(T0 + 5 * MIN, 100)).toHaveLength(2);
		const reloaded = JSON.parse(JSON.stringify(saved)) as JsonObject;
		// A damaged record (static data edited by hand) is skipped, not fatal.
		((reloaded['leadRouting.sla.default'] as JsonObject).timers as JsonObject)['k:broken'] = '{not json';
		resetLocalState();
		const after = new LocalTimerStore({ ...scope, staticData: reloaded });
		expect(labels(await after.claimDue(T0 + 10 * MIN, 100))).toEqual(['a@x.com:breached', 'b@x.com:breached']);
		expect(await after.claimDue(T0 + 10 * MIN, 100)).toEqual([]);
	});
});
