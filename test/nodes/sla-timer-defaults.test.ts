/** SLA Timer as a new user meets it: default settings after Normalize Lead, on the real engine. */
import type { IDataObject } from 'n8n-workflow';
import { runWorkflow } from '../helpers/engine';
import { node, resetBuiltLocalState } from './sla-timer.helpers';
import { block } from '../helpers/items';

// Tuesday 2026-11-17, 10:00 in New York.
const T0 = '2026-11-17T15:00:00.000Z';

function intake(slaParameters: IDataObject, normalizeParameters: IDataObject = {}) {
	return {
		id: 'wf-sla-defaults',
		nodes: [
			node('Normalize Lead', 'normalizeLead', normalizeParameters),
			node('SLA Timer', 'slaTimer', { teamTimeZone: 'America/New_York', ...slaParameters }),
		],
		connections: { 'Normalize Lead': { main: [[{ node: 'SLA Timer', type: 'main' as const, index: 0 }]] } },
	};
}

const form = (body: IDataObject) => ({ body });

beforeEach(() => resetBuiltLocalState());

describe('SLA Timer defaults after Normalize Lead', () => {
	it('tiers by the lead score and starts the clock when the lead arrived; no flag, no note on a normal lead', async () => {
		const result = await runWorkflow(intake({ options: { evaluateAt: T0 } }), {
			input: [
				// Read before running: Mid-Market (125) 15 + business address 10 + VP 15; "quote" 10 + "ASAP" 5 = 55 → warm (≥ 50).
				form({
					email: 'dana.cho@helix-bio.com',
					company: 'Helix Bio',
					title: 'VP Operations',
					company_size: '51-200',
					message: 'Need a quote for 25 seats ASAP',
					submittedAt: '2026-11-17T09:57:00-05:00',
				}),
				// Free-mail, no company, no intent: 0 → cold (≥ 0).
				form({
					email: 'lee.m@yahoo.com',
					name: 'Lee M',
					message: 'just browsing',
					submittedAt: '2026-11-17T14:59:00Z',
				}),
			],
		});
		expect(result.error()).toBeUndefined();
		const [started, flagged] = result.outputs('SLA Timer');
		expect(flagged).toEqual([]);
		expect(started.map((lead) => [lead.email, lead.score, block(lead, 'sla').tier])).toEqual([
			['dana.cho@helix-bio.com', 55, 'warm'],
			['lee.m@yahoo.com', 0, 'cold'],
		]);
		expect(started[0].sla).toMatchObject({
			status: 'open',
			startedFrom: 'submittedAt',
			startedAt: '2026-11-17T09:57:00.000-05:00',
			dueAt: '2026-11-17T10:57:00.000-05:00',
		});
		// 1,440 business minutes are three 8-hour days: Tuesday 09:59 → Friday 09:59.
		expect(started[1].sla).toMatchObject({ startedFrom: 'submittedAt', dueAt: '2026-11-20T09:59:00.000-05:00' });
		expect(started.map((lead) => block(lead, 'sla').notes)).toEqual([undefined, undefined]);
	});

	it('without a score the last tier takes the lead and says why', async () => {
		const none = await runWorkflow(intake({ options: { evaluateAt: T0 } }, { options: { leadScore: false } }), {
			input: [form({ email: 'sam@acme-tools.com', message: 'hello', submittedAt: '2026-11-17T09:58:00-05:00' })],
		});
		expect(none.outputs('Normalize Lead')[0][0].score).toBeUndefined();
		const [started, flagged] = none.outputs('SLA Timer');
		expect(flagged).toEqual([]);
		expect(started[0].sla).toMatchObject({
			tier: 'cold',
			startedFrom: 'submittedAt',
			notes: ['The lead score is not a number (empty): default tier "cold"'],
		});
		const named = await runWorkflow(
			intake({ options: { evaluateAt: T0, defaultTier: 'Warm' } }, { options: { leadScore: false } }),
			{
				input: [form({ email: 'sam@acme-tools.com', submittedAt: '2026-11-17T09:58:00-05:00' })],
			},
		);
		expect(named.outputs('SLA Timer')[0][0].sla).toMatchObject({
			tier: 'warm',
			dueAt: '2026-11-17T10:58:00.000-05:00',
		});
	});

	it('starts the clock now, with a note, for an arrival time out of bounds; Started At stays strict', async () => {
		const input = [
			form({ email: 'old@acme-tools.com', submittedAt: '2026-11-14T10:00:00-05:00' }),
			form({ email: 'ahead@acme-tools.com', submittedAt: '2026-11-17T11:00:00-05:00' }),
		];
		const lenient = await runWorkflow(intake({ options: { evaluateAt: T0 } }), { input });
		const [started, flagged] = lenient.outputs('SLA Timer');
		expect(flagged).toEqual([]);
		expect(
			started.map((lead) => [block(lead, 'sla').startedFrom, block(lead, 'sla').startedAt, block(lead, 'sla').notes]),
		).toEqual([
			[
				'now',
				'2026-11-17T10:00:00.000-05:00',
				['submittedAt (2026-11-14T15:00:00.000Z) is more than 24 hours in the past; the clock starts now'],
			],
			[
				'now',
				'2026-11-17T10:00:00.000-05:00',
				['submittedAt (2026-11-17T16:00:00.000Z) is in the future; the clock starts now'],
			],
		]);
		const strict = await runWorkflow(intake({ options: { evaluateAt: T0, startedAt: '={{ $json.submittedAt }}' } }), {
			input,
		});
		expect(strict.outputs('SLA Timer')[1].map((lead) => block(lead, 'sla').reason)).toEqual([
			'startedAt (2026-11-14T15:00:00.000Z) is more than 24 hours in the past',
			'startedAt (2026-11-17T16:00:00.000Z) is in the future',
		]);
	});

	it('a Default Tier that is not in the table is a clear error', async () => {
		const result = await runWorkflow(intake({ options: { evaluateAt: T0, defaultTier: 'gold' } }), {
			input: [form({ email: 'sam@acme-tools.com' })],
		});
		expect(result.error('SLA Timer')).toBe('Options › Default Tier "gold" is not in the tier table');
	});
});
