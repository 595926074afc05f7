/** Typed reading of output items in tests, instead of casting each nested block. */
import type { IDataObject } from 'n8n-workflow';

/** The `error` block of a failed item (one shape for every node: nodes/shared/errors.ts). */
export interface ItemError {
	message: string;
	description?: string;
	node: string;
	[extra: string]: unknown;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A nested object of an item (`routing`, `sla`, `autoResponse`…); fails the test when it is missing. */
export function block(item: IDataObject | undefined, name: string): IDataObject {
	const value = item?.[name];
	if (!isObject(value)) throw new Error(`The item has no "${name}" object: ${JSON.stringify(item)}`);
	return value;
}

/** The error of a failed item; fails the test when the item is not one. */
export function itemError(item: IDataObject | undefined): ItemError {
	const error = block(item, 'error');
	if (typeof error.message !== 'string' || typeof error.node !== 'string') {
		throw new Error(`The item's error is not the failed-item shape: ${JSON.stringify(error)}`);
	}
	return error as ItemError;
}

/** A list of objects inside an item or block (`messages`, `skipped`, `candidates`…); fails the test when it is not one. */
export function blocks(item: IDataObject | undefined, name: string): IDataObject[] {
	const value = item?.[name];
	if (!Array.isArray(value)) throw new Error(`The item has no "${name}" list: ${JSON.stringify(item)}`);
	const list: unknown[] = value;
	return list.map((entry, index) => {
		if (!isObject(entry)) throw new Error(`"${name}"[${index}] is not an object: ${JSON.stringify(entry)}`);
		return entry;
	});
}
