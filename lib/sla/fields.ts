/** Reads a dot path (e.g. `routing.decisionId`) from lead data, following own properties only. */
export function readPath(data: unknown, path: string): unknown {
	let current: unknown = data;
	for (const part of path.split('.').map((p) => p.trim()).filter(Boolean)) {
		if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/** A timer key from lead data: non-empty text or a finite number, trimmed. */
export function readKey(data: unknown, path: string): string | undefined {
	const value = readPath(data, path);
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const key = value.trim();
	return key ? key : undefined;
}

export function splitList(text: string): string[] {
	const trimmed = String(text ?? '').replace(/^[\s,;]+|[\s,;]+$/g, '');
	return trimmed ? trimmed.split(/\s*[,;\n]\s*/) : [];
}
