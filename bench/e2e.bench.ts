/**
 * Speed to lead in a real n8n 2.x (the harness in scripts/n8n: the packed package installed as users install it):
 * open-loop load of E2E_RATE leads/s (default 20) POSTed to a webhook, latency from the POST being sent to the
 * loopback SMTP server (Node, in this process) accepting the auto-response to that lead.
 * Two workflows in the same n8n and the same run (bench/e2e/workflows.ts): ours (the demo's nodes) and a bare
 * Webhook → Send Email. Their load alternates in 15 s blocks, A B B A A B B A, so both see the same machine; each
 * gets E2E_SECONDS (default 60) of load in all, and each block drains before the next starts. Within a block requests
 * go out on schedule, never waiting for earlier answers. n8n's CPU time per lead is measured per block from /proc.
 * Loopback only; bounded: at most rate × seconds leads per workflow, and a fixed drain deadline.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import Redis from 'ioredis';
import type * as Harness from '../scripts/n8n';
import {
	BARE_ID,
	BARE_PATH,
	bareWorkflow,
	credentials,
	OURS_ID,
	OURS_PATH,
	oursWorkflow,
	REDIS_ID,
	REDIS_PATH,
	redisWorkflow,
} from './e2e/workflows';
import { SqliteStateStore } from '../lib/store/sqlite';
import { closeAllDatabases } from '../lib/store/sqlite/database';
import { seedBacklog } from './store.bench';
import { log, percentile, round } from './util';

const RATE = Number(process.env.E2E_RATE ?? 20);
const SECONDS = Number(process.env.E2E_SECONDS ?? 60);
const BLOCK_SECONDS = Math.min(15, SECONDS);
const WARMUP = 20;
const LOW_RATE = Number(process.env.E2E_LOW_RATE ?? 5);
const LOW_SECONDS = Number(process.env.E2E_LOW_SECONDS ?? 10);
/** Open SLA timers and answered-lead keys put into the default store before the last phase (0: no such phase). */
const BACKLOG = Number(process.env.E2E_BACKLOG ?? 100_000);
/**
 * Seconds of load per workflow after the backlog, at the low rate: 600 leads each by default, so a p99 rests on six
 * leads, not on the single slowest of fifty. Blocks alternate A B B A.
 */
const BACKLOG_SECONDS = Number(process.env.E2E_BACKLOG_SECONDS ?? 120);
/** How long a block may drain before the next starts, and how long the whole run waits for late answers at the end. */
const BLOCK_DRAIN_MS = 20_000;
const FINAL_DRAIN_MS = 60_000;
const HTTP_TIMEOUT_MS = 60_000;
type Kind = 'ours' | 'bare' | 'redis';
/** E2E_ORDER=bare (or ours) loads one workflow only, for investigating; the benchmark itself alternates. */
const ORDER: readonly Kind[] = process.env.E2E_ORDER
	? (process.env.E2E_ORDER.split(',') as Kind[])
	: ['ours', 'bare', 'redis', 'redis', 'bare', 'ours'];

interface LeadBody {
	firstName: string;
	lastName: string;
	email: string;
	company: string;
	country: string;
}

interface Sent {
	kind: Kind;
	email: string;
	scheduledAt: number;
	sentAt: number;
	status?: number;
	httpMs?: number;
	error?: string;
}

/** The repository root (scripts/n8n lives there), also when this file runs compiled from .tmp/. */
function repoRoot(): string {
	let dir = __dirname;
	while (!existsSync(join(dir, 'scripts', 'n8n', 'index.js'))) {
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`no scripts/n8n above ${__dirname}`);
		dir = parent;
	}
	return dir;
}

