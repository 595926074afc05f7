/** Reading node parameters and credential fields, which expressions can turn into any type. */

/** A setting as text: strings as typed, numbers and booleans as their text, nothing as "". */
export function str(value: unknown): string {
	return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
