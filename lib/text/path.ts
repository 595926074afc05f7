/**
 * Dot paths into item data ("properties.name", "routing.decisionId"), following own properties only, so a path a
 * user or a lead typed can never reach Object.prototype.
 */
type Getter = (data: object) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** A reader for a dot path, compiled once: Match Account reads paths for every account, millions of times. */
export function compilePath(path: string): Getter {
	const parts = path.split('.');
	if (parts.length === 1) return (data) => (hasOwn.call(data, path) ? (data as Record<string, unknown>)[path] : undefined);
	return (data) => {
		let current: unknown = data;
		for (const part of parts) {
			if (current === null || typeof current !== 'object' || !hasOwn.call(current, part)) return undefined;
			current = (current as Record<string, unknown>)[part];
		}
		return current;
	};
}

export function readPath(data: unknown, path: string): unknown {
	return data !== null && typeof data === 'object' ? compilePath(path)(data) : undefined;
}
