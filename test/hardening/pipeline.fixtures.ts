/** The five-node pipeline and garbage generators for the hardening property tests (not a test file itself). */
import fc from 'fast-check';
import type { IConnections, IDataObject, INode, INodeParameters, IRun } from 'n8n-workflow';
import { PACKAGE_NAME, type WorkflowJson } from '../helpers/engine';

export const ACCOUNT_MARKER = '__hardeningAccountRow';

function node(name: string, type: string, parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return {
		id: name,
		name,
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		...extra,
	};
}

const condition = (
	field: string,
	operation: string,
	rightValue: unknown,
	type = 'string',
	singleValue = false,
): IDataObject => ({
	id: `${field}-${operation}`,
	leftValue: `={{ $json.${field} }}`,
	rightValue: rightValue as string,
	operator: { type, operation, ...(singleValue ? { singleValue: true } : {}) },
});

const conditions = (...list: IDataObject[]): IDataObject => ({
	options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
	conditions: list,
	combinator: 'and',
});

export const REPS: IDataObject[] = [
	{ id: 'ana', name: 'Ana', email: 'ana@seller.test', teams: 'emea', skills: 'german', timeZone: 'Europe/Berlin' },
	{
		id: 'bo',
		name: 'Bo',
		email: 'bo@seller.test',
		teams: 'emea, us',
		weight: 2,
		timeZone: 'America/New_York',
		capacityPerDay: 3,
	},
	{
		id: 'cy',
		name: 'Cy',
		email: 'cy@seller.test',
		teams: 'us',
		timeZone: 'America/Chicago',
		workingHours: '00:00-00:01',
	},
	{ id: 'di', name: 'Di', email: 'di@seller.test', teams: 'us', active: false },
];

export const ACCOUNTS: IDataObject[] = [
	{ id: 'acc-1', name: 'Acme Corporation', domain: 'acme.com', ownerId: 'ana', phone: '+14155552671' },
	{ id: 'acc-2', name: 'Beta GmbH', domain: 'beta.de', ownerId: 'ghost' },
	{ id: 'acc-3', name: 'Gamma Ltd', website: 'https://www.gamma.co.uk', ownerId: 'bo' },
];

/**
 * Split → Normalize Lead → Match Account → Route Lead → SLA Timer (Start) → Auto-Respond (Compose Only).
 * The engine seeds only one start node, so a Route Lead named Split sends the account rows (marked with
 * ACCOUNT_MARKER) to Match Account's second input and everything else on to Normalize Lead.
 */
export function pipeline(
	id: string,
	extra: { stateStore?: 'local' | 'redis'; permissive?: boolean } = {},
): WorkflowJson {
	const store = extra.stateStore === 'redis' ? { stateStore: 'redis' } : {};
	const redisCredential =
		extra.stateStore === 'redis' ? { credentials: { leadRoutingRedisApi: { id: 'r', name: 'Redis' } } } : {};
	const nodes: INode[] = [
		node('Split', 'routeLead', {
			operation: 'route',
			rosterSource: 'node',
			roster: { reps: [] },
			rules: {
				values: [
					{
						name: 'Accounts',
						conditions: conditions(condition(ACCOUNT_MARKER, 'true', '', 'boolean', true)),
						assignTo: 'queue',
						queueName: 'accounts',
						queueOwnerId: 'split',
					},
				],
			},
			fallbackQueueName: 'Leads',
			fallbackOwnerId: 'split',
			options: { outputPerRule: true, dryRun: true, looseTypeValidation: true },
		}),
		// Permissive: garbage qualifies too, so the later nodes see it (as they do in workflows without Normalize Lead).
		node(
			'Normalize',
			'normalizeLead',
			extra.permissive
				? {
						options: {
							requiredFields: [],
							spamChecks: false,
							rejectInvalidEmail: false,
							rejectDisposable: false,
							duplicates: 'flag',
						},
					}
				: {},
		),
		node('Match', 'matchAccount', { mode: 'matchAccounts', accountFields: 'auto', options: { reviewOutput: true } }),
		node(
			'Route',
			'routeLead',
			{
				operation: 'route',
				...store,
				stateName: `${id}-route`,
				rosterSource: 'node',
				roster: { reps: REPS },
				rules: {
					values: [
						{ name: 'Owner', conditions: conditions(), assignTo: 'accountOwner', onNoEligible: 'nextRule' },
						{
							name: 'EMEA',
							conditions: conditions(condition('country', 'equals', 'DE')),
							assignTo: 'pool',
							team: 'emea',
							strategy: 'roundRobin',
							requiredSkills: 'german',
						},
						{
							name: 'Hot',
							conditions: conditions(condition('score', 'gt', 50, 'number')),
							assignTo: 'pool',
							team: 'us',
							strategy: 'weighted',
							respectWorkingHours: true,
						},
						{
							name: 'Big',
							conditions: conditions(condition('employees', 'gte', 1000, 'number')),
							assignTo: 'queue',
							queueName: 'Enterprise',
							queueOwnerId: 'bo',
						},
						{
							name: 'Everyone',
							conditions: conditions(),
							assignTo: 'pool',
							strategy: 'leastLoaded',
							onNoEligible: 'fallback',
						},
					],
				},
				fallbackQueueName: 'Unassigned',
				fallbackOwnerId: 'ops',
			},
			redisCredential,
		),
		node(
			'SLA',
			'slaTimer',
			{
				operation: 'start',
				...store,
				stateName: `${id}-sla`,
				teamTimeZone: 'America/New_York',
				options: { defaultTier: 'cold' },
			},
			redisCredential,
		),
		node('Respond', 'autoRespond', {
			delivery: 'compose',
			recipients: 'leadAndRep',
			leadChannel: 'smsWhenAllowed',
			smsTiers: 'hot, warm, cold',
			idempotency: 'local',
			options: { fromEmail: 'sales@acme.test', fromName: 'Acme', fallbackTimeZone: 'UTC' },
		}),
	];
	const to = (target: string, index = 0) => [{ node: target, type: 'main' as const, index }];
	const connections: IConnections = {
		Split: { main: [to('Match', 1), to('Normalize')] },
		Normalize: { main: [to('Match'), []] },
		Match: { main: [to('Route'), to('Route'), to('Route')] },
		Route: { main: [to('SLA'), to('SLA')] },
		SLA: { main: [to('Respond'), to('Respond')] },
	};
	return { id, name: id, nodes, connections };
}

