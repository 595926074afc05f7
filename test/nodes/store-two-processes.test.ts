/**
 * Two OS processes routing at once against one SQLite file (as n8n main and a webhook process, or two queue-mode
 * workers sharing a volume, would): each takes the write lock per decision, so the counts are exact. The processes run
 * the built package, as n8n would load it, on the Node.js that runs this test.
 */
import { spawn } from 'child_process';
import { makeStoreFolder, removeStoreFolder } from '../helpers/store-folder';
import { join } from 'path';
import { packageRoot } from '../helpers/engine';

const ROOT = packageRoot();

const LEADS_PER_PROCESS = 200;
const REPS = ['rep1', 'rep2', 'rep3', 'rep4'];

// Opens the store, waits for the common start time, then routes its leads one after another; prints its picks as JSON.
const CHILD = `
const [file, startAt, leads] = process.argv.slice(1);
const { SqliteStateStore } = require(${JSON.stringify(join(ROOT, 'dist/lib/store/sqlite/index.js'))});
const { windowsAt } = require(${JSON.stringify(join(ROOT, 'dist/lib/store/windows.js'))});
(async () => {
  const store = (await SqliteStateStore.open(file)).assignment({ workflowId: 'wf-two-processes', stateName: '' });
  const candidates = ${JSON.stringify(REPS)}.map((id) => ({ id, weight: 1, capacityDay: 0, capacityWeek: 0, capacityOpen: 0 }));
  while (Date.now() < Number(startAt)) {}
  const picks = {};
  for (let i = 0; i < Number(leads); i++) {
    const now = Date.now();
    const { repId } = await store.assign({ pool: 'all', strategy: 'roundRobin', candidates, windows: windowsAt(now, 'UTC'), random: 0, at: new Date(now).toISOString(), dryRun: false });
    picks[repId] = (picks[repId] ?? 0) + 1;
  }
  process.stdout.write(JSON.stringify(picks));
})().catch((error) => { console.error(error); process.exit(1); });
`;

function route(file: string, startAt: number): Promise<Record<string, number>> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['-e', CHILD, file, String(startAt), String(LEADS_PER_PROCESS)], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(out) as Record<string, number>)
				: reject(new Error(`child exited ${code}: ${err}`)),
		);
	});
}

describe('SQLite store: two processes on one database file', () => {
	const folder = makeStoreFolder('lead-routing-two-processes');
	afterAll(() => removeStoreFolder(folder));

	it('round robin over 4 reps gives exactly 100 each for 400 leads routed at once by 2 processes', async () => {
		const file = join(folder, 'state.sqlite');
		const startAt = Date.now() + 1500;
		const [a, b] = await Promise.all([route(file, startAt), route(file, startAt)]);
		const total: Record<string, number> = {};
		for (const picks of [a, b]) for (const [rep, n] of Object.entries(picks)) total[rep] = (total[rep] ?? 0) + n;
		expect(total).toEqual({ rep1: 100, rep2: 100, rep3: 100, rep4: 100 });
		// Each process routed all of its leads.
		expect(Object.values(a).reduce((x, y) => x + y, 0)).toBe(LEADS_PER_PROCESS);
		expect(Object.values(b).reduce((x, y) => x + y, 0)).toBe(LEADS_PER_PROCESS);
	}, 60_000);
});
