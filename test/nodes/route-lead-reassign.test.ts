/** Route Lead › Reassign and booking links on the real engine: decline / no answer, history, open counts, team links. */
import Redis from 'ioredis';
import type { IDataObject } from 'n8n-workflow';
import type { RunOptions } from '../helpers/engine';
import {
	closeBuiltRedisClients,
	equalReps,
	REDIS_CREDENTIALS,
	routeParams,
	rule,
	runRouteLead,
} from './route-lead.fixtures';
import { blocks } from '../helpers/items';

const route = runRouteLead;
const prefix = `test:route-reassign:${process.pid}:`;
afterAll(async () => {
	const r = new Redis({ host: '127.0.0.1', port: 6379 });
	const keys = await r.keys(`${prefix}*`);
	if (keys.length) await r.del(...keys);
	await r.quit();
	await closeBuiltRedisClients();
});

/** Node settings and run options for a store: the default SQLite file, or Redis (release goes through its Lua scripts). */
function onStore(store: 'sqlite' | 'redis'): { settings: IDataObject; run: RunOptions } {
	if (store === 'sqlite') return { settings: {}, run: {} };
	return {
		settings: { stateStore: 'redis', stateName: `reassign-${Math.random().toString(36).slice(2)}` },
		run: { credentials: { leadRoutingRedisApi: { ...REDIS_CREDENTIALS, prefix } } },
	};
}

type Routing = {
	ownerId: string;
	strategy: string;
	reason: string;
	decisionId: string;
	ownerBookingUrl: string | null;
	skipped: Array<{ repId: string; why: string }>;
	history: Array<{
		ownerId: string;
		ownerName: string;
		decisionId: string;
		assignedAt: string;
		endedAt: string;
		why: string;
	}>;
};
const routingOf = (item: IDataObject) => item.routing as unknown as Routing;
const reassignParams = (params: IDataObject, why = 'declined') => ({ ...params, operation: 'reassign', why });

/** Open leads per rep as Get Stats reports them from the node's store. */
async function openCounts(
	reps: IDataObject[],
	workflowId: string,
	store = onStore('sqlite'),
): Promise<Record<string, number>> {
	const stats = await route({ operation: 'stats', rosterSource: 'node', roster: { reps }, ...store.settings }, [{}], {
		workflowId,
		...store.run,
	});
	return Object.fromEntries(blocks(stats.out[0][0], 'reps').map((r) => [r.repId as string, r.open as number]));
}

