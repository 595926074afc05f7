/**
 * Checkpoints run off the lead's path: a worker thread copies the log back into the database file while this
 * process's connection only commits. Without the worker, the connection's backstop lets the log grow to
 * BACKSTOP_PAGES before a commit checkpoints inline; with it, the log is reset every CHECKPOINT_EVERY commits or so
 * and stays small. A log that grows towards the backstop means the worker does nothing.
 */
import { spawnSync } from 'child_process';
import { statSync } from 'fs';
import { makeStoreFolder, removeStoreFolder } from '../../helpers/store-folder';
import { join } from 'path';
import { DatabaseSync } from 'node:sqlite';
import { closeAllDatabases, openDatabase } from '../../../lib/store/sqlite/database';
import { BACKSTOP_PAGES, CHECKPOINT_EVERY } from '../../../lib/store/sqlite/upkeep';
import { packageRoot } from '../../helpers/engine';

const folder = makeStoreFolder('lead-routing-upkeep');
afterAll(() => {
	closeAllDatabases();
	removeStoreFolder(folder);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PAGE = 4096;
const COMMITS = 2400;

/**
 * `commits` transactions of one 2 KB timer row each, in bursts of 16 with a pause of 15 ms, as a lead's writes come
 * between n8n's other work. (Under writes without any pause a checkpoint never catches up with the log's end, and the
 * log only resets at the backstop.)
 */
async function writeRows(file: string, commits: number): Promise<void> {
	const db = await openDatabase(file);
	const record = 'x'.repeat(2048);
	for (let i = 0; i < commits; i++) {
		db.write('test', () =>
			db.run(
				'INSERT INTO sla_timer (scope, key, record, next, due_at, purge_at) VALUES (?, ?, ?, 0, 0, 0)',
				'wf:upkeep',
				`lead${i}`,
				record,
			),
		);
		if (i % 16 === 15) await sleep(15);
	}
}

test('the worker checkpoints, so the log stays far below the backstop and no commit pays for copying it', async () => {
	const file = join(folder, 'worker.sqlite');
	await writeRows(file, COMMITS);
	const db = await openDatabase(file);
	// Requests that arrive while a checkpoint runs are folded into one, so a busy machine sees fewer than one per 64.
	for (let i = 0; i < 100 && db.checkpoints < 5; i++) await sleep(20);
	expect(db.checkpoints).toBeGreaterThanOrEqual(5);
	// 2,400 commits of a 2 KB row write about 10,000 pages to the log: without the worker all of them stay there (the
	// backstop). Reset about every 64 commits, the log's file held ~430 pages on a quiet machine and up to ~2,300 on a
	// busy one (its size is the high-water mark of the worst lag), so the bound is well below the backstop, not tight.
	const walPages = statSync(`${file}-wal`).size / PAGE;
	expect(walPages).toBeLessThan(6000);
	const check = new DatabaseSync(file);
	try {
		expect(check.prepare('SELECT count(*) AS n FROM sla_timer').get()).toEqual({ n: COMMITS });
	} finally {
		check.close();
	}
});

test('the connection itself only checkpoints past the backstop', async () => {
	const file = join(folder, 'backstop.sqlite');
	const db = await openDatabase(file);
	// The pragma is per connection: read it through the store's own connection.
	expect(db.get('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: BACKSTOP_PAGES });
});

test('a process that opened the store exits by itself: the worker never keeps n8n or a script alive', async () => {
	const file = join(folder, 'exit.sqlite');
	const sqliteIndex = join(packageRoot(), 'dist/lib/store/sqlite/index.js');
	const child = `
const { SqliteStateStore } = require(${JSON.stringify(sqliteIndex)});
SqliteStateStore.open(process.argv[1]).then(async (store) => {
	const keys = store.idempotency({ workflowId: 'wf-exit', stateName: '' });
	for (let i = 0; i < ${CHECKPOINT_EVERY * 2}; i++) await keys.claim('lead' + i, 60000, Date.now());
});`;
	const started = Date.now();
	const result = spawnSync(process.execPath, ['-e', child, file], { timeout: 20_000, encoding: 'utf8' });
	expect(result.stderr).toBe('');
	expect(result.signal).toBeNull();
	expect(result.status).toBe(0);
	expect(Date.now() - started).toBeLessThan(20_000);
});
