/**
 * The three lead nodes as one workflow on n8n-core's real engine: 10k seeded leads through Normalize Lead → Match
 * Account (100k accounts on its second input) → Route Lead, with the demo workflow's own node settings and routing
 * rules (n8n filter conditions). Baseline in the same run: the same workflow shape with pass-through nodes, i.e. what
 * the engine itself costs to carry the same items. Each node's own time comes from the engine's run data.
 */
import { readFileSync } from 'fs';
import { loadavg } from 'os';
import { join, resolve } from 'path';
import type { IConnections, IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { engineWithFeed, packageModule } from './engine-feed';
import { syntheticAccounts, syntheticLeads } from './match.bench';
import { log, median, pick, round, seededRandom } from './util';

const LEADS = Number(process.env.PIPELINE_LEADS ?? 10_000);
const ACCOUNTS = Number(process.env.PIPELINE_ACCOUNTS ?? 100_000);
const ROUNDS = Number(process.env.PIPELINE_ROUNDS ?? 3);
const PACKAGE = 'n8n-nodes-lead-routing';
const ROOT = resolve(__dirname, '..', '..', '..');

const FIRST = ['Anna', 'Ben', 'Carla', 'Dmitri', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas'];
const LAST = ['Schmidt', 'Garcia', 'Okafor', 'Nguyen', 'Rossi', 'Dubois', 'Tanaka', 'Jensen', 'Walker', 'Mendes'];
const COUNTRIES = [
	'United States',
	'Germany',
	'France',
	'United Kingdom',
	'Canada',
	'Brazil',
	'Spain',
	'Japan',
	'India',
	'Netherlands',
];
const EMPLOYEES = ['12', '85', '250', '1,200', '5000', ''];

/** Match Account's synthetic leads (70% of known accounts), given the fields a web form adds. */
function leads(accounts: IDataObject[]): IDataObject[] {
	const random = seededRandom(31);
	return syntheticLeads(accounts, LEADS, 32).map(({ json }) => ({
		...json,
		firstName: pick(random, FIRST),
		lastName: pick(random, LAST),
		country: pick(random, COUNTRIES),
		employees: pick(random, EMPLOYEES),
		message: 'Please call me about pricing',
	}));
}

function demoNode(name: string): INode {
	const demo = JSON.parse(readFileSync(join(ROOT, 'workflows', '01-local-demo.json'), 'utf8')) as { nodes: INode[] };
	const node = demo.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`the demo workflow has no node ${name}`);
	return node;
}

function node(name: string, type: string, parameters: INodeParameters, position: number): INode {
	return { id: name, name, type, typeVersion: 1, position: [position * 200, 0], parameters };
}

function connect(from: string, to: string, output = 0, input = 0): IConnections {
	const main: IConnections[string]['main'] = [];
	main[output] = [{ node: to, type: 'main', index: input }];
	return { [from]: { main } };
}

/** Feed → Normalize Lead → Match Account (accounts on input 2) → Route Lead, both Match outputs into Route. */
function pipeline(id: string) {
	const route = demoNode('Route Lead');
	const reps = (route.parameters.roster as { reps: IDataObject[] }).reps;
	const routeParameters = { ...route.parameters, stateName: id, roster: { reps } } as INodeParameters;
	return {
		id,
		name: id,
		nodes: [
			node('Feed', 'benchFeed', {}, 0),
			node('Normalize Lead', `${PACKAGE}.normalizeLead`, demoNode('Normalize Lead').parameters, 1),
			node(
				'Match Account',
				`${PACKAGE}.matchAccount`,
				{ ...demoNode('Match Account').parameters, accountFields: 'plain' },
				2,
			),
			node('Route Lead', `${PACKAGE}.routeLead`, routeParameters, 3),
		],
		connections: {
			Feed: {
				main: [
					[{ node: 'Normalize Lead', type: 'main', index: 0 }],
					[{ node: 'Match Account', type: 'main', index: 1 }],
				],
			},
			...connect('Normalize Lead', 'Match Account'),
			'Match Account': {
				main: [[{ node: 'Route Lead', type: 'main', index: 0 }], [{ node: 'Route Lead', type: 'main', index: 0 }]],
			},
		} as IConnections,
	};
}

/** The same shape with pass-through nodes: the engine's own cost of carrying the items. */
function passThrough(id: string) {
	return {
		id,
		name: id,
		nodes: [
			node('Feed', 'benchFeed', {}, 0),
			node('A', 'benchPass', {}, 1),
			node('B', 'benchPass', {}, 2),
			node('C', 'benchPass', {}, 3),
		],
		connections: {
			Feed: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
			...connect('A', 'B'),
			...connect('B', 'C'),
		} as IConnections,
	};
}

const STAGES = ['Normalize Lead', 'Match Account', 'Route Lead'] as const;

export async function run(): Promise<Record<string, number>> {
	const engine = await engineWithFeed();
	const { clearIndexCache } = packageModule<{ clearIndexCache(): void }>(join('lib', 'match', 'cache.js'));
	const accounts = syntheticAccounts(ACCOUNTS, 1) as IDataObject[];
	const input = leads(accounts);

	const once = async (workflow: ReturnType<typeof pipeline>, items: IDataObject[][], last: string) => {
		global.gc?.();
		const startCpu = process.cpuUsage();
		const start = performance.now();
		const result = await engine.runWorkflow(workflow, { inputs: items });
		const ms = performance.now() - start;
		const cpu = process.cpuUsage(startCpu);
		if (result.run.status !== 'success')
			throw new Error(`pipeline run failed: ${result.error(last) ?? result.error()}`);
		// Both Match Account outputs feed Route Lead, so Route Lead runs twice per execution (as in the demo): sum its runs.
		const runData = result.run.data.resultData.runData;
		const out = (runData[last] ?? []).reduce(
			(n, task) => n + (task.data?.main ?? []).reduce((m, items) => m + (items?.length ?? 0), 0),
			0,
		);
		const stageMs = Object.fromEntries(
			STAGES.map((s) => [s, (runData[s] ?? []).reduce((t, task) => t + task.executionTime, 0)]),
		);
		return { ms, cpuMs: (cpu.user + cpu.system) / 1000, out, stageMs };
	};

	// Warm the JIT and the package's lazy loads on a small run.
	await once(pipeline('bench-pipe-warm'), [input.slice(0, 500), accounts.slice(0, 5000)], 'Route Lead');

	const cold: Awaited<ReturnType<typeof once>>[] = [];
	const warm: Awaited<ReturnType<typeof once>>[] = [];
	const floor: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		// Cold: Match Account builds its account index (it caches it per process by a fingerprint of the accounts).
		clearIndexCache();
		cold.push(await once(pipeline(`bench-pipe-c${r}`), [input, accounts], 'Route Lead'));
		warm.push(await once(pipeline(`bench-pipe-w${r}`), [input, accounts], 'Route Lead'));
		floor.push((await once(passThrough(`bench-pipe-p${r}`), [input, accounts], 'C')).ms);
	}
	const routed = cold[0].out;
	const routedRejected = LEADS - routed;
	const load = loadavg()[0];
	const coldMs = median(cold.map((c) => c.ms));
	const warmMs = median(warm.map((w) => w.ms));
	const floorMs = median(floor);
	const stage = (s: (typeof STAGES)[number], runs: typeof cold) => median(runs.map((c) => c.stageMs[s]));
	log(
		`${LEADS} leads x ${ACCOUNTS} accounts, Normalize → Match → Route on the engine: ${round(coldMs)} ms with the index build ` +
			`(median of ${ROUNDS}, CPU ${round(median(cold.map((c) => c.cpuMs)))} ms), ${round(warmMs)} ms with the index cached; ` +
			`pass-through baseline ${round(floorMs)} ms; load average ${round(load, 1)}`,
	);
	log(
		`per node (cold): ${STAGES.map((s) => `${s} ${round(stage(s, cold))} ms`).join(', ')}; ${routed} routed, ${routedRejected} rejected by Normalize`,
	);
	return {
		pipeline_10k_ms: round(coldMs),
		pipeline_10k_cpu_ms: round(median(cold.map((c) => c.cpuMs))),
		pipeline_10k_index_cached_ms: round(warmMs),
		pipeline_10k_normalize_ms: round(stage('Normalize Lead', cold)),
		pipeline_10k_match_ms: round(stage('Match Account', cold)),
		pipeline_10k_route_ms: round(stage('Route Lead', cold)),
		pipeline_route_items_per_s: round((routed / stage('Route Lead', cold)) * 1000),
		pipeline_passthrough_baseline_ms: round(floorMs),
		pipeline_vs_passthrough_ratio: round(coldMs / floorMs, 1),
		pipeline_leads: LEADS,
		pipeline_accounts: ACCOUNTS,
		pipeline_routed_leads: routed,
		pipeline_load_average: round(load, 2),
	};
}