export const PIPELINE_NODES = ['Split', 'Normalize', 'Match', 'Route', 'SLA', 'Respond'];

/** Route → SLA → Respond of the pipeline, started directly with raw items (a workflow without Normalize Lead). */
export function tail(id: string): WorkflowJson {
	const full = pipeline(id);
	const keep = new Set(['Route', 'SLA', 'Respond']);
	return {
		id,
		name: id,
		nodes: full.nodes.filter((n) => keep.has(n.name)),
		connections: { Route: full.connections.Route, SLA: full.connections.SLA },
	};
}

/** An object with exactly these own properties, including "__proto__" as a plain own key (as JSON.parse makes it). */
export function own(entries: Array<[string, unknown]>): IDataObject {
	const target: IDataObject = {};
	for (const [key, value] of entries) {
		Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	}
	return target;
}

const FIELD_NAMES = [
	'email',
	'Email Address',
	'e-mail',
	'your-email',
	'firstName',
	'First Name',
	'lastName',
	'name',
	'full_name',
	'company',
	'Company Name',
	'organization',
	'phone',
	'Phone Number',
	'country',
	'Country',
	'state',
	'region',
	'city',
	'website',
	'url',
	'domain',
	'employees',
	'NumberOfEmployees',
	'score',
	'message',
	'consent',
	'submittedAt',
	'utm_source',
	'landing_page',
	'timeZone',
	'segment',
	'industry',
	'source',
	'jobTitle',
	'postalCode',
	'street',
	'match',
	'routing',
	'sla',
	'autoResponse',
	'raw',
	'quality',
	'body',
	'headers',
	'query',
	'fields',
	'properties',
	'form_response',
	'field_data',
	'data',
	'payload',
	'values',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'valueOf',
	'',
	' ',
	'.',
	'a.b',
	'ownerId',
	'status',
];

const NASTY_STRINGS = [
	'jane@acme.com',
	'JANE@ACME.COM ',
	'bob@beta.de',
	'x@gamma.co.uk',
	'a@b',
	'@@',
	'mailto:a@acme.com',
	'"Eve" <eve@acme.com>',
	'a@x.com, b@y.com',
	'a@x.com\r\nBcc: victim@y.com',
	'Acme Corporation',
	'The Acme Corp, Inc.',
	'Beta GmbH',
	'+14155552671',
	'00 49 30 1234567',
	'555-0100',
	'DE',
	'US',
	'Deutschland',
	'USA',
	'Mars',
	'n/a',
	'<script>alert(1)</script>',
	'javascript:alert(1)',
	'{{routing.ownerEmail}}',
	'{{#a}}{{/b}}',
	'}}{{',
	'${7*7}',
	'=cmd|calc',
	'\u0000\u0001\u0007\u001b[31m',
	'\u202eevil\u202c',
	'\ud83d\ude00\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67',
	'Ünïcødé Müller',
	'株式会社テスト',
	'Иван Петров',
	'محمد',
	'שלום',
	'\ud800',
	'NaN',
	'Infinity',
	'-1',
	'1e308',
	'2026-11-17T15:00:00Z',
	'yesterday',
	'9999-99-99',
	'true',
	'false',
	'null',
	'undefined',
	'__proto__',
	'constructor',
	'Europe/Berlin',
	'Mars/Base',
	'hot',
	'breached',
	' '.repeat(50) + 'x',
	'a'.repeat(300),
];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
	{ weight: 3, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
	{
		weight: 2,
		arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1e21, Number.MAX_SAFE_INTEGER + 2)),
	},
	{ weight: 1, arbitrary: fc.constantFrom(null, true, false) },
);

