import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runNode, runWorkflow } from '../helpers/engine';
import { block } from '../helpers/items';

const accounts: IDataObject[] = [
	{
		id: 'a1',
		name: 'Acme Corporation',
		domain: 'acme.com',
		ownerId: 'u1',
		ownerEmail: 'ann@seller.io',
		ownerName: 'Ann',
		phone: '+1 312 555 0101',
		postalCode: '60601',
	},
	{
		id: 'a2',
		name: 'International Business Machines',
		website: 'https://www.ibm.com',
		ownerId: 'u2',
		city: 'Armonk',
		country: 'United States',
	},
	{ id: 'a3', name: 'Globex GmbH', domain: 'globex.de', ownerId: 'u3', postalCode: '10115' },
	{ id: 'p1', name: 'Umbrella Holdings', domain: 'umbrella.com', ownerId: 'u4' },
	{ id: 'c1', name: 'Umbrella Pharma', domain: 'umbrella.com', ownerId: 'u5', parentId: 'p1' },
	{ id: 'g1', name: 'Some Gmail Shop', domain: 'gmail.com', ownerId: 'u6' },
	{ id: 'i1', name: 'Initech', domain: 'initech.com', ownerId: 'u7', lastActivity: '2026-01-01' },
	{ id: 'i2', name: 'Initech Labs', domain: 'initech.com', ownerId: 'u8', lastActivity: '2026-06-01' },
	{ id: 's1', name: 'Stark Industries', domain: 'stark.com', ownerId: 'u9', street: '10 Main Street' },
	{ id: 's2', name: 'Stark Industries', domain: 'starkwest.com', ownerId: 'u10', street: '99 Ocean Avenue' },
];

interface Match {
	accountId: string | null;
	ownerId: string | null;
	method: string;
	reason: string;
	confidence: number;
	parentAccountId: string | null;
	ultimateParentAccountId?: string | null;
	evidence: string[];
	candidates: IDataObject[];
}
const matchOf = (item: IDataObject) => item.match as Match;

async function run(leads: IDataObject[], options: IDataObject = {}, accountItems = accounts, extra: IDataObject = {}) {
	const parameters = { options, ...extra } as INodeParameters;
	const result = await runNode('matchAccount', parameters, { inputs: [leads, accountItems] });
	expect(result.error('Node')).toBeUndefined();
	expect(result.run.status).toBe('success');
	return result.out;
}

async function one(lead: IDataObject, options: IDataObject = {}, accountItems = accounts, extra: IDataObject = {}) {
	const out = await run([lead], options, accountItems, extra);
	const route = out.findIndex((items) => items.length === 1);
	expect(out.flat()).toHaveLength(1);
	return { route: ['matched', 'unmatched', 'review'][route], match: matchOf(out[route][0]), item: out[route][0] };
}

