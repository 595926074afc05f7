#!/usr/bin/env node
/**
 * `npm run release -- <patch | minor | major | x.y.z> [--dry-run]`: prepares a release on a clean main. Checks lint
 * and types, sets the version (package.json and the lockfile), builds and packs with `npm run pack` (which checks
 * the tarball), commits "Release vX.Y.Z" and tags vX.Y.Z. Publishing is not done here: pushing the tag starts the
 * Publish workflow (.github/workflows/publish.yml), which runs the whole CI and publishes the tarball with npm
 * provenance, so the registry can show which commit and workflow built it. --dry-run checks and packs only.
 */
const { spawnSync } = require('child_process');
const path = require('path');
const { ROOT, readJson } = require('./n8n/util');

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const bump = args.find((arg) => !arg.startsWith('--'));

function step(what, command, commandArgs, { capture = false } = {}) {
	if (what) console.log(`• ${what}`);
	const result = spawnSync(command, commandArgs, {
		cwd: ROOT,
		stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
		encoding: 'utf8',
	});
	if (result.status !== 0) {
		console.error(
			`\n${what || `${command} ${commandArgs.join(' ')}`} failed (exit ${result.status}); nothing was committed or tagged.`,
		);
		process.exit(1);
	}
	return (result.stdout ?? '').trim();
}

if (!dryRun && !/^(patch|minor|major|\d+\.\d+\.\d+(-[\w.]+)?)$/.test(bump ?? '')) {
	console.error('Usage: npm run release -- <patch | minor | major | x.y.z> [--dry-run]');
	process.exit(1);
}
const dirty = step('', 'git', ['status', '--porcelain'], { capture: true });
if (dirty) {
	console.error(`The work tree has uncommitted changes; commit or stash them first:\n${dirty}`);
	process.exit(1);
}
const branch = step('', 'git', ['rev-parse', '--abbrev-ref', 'HEAD'], { capture: true });
if (!dryRun && branch !== 'main') {
	console.error(`Releases are cut from main (this is ${branch}).`);
	process.exit(1);
}

step('lint', NPM, ['run', 'lint', '--silent']);
step('type-check', NPM, ['run', 'typecheck', '--silent']);
if (!dryRun) step(`version ${bump}`, NPM, ['version', bump, '--no-git-tag-version', '--ignore-scripts']);
const version = readJson(path.join(ROOT, 'package.json')).version;
step('build, pack and check the tarball', NPM, [
	'run',
	'pack',
	'--silent',
	'--',
	'--out',
	path.join(ROOT, '.tmp', 'release'),
]);
if (dryRun) {
	console.log(`\nDry run: v${version} would be released from this tarball (.tmp/release/). Nothing was changed.`);
	process.exit(0);
}
step('commit', 'git', ['commit', '-q', '-m', `Release v${version}`, '--', 'package.json', 'package-lock.json']);
step('tag', 'git', ['tag', '-a', `v${version}`, '-m', `v${version}`]);
console.log(`
v${version} is committed and tagged. Publish it by pushing both:

  git push origin main v${version}

The Publish workflow then runs CI and publishes the tarball to npm with provenance.`);
