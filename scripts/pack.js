#!/usr/bin/env node
/**
 * `npm run pack [-- --out <folder>]`: builds dist/ from this checkout, packs it and checks the tarball holds every
 * node and credential package.json lists. Use it instead of a bare `npm pack`: the repository's .npmrc sets
 * ignore-scripts (no dependency may run an install script), and that also skips `prepack`, so a bare `npm pack`
 * cannot build and packs whatever dist/ holds — nothing, on a fresh clone.
 */
const { spawnSync } = require('child_process');
const path = require('path');
const { packPackage } = require('./n8n/pack');
const { ROOT } = require('./n8n/util');

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

async function main() {
	const at = process.argv.indexOf('--out');
	const outDir = path.resolve(at >= 0 ? process.argv[at + 1] : ROOT);
	const build = spawnSync(NPM, ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
	const packed = await packPackage({ outDir });
	console.log(
		`${path.relative(process.cwd(), packed.tarball) || packed.tarball}  (${packed.name}@${packed.version}, ${packed.files} files, sha256 ${packed.sha256})`,
	);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
