/**
 * Dot paths into item data ("properties.name", "routing.decisionId"), following own properties only, so a path a
 * user or a lead typed can never reach Object.prototype. Spaces around the dots are forgiven ("routing . ownerId").
 * The one path reader of the package.
 */
type Getter = (data: object) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** A reader for a dot path, compiled once: Match Account reads paths for every account, millions of times. */
export function compilePath(path: string): Getter {
	const parts = path
		.split('.')
		.map((part) => part.trim())
		.filter(Boolean);
	if (!parts.length) return () => undefined;
	if (parts.length === 1) {
		const key = parts[0];
		return (data) => (hasOwn.call(data, key) ? (data as Record<string, unknown>)[key] : undefined);
	}
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
