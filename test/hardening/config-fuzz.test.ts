/**
 * Configuration fuzz: each invalid setting stops the node with a NodeOperationError whose message names what to fix —
 * never a TypeError, a stack trace or a silent success.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { runWorkflow, singleNode } from '../helpers/engine';
import { block } from '../helpers/items';

const LEAD: IDataObject = {
	email: 'jane@acme.com',
	firstName: 'Jane',
	company: 'Acme',
	country: 'US',
	score: 90,
	routing: { ownerId: 'ana', ownerEmail: 'ana@seller.test' },
};
const REP = { id: 'ana', name: 'Ana', email: 'ana@seller.test' };
let counter = 0;

const RAW_ERROR =
	/TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|is not a function|undefined is not|of undefined|of null|\bat \S+ \(|\.[jt]s:\d+|\[object Object\]|\bNaN\b/;
/** The message without the quoted values the user typed (which may well contain "NaN"). */
const ownWords = (message = '') => message.replace(/"[^"]*"/g, '""');

async function configError(
	type: string,
	parameters: IDataObject,
	input: IDataObject[] = [LEAD],
	inputs?: IDataObject[][],
) {
	const workflow = { ...singleNode(type, parameters as never), id: `cfg-${++counter}` };
	const result = await runWorkflow(workflow, { input, inputs });
	const task = result.run.data.resultData.runData.Node?.[0];
	const error = task?.error as (Error & { description?: string | null }) | undefined;
	return { error, status: result.run.status };
}

type Case = [string, IDataObject, RegExp];

const route = (extra: IDataObject): IDataObject => ({
	operation: 'route',
	roster: { reps: [REP] },
	rules: { values: [{ name: 'All', assignTo: 'pool' }] },
	fallbackQueueName: 'Unassigned',
	fallbackOwnerId: 'ops',
	...extra,
});
const rep = (fields: IDataObject) => route({ roster: { reps: [{ ...REP, ...fields }] } });
const rule = (fields: IDataObject) => route({ rules: { values: [{ name: 'R', ...fields }] } });

