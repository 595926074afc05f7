import type { IDataObject } from 'n8n-workflow';
import { runNode, runWorkflow } from '../helpers/engine';

const accounts: IDataObject[] = [
	{ id: 'a1', name: 'Acme Corporation', domain: 'acme.com', ownerId: 'u1', ownerEmail: 'ann@seller.io', ownerName: 'Ann', phone: '+1 312 555 0101', postalCode: '60601' },
	{ id: 'a2', name: 'International Business Machines', website: 'https://www.ibm.com', ownerId: 'u2' },
	{ id: 'a3', name: 'Globex GmbH', domain: 'globex.de', ownerId: 'u3', postalCode: '10115' },
	{ id: 'p1', name: 'Umbrella Holdings', domain: 'umbrella.com', ownerId: 'u4' },
	{ id: 'c1', name: 'Umbrella Pharma', domain: 'umbrella.com', ownerId: 'u5', parentId: 'p1' },
	{ id: 'g1', name: 'Some Gmail Shop', domain: 'gmail.com', ownerId: 'u6' },
	{ id: 'i1', name: 'Initech', domain: 'initech.com', ownerId: 'u7', lastActivity: '2026-01-01' },
	{ id: 'i2', name: 'Initech Labs', domain: 'initech.com', ownerId: 'u8', lastActivity: '2026-06-01' },
];

type Match = { accountId: string | null; ownerId: string | null; method: string; reason: string; confidence: number; candidates: IDataObject[] };
const matchOf = (item: IDataObject) => item.match as Match;

async function run(leads: IDataObject[], options: IDataObject = {}, accountItems = accounts, extra: IDataObject = {}) {
	const result = await runNode('matchAccount', { options, ...extra }, { inputs: [leads, accountItems] });
	expect(result.run.status).toBe('success');
	return result.out;
}

describe('Match Account node (real engine)', () => {
	it('matches by email domain and passes the owner, keeping the lead fields', async () => {
		const [matched, unmatched] = await run([{ email: 'jo@acme.com', firstName: 'Jo' }]);
		expect(unmatched).toEqual([]);
		expect(matched).toHaveLength(1);
		expect(matched[0].firstName).toBe('Jo');
		expect(matched[0].match).toMatchObject({ accountId: 'a1', ownerId: 'u1', ownerEmail: 'ann@seller.io', ownerName: 'Ann', method: 'domain' });
	});

	it('sends every lead out exactly once, in = out', async () => {
		const leads = [{ email: 'jo@acme.com' }, { email: 'x@gmail.com' }, {}, { company: 'IBM' }, { company: 'Nobody Ltd' }];
		const [matched, unmatched] = await run(leads);
		expect(matched.length + unmatched.length).toBe(leads.length);
	});
});
