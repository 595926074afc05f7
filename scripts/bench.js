#!/usr/bin/env node
/**
 * `npm run bench [-- --only match,route]`: builds the package and the benchmarks, runs each part
 * (bench/<part>.bench.ts exporting `run(): Promise<Record<string, number>>`), and merges the figures into
 * bench/results/latest.json. Benchmarks are never part of `npm test`.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1].split(',') : undefined;

function sh(command, argv) {
	const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

sh('npm', ['run', 'build', '--silent']);
sh(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.bench.json']);

const order = ['normalize', 'match', 'route', 'sla', 'respond', 'pipeline', 'e2e'];
const available = fs
	.readdirSync(path.join(root, 'bench'))
	.filter((f) => f.endsWith('.bench.ts'))
	.map((f) => f.replace('.bench.ts', ''))
	.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
const parts = only ? available.filter((p) => only.includes(p)) : available;
if (only && parts.length !== only.length) {
	console.error(`Unknown part(s): ${only.filter((p) => !available.includes(p)).join(', ')}; available: ${available.join(', ')}`);
	process.exit(1);
}

const resultsFile = path.join(root, 'bench', 'results', 'latest.json');
const previous = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
const results = { ...previous };
for (const part of parts) {
	// Each part runs in its own process so one part's heap and JIT state do not colour the next.
	console.log(`\n=== bench: ${part}`);
	const out = path.join(root, '.tmp', `bench-${part}.json`);
	const child = spawnSync(
		process.execPath,
		['--expose-gc', '--max-old-space-size=4096', '-e', `
			require(${JSON.stringify(path.join(root, '.tmp/bench-build/bench', `${part}.bench.js`))}).run()
				.then((r) => { require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(r)); })
				.catch((e) => { console.error(e); process.exit(1); });
		`],
		{ cwd: root, stdio: 'inherit', env: { ...process.env, LEAD_ROUTING_BENCH: '1' } },
	);
	if (child.status !== 0) {
		console.error(`bench part ${part} failed`);
		process.exitCode = 1;
		continue;
	}
	Object.assign(results, JSON.parse(fs.readFileSync(out, 'utf8')));
}
results._meta = {
	date: new Date().toISOString(),
	node: process.version,
	cpus: require('os').cpus().length,
	cpuModel: require('os').cpus()[0]?.model,
	parts,
};
fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${path.relative(root, resultsFile)}`);
