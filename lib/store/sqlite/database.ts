/**
 * One SQLite database file per path and process (node:sqlite, built into Node ≥ 22.5; no npm dependency, nothing to
 * compile). WAL lets readers run beside the one writer; every change is one short `BEGIN IMMEDIATE` transaction, which
 * takes the write lock up front, so two processes never both read a count and then both write it. A busy database is
 * waited for (busy timeout) rather than failed at once. `synchronous=NORMAL` in WAL mode: a committed transaction
 * survives a crash or kill of n8n (it is in the WAL file); only an operating-system crash or power loss can drop the
 * last commits.
 */
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { StoreUnavailableError } from '../errors';
import { EXPIRING, SCHEMA, SCHEMA_VERSION } from './schema';
import { BACKSTOP_PAGES, DEFAULT_AUTOCHECKPOINT_PAGES, startUpkeep } from './upkeep';
import type { Upkeep } from './upkeep';

/** How long a transaction waits for another process's write lock before failing. */
export const BUSY_TIMEOUT_MS = 5000;
const SWEEP_EVERY = 256;
const SWEEP_BATCH = 500;

type SqlValue = string | number | bigint | null;

export class Database {
	private readonly statements = new Map<string, StatementSync>();
	private writes = 0;
	private readonly memos = new Map<string, unknown>();
	private dataVersion: number | undefined;
	private readonly begin: StatementSync;
	private readonly commit: StatementSync;
	private readonly version: StatementSync;
	private readonly upkeep: Upkeep;