/** User + system CPU time (ms) of a process and its descendants (n8n's task runner), from /proc. */
function processTreeCpuMs(pid: number): number {
	const tick = 10; // USER_HZ is 100 on Linux
	let total = 0;
	const visit = (id: number) => {
		try {
			const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			total += (Number(fields[11]) + Number(fields[12])) * tick;
			for (const task of readdirSync(`/proc/${id}/task`)) {
				const children = readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').trim();
				for (const child of children ? children.split(' ') : []) visit(Number(child));
			}
		} catch {
			// the process ended between listing and reading
		}
	};
	visit(pid);
	return total;
}

/** Removes the keys the Redis-store workflow wrote (its credential's prefix is unique to this run). */
async function clearRedis(prefix: string): Promise<void> {
	const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
	redis.on('error', () => {});
	try {
		await redis.connect();
		let cursor = '0';
		do {
			const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
			cursor = next;
			if (keys.length) await redis.del(...keys);
		} while (cursor !== '0');
	} catch (error) {
		log(`could not clean Redis keys ${prefix}*: ${(error as Error).message}`);
	} finally {
		redis.disconnect();
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Distinct leads per workflow; company names and countries vary so Route Lead's territory rules all fire. */
function leadsFor(kind: Kind, count: number, makeLeads: (n: number, o: { tag: string }) => LeadBody[]): LeadBody[] {
	return makeLeads(count, { tag: `-${kind[0]}` });
}

export async function run(): Promise<Record<string, number>> {
	const root = repoRoot();
	/* eslint-disable @typescript-eslint/no-require-imports */
	const harness = require(join(root, 'scripts', 'n8n')) as typeof Harness;
	const { makeLeads } = require(join(root, 'scripts', 'n8n', 'queue-load')) as {
		makeLeads: (n: number, o: { tag: string }) => LeadBody[];
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
	const packageDir = resolve(process.env.LEAD_ROUTING_PACKAGE_DIR ?? root);

	const app = await harness.ensureN8nApp({ log });
	const packDir = mkdtempSync(join(tmpdir(), 'lead-routing-bench-pack-'));
	const userFolder = mkdtempSync(join(tmpdir(), 'lead-routing-bench-n8n-'));
	const pack = await harness.packPackage({ sourceDir: packageDir, outDir: packDir });
	const smtp = await harness.startSmtpServer({ httpPort: false });
	const redisPrefix = `bench-e2e:${process.pid}:`;
	const arrivals = new Map<string, number>();
	// Called synchronously when the final "." of DATA arrives: the moment the SMTP server accepts the message.
	smtp.onMessage((message) => {
		const now = performance.now();
		for (const address of message.envelope.to)
			if (!arrivals.has(address.toLowerCase())) arrivals.set(address.toLowerCase(), now);
	});

	let n8n: Harness.RunningN8n | undefined;
	try {
		n8n = await harness.startN8n({
			app,
			userFolder,
			tarball: pack.tarball,
			credentials: credentials(smtp.port, redisPrefix),
			workflows: [oursWorkflow(root), bareWorkflow(), redisWorkflow(root)] as unknown as Harness.JsonDoc[],
			publish: [OURS_ID, BARE_ID, REDIS_ID],
			apiKeyLabel: 'bench',
		});
		log(`n8n ${app.version} up at ${n8n.baseUrl} (${JSON.stringify(n8n.timings)})`);
		const url: Record<Kind, string> = {
			ours: `${n8n.baseUrl}/webhook/${OURS_PATH}`,
			bare: `${n8n.baseUrl}/webhook/${BARE_PATH}`,
			redis: `${n8n.baseUrl}/webhook/${REDIS_PATH}`,
		};
		const perKind = RATE * SECONDS + LOW_RATE * (LOW_SECONDS + (BACKLOG > 0 ? BACKLOG_SECONDS : 0));
		const pool: Record<Kind, LeadBody[]> = {
			ours: leadsFor('ours', perKind + WARMUP, makeLeads),
			bare: leadsFor('bare', perKind + WARMUP, makeLeads),
			redis: leadsFor('redis', perKind + WARMUP, makeLeads),
		};
		const next: Record<Kind, number> = { ours: 0, bare: 0, redis: 0 };
		const post = (kind: Kind, scheduledAt: number): Sent => {
			const lead = pool[kind][next[kind]++];
			const entry: Sent = { kind, email: lead.email.toLowerCase(), scheduledAt, sentAt: performance.now() };
			fetch(url[kind], {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(lead),
				signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
			})
				.then(async (res) => {
					await res.arrayBuffer();
					entry.status = res.status;
					entry.httpMs = performance.now() - entry.sentAt;
				})
				.catch((error: unknown) => {
					entry.error = error instanceof Error ? error.message : String(error);
				});
			return entry;
		};
		const answered = (entries: Sent[]) => entries.filter((e) => arrivals.has(e.email)).length;
		const drain = async (entries: Sent[], deadlineMs: number) => {
			const deadline = performance.now() + deadlineMs;
			while (answered(entries) < entries.length && performance.now() < deadline) await sleep(100);
		};

		// Warm-up (not measured): n8n loads node types and opens its first SMTP connections on first use.
		const warm: Sent[] = [];
		for (let i = 0; i < WARMUP; i++) {
			for (const kind of ['ours', 'bare', 'redis'] as const) warm.push(post(kind, performance.now()));
			await sleep(200);
		}
		await drain(warm, FINAL_DRAIN_MS);
		if (answered(warm) < warm.length) {
			const missing = warm
				.filter((e) => !arrivals.has(e.email))
				.map((e) => `${e.kind} ${e.email} (HTTP ${e.status ?? e.error})`);
			throw new Error(`warm-up leads were not answered: ${missing.slice(0, 5).join('; ')}\n${n8n.logs().slice(-3000)}`);
		}

		// A measured phase: blocks alternating between the workflows, each open loop on its own schedule. Between blocks
		// the previous block drains (bounded), so one workflow's backlog never lands in the other's figures and n8n's CPU
		// time per block belongs to one workflow. Late answers still count (with their real latency); what never arrives
		// by the final deadline is lost.
		const phase = async (rate: number, seconds: number, order: readonly Kind[], label: string) => {
			const interval = 1000 / rate;
			const blockSeconds = Math.min(BLOCK_SECONDS, seconds);
			const kinds = new Set(order).size;
			const blocks = Math.ceil(seconds / blockSeconds) * kinds;
			const perBlock = Math.round(rate * blockSeconds);
			const cpuMs: Record<Kind, number> = { ours: 0, bare: 0, redis: 0 };
			const blockCpu: Record<Kind, number[]> = { ours: [], bare: [], redis: [] };
			const sent: Sent[] = [];
			let loadMs = 0;
			for (let b = 0; b < blocks; b++) {
				const kind = order[b % order.length];
				const block: Sent[] = [];
				const cpuBefore = processTreeCpuMs(n8n!.process.pid!);
				const blockStart = performance.now() + 50;
				for (let k = 0; k < perBlock; k++) {
					const at = blockStart + k * interval;
					await sleep(at - performance.now());
					block.push(post(kind, at));
				}
				loadMs += performance.now() - blockStart;
				await drain(block, BLOCK_DRAIN_MS);
				const used = processTreeCpuMs(n8n!.process.pid!) - cpuBefore;
				cpuMs[kind] += used;
				blockCpu[kind].push(used / block.length);
				log(
					`${label} block ${b + 1}/${blocks} ${kind}: ${answered(block)}/${block.length} answered after drain, n8n CPU ${round(used / block.length, 1)} ms per lead, load average ${round(loadavg()[0], 1)}`,
				);
				sent.push(...block);
			}
			await drain(sent, FINAL_DRAIN_MS);
			return { sent, cpuMs, blockCpu, loadSeconds: loadMs / 1000, blocks };
		};
		const main = await phase(RATE, SECONDS, ORDER, `${RATE}/s`);
		const { sent, loadSeconds, blocks } = main;
		// The same comparison at a rate this n8n sustains on a busy shared machine: latency without queueing.
		const low =
			LOW_RATE > 0 ? await phase(LOW_RATE, LOW_SECONDS, ['ours', 'bare', 'redis'], `${LOW_RATE}/s`) : undefined;
		// The default store after a month's backlog: open SLA timers and answered-lead keys written into the running
		// n8n's own database file (our SQLite store, from this process, as a second process would), then the low rate
		// again, ours (default store) against bare.
		let backlog: Awaited<ReturnType<typeof phase>> | undefined;
		if (LOW_RATE > 0 && BACKLOG > 0) {
			const seedStart = performance.now();
			const store = await SqliteStateStore.open(join(userFolder, '.n8n', 'lead-routing.sqlite'));
			// Into the scopes the workflow's nodes use: SLA Timer's State Name, Auto-Respond's workflow.
			const timerNode = oursWorkflow(root).nodes.find((node) => node.name === 'Start SLA Timer');
			const stateName = String(timerNode?.parameters.stateName ?? '');
			await seedBacklog(store, { workflowId: OURS_ID, stateName }, BACKLOG, { workflowId: OURS_ID, stateName: '' });
			closeAllDatabases();
			log(
				`seeded ${BACKLOG} open SLA timers and ${BACKLOG} answered-lead keys into n8n's lead-routing.sqlite in ${round(performance.now() - seedStart)} ms`,
			);
			backlog = await phase(
				LOW_RATE,
				BACKLOG_SECONDS,
				['ours', 'bare', 'bare', 'ours'],
				`${LOW_RATE}/s after the backlog`,
			);
		}

		const summary = (kind: Kind, run: { sent: Sent[]; cpuMs: Record<Kind, number> } = main) => {
			const entries = run.sent.filter((e) => e.kind === kind);
			const latencies = entries.filter((e) => arrivals.has(e.email)).map((e) => arrivals.get(e.email)! - e.sentAt);
			const http = entries.filter((e) => e.httpMs !== undefined).map((e) => e.httpMs!);
			return {
				posted: entries.length,
				answered: latencies.length,
				httpErrors: entries.filter((e) => e.error || (e.status ?? 0) >= 400).length,
				p50: percentile(latencies, 50),
				p90: percentile(latencies, 90),
				p99: percentile(latencies, 99),
				max: Math.max(...latencies),
				httpP50: percentile(http, 50),
				cpuPerLead: run.cpuMs[kind] / Math.max(1, entries.length),
				httpP99: percentile(http, 99),
			};
		};
		const ours = summary('ours');
		const bare = summary('bare');
		const redis = summary('redis');
		const lag = sent.map((e) => e.sentAt - e.scheduledAt);
		// n8n's own count of failed executions; an overloaded n8n may refuse to answer (its database "not ready").
		const failed = async (id: string) => {
			try {
				const list = await n8n!.api!<{ data: unknown[] }>('GET', `/executions?workflowId=${id}&status=error&limit=250`);
				return list.data.length;
			} catch (error) {
				log(`could not list failed executions of ${id}: ${(error as Error).message.slice(0, 200)}`);
				return NaN;
			}
		};
		// The local stores (Route Lead turns, Auto-Respond idempotency keys, SLA timers) live in the workflow's static
		// data, which n8n loads and saves whole with every execution: its size after the run explains a cost per lead
		// that grows with the number of leads.
		let staticDataKb = NaN;
		try {
			const workflow = await n8n.api!<{ staticData?: unknown }>('GET', `/workflows/${OURS_ID}`);
			staticDataKb = JSON.stringify(workflow.staticData ?? {}).length / 1024;
		} catch (error) {
			log(`could not read the workflow's static data: ${(error as Error).message.slice(0, 200)}`);
		}
		const load = loadavg()[0];
		for (const [name, s] of [
			['ours', ours],
			['bare', bare],
			['redis', redis],
		] as const) {
			log(
				`${name}: ${s.answered}/${s.posted} answered; POST → email accepted p50 ${round(s.p50)} ms, p90 ${round(s.p90)}, ` +
					`p99 ${round(s.p99)}, max ${round(s.max)}; webhook HTTP answer p50 ${round(s.httpP50)} ms; HTTP errors ${s.httpErrors}; ` +
					`n8n CPU ${round(s.cpuPerLead, 1)} ms per lead`,
			);
		}
		log(
			`load ${RATE}/s open loop, ${round(loadSeconds)} s in ${blocks} alternating blocks; send lag p99 ${round(percentile(lag, 99), 1)} ms; load average ${round(load, 1)}`,
		);
		const figures: Record<string, number> = {
			e2e_p50_ms: round(ours.p50),
			e2e_p90_ms: round(ours.p90),
			e2e_p99_ms: round(ours.p99),
			e2e_max_ms: round(ours.max),
			e2e_bare_p50_ms: round(bare.p50),
			e2e_bare_p90_ms: round(bare.p90),
			e2e_bare_p99_ms: round(bare.p99),
			e2e_bare_max_ms: round(bare.max),
			e2e_overhead_ratio_p50: round(ours.p50 / bare.p50, 2),
			e2e_overhead_ratio_p99: round(ours.p99 / bare.p99, 2),
			e2e_redis_p50_ms: round(redis.p50),
			e2e_redis_p99_ms: round(redis.p99),
			e2e_redis_overhead_ratio_p50: round(redis.p50 / bare.p50, 2),
			e2e_redis_overhead_ratio_p99: round(redis.p99 / bare.p99, 2),
			e2e_redis_lost_leads: redis.posted - redis.answered,
			e2e_redis_n8n_cpu_ms_per_lead: round(redis.cpuPerLead, 1),
			e2e_redis_cpu_ratio: round(redis.cpuPerLead / bare.cpuPerLead, 2),
			e2e_leads_posted: ours.posted,
			e2e_lost_leads: ours.posted - ours.answered,
			e2e_bare_leads_posted: bare.posted,
			e2e_bare_lost_leads: bare.posted - bare.answered,
			e2e_http_errors: ours.httpErrors + bare.httpErrors + redis.httpErrors,
			e2e_failed_executions: (await failed(OURS_ID)) + (await failed(BARE_ID)) + (await failed(REDIS_ID)),
			e2e_webhook_http_p50_ms: round(ours.httpP50, 1),
			// CPU time of the n8n process tree per lead: what a lead costs independent of how busy the machine is.
			e2e_n8n_cpu_ms_per_lead: round(ours.cpuPerLead, 1),
			e2e_bare_n8n_cpu_ms_per_lead: round(bare.cpuPerLead, 1),
			e2e_cpu_ratio: round(ours.cpuPerLead / bare.cpuPerLead, 2),
			e2e_rate_per_s: RATE,
			e2e_seconds_per_workflow: SECONDS,
			e2e_send_lag_p99_ms: round(percentile(lag, 99), 1),
			e2e_static_data_kb: round(staticDataKb),
			e2e_n8n_cpu_ms_per_lead_first_block: round(main.blockCpu.ours[0], 1),
			e2e_n8n_cpu_ms_per_lead_last_block: round(main.blockCpu.ours[main.blockCpu.ours.length - 1], 1),
			e2e_bare_n8n_cpu_ms_per_lead_first_block: round(main.blockCpu.bare[0], 1),
			e2e_bare_n8n_cpu_ms_per_lead_last_block: round(main.blockCpu.bare[main.blockCpu.bare.length - 1], 1),
			e2e_load_average: round(load, 2),
		};
		if (low) {
			const lowOurs = summary('ours', low);
			const lowBare = summary('bare', low);
			const lowRedis = summary('redis', low);
			log(
				`at ${LOW_RATE}/s: ours p50 ${round(lowOurs.p50)} ms p99 ${round(lowOurs.p99)}; bare p50 ${round(lowBare.p50)} ms p99 ${round(lowBare.p99)}; lost ${lowOurs.posted - lowOurs.answered} / ${lowBare.posted - lowBare.answered}`,
			);
			Object.assign(figures, {
				e2e_low_rate_per_s: LOW_RATE,
				e2e_low_p50_ms: round(lowOurs.p50),
				e2e_low_p99_ms: round(lowOurs.p99),
				e2e_low_bare_p50_ms: round(lowBare.p50),
				e2e_low_bare_p99_ms: round(lowBare.p99),
				e2e_low_overhead_ratio_p50: round(lowOurs.p50 / lowBare.p50, 2),
				e2e_low_overhead_ratio_p99: round(lowOurs.p99 / lowBare.p99, 2),
				e2e_low_redis_p50_ms: round(lowRedis.p50),
				e2e_low_redis_p99_ms: round(lowRedis.p99),
				e2e_low_redis_overhead_ratio_p50: round(lowRedis.p50 / lowBare.p50, 2),
				e2e_low_redis_overhead_ratio_p99: round(lowRedis.p99 / lowBare.p99, 2),
				e2e_low_lost_leads: lowOurs.posted - lowOurs.answered + (lowRedis.posted - lowRedis.answered),
				e2e_low_bare_lost_leads: lowBare.posted - lowBare.answered,
			});
		}
		if (low && backlog) {
			const empty = { ours: summary('ours', low), bare: summary('bare', low) };
			const full = { ours: summary('ours', backlog), bare: summary('bare', backlog) };
			log(
				`after the backlog at ${LOW_RATE}/s: ours p50 ${round(full.ours.p50)} ms p99 ${round(full.ours.p99)}; bare p50 ${round(full.bare.p50)} ms p99 ${round(full.bare.p99)}; CPU per lead ${round(full.ours.cpuPerLead, 1)} / ${round(full.bare.cpuPerLead, 1)} ms`,
			);
			Object.assign(figures, {
				e2e_default_backlog_timers: BACKLOG,
				e2e_default_low_p50_ms: round(full.ours.p50),
				e2e_default_low_p99_ms: round(full.ours.p99),
				e2e_default_low_bare_p50_ms: round(full.bare.p50),
				e2e_default_low_bare_p99_ms: round(full.bare.p99),
				e2e_default_low_overhead_ratio_p50: round(full.ours.p50 / full.bare.p50, 2),
				e2e_default_low_overhead_ratio_p99: round(full.ours.p99 / full.bare.p99, 2),
				// Each phase against bare in its own blocks: the shared machine's load moves between the phases.
				e2e_default_backlog_vs_empty_p50_ratio: round(
					full.ours.p50 / full.bare.p50 / (empty.ours.p50 / empty.bare.p50),
					2,
				),
				e2e_default_backlog_vs_empty_p50_raw_ratio: round(full.ours.p50 / empty.ours.p50, 2),
				e2e_default_n8n_cpu_ms_per_lead: round(full.ours.cpuPerLead, 1),
				e2e_default_bare_n8n_cpu_ms_per_lead: round(full.bare.cpuPerLead, 1),
				e2e_default_cpu_ratio: round(full.ours.cpuPerLead / full.bare.cpuPerLead, 2),
				e2e_default_lost_leads: full.ours.posted - full.ours.answered,
			});
		}
		// latest.json holds numbers only: a figure that could not be measured (no answers at all) is left out.
		const missing = Object.keys(figures).filter((key) => !Number.isFinite(figures[key]));
		if (missing.length) log(`not measured: ${missing.join(', ')}`);
		return Object.fromEntries(Object.entries(figures).filter(([, value]) => Number.isFinite(value)));
	} finally {
		if (n8n) await n8n.stop();
		await clearRedis(redisPrefix);
		await smtp.stop();
		rmSync(packDir, { recursive: true, force: true });
		rmSync(userFolder, { recursive: true, force: true });
	}
}