describe('Route Lead › Reassign on the real engine', () => {
	it.each(['sqlite', 'redis'] as const)(
		'%s: decline by every eligible rep ends in the fallback queue with the reasons and the team booking link',
		async (kind) => {
			const store = onStore(kind);
			const reps = equalReps(3).map((r) => ({ ...r, bookingUrl: `https://cal.test/${r.id}` }));
			const params = routeParams(
				[rule('All')],
				{ fallbackBookingUrl: 'https://cal.test/team', ...store.settings },
				reps,
			);
			const first = await route(params, [{ email: 'lead@acme.com' }], store.run);
			let item = first.out[0][0];
			expect(routingOf(item)).toMatchObject({ ownerId: 'rep1', ownerBookingUrl: 'https://cal.test/rep1', history: [] });
			const owners = [routingOf(item).ownerId];
			for (let n = 0; n < 3; n++) {
				const next = await route(reassignParams(params, n === 1 ? 'no-answer' : 'declined'), [item], {
					workflowId: first.workflowId,
					...store.run,
				});
				expect(next.run.status).toBe('success');
				item = n < 2 ? next.out[0][0] : next.out[1][0];
				expect(item.release).toEqual({ released: true, ownerId: owners[n], open: 0 });
				owners.push(routingOf(item).ownerId);
			}
			expect(owners).toEqual(['rep1', 'rep2', 'rep3', 'ops']);
			expect(item.email).toBe('lead@acme.com');
			expect(routingOf(item)).toMatchObject({
				strategy: 'fallback',
				reason: 'no-eligible-rep',
				ownerBookingUrl: 'https://cal.test/team',
			});
			expect(routingOf(item).skipped).toEqual([
				{ repId: 'rep1', why: 'declined' },
				{ repId: 'rep2', why: 'no-answer' },
				{ repId: 'rep3', why: 'declined' },
			]);
			expect(await openCounts(reps, first.workflowId, store)).toEqual({ rep1: 0, rep2: 0, rep3: 0 });
		},
	);

	it('history accumulates across two reassignments, oldest first, read from the default {{ $json.routing }} and from an expression n8n evaluates', async () => {
		const params = routeParams([rule('All')], {}, equalReps(4));
		const first = await route(params, [{ email: 'a@x.com' }]);
		const r0 = routingOf(first.out[0][0]);
		const second = await route(reassignParams(params, 'declined'), first.out[0], { workflowId: first.workflowId });
		const r1 = routingOf(second.out[0][0]);
		// An expression n8n evaluates itself (not a plain $json path), e.g. the record kept beside a wait node's answer.
		const kept = second.out[0].map((item) => ({ lead: item, answer: { approved: false } }));
		const third = await route(
			{ ...reassignParams(params, 'no-answer'), previousDecision: '={{ $json.lead.routing ?? null }}' },
			kept,
			{
				workflowId: first.workflowId,
			},
		);
		const r2 = routingOf(third.out[0][0]);
		expect(r2.history).toEqual([
			{
				ownerId: r0.ownerId,
				ownerName: 'Rep 1',
				decisionId: r0.decisionId,
				assignedAt: expect.any(String),
				endedAt: expect.any(String),
				why: 'declined',
			},
			{
				ownerId: r1.ownerId,
				ownerName: 'Rep 2',
				decisionId: r1.decisionId,
				assignedAt: expect.any(String),
				endedAt: expect.any(String),
				why: 'no-answer',
			},
		]);
		expect(new Set([r0.ownerId, r1.ownerId, r2.ownerId]).size).toBe(3);
		expect(new Set([r0.decisionId, r1.decisionId, r2.decisionId]).size).toBe(3);
		// Route (not Reassign) on a lead that already has an owner keeps the history and marks the hand-off 'reassigned'.
		const rerouted = await route(params, third.out[0], { workflowId: first.workflowId });
		expect(routingOf(rerouted.out[0][0]).history.map((h) => h.why)).toEqual(['declined', 'no-answer', 'reassigned']);
	});

	it.each(['roundRobin', 'weighted', 'leastLoaded'])(
		'%s: over many re-routes a lead never returns to a rep who declined or did not answer, and open counts stay exact',
		async (strategy) => {
			const reps: IDataObject[] = equalReps(5, [1, 2, 3, 1, 2]).map((r) => ({ ...r, capacityOpen: 12 }));
			const params = routeParams([rule('All', { strategy })], {}, reps);
			const first = await route(
				params,
				Array.from({ length: 20 }, (_, i) => ({ email: `l${i}@x.com` })),
			);
			expect(first.out[0]).toHaveLength(20);
			let assigned = first.out[0];
			const fallen: IDataObject[] = [];
			for (let round = 1; assigned.length; round++) {
				const why = round % 2 ? 'declined' : 'no-answer';
				const next = await route(reassignParams(params, why), assigned, { workflowId: first.workflowId });
				expect(next.run.status).toBe('success');
				for (const item of next.out[0]) {
					const r = routingOf(item);
					expect(r.history).toHaveLength(round);
					expect(r.history.map((h) => h.ownerId)).not.toContain(r.ownerId);
				}
				fallen.push(...next.out[1]);
				assigned = next.out[0];
				// Every lead still held by a rep is counted once, for that rep only.
				const held: Record<string, number> = Object.fromEntries(reps.map((r) => [r.id as string, 0]));
				for (const item of assigned) held[routingOf(item).ownerId]++;
				expect(await openCounts(reps, first.workflowId)).toEqual(held);
				expect(round).toBeLessThanOrEqual(5);
			}
			expect(fallen).toHaveLength(20);
			for (const item of fallen) {
				const r = routingOf(item);
				expect(r).toMatchObject({ ownerId: 'ops', strategy: 'fallback', reason: 'no-eligible-rep' });
				expect(new Set(r.history.map((h) => h.ownerId))).toEqual(new Set(reps.map((rep) => rep.id)));
				expect(r.skipped.map((s) => s.repId).sort()).toEqual(reps.map((rep) => rep.id).sort());
			}
		},
	);

	it('a missing or broken previous record is a failed item that keeps the lead, and changes no count', async () => {
		const reps = equalReps(2);
		const params = routeParams([rule('All')], {}, reps);
		const first = await route(params, [{ email: 'ok@x.com' }]);
		const input = [{ email: 'none@x.com' }, { email: 'bad@x.com', routing: { ownerName: 'Rep 1' } }, first.out[0][0]];
		const tolerant = await route(reassignParams(params), input, {
			workflowId: first.workflowId,
			node: { onError: 'continueRegularOutput' },
		});
		const [assigned, fallback] = tolerant.out;
		expect(assigned.map((i) => i.email)).toEqual(['ok@x.com']);
		expect(fallback.map((i) => i.email)).toEqual(['none@x.com', 'bad@x.com']);
		expect(fallback[0].error).toMatchObject({
			message: expect.stringMatching(/Previous Decision is empty/),
			description: expect.stringMatching(/routing/),
			node: 'Node',
		});
		expect(fallback[1].error).toMatchObject({
			message: expect.stringMatching(/not a complete routing record: ownerId/),
		});
		expect(fallback[1].routing).toEqual({ ownerName: 'Rep 1' });
		expect(await openCounts(reps, first.workflowId)).toEqual({ rep1: 0, rep2: 1 });
		const strict = await route(reassignParams(params), [{ email: 'none@x.com' }], { workflowId: first.workflowId });
		expect(strict.run.status).toBe('error');
		expect(strict.error('Node')).toMatch(/Previous Decision is empty/);
	});
});