	constructor(
		readonly file: string,
		private readonly db: DatabaseSync,
	) {
		// Prepared once: exec() would parse these three on every decision.
		this.begin = db.prepare('BEGIN IMMEDIATE');
		this.commit = db.prepare('COMMIT');
		this.version = db.prepare('PRAGMA data_version');
		db.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
		this.upkeep = startUpkeep(file, () => {
			if (db.isOpen) db.exec(`PRAGMA wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
		});
	}

	/** Checkpoints run off this connection so far (tests). */
	get checkpoints(): number {
		return this.upkeep.checkpoints;
	}

	private statement(sql: string): StatementSync {
		let statement = this.statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}

	/** The SQL of every statement this connection has prepared (its query plans are checked by a test). */
	preparedSql(): string[] {
		return [...this.statements.keys()];
	}

	run(sql: string, ...params: SqlValue[]): number {
		return Number(this.statement(sql).run(...params).changes);
	}

	get<T>(sql: string, ...params: SqlValue[]): T | undefined {
		return this.statement(sql).get(...params) as T | undefined;
	}

	all<T>(sql: string, ...params: SqlValue[]): T[] {
		return this.statement(sql).all(...params) as T[];
	}

	/**
	 * This connection's copy of some rows (e.g. one scope's routing counters), made by `make` when missing. It is only
	 * valid inside a write that passes `keepsMemos` and keeps it equal to what it writes: any other write of this
	 * connection, a failed write, and any commit by another connection or process (SQLite's data_version, read under
	 * the write lock) drop every memo, so a memo can never show counts older than the file.
	 */
	memo<T>(key: string, make: () => T): T {
		let memo = this.memos.get(key) as T | undefined;
		if (memo === undefined) {
			memo = make();
			this.memos.set(key, memo);
		}
		return memo;
	}

	/**
	 * Runs `fn` in one `BEGIN IMMEDIATE` transaction; `what` says what was being done, for the error message. `now` is
	 * the caller's clock, which the occasional sweep of expired rows follows. `keepsMemos`: `fn` updates the memos it
	 * reads in step with its writes (see `memo`); other writes drop them.
	 */
	write<T>(what: string, fn: () => T, now = Date.now(), keepsMemos = false): T {
		let result: T;
		try {
			this.begin.run();
			try {
				const { data_version: version } = this.version.get() as { data_version: number };
				if (version !== this.dataVersion || !keepsMemos) this.memos.clear();
				this.dataVersion = version;
				result = fn();
				this.commit.run();
			} catch (error) {
				this.memos.clear();
				if (this.db.isTransaction) this.db.exec('ROLLBACK');
				throw error;
			}
		} catch (error) {
			throw storeError(this.file, what, error);
		}
		this.upkeep.committed();
		if (++this.writes % SWEEP_EVERY === 0) this.sweep(now);
		return result;
	}

	/** Reads in one snapshot (a deferred transaction), so a multi-statement read sees one consistent state. */
	read<T>(what: string, fn: () => T): T {
		try {
			this.db.exec('BEGIN');
			try {
				return fn();
			} finally {
				if (this.db.isTransaction) this.db.exec('COMMIT');
			}
		} catch (error) {
			throw storeError(this.file, what, error);
		}
	}

	/** Deletes a bounded batch of expired rows per table, so no single write pays for a large backlog. */
	sweep(now: number): number {
		let deleted = 0;
		for (const { table, key, column } of EXPIRING) {
			deleted += this.write(`cleaning up expired ${table} rows`, () =>
				this.run(
					`DELETE FROM ${table} WHERE (${key}) IN (SELECT ${key} FROM ${table} WHERE ${column} <= ? LIMIT ${SWEEP_BATCH})`,
					now,
				),
			);
		}
		return deleted;
	}

	close(): void {
		this.upkeep.close();
		this.statements.clear();
		this.memos.clear();
		if (this.db.isOpen) this.db.close();
	}
}

const open = new Map<string, Database>();

/** The database at `file` (an absolute path), created with its tables on first use; one connection per process. */
export async function openDatabase(file: string): Promise<Database> {
	const existing = open.get(file);
	if (existing) return existing;
	const { DatabaseSync } = await loadSqlite(file);
	if (open.has(file)) return open.get(file) as Database;
	let db: DatabaseSync | undefined;
	try {
		mkdirSync(dirname(file), { recursive: true });
		db = new DatabaseSync(file);
		db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
		db.exec('PRAGMA journal_mode = WAL');
		db.exec('PRAGMA synchronous = NORMAL');
		const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
		db.exec('BEGIN IMMEDIATE');
		try {
			if (version < SCHEMA_VERSION) {
				db.exec(SCHEMA);
				db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
			}
			db.exec('COMMIT');
		} catch (error) {
			if (db.isTransaction) db.exec('ROLLBACK');
			throw error;
		}
		// SQLite opens a file it may not write read-only, without an error: prove it writable now, not at the first lead.
		db.exec('BEGIN IMMEDIATE');
		try {
			db.exec("INSERT INTO migrated (source, at) VALUES ('', '') ON CONFLICT DO NOTHING");
		} finally {
			if (db.isTransaction) db.exec('ROLLBACK');
		}
		if (version > SCHEMA_VERSION) {
			throw Object.assign(
				new Error(`the file has schema version ${version}; this version of the package knows up to ${SCHEMA_VERSION}`),
				{
					newer: true,
				},
			);
		}
	} catch (error) {
		if (db?.isOpen) db.close();
		throw storeError(file, 'opening it', error);
	}
	const database = new Database(file, db);
	open.set(file, database);
	return database;
}

async function loadSqlite(file: string): Promise<typeof import('node:sqlite')> {
	try {
		return await import('node:sqlite');
	} catch (error) {
		throw new StoreUnavailableError(
			`The SQLite state store (${file}) needs Node.js 22.5 or later: node:sqlite is missing (${process.version})`,
			{
				hint: 'n8n 2.x runs on Node.js 24, which has it. Upgrade Node.js, or choose the Redis state store.',
				cause: error,
			},
		);
	}
}

/** Closes every database of this process (tests, benchmarks). */
export function closeAllDatabases(): void {
	for (const database of open.values()) database.close();
	open.clear();
}

// SQLite primary result codes (the low byte of an extended code).
const BUSY = 5;
const LOCKED = 6;
const READONLY = 8;
const IOERR = 10;
const CORRUPT = 11;
const FULL = 13;
const CANTOPEN = 14;
const NOTADB = 26;

function sqliteCode(error: unknown): number | undefined {
	const errcode = (error as { errcode?: unknown })?.errcode;
	return typeof errcode === 'number' ? errcode & 0xff : undefined;
}

/** A failure of the database as a StoreUnavailableError that names the file and says how to fix it. */
export function storeError(file: string, what: string, error: unknown): StoreUnavailableError {
	if (error instanceof StoreUnavailableError) return error;
	const detail = error instanceof Error ? error.message : String(error);
	const fsCode = (error as { code?: unknown })?.code;
	const code = sqliteCode(error);
	const place = `the SQLite state database ${file}`;
	let summary: string;
	let hint: string;
	if ((error as { newer?: boolean }).newer) {
		summary = `The SQLite state database ${file} was written by a newer version of n8n-nodes-lead-routing`;
		hint =
			'Install that version again, or point this node at another file (Database File option or LEAD_ROUTING_DB_FILE).';
	} else if (code === BUSY || code === LOCKED) {
		summary = `The SQLite state database ${file} is locked: another program held it for more than ${BUSY_TIMEOUT_MS / 1000} s`;
		hint =
			'Nothing was changed. Close the program that keeps a transaction open on this file (a database browser, a backup tool or a sqlite3 shell), then retry.';
	} else if (code === READONLY || fsCode === 'EACCES' || fsCode === 'EROFS' || fsCode === 'EPERM') {
		summary = `The SQLite state database ${file} is read-only`;
		hint = `Nothing was changed. Give the n8n user write access to the file and to its folder ${dirname(file)} (SQLite writes a -wal and -shm file next to it), or point the store at a writable path (Database File option or LEAD_ROUTING_DB_FILE).`;
	} else if (code === FULL || fsCode === 'ENOSPC') {
		summary = `The disk holding the SQLite state database ${file} is full`;
		hint =
			'Nothing was changed. Free space on that disk, or point the store at another disk (Database File option or LEAD_ROUTING_DB_FILE).';
	} else if (code === CORRUPT || code === NOTADB) {
		summary = `The SQLite state database ${file} is damaged or is not a SQLite database`;
		hint =
			'Nothing was changed, and the file is left as it is. Stop n8n, move the file aside (with its -wal and -shm files) or restore it from a backup; a new empty database is created on the next run.';
	} else if (code === CANTOPEN || fsCode === 'ENOENT' || fsCode === 'ENOTDIR' || fsCode === 'EEXIST') {
		summary = `Cannot open the SQLite state database ${file}`;
		hint =
			'Check that the folder exists or can be created and that the n8n user may write in it, or point the store at another path (Database File option or LEAD_ROUTING_DB_FILE).';
	} else if (code === IOERR) {
		summary = `Reading or writing the SQLite state database ${file} failed`;
		hint =
			'Nothing was changed. Check the disk and the file system (e.g. a network share that does not support file locks: keep the file on a local disk).';
	} else {
		summary = `The SQLite state store failed while ${what} (${place})`;
		hint = 'Nothing was changed. Retry; if it keeps failing, report it with this message.';
	}
	return new StoreUnavailableError(`${summary}: ${detail}`, { hint, cause: error, summary });
}