describe('Match Account: match to accounts (real engine)', () => {
	it('matches by email domain and passes the owner, keeping the lead fields', async () => {
		const { route, match, item } = await one({ email: 'jo@acme.com', firstName: 'Jo' });
		expect(route).toBe('matched');
		expect(item.firstName).toBe('Jo');
		expect(match).toMatchObject({
			accountId: 'a1',
			ownerId: 'u1',
			ownerEmail: 'ann@seller.io',
			ownerName: 'Ann',
			method: 'domain',
		});
		expect(match.confidence).toBeGreaterThan(0.9);
		expect(match.candidates[0]).toMatchObject({ accountId: 'a1', method: 'domain' });
	});

	it('matches by website domain and by canonical Normalize Lead fields', async () => {
		expect((await one({ website: 'https://shop.globex.de/de' })).match.accountId).toBe('a3');
		expect((await one({ emailDomain: 'ibm.com', companyNormalized: 'ibm' })).match).toMatchObject({
			accountId: 'a2',
			method: 'domain',
		});
	});

	it('ignores free-mail and disposable email domains, and a free-mail account domain never matches', async () => {
		const free = await one({ email: 'someone@gmail.com' });
		expect(free.route).toBe('unmatched');
		expect(free.match.reason).toMatch(/free-mail/);
		const disposable = await one({ email: 'x@mailinator.com' });
		expect(disposable.route).toBe('unmatched');
	});

	it('matches an exact normalized name (legal form, case, punctuation, "&")', async () => {
		const { route, match } = await one({ email: 'a@gmail.com', company: 'ACME Corp.' });
		expect(route).toBe('matched');
		expect(match).toMatchObject({ accountId: 'a1', method: 'exactName' });
	});

	it('matches an acronym to the one account it abbreviates when a field agrees', async () => {
		expect((await one({ company: 'IBM', city: 'Armonk' })).match).toMatchObject({
			accountId: 'a2',
			method: 'acronym',
			evidence: ['acronym', 'city'],
		});
		expect((await one({ company: 'I.B.M. Corp', city: 'Armonk', country: 'US' })).match).toMatchObject({
			accountId: 'a2',
			method: 'acronym',
		});
		expect((await one({ company: 'IBM' })).route).toBe('unmatched');
		expect((await one({ company: 'IBM', city: 'Armonk', country: 'DE' })).route).toBe('unmatched');
		expect((await one({ company: 'Ibm', city: 'Armonk' })).route).toBe('unmatched');
	});

	it('needs a corroborating field for a fuzzy name, and says why it did not match otherwise', async () => {
		const corroborated = await one({ company: 'Globexx', postalCode: '10115' });
		expect(corroborated.match).toMatchObject({ accountId: 'a3', method: 'fuzzyName' });
		expect(corroborated.match.evidence).toContain('postalCode');
		const alone = await one({ company: 'Globexx' });
		expect(alone.route).toBe('unmatched');
		expect(alone.match.reason).toMatch(/no corroborating field/);
		expect(alone.match.candidates[0]).toMatchObject({ accountId: 'a3', method: 'fuzzyName' });
	});

	it('sends uncorroborated fuzzy names to Review when the Review output is on', async () => {
		const out = await run([{ company: 'Globexx' }, { email: 'jo@acme.com' }, { company: 'Nothing Alike' }], {
			reviewOutput: true,
		});
		expect(out).toHaveLength(3);
		expect(out[0].map((item) => matchOf(item).accountId)).toEqual(['a1']);
		expect(out[1]).toHaveLength(1);
		expect(out[2].map((item) => item.company)).toEqual(['Globexx']);
	});

	it('lets a fuzzy name alone match above the strict threshold when allowed', async () => {
		const { match } = await one({ company: 'Globexx' }, { allowFuzzyAlone: true, strictThreshold: 0.85 });
		expect(match).toMatchObject({ accountId: 'a3', method: 'fuzzyName' });
		expect(match.reason).toMatch(/fuzzy name alone/);
		expect((await one({ company: 'Globexx' }, { allowFuzzyAlone: true })).route).toBe('unmatched');
	});

	it('breaks a shared-domain tie with the parent account, or reports the tie', async () => {
		const parent = await one({ email: 'x@umbrella.com' });
		expect(parent.match).toMatchObject({ accountId: 'p1', method: 'domain' });
		expect(parent.match.reason).toMatch(/parent/);
		const tie = await one({ email: 'x@umbrella.com' }, { preferParent: false, reviewOutput: true });
		expect(tie.route).toBe('review');
		expect(tie.match.reason).toMatch(/2 accounts share this domain/);
		expect(tie.match.candidates.map((c) => c.accountId).sort()).toEqual(['c1', 'p1']);
	});

	it('breaks a tie with a chosen field (latest activity wins), or with a similar company name', async () => {
		const latest = await one({ email: 'x@initech.com' }, { tieBreakField: 'lastActivity' });
		expect(latest.match.accountId).toBe('i2');
		const earliest = await one(
			{ email: 'x@initech.com' },
			{ tieBreakField: 'lastActivity', tieBreakOrder: 'smallest' },
		);
		expect(earliest.match.accountId).toBe('i1');
		const byName = await one({ email: 'x@initech.com', company: 'Initech Labs Inc' });
		expect(byName.match.accountId).toBe('i2');
	});

	it('hands the lead to the ultimate parent owner when asked', async () => {
		const { match } = await one({ company: 'Umbrella Pharma', email: 'a@gmail.com' }, { useUltimateParentOwner: true });
		expect(match).toMatchObject({
			accountId: 'c1',
			parentAccountId: 'p1',
			ultimateParentAccountId: 'p1',
			ownerId: 'u4',
		});
	});

	it('uses the street to pick the right site, and a different street stops an exact name', async () => {
		const site = await one({ company: 'Stark Industries', street: '99 Ocean Ave.' });
		expect(site.match.accountId).toBe('s2');
		const elsewhere = await one({ company: 'Stark Industries', street: '5 Elm Road' });
		expect(elsewhere.route).toBe('unmatched');
	});

	it('applies manual-match and never-match overrides', async () => {
		const manual = await one(
			{ email: 'buyer@gmail.com' },
			{ manualMatches: { pairs: [{ key: 'buyer@gmail.com', accountId: 'a3' }] } },
		);
		expect(manual.match).toMatchObject({ accountId: 'a3', method: 'manual', confidence: 1 });
		const byDomain = await one(
			{ email: 'x@newco.io' },
			{ manualMatches: { pairs: [{ key: 'newco.io', accountId: 'a1' }] } },
		);
		expect(byDomain.match.accountId).toBe('a1');
		const never = await one(
			{ email: 'jo@acme.com' },
			{ neverMatches: { pairs: [{ key: 'acme.com', accountId: 'a1' }] } },
		);
		expect(never.route).toBe('unmatched');
		const neverByName = await one(
			{ company: 'Acme Inc' },
			{ neverMatches: { pairs: [{ key: 'ACME Corporation', accountId: 'a1' }] } },
		);
		expect(neverByName.route).toBe('unmatched');
		const missing = await one(
			{ email: 'x@newco.io' },
			{ manualMatches: { pairs: [{ key: 'newco.io', accountId: 'nope' }] } },
		);
		expect(missing.route).toBe('unmatched');
		expect(missing.match.reason).toMatch(/no account with that id/);
	});

	it('reads HubSpot, Salesforce and Pipedrive records automatically', async () => {
		const crm: IDataObject[] = [
			{ id: '501', properties: { name: 'Hooli', domain: 'hooli.com', hubspot_owner_id: 'hs-owner' } },
			{
				attributes: { type: 'Account' },
				Id: '001A',
				Name: 'Pied Piper',
				Website: 'www.piedpiper.com',
				OwnerId: '005X',
				Owner: { Email: 'rep@x.io', Name: 'Rep' },
			},
			{
				id: 77,
				name: 'Aviato',
				owner_id: { id: 9, name: 'Erlich', email: 'e@aviato.io' },
				add_time: '2026-01-01',
				website: 'aviato.com',
			},
		];
		expect((await one({ email: 'a@hooli.com' }, {}, crm)).match).toMatchObject({
			accountId: '501',
			ownerId: 'hs-owner',
		});
		expect((await one({ email: 'a@piedpiper.com' }, {}, crm)).match).toMatchObject({
			accountId: '001A',
			ownerId: '005X',
			ownerEmail: 'rep@x.io',
		});
		expect((await one({ email: 'a@aviato.com' }, {}, crm)).match).toMatchObject({
			accountId: '77',
			ownerId: '9',
			ownerName: 'Erlich',
		});
	});

	it('reads custom field paths', async () => {
		const custom = [{ key: 'K1', org: { title: 'Vandelay Industries', site: 'vandelay.com' }, rep: { id: 'r1' } }];
		const { match } = await one({ email: 'art@vandelay.com' }, {}, custom, {
			accountFields: 'custom',
			customFields: { id: 'key', name: 'org.title', domain: 'org.site', ownerId: 'rep.id' },
		});
		expect(match).toMatchObject({ accountId: 'K1', ownerId: 'r1', accountName: 'Vandelay Industries' });
	});
});

