/**
 * Parameter values that may differ per item, read cheaply. n8n resolves an expression per item by building an
 * expression context each time: profiled at ~20× the cost of the routing itself. Most expressions in Route Lead are a
 * plain `{{ $json.field }}` path, so those are read from the item here; any other expression keeps n8n's full
 * per-item evaluation, and a value without an expression is read once.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

export type Resolve = (json: IDataObject) => unknown;

const PATH_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["[^"\\]*"\]|\['[^'\\]*'\]){1,20})\s*\}\}$/;
const PATH_PART = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["([^"\\]*)"\]|\['([^'\\]*)'\]/g;

/** A reader for a raw parameter value: constant, fixed text, or a plain `$json` path; undefined for anything else. */
export function compileValue(value: unknown): Resolve | undefined {
	if (typeof value !== 'string' || !value.startsWith('=')) return () => value;
	if (!value.includes('{{')) {
		const text = value.slice(1);
		return () => text;
	}
	const match = PATH_EXPRESSION.exec(value);
	if (!match) return undefined;
	const keys = [...match[1].matchAll(PATH_PART)].map((part) => part[1] ?? part[2] ?? part[3] ?? part[4]);
	return (json) => {
		let current: unknown = json;
		for (const key of keys) {
			if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) {
				return undefined;
			}
			current = (current as IDataObject)[key];
		}
		return current;
	};
}

const MAX_KEY_LENGTH = 2000;

/** A memo key telling undefined from null; none for huge or unserializable values (they are computed, not remembered). */
export function memoKey(values: unknown[]): string | undefined {
	try {
		const key = JSON.stringify(values, (_name, value: unknown) => (value === undefined ? '\u0000undefined' : value));
		return key.length <= MAX_KEY_LENGTH ? key : undefined;
	} catch {
		return undefined;
	}
}

export function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

export interface ItemValue {
	/** Whether the value can differ per item (the parameter holds an expression). */
	perItem: boolean;
	at(itemIndex: number): unknown;
}

/** The parameter at `path` for each item: read once when it holds no expression, else per item (fast for `$json` paths). */
export function itemValue(ctx: IExecuteFunctions, path: string, fallback: unknown): ItemValue {
	const raw: unknown = ctx.getNodeParameter(path, 0, fallback, { rawExpressions: true });
	if (!hasExpression(raw)) {
		const value: unknown = ctx.getNodeParameter(path, 0, fallback);
		return { perItem: false, at: () => value };
	}
	const fast = compileValue(raw);
	const items = ctx.getInputData();
	if (fast) return { perItem: true, at: (i) => fast(items[i]?.json ?? {}) };
	return { perItem: true, at: (i) => ctx.getNodeParameter(path, i, fallback) };
}
