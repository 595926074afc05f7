/**
 * SQLite, the default store: one database file on this host (default `<n8n user folder>/.n8n/lead-routing.sqlite`,
 * the folder n8n keeps its own database in). Exact across executions, workflows sharing a State Name and processes on
 * this host (n8n main, webhook processes, queue-mode workers sharing the volume); a change is durable once the node
 * that made it has returned.
 */
import { homedir } from 'os';
import { isAbsolute, join, resolve } from 'path';
import { scopeKey, type StateStore, type StoreScope } from '../state-store';
import { SqliteAssignmentStore } from './assignment';
import { sqliteCounters } from './counters';
import { openDatabase, type Database } from './database';
import { sqliteIdempotency } from './idempotency';
import { importStaticData } from './migrate';
import type { JsonObject } from '../static/state';
import { sqliteSlaHistory } from './sla-history';
import { SqliteTimerStore } from './timers';

/** Environment variable that moves the database file for every node that does not name one itself. */
export const DB_FILE_ENV = 'LEAD_ROUTING_DB_FILE';

/**
 * The database file: the node's Database File option, else LEAD_ROUTING_DB_FILE, else next to n8n's own database
 * (N8N_USER_FOLDER, as n8n resolves it, defaults to the home folder). Relative paths are taken from the n8n user folder.
 */
export function databaseFile(option: string, env: NodeJS.ProcessEnv = process.env): string {
	const userFolder = join(env.N8N_USER_FOLDER?.trim() || homedir(), '.n8n');
	const chosen = option.trim() || env[DB_FILE_ENV]?.trim() || 'lead-routing.sqlite';
	return isAbsolute(chosen) ? chosen : resolve(userFolder, chosen);
}

export class SqliteStateStore implements StateStore {
	readonly label: string;

	constructor(readonly database: Database) {
		this.label = `SQLite database ${database.file}`;
	}

	/** Opens (or reuses this process's connection to) the file; throws StoreUnavailableError naming it. */
	static async open(file: string): Promise<SqliteStateStore> {
		return new SqliteStateStore(await openDatabase(file));
	}

	assignment(scope: StoreScope) {
		return new SqliteAssignmentStore(this.database, scopeKey(scope), this.label);
	}

	timers(scope: StoreScope, options = {}) {
		return new SqliteTimerStore(this.database, scopeKey(scope), options);
	}

	idempotency(scope: StoreScope) {
		return sqliteIdempotency(this.database, scopeKey(scope));
	}

	counters(scope: StoreScope) {
		return sqliteCounters(this.database, scopeKey(scope));
	}

	adoptStaticData(staticData: JsonObject, scope: StoreScope): string[] {
		return importStaticData(this.database, staticData, scope);
	}

	slaHistory(scope: StoreScope) {
		return sqliteSlaHistory(this.database, scopeKey(scope));
	}
}
