/**
 * Normalize Lead throughput: 100k synthetic leads (seeded, mixed form styles, some junk) through the lead core
 * in-process, against a trivial baseline (a JSON clone per lead) measured in the same run; then a smaller batch
 * through the node on n8n's real engine when the built package is available.
 */
import { existsSync, mkdtempSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join, resolve } from 'path';
import { performance } from 'perf_hooks';
import { DEFAULT_OPTIONS } from '../lib/lead/options';
import { markDuplicates, processLead } from '../lib/lead/process';
import type { ProcessedLead } from '../lib/lead/process';
import { log, median, pick, round, seededRandom } from './util';

type Json = Record<string, unknown>;

const FIRST = [
	'anna',
	'BOB',
	'Carlos',
	'Dana',
	"shaun o'neil",
	'Émilie',
	'Fatima',
	'George',
	'Hiro',
	'Ingrid',
	'maria van der berg',
	'John McDonald',
];
const LAST = ['Smith', 'GARCIA', 'Müller', 'nguyen', 'Okafor', 'Rossi', 'Kowalski', 'Dubois', 'Tanaka', 'Jensen'];
const COMPANIES = [
	'Acme Inc.',
	'Globex GmbH',
	'Initech LLC',
	'Umbrella Corp',
	'The Stark Industries, Ltd.',
	'Wayne Enterprises',
	'Telefónica S.A.',
	'Hooli B.V.',
	'Vandelay Pty Ltd',
];
const DOMAINS = [
	'acme.com',
	'globex.de',
	'initech.io',
	'umbrella.co.uk',
	'stark.com',
	'gmail.com',
	'outlook.com',
	'mailinator.com',
	'hooli.nl',
];
// Country as people type it, and a phone pattern in that country's national format ("#" = a random digit).
const COUNTRIES: Array<[string, string]> = [
	['USA', '(415) 55#-2###'],
	['Deutschland', '030 1234####'],
	['UK', '07911 1#####'],
	['España', '612 345 ###'],
	['Holland', '020 123 ####'],
	['Canada', '(416) 55#-2###'],
	['Australia', '0412 345 ###'],
	['France', '01 23 45 ## ##'],
];
const SIZES = ['1-10', '11-50', '50-200', '201-500', '1,000+', '10k', '5000 employees', '25', ''];
const REGIONS = ['California', 'NY', 'Ontario', 'QLD', 'Bavaria', ''];

