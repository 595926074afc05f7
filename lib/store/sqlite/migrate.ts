/**
 * Upgrade without loss: state a workflow kept in its static data (the store before SQLite was the default) is moved
 * into the database the first time the workflow runs with it. Each static-data namespace is imported once (recorded in
 * `migrated`, in the same transaction) and then removed from the static data, so the workflow stops paying for it.
 * When two workflows' states meet in one shared State Name, counts add up and the higher fairness score wins.
 */
import { DAY_TTL_SECONDS, WEEK_TTL_SECONDS } from '../windows';
import { type StoreScope, scopeKey } from '../state-store';
import { isJsonObject, type JsonObject } from '../static/state';
import { staticNamespace } from '../static';
import type { Database } from './database';

const LEGACY_RESPOND = 'leadRouting.respond';

const record = (value: unknown): JsonObject => (isJsonObject(value) ? value : {});
const num = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function importRoute(db: Database, scope: string, state: JsonObject, now: number): void {
	const open = record(state.open);
	const total = record(state.total);
	const last = record(state.last);
	for (const rep of new Set([...Object.keys(open), ...Object.keys(total)])) {
		db.run(
			`INSERT INTO route_rep (scope, rep, open, total, last_at) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (scope, rep) DO UPDATE SET open = open + excluded.open, total = total + excluded.total,
			 last_at = nullif(max(coalesce(last_at, ''), coalesce(excluded.last_at, '')), '') `,
			scope,
			rep,
			num(open[rep]) ?? 0,
			num(total[rep]) ?? 0,
			text(last[rep]) ?? null,
		);
	}
	for (const [poolKey, scores] of Object.entries(record(state.scores))) {
		const pool = poolKey.replace(/^pool:/, '');
		for (const [rep, score] of Object.entries(record(scores))) {
			if (num(score) === undefined) continue;
			db.run(
				'INSERT INTO route_score (scope, pool, rep, score) VALUES (?, ?, ?, ?) ON CONFLICT (scope, pool, rep) DO UPDATE SET score = max(score, excluded.score)',
				scope,
				pool,
				rep,
				score as number,
			);
		}
	}
	for (const [poolKey, floor] of Object.entries(record(state.floors))) {
		if (num(floor) === undefined) continue;
		db.run(
			'INSERT INTO route_floor (scope, pool, floor) VALUES (?, ?, ?) ON CONFLICT (scope, pool) DO UPDATE SET floor = max(floor, excluded.floor)',
			scope,
			poolKey.replace(/^pool:/, ''),
			floor as number,
		);
	}
	const windowRows = (value: unknown, prefix: 'd' | 'w', rename: (id: string) => string) => {
		const window = record(value);
		const key = text(window.key);
		if (!key) return;
		const ttl = (prefix === 'd' ? DAY_TTL_SECONDS : WEEK_TTL_SECONDS) * 1000;
		for (const [id, n] of Object.entries(record(window.counts))) {
			if (!num(n)) continue;
			db.run(
				`INSERT INTO route_window (scope, window, rep, n, expires_at) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT (scope, window, rep) DO UPDATE SET n = n + excluded.n`,
				scope,
				`${prefix}:${key}`,
				rename(id),
				n as number,
				now + ttl,
			);
		}
	};
	windowRows(state.day, 'd', (id) => id);
	windowRows(state.week, 'w', (id) => id);
	const fallback = record(state.fallback);
	// The static store counted fallbacks under "n"; the database under the empty rep id.
	windowRows(fallback.day, 'd', () => '');
	windowRows(fallback.week, 'w', () => '');
	if (num(fallback.total)) {
		db.run(
			`INSERT INTO route_fallback (scope, total, last_at) VALUES (?, ?, ?)
			 ON CONFLICT (scope) DO UPDATE SET total = total + excluded.total, last_at = nullif(max(coalesce(last_at, ''), coalesce(excluded.last_at, '')), '')`,
			scope,
			fallback.total as number,
			text(fallback.lastAt) ?? null,
		);
	}
}

function importTimers(db: Database, scope: string, state: JsonObject): void {
	for (const stored of Object.values(record(state.timers))) {
		let timer: JsonObject;
		try {
			timer = record(JSON.parse(String(stored)));
		} catch {
			continue;
		}
		const levels = Array.isArray(timer.levels) ? (timer.levels as Array<{ at?: unknown }>) : undefined;
		const key = text(timer.key);
		const next = num(timer.next);
		const purge = num(timer.purgeAt);
		if (!levels || !key || next === undefined || purge === undefined) continue;
		const due = next < levels.length ? num(levels[next]?.at) : purge;
		if (due === undefined) continue;
		const plain = { ...timer };
		delete plain.next;
		delete plain.purgeAt;
		db.run(
			'INSERT INTO sla_timer (scope, key, record, next, due_at, purge_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING',
			scope,
			key,
			JSON.stringify(plain),
			next,
			due,
			purge,
		);
	}
}

function importIdempotency(db: Database, scope: string, state: JsonObject, now: number): void {
	for (const [key, entry] of Object.entries(record(state.entries))) {
		if (!Array.isArray(entry)) continue;
		const [s, token, expiresAt, at] = entry as unknown[];
		if (
			(s !== 'p' && s !== 'u' && s !== 's') ||
			typeof token !== 'string' ||
			!num(expiresAt) ||
			(expiresAt as number) <= now
		)
			continue;
		db.run(
			'INSERT INTO idempotency (scope, key, state, token, at, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING',
			scope,
			key,
			s,
			token,
			num(at) ?? now,
			expiresAt as number,
		);
	}
}

/**
 * Moves this scope's static-data state into the database; returns the namespaces moved (empty when there was none,
 * which costs a few property reads).
 */
export function importStaticData(db: Database, staticData: JsonObject, scope: StoreScope, now = Date.now()): string[] {
	const target = scopeKey(scope);
	const sources: Array<[string, (state: JsonObject) => void]> = [
		[staticNamespace('route', scope.stateName), (state) => importRoute(db, target, state, now)],
		[staticNamespace('sla', scope.stateName), (state) => importTimers(db, target, state)],
		[staticNamespace('respond', scope.stateName), (state) => importIdempotency(db, target, state, now)],
	];
	// Auto-Respond kept one namespace per workflow, without a State Name.
	if (!scope.stateName) sources.push([LEGACY_RESPOND, (state) => importIdempotency(db, target, state, now)]);
	const moved: string[] = [];
	for (const [namespace, load] of sources) {
		const state = staticData[namespace];
		if (!isJsonObject(state)) continue;
		const source = `${scope.workflowId}\u0000${namespace}`;
		db.write(`moving the workflow's static data (${namespace}) into the database`, () => {
			if (db.get('SELECT 1 AS x FROM migrated WHERE source = ?', source)) return;
			// n8n wraps static data in proxies; plain JSON is what was saved.
			load(JSON.parse(JSON.stringify(state)) as JsonObject);
			db.run('INSERT INTO migrated (source, at) VALUES (?, ?)', source, new Date(now).toISOString());
		});
		delete staticData[namespace];
		moved.push(namespace);
	}
	return moved;
}
