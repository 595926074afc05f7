/**
 * Packs this package with `npm pack` and installs the tarball into an n8n user folder the way n8n's own
 * community-package installer does: unpack into <userFolder>/.n8n/nodes/node_modules/<name>, drop dev and peer
 * dependencies, `npm install --install-strategy=shallow --ignore-scripts`, record it in nodes/package.json.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, run, fileHash, readJson, writeJson } = require('./util');

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The files a tarball must hold for n8n to load the package: every node and credential that package.json's `n8n`
 * block lists, and each node's codex file beside it (categories and documentation links).
 */
function requiredFiles(manifest) {
	const n8n = manifest.n8n ?? {};
	const nodes = n8n.nodes ?? [];
	return [...nodes, ...nodes.map((file) => file.replace(/\.js$/, '.json')), ...(n8n.credentials ?? [])];
}

/** Paths (relative to the package root) that `tarball` lacks of those `requiredFiles` names. */
async function missingFromTarball(tarball, manifest) {
	const listed = new Set(
		(await run('tar', ['-tzf', tarball]))
			.split('\n')
			.filter(Boolean)
			.map((entry) => entry.replace(/^package\//, '')),
	);
	return requiredFiles(manifest).filter((file) => !listed.has(file));
}

/**
 * `npm pack` without lifecycle scripts (the repository's .npmrc sets ignore-scripts, so `prepack` would never run
 * anyway): dist/ must be built first — `npm run pack` does both. Refuses a tarball that lacks a node or credential.
 * @param {{ sourceDir?: string, outDir?: string }} [options]
 *   sourceDir: a packable folder (package.json + dist/), default the repository.
 */
async function packPackage(options = {}) {
	const sourceDir = path.resolve(options.sourceDir ?? ROOT);
	const outDir = path.resolve(options.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lead-routing-pack-')));
	fs.mkdirSync(outDir, { recursive: true });
	if (!fs.existsSync(path.join(sourceDir, 'dist'))) {
		throw new Error(`${sourceDir} has no dist/: build the package first (npm run build)`);
	}
	const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir, '--loglevel=error'];
	const output = await run(NPM, args, { cwd: sourceDir });
	const info = JSON.parse(output.slice(output.indexOf('[')))[0];
	const tarball = path.join(outDir, info.filename);
	const missing = await missingFromTarball(tarball, readJson(path.join(sourceDir, 'package.json'), {}));
	if (missing.length) {
		fs.rmSync(tarball, { force: true });
		throw new Error(
			`${path.basename(tarball)} would lack ${missing.join(', ')}: is dist/ built from this checkout (npm run build)?`,
		);
	}
	return { tarball, sha256: fileHash(tarball), name: info.name, version: info.version, files: info.files.length };
}

/**
 * Installs `tarball` into `<userFolder>/.n8n/nodes`. Skipped when the same tarball (by hash) is already installed.
 * @returns {Promise<{ packageDir: string, installedNow: boolean }>}
 */
async function installPackage({ userFolder, tarball, env }) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const hash = fileHash(tarball);
	const stampFile = path.join(nodesDir, '.installed-tarballs.json');
	const stamps = readJson(stampFile, {});
	const manifest = JSON.parse((await run('tar', ['-xzOf', tarball, 'package/package.json'])).trim() || '{}');
	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	if (stamps[manifest.name] === hash && fs.existsSync(path.join(packageDir, 'package.json'))) {
		return { packageDir, installedNow: false };
	}

	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const { devDependencies: _d, peerDependencies: _p, optionalDependencies: _o, ...installed } = manifest;
	writeJson(path.join(packageDir, 'package.json'), installed);
	await run(
		NPM,
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, env },
	);

	const nodesPackage = readJson(path.join(nodesDir, 'package.json'), {
		name: 'installed-nodes',
		private: true,
		dependencies: {},
	});
	nodesPackage.dependencies = { ...nodesPackage.dependencies, [manifest.name]: manifest.version };
	writeJson(path.join(nodesDir, 'package.json'), nodesPackage);
	writeJson(stampFile, { ...stamps, [manifest.name]: hash });
	return { packageDir, installedNow: true };
}

module.exports = { packPackage, installPackage, missingFromTarball, requiredFiles };
