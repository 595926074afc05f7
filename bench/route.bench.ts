/**
 * Route Lead decisions per second on seeded synthetic leads: the routing core (rules, eligibility with time zones and
 * working hours, atomic pick-and-record) with the local store in-process and with Redis, against a plain in-memory
 * round-robin counter measured in the same run. Rule conditions are plain predicates here; in n8n they are evaluated
 * by n8n's filter, whose cost is measured separately through the real engine (route_engine_items_per_s).
 */
import Redis from 'ioredis';
import { decide } from '../lib/route/decide';
import { buildRoster, type RepInput } from '../lib/route/roster';
import { toFallbackConfig, toRuleConfigs, type RawRule } from '../lib/route/rules';
import type { AssignmentStore } from '../lib/store/assignment';
import { LocalAssignmentStore } from '../lib/store/static/assignment';
import { RedisAssignmentStore } from '../lib/store/redis/assignment';
import { windowsAt } from '../lib/store/windows';
import { log, pick, round, seededRandom, timeMs } from './util';

const ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'CA', 'JP', 'BR', 'IN'];

function roster(): RepInput[] {
	const random = seededRandom(7);
	return Array.from({ length: 24 }, (_, i) => ({
		id: `rep${i}`,
		name: `Rep ${i}`,
		email: `rep${i}@example.com`,
		teams: ['emea', 'na', 'apac'][i % 3],
		skills: i % 4 === 0 ? 'german' : '',
		weight: 1 + (i % 3),
		priority: 1 + (i % 5),
		timeZone: pick(random, ZONES),
		workingHours: '00:00-24:00',
		workingDays: 'Mon-Sun',
		capacityPerDay: 0,
	}));
}

// Eight rules, in the seeds' order: account owner, territories, a skill rule, a queue, the round robin catch-all.
const RULES: RawRule[] = [
	{ name: 'Owner', assignTo: 'accountOwner' },
	{ name: 'DACH German', team: 'emea', requiredSkills: 'german', strategy: 'priority' },
	{ name: 'EMEA', team: 'emea', strategy: 'weighted', respectWorkingHours: true },
	{ name: 'NA', team: 'na', strategy: 'roundRobin', respectWorkingHours: true },
	{ name: 'APAC', team: 'apac', strategy: 'leastLoaded' },
	{ name: 'Enterprise', assignTo: 'queue', queueName: 'Enterprise', queueOwnerId: 'rep0' },
	{ name: 'Partners', team: 'na', strategy: 'random' },
	{ name: 'Everyone', strategy: 'roundRobin' },
];

export type Lead = { country: string; employees: number; language: string; match?: { ownerId: string } };

const PREDICATES: Array<(lead: Lead) => boolean> = [
	() => true,
	(l) => l.country === 'DE' && l.language === 'de',
	(l) => ['DE', 'FR', 'GB'].includes(l.country),
	(l) => ['US', 'CA'].includes(l.country),
	(l) => l.country === 'JP',
	(l) => l.employees > 5000,
	(l) => l.country === 'BR',
	() => true,
];

export function leads(n: number): Lead[] {
	const random = seededRandom(11);
	return Array.from({ length: n }, () => ({
		country: pick(random, COUNTRIES),
		employees: Math.floor(random() * 10000),
		language: random() < 0.5 ? 'de' : 'en',
		...(random() < 0.2 ? { match: { ownerId: `rep${Math.floor(random() * 30)}` } } : {}),
	}));
}

export async function decisionsPerSecond(store: AssignmentStore, batch: Lead[], inFlight: number): Promise<number> {
	const rules = toRuleConfigs(RULES);
	const setup = {
		rules,
		roster: buildRoster(roster()),
		fallback: toFallbackConfig({ queueName: 'Unassigned', ownerId: 'ops' }),
		store,
		dryRun: false,
		slaReroute: true,
	};
	// One input object per worker, refilled per lead, as a node would reuse its per-execution settings.
	const worker = () => {
		const input = {
			...setup,
			lead: {} as Lead,
			now: 0,
			windows: windowsAt(Date.now(), 'UTC'),
			matches: (r: number) => PREDICATES[r](input.lead),
		};
		return (lead: Lead) => {
			input.lead = lead;
			input.now = Date.now();
			input.windows = windowsAt(input.now, 'UTC');
			return decide(input);
		};
	};
	const { ms } = await timeMs(async () => {
		let next = 0;
		const loop = async () => {
			const one = worker();
			while (next < batch.length) await one(batch[next++]);
		};
		await Promise.all(Array.from({ length: inFlight }, loop));
	});
	return (batch.length / ms) * 1000;
}