export function syntheticLeads(count: number, seed: number): Json[] {
	const random = seededRandom(seed);
	const leads: Json[] = [];
	for (let i = 0; i < count; i++) {
		const first = pick(random, FIRST);
		const last = pick(random, LAST);
		const domain = pick(random, DOMAINS);
		const [country, pattern] = pick(random, COUNTRIES);
		// Every lead gets its own number, so nothing downstream can profit from repeated phone strings.
		const phone = pattern.replace(/#/g, () => String(Math.floor(random() * 10)));
		const email = random() < 0.05 ? `broken-${i}` : `${first.split(' ')[0].toLowerCase()}.${i}@${domain}`;
		const flat = {
			'Email Address': email,
			'First Name': first,
			'Last Name': last,
			'Company Name': pick(random, COMPANIES),
			'Phone Number': phone,
			Country: country,
			State: pick(random, REGIONS),
			'Company Size': pick(random, SIZES),
			utm_source: random() < 0.5 ? 'google' : '',
			message: 'Please send pricing',
		};
		const style = random();
		if (style < 0.4) leads.push(flat);
		else if (style < 0.6)
			leads.push({
				headers: { referer: 'https://x.io/?utm_source=ads' },
				params: {},
				query: {},
				body: flat,
				webhookUrl: 'u',
				executionMode: 'production',
			});
		else if (style < 0.75)
			leads.push({
				fields: Object.entries(flat).map(([name, value]) => ({ name, value })),
				context: { pageUri: 'https://x.io/demo' },
			});
		else if (style < 0.9)
			leads.push({
				id: String(i),
				created_time: '2026-03-03T11:00:00+0000',
				field_data: [
					{ name: 'full_name', values: [`${first} ${last}`] },
					{ name: 'email', values: [email] },
					{ name: 'phone_number', values: [phone] },
					{ name: 'country', values: [country] },
				],
			});
		else
			leads.push({
				form_response: {
					submitted_at: '2026-03-02T10:00:00Z',
					definition: {
						fields: [
							{ id: 'a', title: 'Your name' },
							{ id: 'b', title: 'Email' },
						],
					},
					answers: [
						{ type: 'text', text: `${first} ${last}`, field: { id: 'a' } },
						{ type: 'email', email, field: { id: 'b' } },
					],
				},
			});
	}
	return leads;
}

function normalizeAll(leads: Json[]): Array<ProcessedLead | undefined> {
	const now = new Date();
	const results = leads.map((json) => processLead({ json }, DEFAULT_OPTIONS, now));
	markDuplicates(results, DEFAULT_OPTIONS.duplicates);
	return results;
}

interface Rate {
	wall: number;
	cpu: number;
}

function timed(fn: () => unknown, count: number): Rate {
	global.gc?.();
	const start = performance.now();
	const startCpu = process.cpuUsage();
	fn();
	const used = process.cpuUsage(startCpu);
	return { wall: count / ((performance.now() - start) / 1000), cpu: count / ((used.user + used.system) / 1e6) };
}

/**
 * Baseline and subject alternate, so both see the same machine load (other jobs share the cores); the ratio is
 * the median of the per-round ratios.
 */
function compare(baselineFn: () => unknown, subjectFn: () => unknown, count: number, rounds: number) {
	const baseline: Rate[] = [];
	const subject: Rate[] = [];
	for (let r = 0; r < rounds; r++) {
		baseline.push(timed(baselineFn, count));
		subject.push(timed(subjectFn, count));
	}
	return {
		baseline: { wall: median(baseline.map((b) => b.wall)), cpu: median(baseline.map((b) => b.cpu)) },
		subject: { wall: median(subject.map((s) => s.wall)), cpu: median(subject.map((s) => s.cpu)) },
		ratio: median(subject.map((s, i) => s.wall / baseline[i].wall)),
	};
}

/** The package folder holding dist/: the env override, else the repository root above the compiled bench. */
function packageDir(): string | undefined {
	const candidates = [
		process.env.LEAD_ROUTING_PACKAGE_DIR,
		resolve(__dirname, '..', '..', '..'),
		resolve(__dirname, '..'),
	];
	return candidates.find(
		(dir) => dir && existsSync(join(dir, 'dist', 'nodes', 'NormalizeLead', 'NormalizeLead.node.js')),
	);
}

async function enginePerSecond(leads: Json[]): Promise<number | undefined> {
	const dir = packageDir();
	if (!dir) {
		log('engine pass skipped: no built package (dist/) found');
		return undefined;
	}
	process.env.LEAD_ROUTING_PACKAGE_DIR = dir;
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'lead-routing-bench-'));
	// Loaded lazily: the engine is heavy and needs the built package.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { runNode } = require('../test/helpers/engine') as typeof import('../test/helpers/engine');
	await runNode('normalizeLead', {}, { input: leads.slice(0, 500) as never });
	const start = performance.now();
	const { out } = await runNode('normalizeLead', {}, { input: leads as never });
	const seconds = (performance.now() - start) / 1000;
	if (out[0].length + out[1].length !== leads.length) throw new Error('engine run lost items');
	return leads.length / seconds;
}

export async function run(): Promise<Record<string, number>> {
	const count = 100_000;
	const leads = syntheticLeads(count, 20261122);
	normalizeAll(leads.slice(0, 5_000));
	const {
		baseline,
		subject: normalize,
		ratio,
	} = compare(
		() => leads.map((lead) => JSON.parse(JSON.stringify(lead)) as Json),
		() => normalizeAll(leads),
		count,
		3,
	);
	const results = normalizeAll(leads);
	const qualified = results.filter((lead) => lead?.quality.qualified).length;
	const load = loadavg()[0];
	log(
		`normalize: ${Math.round(normalize.wall)} leads/s wall, ${Math.round(normalize.cpu)} per CPU-second (load average ${round(load, 1)} on ${cpus().length} cores)`,
	);
	log(
		`JSON-clone baseline: ${Math.round(baseline.wall)}/s wall; normalizing a lead costs ${round(1 / ratio, 1)} clones`,
	);
	log(`qualified ${qualified} of ${count}`);
	const figures: Record<string, number> = {
		normalize_leads_per_s: Math.round(normalize.wall),
		normalize_leads_per_cpu_s: Math.round(normalize.cpu),
		normalize_baseline_json_clone_per_s: Math.round(baseline.wall),
		normalize_ratio_vs_json_clone: round(ratio, 3),
		normalize_qualified_share: round(qualified / count, 3),
		normalize_load_average: round(load, 2),
	};
	const engine = await enginePerSecond(leads.slice(0, 20_000)).catch((error: unknown) => {
		log(`engine pass failed: ${error instanceof Error ? error.message : String(error)}`);
		return undefined;
	});
	if (engine !== undefined) {
		log(`through the node on the real engine: ${Math.round(engine)} leads/s (20k items, one execution)`);
		figures.normalize_node_engine_leads_per_s = Math.round(engine);
	}
	return figures;
}