const ROUTE_CASES: Case[] = [
	['bad rep time zone', rep({ timeZone: 'Mars/Base' }), /Rep "ana".*"Mars\/Base" is not a valid time zone/],
	['negative weight', rep({ weight: -2 }), /Rep "ana": weight must be greater than 0/],
	['zero weight', rep({ weight: 0 }), /weight must be greater than 0/],
	['text weight', rep({ weight: 'heavy' }), /weight must be greater than 0/],
	['negative capacity', rep({ capacityPerDay: -5 }), /Rep "ana": capacityPerDay must be a number of 0 or more/],
	['bad working hours', rep({ workingHours: '9am-5pm' }), /Rep "ana": working hours .*09:00/],
	['hours beyond the day', rep({ workingHours: '25:00-26:00' }), /Rep "ana": working hours .*not a time of day/],
	['unknown day', rep({ workingDays: 'Funday' }), /Rep "ana": working days .*day name/],
	['bad out-of-office date', rep({ outOfOffice: 'soon' }), /Rep "ana": out of office .*date/],
	['reversed out-of-office', rep({ outOfOffice: '2026-12-31..2026-01-01' }), /ends before it starts/],
	// Required fields left empty are caught by n8n before the node runs; an expression can still produce an empty value.
	['empty rep id', rep({ id: '={{ "" }}' }), /Rep #1: the ID is empty/],
	['reserved rep id', rep({ id: '__proto__' }), /reserved name/],
	['duplicate rep', route({ roster: { reps: [REP, REP] } }), /appears twice/],
	['unknown action', rule({ assignTo: 'teleport' }), /Rule 1 \("R"\): unknown action "teleport"/],
	['unknown strategy', rule({ strategy: 'coinFlip' }), /unknown strategy "coinFlip"/],
	['specific rep without id', rule({ assignTo: 'specificRep' }), /set the Rep ID/],
	['queue without name', rule({ assignTo: 'queue', queueOwnerId: 'ana' }), /set the Queue Name/],
	['queue without owner', rule({ assignTo: 'queue', queueName: 'Desk', queueOwnerId: ' ' }), /set the Queue Owner ID/],
	['fallback without owner', route({ fallbackOwnerId: '={{ "" }}' }), /fallback queue needs a name and an owner/],
	['fallback without name', route({ fallbackQueueName: ' ' }), /fallback queue needs a name and an owner/],
	[
		'bad capacity time zone',
		route({ options: { capacityTimeZone: 'Nowhere/City' } }),
		/Capacity Time Zone.*"Nowhere\/City"/,
	],
	[
		'bad stats time zone',
		{ operation: 'stats', roster: { reps: [REP] }, statsOptions: { timeZone: 'Nowhere/City' } },
		/"Nowhere\/City".*time zone/,
	],
	[
		'roster field not JSON',
		route({ rosterSource: 'field', rosterField: 'team' }),
		/no field "team"|not valid JSON|list of reps/,
	],
];

const sla = (extra: IDataObject): IDataObject => ({ operation: 'start', teamTimeZone: 'America/New_York', ...extra });
const tiers = (...list: IDataObject[]) => ({ tiers: { tier: list } });

const SLA_CASES: Case[] = [
	['bad team time zone', sla({ teamTimeZone: 'Mars/Base' }), /Mars\/Base/],
	['hours in words', sla({ workStart: '9am' }), /9am/],
	['hour 25', sla({ workEnd: '25:00' }), /25:00/],
	['end before start', sla({ workStart: '17:00', workEnd: '09:00' }), /after/i],
	['bad holiday', sla({ holidays: '2026-12-25, next tuesday' }), /next tuesday/],
	['no working day', sla({ workingDays: [] }), /working day/i],
	['warning at 150 %', sla({ warningPercent: 150 }), /[Ww]arning/],
	['negative warning', sla({ warningPercent: -5 }), /[Ww]arning/],
	['escalation below 100 %', sla({ escalationLevels: '50' }), /[Ee]scalation/],
	['escalation in words', sla({ escalationLevels: 'soon' }), /soon/],
	['empty tier table', sla(tiers()), /tier/i],
	['tier without a name', sla(tiers({ name: '', minutes: 5, minScore: 0 })), /name/i],
	[
		'duplicate tier',
		sla(tiers({ name: 'hot', minutes: 5, minScore: 80 }, { name: 'HOT', minutes: 6, minScore: 0 })),
		/hot/i,
	],
	['zero minutes', sla(tiers({ name: 'hot', minutes: 0, minScore: 0 })), /hot/],
	['negative minutes', sla(tiers({ name: 'hot', minutes: -5, minScore: 0 })), /hot/],
	['bad evaluate at', sla({ options: { evaluateAt: 'not a date' } }), /not a date|Evaluate At/],
	['negative retention', sla({ options: { retentionDays: -1 } }), /[Kk]eep|[Rr]etention/],
	['negative max start age', sla({ options: { maxStartAgeHours: -3 } }), /[Mm]ax Start Age/],
	['check with 0 items', { operation: 'check', options: { maxItems: 0 } }, /[Mm]ax Items/],
];

const respond = (extra: IDataObject): IDataObject => ({
	delivery: 'compose',
	recipients: 'leadAndRep',
	idempotency: 'off',
	...extra,
});

const RESPOND_CASES: Case[] = [
	['unclosed placeholder', respond({ leadSubject: 'Hi {{firstName' }), /Lead Email.*\{\{/],
	['spaces in a path', respond({ leadText: 'Hi {{ first name }}' }), /first name/],
	['triple braces', respond({ leadText: 'Hi {{{raw}}}' }), /Template error/],
	['unclosed section', respond({ leadText: '{{#company}}at {{company}}' }), /company/],
	['crossed sections', respond({ leadText: '{{#a}}{{#b}}x{{/a}}{{/b}}' }), /Template error/],
	['prototype path', respond({ leadText: 'Hi {{__proto__.polluted}}' }), /__proto__/],
	['constructor path', respond({ repText: '{{constructor.name}}' }), /constructor/],
	[
		'bad variant template',
		respond({ languageVariants: { variant: [{ language: 'de', text: '{{#x}}' }] } }),
		/Variant "de"/,
	],
	['quiet hours in words', respond({ leadChannel: 'sms', quietStart: 'late' }), /late/],
	['sender not an email', respond({ options: { fromEmail: 'not-an-email' } }), /not-an-email|[Ss]ender/],
	['bad fallback time zone', respond({ leadChannel: 'sms', options: { fallbackTimeZone: 'Mars/Base' } }), /Mars\/Base/],
	['negative window', respond({ idempotency: 'local', idempotencyWindowHours: -1 }), /[Ww]indow/],
	['tiny max field length', respond({ options: { maxFieldLength: -5 } }), /Max Field Length/],
	['zero timeout', respond({ delivery: 'send', options: { timeoutSeconds: -1 } }), /Timeout|credential/i],
	['send without credentials', respond({ delivery: 'send' }), /credential/i],
];

const NORMALIZE_CASES: Case[] = [
	['enterprise below mid-market', { options: { midMarketFrom: 1000, enterpriseFrom: 100 } }, /Enterprise|Mid-Market/],
	['unknown default country', { options: { defaultCountry: 'Narnia' } }, /Narnia/],
	['score above 100', { options: { minimumScore: 150 } }, /Minimum Quality Score|0.*100/],
	['negative score', { options: { minimumScore: -1 } }, /Minimum Quality Score|0.*100/],
	['custom mapping without mappings', { mode: 'custom' }, /mapping/i],
];

const MATCH_CASES: Case[] = [
	['fuzzy threshold above 1', { options: { fuzzyThreshold: 1.5 } }, /Fuzzy Threshold must be a number between 0 and 1/],
	['negative fuzzy threshold', { options: { fuzzyThreshold: -0.2 } }, /Fuzzy Threshold/],
	[
		'strict threshold from an expression',
		{ options: { allowFuzzyAlone: true, strictThreshold: '={{ 2 }}' } },
		/Strict Fuzzy Threshold/,
	],
	['duplicate name threshold', { mode: 'findDuplicates', duplicateOptions: { nameThreshold: 7 } }, /Name Threshold/],
	[
		'incomplete manual match',
		{ options: { manualMatches: { pairs: [{ key: 'acme.com', accountId: '' }] } } },
		/Manual Matches pair 1 is incomplete/,
	],
	['unknown preset', { accountFields: '={{ "dynamics" }}' }, /dynamics/],
];

function expectFriendly(error: (Error & { description?: string | null }) | undefined, pattern: RegExp) {
	expect(error).toBeDefined();
	expect(error?.name).toBe('NodeOperationError');
	// What to fix may be in the message or in the description n8n shows under it.
	expect(`${error?.message} ${error?.description ?? ''}`).toMatch(pattern);
	expect(ownWords(error?.message)).not.toMatch(RAW_ERROR);
	expect(ownWords(error?.description ?? '')).not.toMatch(RAW_ERROR);
}

describe('configuration fuzz: every invalid setting is a NodeOperationError that says what to fix', () => {
	it.each(ROUTE_CASES)('Route Lead: %s', async (_name, parameters, pattern) => {
		const { error } = await configError('routeLead', parameters);
		expectFriendly(error, pattern);
	});

	it.each(SLA_CASES)('SLA Timer: %s', async (_name, parameters, pattern) => {
		const { error } = await configError('slaTimer', parameters);
		expectFriendly(error, pattern);
	});

	it.each(RESPOND_CASES)('Auto-Respond: %s', async (_name, parameters, pattern) => {
		const { error } = await configError('autoRespond', parameters);
		expectFriendly(error, pattern);
	});

	it.each(NORMALIZE_CASES)('Normalize Lead: %s', async (_name, parameters, pattern) => {
		const { error } = await configError('normalizeLead', parameters);
		expectFriendly(error, pattern);
	});

	it.each(MATCH_CASES)('Match Account: %s', async (_name, parameters, pattern) => {
		const { error } = await configError('matchAccount', parameters, [LEAD], [[LEAD], [{ id: 'a', name: 'Acme' }]]);
		expectFriendly(error, pattern);
	});

	it('random garbage in every Route Lead rep field is a friendly error or a valid roster, never a crash', async () => {
		const junk = fc.oneof(
			fc.string({ maxLength: 12 }),
			fc.integer(),
			fc.double(),
			fc.constantFrom(null, true, '', '-1', 'NaN', '__proto__', '{}', '[]', 'Mon-', '-Fri', '..', '24:00-00:00'),
			fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
		);
		const fields = [
			'id',
			'weight',
			'teams',
			'skills',
			'priority',
			'capacityPerDay',
			'capacityOpen',
			'timeZone',
			'workingHours',
			'workingDays',
			'outOfOffice',
			'active',
		];
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...fields), junk, async (field, value) => {
				const parameters = rep({ [field]: value });
				const workflow = { ...singleNode('routeLead', parameters as never), id: `cfg-${++counter}` };
				let result;
				try {
					result = await runWorkflow(workflow, { input: [LEAD] });
				} catch (issues) {
					// n8n's own check of required parameters, before the node runs (e.g. an empty Rep ID).
					expect((issues as Error).name).toBe('WorkflowHasIssuesError');
					return;
				}
				const error = result.run.data.resultData.runData.Node?.[0]?.error as
					(Error & { description?: string }) | undefined;
				if (error) {
					expect(error.name).toBe('NodeOperationError');
					expect(ownWords(error.message)).not.toMatch(RAW_ERROR);
				} else {
					const routed = result.outputs('Node').flat();
					expect(routed).toHaveLength(1);
					expect(block(routed[0], 'routing').ownerId).toEqual(expect.any(String));
				}
			}),
			{ numRuns: 60 },
		);
	});
});
