/**
 * What a fresh clone packs: `npm run pack` builds dist/ itself (the repository's .npmrc sets ignore-scripts, so
 * `prepack` never runs) and the tarball holds every node and credential package.json lists. The publish workflow
 * publishes that tarball with npm provenance.
 */
import { execFileSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Manifest {
	scripts: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
}

/** The checkout as a clone has it: tracked (and new, not ignored) files only — no dist/, no build output. */
function freshCopy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'lead-routing-clone-'));
	const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.split('\0')
		.filter((file) => file && existsSync(join(ROOT, file)));
	for (const file of files) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		copyFileSync(join(ROOT, file), join(dir, file));
	}
	// `npm ci` would install the same lockfile; linking saves minutes and the network.
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
	return dir;
}

describe('packing a release', () => {
	let clone: string;
	let entries: string[];
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

	beforeAll(
		() => {
			clone = freshCopy();
			expect(existsSync(join(clone, 'dist'))).toBe(false);
			expect(readFileSync(join(clone, '.npmrc'), 'utf8')).toMatch(/^ignore-scripts=true$/m);
			execFileSync(NPM, ['run', 'pack', '--silent', '--', '--out', join(clone, 'out')], { cwd: clone, stdio: 'pipe' });
			const tarballs = readdirSync(join(clone, 'out')).filter((file) => file.endsWith('.tgz'));
			expect(tarballs).toHaveLength(1);
			entries = execFileSync('tar', ['-tzf', join(clone, 'out', tarballs[0])], { encoding: 'utf8' })
				.split('\n')
				.filter(Boolean)
				.map((entry) => entry.replace(/^package\//, ''));
		},
		5 * 60 * 1000,
	);

	afterAll(() => {
		if (clone) rmSync(clone, { recursive: true, force: true });
	});

	test('npm run pack on a fresh clone builds dist/ and packs every node and credential package.json lists', () => {
		const listed = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		expect(listed.length).toBeGreaterThanOrEqual(9);
		for (const file of listed) expect({ file, packed: entries.includes(file) }).toEqual({ file, packed: true });
		for (const node of manifest.n8n.nodes) expect(entries).toContain(node.replace(/\.js$/, '.json'));
		expect(entries.filter((entry) => entry.endsWith('.svg')).length).toBeGreaterThanOrEqual(manifest.n8n.nodes.length);
		expect(entries).toContain('package.json');
		expect(
			entries.some(
				(entry) => /^(lib|nodes|test|scripts)\//.test(entry) || (entry.endsWith('.ts') && !entry.endsWith('.d.ts')),
			),
		).toBe(false);
	});

	test('no lifecycle script is relied on: .npmrc skips them all', () => {
		for (const hook of ['prepack', 'prepare', 'prepublishOnly', 'postpack', 'install', 'postinstall']) {
			expect({ hook, script: manifest.scripts[hook] }).toEqual({ hook, script: undefined });
		}
	});

	test('the publish workflow runs CI, then publishes that tarball with npm provenance', () => {
		const text = readFileSync(join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');
		const publishJob = text.slice(text.indexOf('\n  publish:'));
		expect(text).toMatch(/^ {4}tags: \['v\*\.\*\.\*'\]$/m);
		expect(text).toMatch(/^ {8}run: bash \.ci\/run$/m);
		expect(publishJob).toMatch(/^ {4}needs: ci$/m);
		expect(publishJob).toMatch(/^ {6}id-token: write\b/m);
		const pack = publishJob.indexOf('run: npm run pack -- --out .release');
		const release = publishJob.indexOf('run: npm publish .release/*.tgz --provenance');
		expect(pack).toBeGreaterThan(0);
		expect(release).toBeGreaterThan(pack);
	});
});
