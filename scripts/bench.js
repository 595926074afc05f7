#!/usr/bin/env node
/**
 * `npm run bench [-- --only match,route]`: builds the package and the benchmarks, runs each part
 * (bench/<part>.bench.ts exporting `run(): Promise<Record<string, number>>`) in its own process, merges the figures
 * into bench/results/latest.json and writes BENCHMARKS.md from it (the table between the generated markers), so the
 * two never disagree. `--report` only rewrites BENCHMARKS.md from latest.json. Benchmarks are never part of `npm test`.
 *
 * With LEAD_ROUTING_PACKAGE_DIR set (a private build, see scripts/dev-build.sh), dist/ in the repository is neither
 * rebuilt nor used, and the benchmarks compile into .tmp/bench-build-private.
 * The end-to-end part needs the n8n application (.n8n-app/, installed on first use) and the services of .ci/services.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/**
 * The report's rows: each figure with its target (from the benchmarks issue) and the baseline measured in the same
 * run, with their ratio. Figures a part reports that have no row here are listed under "Other figures".
 */
const FIGURES = [
	{
		key: 'normalize_leads_per_s',
		what: 'Normalize Lead, 100k leads in-process',
		unit: 'leads/s',
		target: ['>=', 20000],
		baseline: 'normalize_baseline_json_clone_per_s',
		ratio: 'normalize_ratio_vs_json_clone',
		baselineWhat: 'JSON clone of each lead',
	},
	{
		key: 'normalize_node_engine_leads_per_s',
		what: 'Normalize Lead node on n8n-core engine, 20k items',
		unit: 'leads/s',
	},
	{
		key: 'match_10k_x_100k_ms',
		what: 'Match Account, 10k leads × 100k accounts (index build + match)',
		unit: 'ms',
		target: ['<=', 1500],
	},
	{ key: 'match_naive_vs_index_ratio', what: 'nested loop ÷ index, 10k × 100k', unit: '×', target: ['>=', 100] },
	{ key: 'match_10k_x_1m_ms', what: 'Match Account, 10k leads × 1M accounts', unit: 'ms', target: ['<=', 12000] },
	{ key: 'match_10k_x_1m_rss_mb', what: 'peak RSS, 10k × 1M (child process)', unit: 'MB', target: ['<=', 600] },
	{
		key: 'match_chain_3k_domain_ms_per_lead',
		what: 'Match Account, a lead from a domain holding 3,000 accounts (a chain)',
		unit: 'ms',
	},
	{ key: 'match_recall_at_1_synthetic', what: 'recall@1 on seeded synthetic leads', unit: '' },
	{
		key: 'pipeline_10k_ms',
		what: 'Normalize → Match (100k accounts) → Route, 10k leads, n8n-core engine, index built',
		unit: 'ms',
		target: ['<=', 3000],
		baseline: 'pipeline_passthrough_baseline_ms',
		ratio: 'pipeline_vs_passthrough_ratio',
		baselineWhat: 'same workflow with pass-through nodes',
	},
	{
		key: 'pipeline_10k_cpu_ms',
		what: '… CPU time of that run (the process shares 2 cores with other jobs)',
		unit: 'ms',
	},
	{ key: 'pipeline_10k_match_ms', what: '… of which Match Account (engine-reported node time)', unit: 'ms' },
	{ key: 'pipeline_10k_route_ms', what: '… of which Route Lead (both runs: Matched and Unmatched)', unit: 'ms' },
	{
		key: 'route_local_decisions_per_s',
		what: 'Route Lead core, local store',
		unit: 'decisions/s',
		baseline: 'route_baseline_counter_per_s',
		ratio: 'route_local_vs_baseline_ratio',
		baselineWhat: 'in-memory round-robin counter',
	},
	{
		key: 'route_redis_decisions_per_s',
		what: 'Route Lead core, Redis store, 32 in flight',
		unit: 'decisions/s',
		target: ['>=', 2000],
	},
	{ key: 'route_engine_items_per_s', what: 'Route Lead node on n8n-core engine, 3 filter rules', unit: 'items/s' },
	{
		key: 'sla_check_100k_local_ms',
		what: 'SLA Check over 100k open timers, local store',
		unit: 'ms',
		baseline: 'sla_check_100k_local_scan_baseline_ms',
		ratio: 'sla_check_100k_local_vs_scan_ratio',
		baselineWhat: 'linear scan of 100k timers',
	},
	{
		key: 'sla_check_100k_sqlite_ms',
		what: 'SLA Check over 100k open timers, SQLite store (default)',
		unit: 'ms',
		target: ['<=', 20],
		baseline: 'sla_check_100k_local_scan_baseline_ms',
		ratio: 'sla_check_100k_sqlite_vs_scan_ratio',
		baselineWhat: 'linear scan of 100k timers',
	},
	{
		key: 'store_sqlite_decisions_per_s',
		what: 'Route Lead core, SQLite store (default), sequential, one transaction each',
		unit: 'decisions/s',
		target: ['>=', 5000],
		baseline: 'store_sqlite_bare_upsert_tx_per_s',
		ratio: 'store_sqlite_vs_bare_tx_ratio',
		baselineWhat: 'bare node:sqlite upsert, one transaction each',
	},
	{
		key: 'store_sqlite_decisions_per_s_backlog',
		what: '… after 100k open SLA timers and 100k answered-lead keys in the file',
		unit: 'decisions/s',
		baseline: 'store_sqlite_bare_upsert_tx_per_s_backlog',
		ratio: 'store_sqlite_backlog_vs_bare_tx_ratio',
		baselineWhat: 'bare node:sqlite upsert, alternating with it',
	},
	{
		key: 'store_sqlite_backlog_vs_empty_ratio',
		what: '… its ratio to bare ÷ the empty file’s ratio to bare',
		unit: '×',
	},
	{
		key: 'sla_check_100k_redis_ms',
		what: 'SLA Check over 100k open timers, Redis',
		unit: 'ms',
		baseline: 'sla_check_100k_redis_ping_baseline_ms',
		ratio: 'sla_check_100k_redis_vs_ping_ratio',
		baselineWhat: 'one Redis PING',
	},
	{
		key: 'sla_stats_30d_100k_sqlite_ms',
		what: 'SLA Get Stats, 30 days = 100k leads, SQLite (read + report)',
		unit: 'ms',
		baseline: 'sla_stats_100k_in_memory_baseline_ms',
		ratio: 'sla_stats_30d_100k_sqlite_vs_memory_ratio',
		baselineWhat: 'report from the same records in memory',
	},
	{
		key: 'sla_stats_30d_100k_redis_ms',
		what: 'SLA Get Stats, 30 days = 100k leads, Redis',
		unit: 'ms',
		baseline: 'sla_stats_100k_in_memory_baseline_ms',
		ratio: 'sla_stats_30d_100k_redis_vs_memory_ratio',
		baselineWhat: 'report from the same records in memory',
	},
	{
		key: 'sla_stats_30d_100k_static_ms',
		what: 'SLA Get Stats, 30 days = 100k leads, static data',
		unit: 'ms',
		baseline: 'sla_stats_100k_in_memory_baseline_ms',
		ratio: 'sla_stats_30d_100k_static_vs_memory_ratio',
		baselineWhat: 'report from the same records in memory',
	},
	{
		key: 'sla_stats_today_of_100k_sqlite_ms',
		what: 'SLA Get Stats, today (`sla_stats_today_leads` leads) of the same 100k history, SQLite',
		unit: 'ms',
	},
	{ key: 'sla_stats_today_of_100k_redis_ms', what: '… the same, Redis', unit: 'ms' },
	{
		key: 'respond_seq_p99_ms',
		what: 'Auto-Respond node run → SMTP accepted, sequential, p99',
		unit: 'ms',
		baseline: 'respond_baseline_seq_p99_ms',
		ratio: 'respond_seq_p99_ratio',
		baselineWhat: 'bare pooled nodemailer send',
	},
	{
		key: 'respond_conc50_p99_ms',
		what: 'Auto-Respond, 50 concurrent, p99',
		unit: 'ms',
		baseline: 'respond_baseline_conc50_p99_ms',
		ratio: 'respond_conc50_p99_ratio',
		baselineWhat: 'bare pooled nodemailer send',
	},
	{
		key: 'e2e_p50_ms',
		what: 'real n8n: webhook POST → auto-response accepted by SMTP, p50',
		unit: 'ms',
		baseline: 'e2e_bare_p50_ms',
		ratio: 'e2e_overhead_ratio_p50',
		ratioTarget: ['<=', 1.3],
		baselineWhat: 'Webhook → Send Email (built-in), same load',
	},
	{
		key: 'e2e_p99_ms',
		what: 'real n8n: webhook POST → auto-response accepted by SMTP, p99',
		unit: 'ms',
		target: ['<=', 1000],
		baseline: 'e2e_bare_p99_ms',
		ratio: 'e2e_overhead_ratio_p99',
		ratioTarget: ['<=', 1.5],
		baselineWhat: 'Webhook → Send Email (built-in), same load',
	},
	{
		key: 'e2e_redis_p50_ms',
		what: 'the same workflow with the Redis stores, p50',
		unit: 'ms',
		baseline: 'e2e_bare_p50_ms',
		ratio: 'e2e_redis_overhead_ratio_p50',
		ratioTarget: ['<=', 1.3],
		baselineWhat: 'Webhook → Send Email, same load',
	},
	{
		key: 'e2e_redis_p99_ms',
		what: 'the same workflow with the Redis stores, p99',
		unit: 'ms',
		target: ['<=', 1000],
		baseline: 'e2e_bare_p99_ms',
		ratio: 'e2e_redis_overhead_ratio_p99',
		ratioTarget: ['<=', 1.5],
		baselineWhat: 'Webhook → Send Email, same load',
	},
	{ key: 'e2e_redis_lost_leads', what: 'Redis-store workflow: posted − answered', unit: '', target: ['<=', 0] },
	{
		key: 'e2e_low_p50_ms',
		what: 'the same at the low rate (`e2e_low_rate_per_s`), p50',
		unit: 'ms',
		baseline: 'e2e_low_bare_p50_ms',
		ratio: 'e2e_low_overhead_ratio_p50',
		baselineWhat: 'Webhook → Send Email, same load',
	},
	{
		key: 'e2e_low_p99_ms',
		what: 'the same at the low rate, p99',
		unit: 'ms',
		baseline: 'e2e_low_bare_p99_ms',
		ratio: 'e2e_low_overhead_ratio_p99',
		baselineWhat: 'Webhook → Send Email, same load',
	},
	{
		key: 'e2e_low_redis_p50_ms',
		what: 'Redis-store workflow at the low rate, p50',
		unit: 'ms',
		baseline: 'e2e_low_bare_p50_ms',
		ratio: 'e2e_low_redis_overhead_ratio_p50',
		baselineWhat: 'Webhook → Send Email, same load',
	},
	{
		key: 'e2e_low_redis_p99_ms',
		what: 'Redis-store workflow at the low rate, p99',
		unit: 'ms',
		baseline: 'e2e_low_bare_p99_ms',
		ratio: 'e2e_low_redis_overhead_ratio_p99',
		baselineWhat: 'Webhook → Send Email, same load',
	},
	{
		key: 'e2e_redis_n8n_cpu_ms_per_lead',
		what: 'real n8n: CPU time of n8n per lead, Redis stores',
		unit: 'ms',
		baseline: 'e2e_bare_n8n_cpu_ms_per_lead',
		ratio: 'e2e_redis_cpu_ratio',
		baselineWhat: 'Webhook → Send Email (built-in)',
	},
	{
		key: 'e2e_n8n_cpu_ms_per_lead',
		what: 'real n8n: CPU time of n8n per lead',
		unit: 'ms',
		baseline: 'e2e_bare_n8n_cpu_ms_per_lead',
		ratio: 'e2e_cpu_ratio',
		baselineWhat: 'Webhook → Send Email (built-in)',
	},
	{ key: 'e2e_static_data_kb', what: "our workflow's static data after the run (local stores)", unit: 'KB' },
	{
		key: 'e2e_lost_leads',
		what: 'real n8n: leads posted − leads answered',
		unit: '',
		target: ['<=', 0],
		baseline: 'e2e_bare_lost_leads',
		baselineWhat: 'Webhook → Send Email',
	},
	{
		key: 'e2e_default_low_p50_ms',
		what: 'real n8n, default store (SQLite) after `e2e_default_backlog_timers` open SLA timers + as many answered-lead keys, low rate, p50',
		unit: 'ms',
		baseline: 'e2e_default_low_bare_p50_ms',
		ratio: 'e2e_default_low_overhead_ratio_p50',
		ratioTarget: ['<=', 1.3],
		baselineWhat: 'Webhook → Send Email, alternating blocks',
	},
	{
		key: 'e2e_default_low_p99_ms',
		what: '… p99',
		unit: 'ms',
		baseline: 'e2e_default_low_bare_p99_ms',
		ratio: 'e2e_default_low_overhead_ratio_p99',
		ratioTarget: ['<=', 1.5],
		baselineWhat: 'Webhook → Send Email, alternating blocks',
	},
	{
		key: 'e2e_default_backlog_vs_empty_p50_ratio',
		what: '… p50 ratio to bare after the backlog ÷ the same before it (`e2e_low_*`)',
		unit: '×',
		target: ['<=', 1.2],
	},
	{
		key: 'e2e_default_n8n_cpu_ms_per_lead',
		what: '… CPU time of n8n per lead after the backlog',
		unit: 'ms',
		baseline: 'e2e_default_bare_n8n_cpu_ms_per_lead',
		ratio: 'e2e_default_cpu_ratio',
		ratioTarget: ['<=', 1.2],
		baselineWhat: 'Webhook → Send Email',
	},
	{ key: 'e2e_default_lost_leads', what: '… leads posted − answered after the backlog', unit: '', target: ['<=', 0] },
];

