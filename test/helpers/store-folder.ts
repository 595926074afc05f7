/**
 * Temporary folders for SQLite stores in tests. A database's checkpoint worker (lib/store/sqlite/upkeep.ts) closes its
 * own connection a moment after the database is closed, and may still touch the log files then: removing the folder
 * retries, as a busy or not-yet-empty folder is only a moment away from empty.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export function makeStoreFolder(prefix: string): string {
	return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export function removeStoreFolder(folder: string): void {
	rmSync(folder, { recursive: true, force: true, maxRetries: 20, retryDelay: 25 });
}
