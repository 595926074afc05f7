import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { buildRoster, RosterError, type Roster } from '../../lib/route/roster';
import type { AssignmentStore } from '../../lib/store/assignment';
import { readPath } from '../../lib/text/path';
import { connectStore } from '../shared/store';

export async function routeStore(ctx: IExecuteFunctions): Promise<AssignmentStore> {
	const { store, scope } = await connectStore.call(ctx);
	return store.assignment(scope);
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