describe('Route Lead booking links on the real engine', () => {
	const reps: IDataObject[] = [
		{ id: 'ana', name: 'Ana', bookingUrl: 'https://cal.test/ana' },
		{ id: 'bo', name: 'Bo', teams: 'desk' },
	];
	const rules = [
		rule(
			'Enterprise',
			{
				assignTo: 'queue',
				queueName: 'Enterprise Desk',
				queueOwnerId: 'bo',
				teamBookingUrl: 'https://cal.test/enterprise',
			},
			[
				{
					id: 'big',
					leftValue: '={{ $json.big }}',
					rightValue: '',
					operator: { type: 'boolean', operation: 'true', singleValue: true },
				},
			],
		),
		rule('Ana', { assignTo: 'specificRep', repId: 'ana' }, [
			{
				id: 'ana',
				leftValue: '={{ $json.who }}',
				rightValue: 'ana',
				operator: { type: 'string', operation: 'equals' },
			},
		]),
		rule('Bo', { assignTo: 'specificRep', repId: 'bo' }, [
			{ id: 'bo', leftValue: '={{ $json.who }}', rightValue: 'bo', operator: { type: 'string', operation: 'equals' } },
		]),
	];
	const leads = [{ big: true }, { who: 'ana' }, { who: 'bo' }, { who: 'nobody' }];
	const links = (out: IDataObject[][]) => [...out[0], ...out[1]].map((i) => routingOf(i).ownerBookingUrl);

	it('per rep, per queue and for the fallback, also in dry run and replay records', async () => {
		const params = routeParams(rules, { fallbackBookingUrl: 'https://cal.test/team' }, reps);
		const expected = ['https://cal.test/enterprise', 'https://cal.test/ana', null, 'https://cal.test/team'];
		expect(links((await route(params, leads)).out)).toEqual(expected);
		expect(links((await route({ ...params, options: { dryRun: true } }, leads)).out)).toEqual(expected);
		expect(links((await route({ ...params, options: { replay: true } }, leads)).out)).toEqual(expected);
	});

	it('an invalid booking link stops the node with a message naming the rep or the setting', async () => {
		const badRep = await route(routeParams([rule('All')], {}, [{ id: 'ana', bookingUrl: 'cal.test/ana' }]), [{}]);
		expect(badRep.run.status).toBe('error');
		expect(badRep.error('Node')).toMatch(/Rep "ana": booking link "cal.test\/ana" is not a web address/);
		const badFallback = await route(routeParams([rule('All')], { fallbackBookingUrl: 'javascript:alert(1)' }, reps), [
			{},
		]);
		expect(badFallback.error('Node')).toMatch(/Fallback Team Booking Link .* is not a web address/);
		// From a roster field (e.g. a sheet) the same check fails only the leads carrying that roster.
		const fromField = routeParams([rule('All')], { rosterSource: 'field', rosterField: 'reps' });
		const mixed = await route(
			fromField,
			[{ reps: [{ id: 'x', calendarUrl: 'https://cal.test/x' }] }, { reps: [{ id: 'y', booking_url: 'ftp://y' }] }],
			{
				node: { onError: 'continueRegularOutput' },
			},
		);
		expect(routingOf(mixed.out[0][0]).ownerBookingUrl).toBe('https://cal.test/x');
		expect(mixed.out[1][0].error).toMatchObject({
			message: expect.stringMatching(/Rep "y": booking link "ftp:\/\/y"/),
		});
	});
});