function meets(value, target) {
	if (!target || typeof value !== 'number' || Number.isNaN(value)) return undefined;
	return target[0] === '>=' ? value >= target[1] : value <= target[1];
}

function fmt(value) {
	if (value === undefined || value === null) return '—';
	if (typeof value !== 'number') return String(value);
	if (Number.isNaN(value)) return 'n/a';
	const abs = Math.abs(value);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
	return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

const status = (ok) => (ok === undefined ? '' : ok ? 'met' : '**missed**');
const targetText = (t) => (t ? `${t[0] === '>=' ? '≥' : '≤'} ${fmt(t[1])}` : '');

/** Rewrites the generated part of BENCHMARKS.md (between the markers); the hand-written rest is kept. */
function writeReport(results, file) {
	const meta = results._meta ?? {};
	const lines = [];
	lines.push(`Generated by \`npm run bench\` from \`bench/results/latest.json\` — do not edit by hand.`, '');
	lines.push(`- Date: ${meta.date ?? '—'}; parts in the last run: ${(meta.lastRun ?? []).join(', ') || '—'}`);
	lines.push(
		`- Machine: ${meta.cpuModel ?? '?'}, ${meta.cpus ?? '?'} cores, ${meta.memoryGb ?? '?'} GB, ${meta.os ?? '?'} (shared with other jobs)`,
	);
	lines.push(
		`- Node ${meta.node ?? '?'} (benchmarks, n8n-core ${meta.n8nCore ?? '?'}, n8n-workflow ${meta.n8nWorkflow ?? '?'}); n8n application ${meta.n8nApp ?? '?'} on Node 24 (end to end)`,
	);
	const parts = Object.entries(meta.parts ?? {}).sort((a, b) => a[1].date.localeCompare(b[1].date));
	if (parts.length) {
		lines.push(
			`- Load average (1 min) around each part: ${parts.map(([p, m]) => `${p} ${fmt(m.loadAverageBefore)} → ${fmt(m.loadAverageAfter)} (${m.date.slice(0, 16)}Z, ${m.seconds} s${m.package && m.package !== 'dist/' ? `, ${m.package}` : ''})`).join('; ')}`,
		);
	}
	lines.push(
		'',
		'| Figure | What | Value | Target | Status | Baseline (same run) | Ratio |',
		'|---|---|---:|---|---|---|---:|',
	);
	for (const f of FIGURES) {
		const value = results[f.key];
		if (value === undefined) continue;
		const unit = f.unit ? ` ${f.unit}` : '';
		const ratio = f.ratio !== undefined ? results[f.ratio] : undefined;
		const checks = [meets(value, f.target), meets(ratio, f.ratioTarget)].filter((c) => c !== undefined);
		const ok = checks.length ? checks.every(Boolean) : undefined;
		const target = [
			targetText(f.target) && `${targetText(f.target)}${unit}`,
			f.ratioTarget && `ratio ${targetText(f.ratioTarget)}`,
		]
			.filter(Boolean)
			.join('; ');
		const baseline =
			f.baseline && results[f.baseline] !== undefined ? `${fmt(results[f.baseline])}${unit} (${f.baselineWhat})` : '';
		const ratioCell = ratio !== undefined ? `\`${f.ratio}\` ${fmt(ratio)}` : '';
		lines.push(
			`| \`${f.key}\` | ${f.what} | ${fmt(value)}${unit} | ${target} | ${status(ok)} | ${baseline} | ${ratioCell} |`,
		);
	}
	const shown = new Set(FIGURES.flatMap((f) => [f.key, f.baseline, f.ratio].filter(Boolean)));
	const other = Object.keys(results)
		.filter((k) => k !== '_meta' && !shown.has(k))
		.sort();
	if (other.length) {
		lines.push('', '<details><summary>Other figures in latest.json</summary>', '', '| Figure | Value |', '|---|---:|');
		for (const k of other) lines.push(`| \`${k}\` | ${fmt(results[k])} |`);
		lines.push('', '</details>');
	}
	const begin = '<!-- bench:begin -->';
	const end = '<!-- bench:end -->';
	const generated = `${begin}\n${lines.join('\n')}\n${end}`;
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmarks\n\n${begin}\n${end}\n`;
	const next =
		current.includes(begin) && current.includes(end)
			? current.slice(0, current.indexOf(begin)) + generated + current.slice(current.indexOf(end) + end.length)
			: `${current.trimEnd()}\n\n${generated}\n`;
	fs.writeFileSync(file, next);
}

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',').filter(Boolean) : undefined;
const resultsFile = path.join(root, 'bench', 'results', 'latest.json');
const reportFile = path.join(root, 'BENCHMARKS.md');

function sh(command, argv) {
	const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

function readResults() {
	return fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
}

if (flag('--report')) {
	writeReport(readResults(), reportFile);
	console.log(`wrote ${path.relative(root, reportFile)} from ${path.relative(root, resultsFile)}`);
	process.exit(0);
}

const privateBuild = process.env.LEAD_ROUTING_PACKAGE_DIR;
const buildDir = path.join(root, '.tmp', privateBuild ? 'bench-build-private' : 'bench-build');
if (!privateBuild) sh('npm', ['run', 'build', '--silent']);
sh(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.bench.json', '--outDir', buildDir]);

const order = ['normalize', 'match', 'route', 'sla', 'respond', 'pipeline', 'e2e'];
const available = fs
	.readdirSync(path.join(root, 'bench'))
	.filter((f) => f.endsWith('.bench.ts'))
	.map((f) => f.replace('.bench.ts', ''))
	.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
const parts = only ? available.filter((p) => only.includes(p)) : available;
if (only && parts.length !== only.length) {
	console.error(
		`Unknown part(s): ${only.filter((p) => !available.includes(p)).join(', ')}; available: ${available.join(', ')}`,
	);
	process.exit(1);
}

// Benchmarks run on the Node.js n8n 2.x runs on (24, with node:sqlite for the default store), as npm test does.
const node24 = await24();
function await24() {
	const probe = spawnSync(
		process.execPath,
		[
			'-e',
			"require('./scripts/n8n/install').ensureN8nApp({ log: console.error }).then((p) => process.stdout.write(p.nodeBin))",
		],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	if (probe.status !== 0 || !probe.stdout.length) {
		console.error('cannot install Node 24 (scripts/n8n/install.js)');
		process.exit(1);
	}
	return probe.stdout.toString();
}

let n8nVersion;
try {
	n8nVersion = require('./n8n/install').appVersion();
} catch {
	n8nVersion = undefined;
}
const pkg = (name) => {
	try {
		return require(path.join(root, 'node_modules', name, 'package.json')).version;
	} catch {
		return undefined;
	}
};

/** Saved after every part, so a long run that is cut short keeps the figures of the parts that finished. */
function save(results, meta, done) {
	results._meta = {
		...meta,
		date: new Date().toISOString(),
		node: spawnSync(node24, ['--version']).stdout.toString().trim(),
		n8nApp: n8nVersion,
		n8nCore: pkg('n8n-core'),
		n8nWorkflow: pkg('n8n-workflow'),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		lastRun: done,
	};
	fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
	fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
	writeReport(results, reportFile);
}

const results = readResults();
const meta = results._meta ?? {};
meta.parts = meta.parts ?? {};
const done = [];
for (const part of parts) {
	// Each part runs in its own process so one part's heap and JIT state do not colour the next.
	console.log(`\n=== bench: ${part}`);
	const out = path.join(root, '.tmp', `bench-${part}.json`);
	fs.rmSync(out, { force: true });
	const loadBefore = os.loadavg()[0];
	const started = Date.now();
	const child = spawnSync(
		node24,
		[
			'--expose-gc',
			'--max-old-space-size=4096',
			'-e',
			`
			require(${JSON.stringify(path.join(buildDir, 'bench', `${part}.bench.js`))}).run()
				.then((r) => { require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(r)); process.exit(0); })
				.catch((e) => { console.error(e); process.exit(1); });
		`,
		],
		{ cwd: root, stdio: 'inherit', env: { ...process.env, LEAD_ROUTING_BENCH: '1' } },
	);
	if (child.status !== 0 || !fs.existsSync(out)) {
		console.error(`bench part ${part} failed`);
		process.exitCode = 1;
		continue;
	}
	// A part's figures replace all of its previous ones, so a renamed or dropped figure cannot linger.
	for (const key of Object.keys(results)) if (key.startsWith(`${part}_`)) delete results[key];
	Object.assign(results, JSON.parse(fs.readFileSync(out, 'utf8')));
	meta.parts[part] = {
		date: new Date().toISOString(),
		seconds: Math.round((Date.now() - started) / 1000),
		loadAverageBefore: Math.round(loadBefore * 100) / 100,
		loadAverageAfter: Math.round(os.loadavg()[0] * 100) / 100,
		package: privateBuild ? 'private build (LEAD_ROUTING_PACKAGE_DIR)' : 'dist/',
	};
	done.push(part);
	save(results, meta, done);
}
console.log(
	`\nwrote ${path.relative(root, resultsFile)} and ${path.relative(root, reportFile)} (${done.length} of ${parts.length} parts)`,
);
