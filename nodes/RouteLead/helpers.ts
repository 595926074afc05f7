import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { buildRoster, RosterError, type Roster } from '../../lib/route/roster';
import { RuleConfigError } from '../../lib/route/rules';
import type { AssignmentStore } from '../../lib/store/assignment';
import { LocalAssignmentStore } from '../../lib/store/local-assignment';
import { RedisAssignmentStore } from '../../lib/store/redis-assignment';
import { StoreUnavailableError } from '../../lib/store/redis-connection';
import { readPath } from '../../lib/text/path';
import { connectStore, storeNodeError } from '../shared/store';

export async function routeStore(ctx: IExecuteFunctions): Promise<AssignmentStore> {
	const connected = await connectStore.call(ctx, 'route');
	return connected.kind === 'local'
		? new LocalAssignmentStore(connected.scope)
		: new RedisAssignmentStore(connected.client, connected.keyPrefix, connected.label);
}

/** Reads the roster for item `i`, parsing each distinct roster value once per execution. */
export function rosterReader(ctx: IExecuteFunctions): (i: number) => Roster {
	const source = ctx.getNodeParameter('rosterSource', 0, 'node') as string;
	if (source === 'node') {
		const reps = (ctx.getNodeParameter('roster.reps', 0, []) as IDataObject[]) ?? [];
		let roster: Roster | undefined;
		return () => (roster ??= buildRoster(reps));
	}
	const field = (ctx.getNodeParameter('rosterField', 0, 'roster') as string).trim() || 'roster';
	const byText = new Map<string, Roster>();
	const byRef = new WeakMap<object, Roster>();
	const items = ctx.getInputData();
	return (i) => {
		const value = readPath(items[i]?.json ?? {}, field);
		if (value === undefined) throw new RosterError(`The input has no field "${field}" with the roster`);
		if (typeof value === 'string') {
			let roster = byText.get(value);
			if (!roster) byText.set(value, (roster = buildRoster(value)));
			return roster;
		}
		if (typeof value === 'object' && value !== null) {
			let roster = byRef.get(value);
			if (!roster) byRef.set(value, (roster = buildRoster(value)));
			return roster;
		}
		return buildRoster(value);
	};
}

/** Maps errors from lib/ to node errors a no-code user can act on. */
export function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	if (error instanceof RosterError) {
		return new NodeOperationError(ctx.getNode(), message, {
			itemIndex,
			description: 'Fix the rep in the roster (IDs unique, weight above 0, a time zone such as Europe/Berlin, hours such as 09:00-17:00).',
		});
	}
	if (error instanceof RuleConfigError) {
		return new NodeOperationError(ctx.getNode(), message, { itemIndex, description: 'Fix the routing rule or the fallback queue settings.' });
	}
	if (error instanceof StoreUnavailableError) return storeNodeError(ctx, error, itemIndex);
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : message, { itemIndex });
}