describe('Match Account: bad input never crashes, in = out', () => {
	it('sends every lead to Unmatched with a reason when the accounts input is empty', async () => {
		const out = await run([{ email: 'jo@acme.com' }, { company: 'X' }], {}, []);
		expect(out[0]).toEqual([]);
		expect(out[1].map((item) => matchOf(item).reason)).toEqual([
			expect.stringMatching(/Accounts input is empty/),
			expect.stringMatching(/Accounts input is empty/),
		]);
	});

	it('copes with junk accounts, duplicate ids, non-Latin and very long names, and empty leads', async () => {
		const junk: IDataObject[] = [
			{},
			{ id: 'x' },
			{ name: null, domain: 42 },
			{ id: 'd', name: 'Dup One', domain: 'dup.com' },
			{ id: 'd', name: 'Dup Two', domain: 'dup.com' },
			{ id: 'jp', name: '株式会社トヨタ', domain: 'toyota.jp' },
			{ id: 'ru', name: 'ООО Ромашка' },
			{ id: 'long', name: 'Long '.repeat(5000) },
			{ id: 'proto', name: '__proto__', domain: 'constructor' },
		];
		const leads: IDataObject[] = [
			{},
			{ email: 'a@dup.com' },
			{ company: 'ООО  ромашка' },
			{ company: '株式会社トヨタ' },
			{ company: 'Long '.repeat(3000) },
			{ email: 42, company: { nested: true }, website: ['x'] },
			{ company: '__proto__' },
			{ email: 'not-an-email' },
		];
		const out = await run(leads, {}, junk);
		expect(out[0].length + out[1].length).toBe(leads.length);
		const byCompany = (name: unknown) => [...out[0], ...out[1]].find((item) => item.company === name);
		expect(matchOf(byCompany(undefined) ?? {}).reason).toBeDefined();
		expect(matchOf(out[0].find((item) => item.email === 'a@dup.com') ?? {})).toMatchObject({
			accountId: 'd',
			method: 'domain',
		});
		expect(matchOf(byCompany('ООО  ромашка') ?? {}).accountId).toBe('ru');
		expect(matchOf(byCompany('株式会社トヨタ') ?? {}).accountId).toBe('jp');
		const empty = out[1].find((item) => Object.keys(item).length === 1);
		expect(matchOf(empty ?? {}).reason).toMatch(/no email, website or company name/);
	});

	it('rejects bad configuration with a clear error', async () => {
		const bad = await runNode(
			'matchAccount',
			{ options: { fuzzyThreshold: 3 } },
			{ inputs: [[{ company: 'x' }], accounts] },
		);
		expect(bad.error('Node')).toMatch(/Fuzzy Threshold must be a number between 0 and 1/);
		const pair = await runNode(
			'matchAccount',
			{ options: { manualMatches: { pairs: [{ key: '', accountId: 'a1' }] } } },
			{ inputs: [[{ company: 'x' }], accounts] },
		);
		expect(pair.error('Node')).toMatch(/Manual Matches pair 1 is incomplete/);
	});
});

