/**
 * Tables of the SQLite store (version 2 added sla_history; every statement is IF NOT EXISTS, so an upgrade re-runs
 * them all). Every row carries its scope (`wf:<id>` or `shared:<State Name>`); rows that expire carry `expires_at`
 * (ms) so a bounded sweep can delete them without knowing what they mean.
 */
export const SCHEMA_VERSION = 2;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS route_rep (
  scope TEXT NOT NULL, rep TEXT NOT NULL, open INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0, last_at TEXT,
  PRIMARY KEY (scope, rep)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS route_score (
  scope TEXT NOT NULL, pool TEXT NOT NULL, rep TEXT NOT NULL, score REAL NOT NULL,
  PRIMARY KEY (scope, pool, rep)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS route_floor (
  scope TEXT NOT NULL, pool TEXT NOT NULL, floor REAL NOT NULL,
  PRIMARY KEY (scope, pool)) WITHOUT ROWID;
-- window: 'd:<ISO date>' or 'w:<ISO week>'; rep '' counts fallbacks.
CREATE TABLE IF NOT EXISTS route_window (
  scope TEXT NOT NULL, window TEXT NOT NULL, rep TEXT NOT NULL, n INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, window, rep)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS route_window_expiry ON route_window (expires_at);
CREATE TABLE IF NOT EXISTS route_fallback (
  scope TEXT NOT NULL PRIMARY KEY, total INTEGER NOT NULL, last_at TEXT) WITHOUT ROWID;
-- due_at: the timer's next event (next level, or purge_at once every level fired).
CREATE TABLE IF NOT EXISTS sla_timer (
  scope TEXT NOT NULL, key TEXT NOT NULL, record TEXT NOT NULL, next INTEGER NOT NULL, due_at INTEGER NOT NULL,
  purge_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sla_timer_due ON sla_timer (scope, due_at);
-- One row per started SLA timer for Get Stats (version 2); response is null until Stop measured it.
CREATE TABLE IF NOT EXISTS sla_history (
  scope TEXT NOT NULL, id TEXT NOT NULL, key TEXT NOT NULL, started_at INTEGER NOT NULL, record TEXT NOT NULL,
  response TEXT, expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sla_history_start ON sla_history (scope, started_at);
CREATE INDEX IF NOT EXISTS sla_history_open ON sla_history (scope, key) WHERE response IS NULL;
CREATE INDEX IF NOT EXISTS sla_history_expiry ON sla_history (expires_at);
CREATE TABLE IF NOT EXISTS idempotency (
  scope TEXT NOT NULL, key TEXT NOT NULL, state TEXT NOT NULL, token TEXT NOT NULL, at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_expiry ON idempotency (expires_at);
CREATE TABLE IF NOT EXISTS limit_event (
  scope TEXT NOT NULL, key TEXT NOT NULL, token TEXT NOT NULL, at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key, token)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS limit_event_at ON limit_event (scope, key, at);
CREATE INDEX IF NOT EXISTS limit_event_expiry ON limit_event (expires_at);
-- Static data already moved in (see migrate.ts), so it is never imported twice.
CREATE TABLE IF NOT EXISTS migrated (
  source TEXT NOT NULL PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * Tables whose expired rows the sweep deletes (by the wall clock), with their key columns. SLA timers are not among
 * them: a timer is forgotten by the check that finds its purge time due, on the check's own clock (Evaluate At).
 */
export const EXPIRING: Array<{ table: string; key: string; column: string }> = [
	{ table: 'route_window', key: 'scope, window, rep', column: 'expires_at' },
	{ table: 'idempotency', key: 'scope, key', column: 'expires_at' },
	{ table: 'sla_history', key: 'scope, id', column: 'expires_at' },
	{ table: 'limit_event', key: 'scope, key, token', column: 'expires_at' },
];
