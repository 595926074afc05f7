/**
 * Property: whatever leads arrive — garbage types, nulls, megabyte strings, prototype-named keys, control characters,
 * emoji, mixed scripts, thousands of fields — the five nodes on n8n's real engine never crash, pass every item out by
 * exactly one output, give every routed lead an owner, leave Object.prototype untouched and emit JSON.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { runWorkflow } from '../helpers/engine';
import {
	ACCOUNT_MARKER,
	ACCOUNTS,
	anyLead,
	count,
	flowOf,
	garbageAccount,
	garbageLead,
	pipeline,
	PIPELINE_NODES,
	tail,
} from './pipeline.fixtures';
import { block } from '../helpers/items';

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();
const BEFORE = prototypeNames();
let workflowCounter = 0;
// Each property takes a few seconds alone; on a loaded 2-core machine running other suites it can take several times that.
const PROPERTY_TIMEOUT = 120_000;

function expectUnpolluted() {
	expect(prototypeNames()).toEqual(BEFORE);
	const probe: IDataObject = {};
	expect(probe.polluted).toBeUndefined();
	expect(probe.email).toBeUndefined();
	expect(Object.prototype.toString.call(probe)).toBe('[object Object]');
}

async function runPipeline(leads: IDataObject[], accounts: IDataObject[], permissive = false) {
	const id = `hardening-${++workflowCounter}`;
	const input = [...accounts.map((a) => ({ ...a, [ACCOUNT_MARKER]: true })), ...leads];
	const result = await runWorkflow(pipeline(id, { permissive }), { input });
	return { result, id };
}

function checkInvariants(result: Awaited<ReturnType<typeof runWorkflow>>, leadCount: number, nodes = PIPELINE_NODES) {
	const { run } = result;
	expect(result.error()).toBeUndefined();
	expect(run.status).toBe('success');
	for (const name of nodes) {
		const flow = flowOf(run, name);
		expect(flow.pairingErrors).toEqual([]);
		expect(result.error(name)).toBeUndefined();
		for (const items of flow.emitted) for (const json of items ?? []) expect(() => JSON.stringify(json)).not.toThrow();
	}
	let qualified = leadCount;
	if (nodes.includes('Split')) {
		expect(count(flowOf(run, 'Split').emitted, [1])).toBe(leadCount);
		const normalize = flowOf(run, 'Normalize').emitted;
		expect(count(normalize)).toBe(leadCount);
		qualified = normalize[0]?.length ?? 0;
		expect(count(flowOf(run, 'Match').emitted)).toBe(qualified);
	}
	const routed = flowOf(run, 'Route').emitted;
	expect(count(routed)).toBe(qualified);
	routed.forEach((items, output) => {
		for (const lead of items ?? []) {
			const routing = block(lead, 'routing');
			expect(typeof routing.ownerId).toBe('string');
			expect(routing.ownerId).not.toBe('');
			expect(routing.ruleId === 'fallback').toBe(output === 1);
		}
	});
	const timed = flowOf(run, 'SLA').emitted;
	expect(count(timed)).toBe(qualified);
	for (const lead of timed[0] ?? []) {
		const routing = block(lead, 'routing');
		const sla = block(lead, 'sla');
		// The rep's zone from Route Lead is the SLA clock's zone (SLA Timer's default Rep Time Zone).
		if (routing.ownerTimeZone) expect(sla.timeZone).toBe(routing.ownerTimeZone);
	}
	const answered = flowOf(run, 'Respond').emitted;
	expect(count(answered)).toBe(qualified);
	for (const items of answered) {
		for (const lead of items ?? [])
			expect(['composed', 'skipped', 'deferred']).toContain(block(lead, 'autoResponse').status);
	}
}

describe('pipeline property: Normalize → Match → Route → SLA Start → Auto-Respond (compose)', () => {
	afterEach(expectUnpolluted);

	it(
		'never crashes, loses or duplicates an item, and gives every routed lead an owner',
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.array(anyLead, { minLength: 1, maxLength: 6 }),
					fc.array(garbageAccount, { maxLength: 3 }),
					async (leads, badAccounts) => {
						const { result } = await runPipeline(leads, [...ACCOUNTS, ...badAccounts]);
						checkInvariants(result, leads.length);
						expectUnpolluted();
					},
				),
				{ numRuns: 40 },
			);
		},
		PROPERTY_TIMEOUT,
	);

	it(
		'with Normalize Lead letting everything through, the later nodes survive the garbage too',
		async () => {
			await fc.assert(
				fc.asyncProperty(fc.array(anyLead, { minLength: 1, maxLength: 6 }), async (leads) => {
					const { result } = await runPipeline(leads, ACCOUNTS, true);
					checkInvariants(result, leads.length);
					expectUnpolluted();
				}),
				{ numRuns: 30 },
			);
		},
		PROPERTY_TIMEOUT,
	);

	it(
		'Route → SLA → Auto-Respond survive raw garbage items (a workflow without Normalize Lead)',
		async () => {
			await fc.assert(
				fc.asyncProperty(fc.array(garbageLead, { minLength: 1, maxLength: 6 }), async (leads) => {
					const result = await runWorkflow(tail(`hardening-tail-${++workflowCounter}`), { input: leads });
					checkInvariants(result, leads.length, ['Route', 'SLA', 'Respond']);
					expectUnpolluted();
				}),
				// Found by this property: a number past the range of a date as the arrival time threw on printing it.
				{ numRuns: 40, examples: [[[{ email: 'jane@acme.com', submittedAt: 1e21 }]]] },
			);
		},
		PROPERTY_TIMEOUT,
	);

	it('routes plausible leads all the way, with the rep time zone reaching the SLA clock', async () => {
		const leads: IDataObject[] = [
			{ email: 'jane@acme.com', firstName: 'Jane', company: 'Acme Corporation', country: 'US', score: 90 },
			{ email: 'max@beta.de', firstName: 'Max', company: 'Beta GmbH', country: 'DE', score: 20 },
		];
		const { result } = await runPipeline(leads, ACCOUNTS);
		checkInvariants(result, leads.length);
		const routed = flowOf(result.run, 'Route').emitted.flat();
		const jane = routed.find((l) => l.email === 'jane@acme.com') as IDataObject;
		expect(block(jane, 'routing').ownerId).toBe('ana');
		expect(block(jane, 'routing').ownerTimeZone).toBe('Europe/Berlin');
		const timed = flowOf(result.run, 'SLA').emitted[0];
		expect(timed.find((l) => l.email === 'jane@acme.com')?.sla).toMatchObject({ timeZone: 'Europe/Berlin' });
		const composed = flowOf(result.run, 'Respond').emitted[0];
		expect(composed.length).toBe(2);
	});

	it('keeps prototype-named keys as data and never reaches Object.prototype', async () => {
		const evil = JSON.parse(
			'{"email":"eve@acme.com","company":"Acme Corporation","__proto__":{"polluted":"yes","email":"x@y.com"},' +
				'"constructor":{"prototype":{"polluted":"yes"}},"match":{"__proto__":{"ownerId":"ana"}},' +
				'"routing":{"__proto__":{"ownerId":"bo"}},"sla":{"__proto__":{"status":"breached"}}}',
		) as IDataObject;
		const { result } = await runPipeline(
			[evil],
			[...ACCOUNTS, JSON.parse('{"__proto__":{"polluted":"yes"},"id":"p","name":"Proto"}')],
		);
		checkInvariants(result, 1);
		expectUnpolluted();
	});
});