describe('Match Account: find duplicates (real engine)', () => {
	const existing: IDataObject[] = [
		{ id: 'c-1', email: 'Jo.Smith@Acme.com', firstName: 'Jo', lastName: 'Smith', company: 'Acme Inc' },
		{
			id: 'c-2',
			properties: { email: 'pat@globex.de', firstname: 'Patricia', lastname: 'Meyer', company: 'Globex GmbH' },
		},
	];

	it('splits leads into Duplicate (email, then name and company) and New', async () => {
		const leads = [
			{ email: 'jo.smith@acme.com' },
			{ email: 'patty@gmail.com', firstName: 'Patricia', lastName: 'Meier', company: 'Globex' },
			{ email: 'new@acme.com', firstName: 'Sam', lastName: 'Other', company: 'Acme' },
			{},
		];
		const result = await runNode('matchAccount', { mode: 'findDuplicates' }, { inputs: [leads, existing] });
		const [duplicate, fresh] = result.out;
		expect(result.out).toHaveLength(2);
		expect(duplicate.map((item) => block(item, 'duplicate').existingId)).toEqual(['c-1', 'c-2']);
		expect(duplicate.map((item) => block(item, 'duplicate').method)).toEqual(['email', 'nameAndCompany']);
		expect(fresh).toHaveLength(2);
		expect(block(fresh[0], 'duplicate').reason).toMatch(/No existing record/);
	});

	it('treats every lead as new when there are no existing records', async () => {
		const result = await runNode('matchAccount', { mode: 'findDuplicates' }, { inputs: [[{ email: 'a@b.com' }], []] });
		expect(result.out[0]).toEqual([]);
		expect(result.out[1]).toHaveLength(1);
	});
});

describe('Match Account inside a workflow (real engine, two inputs from another node)', () => {
	const node = (name: string, parameters: INodeParameters) => ({
		id: name,
		name,
		type: 'n8n-nodes-lead-routing.matchAccount',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters,
	});
	const workflow = {
		nodes: [node('Match', {}), node('Dedupe', { mode: 'findDuplicates' })],
		connections: {
			Match: {
				main: [
					[{ node: 'Dedupe', type: 'main' as const, index: 1 }],
					[{ node: 'Dedupe', type: 'main' as const, index: 0 }],
				],
			},
		},
	};

	it('feeds Unmatched leads and Matched leads into the two inputs of the next node', async () => {
		const leads = [
			{ email: 'jo@acme.com', firstName: 'Jo', lastName: 'Smith', company: 'Acme Rockets' },
			{ email: 'jo.smith@gmail.com', firstName: 'Jo', lastName: 'Smith', company: 'Acme Rockts' },
		];
		const result = await runWorkflow(workflow, {
			inputs: [leads, [{ id: 'a1', name: 'Acme Corporation', domain: 'acme.com' }]],
		});
		expect(result.run.status).toBe('success');
		const [matched, unmatched] = result.outputs('Match');
		expect(matched).toHaveLength(1);
		expect(unmatched).toHaveLength(1);
		const [duplicate, fresh] = result.outputs('Dedupe');
		expect(fresh).toEqual([]);
		expect(duplicate[0].duplicate).toMatchObject({ method: 'nameAndCompany' });
	});

	it('still runs the next node when one of its inputs receives nothing', async () => {
		const result = await runWorkflow(workflow, {
			inputs: [[{ email: 'x@gmail.com' }], [{ id: 'a1', name: 'Acme', domain: 'acme.com' }]],
		});
		expect(result.run.status).toBe('success');
		expect(result.outputs('Match')[0]).toEqual([]);
		const [duplicate, fresh] = result.outputs('Dedupe');
		expect(duplicate).toEqual([]);
		expect(fresh).toHaveLength(1);
	});
});
