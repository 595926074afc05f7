/** Building blocks for workflows that an end-to-end test writes itself rather than loading from workflows/. */
import { randomUUID } from 'crypto';
import { PACKAGE } from './environment';

/** A node at (x, 0); a type without a dot is one of this package's nodes. */
export const node = (
	name: string,
	type: string,
	x: number,
	parameters: Record<string, unknown> = {},
	extra: Record<string, unknown> = {},
) => ({
	id: randomUUID(),
	name,
	type: type.includes('.') ? type : `${PACKAGE}.${type}`,
	typeVersion: 1,
	position: [x, 0],
	parameters,
	...extra,
});

/** A connection to the first input of `name`. */
export const to = (name: string) => [{ node: name, type: 'main', index: 0 }];
