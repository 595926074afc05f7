#!/usr/bin/env node
// `npm test`: build the package (engine tests load dist/ as n8n loads an installed package), then run jest.
// Extra arguments go to jest, e.g. `npm test -- test/lib`.
const { spawnSync } = require('child_process');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)], {
	stdio: 'inherit',
});
process.exit(jest.status ?? 1);