function baselinePerSecond(n: number): number {
	// The naive approach: an in-memory counter that picks reps in turn, with no rules, eligibility or persistence.
	const counts = new Map<string, number>();
	const ids = roster().map((r) => String(r.id));
	let turn = 0;
	const start = performance.now();
	for (let i = 0; i < n; i++) {
		const id = ids[turn++ % ids.length];
		counts.set(id, (counts.get(id) ?? 0) + 1);
	}
	return (n / (performance.now() - start)) * 1000;
}

async function engineItemsPerSecond(): Promise<number | undefined> {
	if (!process.env.LEAD_ROUTING_PACKAGE_DIR && !process.env.LEAD_ROUTING_BENCH) return undefined;
	const { runWorkflow, singleNode } = await import('../test/helpers/engine');
	const cond = (field: string, value: string) => ({
		options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
		conditions: [
			{
				id: field,
				leftValue: `={{ $json.${field} }}`,
				rightValue: value,
				operator: { type: 'string', operation: 'equals' },
			},
		],
		combinator: 'and',
	});
	const workflow = singleNode('routeLead', {
		operation: 'route',
		roster: { reps: roster() as unknown as Array<Record<string, string>> },
		rules: {
			values: [
				{ name: 'DE', conditions: cond('country', 'DE'), assignTo: 'pool', team: 'emea', strategy: 'weighted' },
				{ name: 'US', conditions: cond('country', 'US'), assignTo: 'pool', team: 'na', strategy: 'roundRobin' },
				{ name: 'All', conditions: cond('language', 'en'), assignTo: 'pool', strategy: 'roundRobin' },
			],
		},
		fallbackQueueName: 'Unassigned',
		fallbackOwnerId: 'ops',
	});
	workflow.id = 'bench-route';
	const input = leads(2000) as unknown as Array<Record<string, string>>;
	await runWorkflow(workflow, { input: input.slice(0, 100) });
	const { ms, value } = await timeMs(() => runWorkflow(workflow, { input }));
	if (value.run.status !== 'success') throw new Error(`engine run failed: ${value.error('Node')}`);
	return (input.length / ms) * 1000;
}

export async function run(): Promise<Record<string, number>> {
	const localBatch = leads(100_000);
	const local = new LocalAssignmentStore({ workflowId: 'bench', namespace: 'route', staticData: {} });
	await decisionsPerSecond(local, localBatch.slice(0, 10_000), 1);
	const localRate = await decisionsPerSecond(local, localBatch, 1);
	const baseline = baselinePerSecond(1_000_000);
	log(
		`local store: ${round(localRate)} decisions/s (${RULES.length} rules, 24 reps); in-memory counter baseline ${round(baseline)}/s`,
	);

	const results: Record<string, number> = {
		route_rule_count: RULES.length,
		route_roster_size: 24,
		route_local_decisions_per_s: round(localRate),
		route_baseline_counter_per_s: round(baseline),
		route_local_vs_baseline_ratio: round(localRate / baseline, 4),
	};

	const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
	redis.on('error', () => {});
	try {
		await redis.connect();
		const prefix = `bench:route:${process.pid}:`;
		const store = new RedisAssignmentStore(redis, prefix, 'Redis at 127.0.0.1:6379');
		const batch = leads(20_000);
		await decisionsPerSecond(store, batch.slice(0, 1000), 8);
		const sequential = await decisionsPerSecond(store, batch.slice(0, 5000), 1);
		const concurrent = await decisionsPerSecond(store, batch, 32);
		log(
			`Redis store: ${round(concurrent)} decisions/s with 32 executions in flight, ${round(sequential)}/s one at a time`,
		);
		results.route_redis_decisions_per_s = round(concurrent);
		results.route_redis_sequential_decisions_per_s = round(sequential);
		const keys = await redis.keys(`${prefix}*`);
		if (keys.length) await redis.del(...keys);
	} catch (error) {
		log(`Redis benchmark skipped: ${(error as Error).message}`);
	} finally {
		redis.disconnect();
	}

	try {
		const engine = await engineItemsPerSecond();
		if (engine !== undefined) {
			log(`through n8n's real engine (3 rules, n8n filter conditions, local store): ${round(engine)} items/s`);
			results.route_engine_items_per_s = round(engine);
		}
	} catch (error) {
		log(`engine benchmark skipped: ${(error as Error).message}`);
	}
	return results;
}