const key = fc.constantFrom(...FIELD_NAMES);

/** Nested garbage: objects (with prototype-named keys) and arrays where strings belong. */
export const garbageValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		{ weight: 5, arbitrary: leaf },
		{ weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
		{ weight: 1, arbitrary: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(own) },
	),
})).value;

export interface LeadShape {
	lead: IDataObject;
	huge: boolean;
}

/** A lead: recognisable fields with garbage values, sometimes a megabyte string or thousands of fields. */
export const garbageLead: fc.Arbitrary<IDataObject> = fc
	.tuple(
		fc.array(fc.tuple(key, garbageValue), { maxLength: 10 }),
		fc.constantFrom('none', 'none', 'none', 'none', 'megabyte', 'manyFields', 'pollute'),
	)
	.map(([entries, extra]) => {
		const all: Array<[string, unknown]> = [...entries];
		if (extra === 'megabyte') all.push(['message', 'Ω'.repeat(1 << 20)], ['company', 'x'.repeat(1 << 20)]);
		if (extra === 'manyFields') for (let i = 0; i < 3000; i++) all.push([`field_${i}`, i % 2 ? `v${i}` : i]);
		if (extra === 'pollute') {
			all.push([
				'__proto__',
				own([
					['polluted', 'yes'],
					['email', 'proto@acme.com'],
				]),
			]);
			all.push(['constructor', own([['prototype', own([['polluted', 'yes']])]])]);
		}
		return own(all);
	});

/** A plausible lead, so every branch (matched, routed by rules, SMS, email) is reached, not only rejection. */
export const plausibleLead: fc.Arbitrary<IDataObject> = fc
	.record({
		email: fc.constantFrom('jane@acme.com', 'bob@beta.de', 'x@gamma.co.uk', 'amy@unknown-firm.io', 'sam@gmail.com'),
		firstName: fc.constantFrom('Jane', 'Bob', '😀', 'Иван', 'محمد', ''),
		lastName: fc.constantFrom('Doe-Smith', 'Müller', '株式会社', ''),
		company: fc.constantFrom('Acme Corporation', 'Beta GmbH', 'Gamma Ltd', 'Unknown Firm', ''),
		country: fc.constantFrom('DE', 'US', 'GB', 'Mars', ''),
		phone: fc.constantFrom('+14155552671', '+4930123456789', 'call me', ''),
		score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom('high', null)),
		employees: fc.constantFrom('5000', '10', 'lots', ''),
		consent: fc.record({ sms: fc.boolean(), email: fc.boolean() }),
		message: fc.string({ maxLength: 60 }),
	})
	.map((lead) => lead as unknown as IDataObject);

export const anyLead = fc.oneof({ weight: 2, arbitrary: garbageLead }, { weight: 1, arbitrary: plausibleLead });

/** Garbage account rows from a CRM, mixed with the good ones. */
export const garbageAccount: fc.Arbitrary<IDataObject> = fc
	.array(
		fc.tuple(
			fc.constantFrom('id', 'name', 'domain', 'website', 'ownerId', 'phone', 'parentId', '__proto__', 'Id', 'Name'),
			garbageValue,
		),
		{ maxLength: 6 },
	)
	.map(own);

/** Items a node received over all its runs and items it emitted, checked per run. */
export function flowOf(run: IRun, name: string): { runs: number; emitted: IDataObject[][]; pairingErrors: string[] } {
	const tasks = run.data.resultData.runData[name] ?? [];
	const pairingErrors: string[] = [];
	const emitted: IDataObject[][] = [];
	tasks.forEach((task, t) => {
		const seen: number[] = [];
		(task.data?.main ?? []).forEach((items, output) => {
			emitted[output] ??= [];
			for (const item of items ?? []) {
				emitted[output].push(item.json);
				const paired = item.pairedItem as { item?: number } | undefined;
				if (typeof paired?.item !== 'number') pairingErrors.push(`${name} run ${t}: an item without pairedItem`);
				else seen.push(paired.item);
			}
		});
		seen.sort((a, b) => a - b);
		if (seen.some((v, i) => v !== i))
			pairingErrors.push(`${name} run ${t}: paired items ${JSON.stringify(seen)} are not each input once`);
	});
	return { runs: tasks.length, emitted, pairingErrors };
}

export function count(lists: IDataObject[][], outputs?: number[]): number {
	return lists.reduce((sum, list, i) => sum + (outputs && !outputs.includes(i) ? 0 : (list?.length ?? 0)), 0);
}
