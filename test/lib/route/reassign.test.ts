import { decide, type DecideInput } from '../../../lib/route/decide';
import { carriedHistory, PreviousDecisionError, readPreviousDecision } from '../../../lib/route/history';
import { reassign } from '../../../lib/route/reassign';
import { releaseOpenLead } from '../../../lib/route/release';
import { buildRoster, RosterError, type RepInput } from '../../../lib/route/roster';
import { RuleConfigError, toFallbackConfig, toRuleConfigs, type RawRule } from '../../../lib/route/rules';
import type { RoutingRecord } from '../../../lib/route/types';
import { readLeadFacts, templateView } from '../../../lib/respond/lead';
import { compileTemplate, renderTemplate } from '../../../lib/respond/template';
import { LocalAssignmentStore } from '../../../lib/store/static/assignment';
import { windowsAt } from '../../../lib/store/windows';

const NOW = Date.parse('2026-11-24T10:00:00Z');
let wf = 0;

const REPS: RepInput[] = [
	{ id: 'ana', name: 'Ana', bookingUrl: 'https://cal.test/ana', capacityOpen: 1 },
	{ id: 'bo', name: 'Bo', booking_url: 'https://cal.test/bo' },
	{ id: 'cy', name: 'Cy' },
];

function setup(rules: RawRule[], reps: RepInput[] = REPS, fallbackBookingUrl = 'https://cal.test/team') {
	const store = new LocalAssignmentStore({ workflowId: `reassign-${++wf}`, namespace: 'route', staticData: {} });
	const base: Omit<DecideInput, 'lead'> = {
		rules: toRuleConfigs(rules),
		roster: buildRoster(reps),
		fallback: toFallbackConfig({
			queueName: 'Unassigned',
			ownerId: 'ops',
			ownerName: 'Ops',
			bookingUrl: fallbackBookingUrl,
		}),
		store,
		now: NOW,
		windows: windowsAt(NOW, 'UTC'),
		dryRun: false,
		slaReroute: true,
		matches: () => true,
		random: () => 0,
	};
	const route = (lead: Record<string, unknown> = {}) => decide({ ...base, lead });
	const again = (previous: unknown, why: unknown = 'declined', extra: Partial<DecideInput> = {}) =>
		reassign({ ...base, lead: {}, previous, why, ...extra });
	return { route, again, store, base };
}

describe('booking links', () => {
	it('reads a rep link under each alias and refuses anything but an absolute http(s) link', () => {
		const roster = buildRoster([
			{ id: 'a', bookingUrl: ' https://cal.com/a ' },
			{ id: 'b', booking_url: 'http://cal.local/b' },
			{ id: 'c', bookingLink: 'https://calendly.com/c' },
			{ id: 'd', calendarUrl: 'https://cal.com/d?x=1' },
			{ id: 'e' },
		]);
		expect(roster.reps.map((r) => r.bookingUrl)).toEqual([
			'https://cal.com/a',
			'http://cal.local/b',
			'https://calendly.com/c',
			'https://cal.com/d?x=1',
			'',
		]);
		for (const bad of ['cal.com/ana', 'javascript:alert(1)', 'ftp://cal.com/a', 'https://', 'https://cal .com/a']) {
			expect(() => buildRoster([{ id: 'ana', bookingUrl: bad }])).toThrow(RosterError);
			expect(() => buildRoster([{ id: 'ana', bookingUrl: bad }])).toThrow(
				/Rep "ana": booking link .* is not a web address/,
			);
		}
	});

	it('checks the team links of queue rules and the fallback', () => {
		expect(() =>
			toRuleConfigs([
				{ name: 'Desk', assignTo: 'queue', queueName: 'D', queueOwnerId: 'x', teamBookingUrl: 'www.x.com' },
			]),
		).toThrow(/Rule 1 \("Desk"\): Team Booking Link "www.x.com" is not a web address/);
		expect(() => toFallbackConfig({ queueName: 'U', ownerId: 'ops', bookingUrl: 'mailto:ops@x.com' })).toThrow(
			RuleConfigError,
		);
	});

	it('gives the rep link to a rep, the team link to a queue and the fallback, and null when none is set', async () => {
		const { route } = setup([
			{
				name: 'Desk',
				assignTo: 'queue',
				queueName: 'Desk',
				queueOwnerId: 'cy',
				teamBookingUrl: 'https://cal.test/desk',
			},
		]);
		expect((await route()).routing.ownerBookingUrl).toBe('https://cal.test/desk');
		const pool = setup([{ name: 'All', strategy: 'roundRobin' }]);
		expect(
			[(await pool.route()).routing, (await pool.route()).routing, (await pool.route()).routing].map((r) => [
				r.ownerId,
				r.ownerBookingUrl,
			]),
		).toEqual([
			['ana', 'https://cal.test/ana'],
			['bo', 'https://cal.test/bo'],
			['cy', null],
		]);
		// Nobody eligible (empty roster): the lead still gets the team's page as its next step.
		const empty = setup([{ name: 'All' }], []);
		expect((await empty.route()).routing).toMatchObject({
			reason: 'empty-roster',
			ownerBookingUrl: 'https://cal.test/team',
		});
		// A queue without a team link falls back to its owner's own page; the fallback without one to null.
		const own = setup([{ name: 'Desk', assignTo: 'queue', queueName: 'Desk', queueOwnerId: 'ana' }], REPS, '');
		expect((await own.route()).routing.ownerBookingUrl).toBe('https://cal.test/ana');
		expect((await setup([], REPS, '').route()).routing.ownerBookingUrl).toBeNull();
	});
});

describe('booking links in Auto-Respond templates', () => {
	it("{{routing.ownerBookingUrl}} and {{owner.calendarLink}} both give the owner's link from the decision record", async () => {
		const { route } = setup([{ name: 'All' }]);
		const item = { email: 'lead@x.com', routing: (await route()).routing as unknown as Record<string, unknown> };
		const view = templateView(item, readLeadFacts(item), {}, {});
		const html = compileTemplate('<a href="{{owner.calendarLink}}">Book</a> {{routing.ownerBookingUrl}}', 'body', true);
		expect(renderTemplate(html, view, { mode: 'html', maxFieldLength: 500 })).toBe(
			'<a href="https://cal.test/ana">Book</a> https://cal.test/ana',
		);
		const text = compileTemplate(
			'{{#routing.ownerBookingUrl}}Book: {{routing.ownerBookingUrl}}{{/routing.ownerBookingUrl}}{{^routing.ownerBookingUrl}}We will call you.{{/routing.ownerBookingUrl}}',
			't',
		);
		const noLink = { email: 'lead@x.com', routing: { ownerId: 'cy', ownerBookingUrl: null } };
		expect(
			renderTemplate(text, templateView(noLink, readLeadFacts(noLink), {}, {}), { mode: 'text', maxFieldLength: 500 }),
		).toBe('We will call you.');
	});
});

describe('previous decision records', () => {
	it.each([
		[undefined, /Previous Decision is empty/],
		['', /Previous Decision is empty/],
		['{broken', /not valid JSON/],
		[[1], /not a routing record/],
		[{ ownerName: 'Ana' }, /ownerId/],
		[
			{ ownerId: 'ana', decisionId: 'd', assignedAt: 'x', history: [{ ownerId: 'bo', why: 'bored' }] },
			/history\.0\.why/,
		],
	])('refuses %j with a clear message', (value, message) => {
		expect(() => readPreviousDecision(value)).toThrow(PreviousDecisionError);
		expect(() => readPreviousDecision(value)).toThrow(message);
	});

	it('reads a record given as JSON text (e.g. from a sheet or a form field)', () => {
		const record = readPreviousDecision(
			JSON.stringify({ ownerId: 'ana', decisionId: 'd1', assignedAt: '2026-11-24T09:00:00Z' }),
		);
		expect(record).toMatchObject({ ownerId: 'ana', ownerName: '', history: [], dryRun: false });
	});

	it('Route carries an earlier record forward as "reassigned", but not a dry run and not a broken record', () => {
		const previous = { ownerId: 'ana', ownerName: 'Ana', decisionId: 'd1', assignedAt: 'a1', history: [] };
		expect(carriedHistory(previous, 'e1')).toEqual([
			{ ownerId: 'ana', ownerName: 'Ana', decisionId: 'd1', assignedAt: 'a1', endedAt: 'e1', why: 'reassigned' },
		]);
		expect(carriedHistory({ ...previous, dryRun: true }, 'e1')).toEqual([]);
		expect(carriedHistory({ ownerId: 'ana' }, 'e1')).toEqual([]);
		expect(carriedHistory(undefined, 'e1')).toEqual([]);
	});
});

describe('reassign', () => {
	it('gives back the open lead, records the decliner and never returns the lead to them', async () => {
		const { route, again, store } = setup([{ name: 'All', strategy: 'roundRobin' }]);
		const first = (await route()).routing;
		expect(first.ownerId).toBe('ana');
		// Ana's open-lead capacity is 1: she is full until Reassign gives the lead back.
		expect((await route()).routing.ownerId).toBe('bo');
		const { decision, release } = await again(first, 'no-answer');
		expect(release).toEqual({ released: true, ownerId: 'ana', open: 0 });
		expect(decision.routing.ownerId).not.toBe('ana');
		expect(decision.routing.skipped).toContainEqual({ repId: 'ana', why: 'no-answer' });
		expect(decision.routing.history).toEqual([
			{
				ownerId: 'ana',
				ownerName: 'Ana',
				decisionId: first.decisionId,
				assignedAt: first.assignedAt,
				endedAt: '2026-11-24T10:00:00.000Z',
				why: 'no-answer',
			},
		]);
		expect((await store.stats(windowsAt(NOW, 'UTC'))).reps.find((r) => r.repId === 'ana')?.open).toBe(0);
	});

	it('ends in the fallback queue with every decliner and the team link once all reps declined', async () => {
		const { route, again } = setup([{ name: 'All', strategy: 'roundRobin' }]);
		let record: RoutingRecord = (await route()).routing;
		const owners = [record.ownerId];
		for (let n = 0; n < 3; n++) {
			const { decision } = await again(record);
			record = decision.routing;
			owners.push(record.ownerId);
		}
		expect(owners).toEqual(['ana', 'bo', 'cy', 'ops']);
		expect(record).toMatchObject({
			strategy: 'fallback',
			reason: 'no-eligible-rep',
			queue: 'Unassigned',
			ownerBookingUrl: 'https://cal.test/team',
		});
		expect(record.skipped).toEqual([
			{ repId: 'ana', why: 'declined' },
			{ repId: 'bo', why: 'declined' },
			{ repId: 'cy', why: 'declined' },
		]);
		expect(record.history.map((h) => [h.ownerId, h.why])).toEqual([
			['ana', 'declined'],
			['bo', 'declined'],
			['cy', 'declined'],
		]);
		// The fallback owner declining too: the fallback queue is the end of the line, and nothing is counted for it.
		const last = await again(record);
		expect(last.decision.routing).toMatchObject({ ownerId: 'ops', strategy: 'fallback' });
		expect(last.release).toMatchObject({ released: false });
	});

	it('skips a queue whose owner declined the lead', async () => {
		const { again } = setup([
			{ name: 'Desk', assignTo: 'queue', queueName: 'Desk', queueOwnerId: 'cy' },
			{ name: 'All', strategy: 'roundRobin' },
		]);
		const previous = { ownerId: 'cy', ownerName: 'Cy', decisionId: 'd1', assignedAt: 'a1', strategy: 'queue' };
		const { decision, release } = await again(previous);
		expect(decision.routing).toMatchObject({ ruleId: 'all', ownerId: 'ana' });
		expect(decision.routing.skipped).toContainEqual({ repId: 'cy', why: 'declined' });
		expect(release).toEqual({ released: false, reason: expect.stringMatching(/queue/) });
	});

	it('changes nothing for a bad record or a bad reason, and counts nothing in a dry run', async () => {
		const { route, again, store } = setup([{ name: 'All', strategy: 'roundRobin' }]);
		const first = (await route()).routing;
		const stats = async () => JSON.stringify(await store.stats(windowsAt(NOW, 'UTC')));
		const before = await stats();
		await expect(again({ ownerName: 'Ana' })).rejects.toThrow(PreviousDecisionError);
		await expect(again(first, 'maybe')).rejects.toThrow(/Why must be "declined" or "no-answer"/);
		const dry = await again(first, 'declined', { dryRun: true });
		expect(dry.release).toEqual({ released: false, reason: expect.stringMatching(/Dry run/) });
		expect(dry.decision.routing).toMatchObject({ dryRun: true, ownerId: 'bo' });
		expect(await stats()).toBe(before);
	});

	it('Release Open Lead and Reassign release only what the store counted', async () => {
		const { store } = setup([]);
		expect(await releaseOpenLead(store, { ownerId: 'ops', strategy: 'fallback' })).toMatchObject({ released: false });
		expect(await releaseOpenLead(store, { ownerId: 'ana', dryRun: true })).toMatchObject({ released: false });
		expect(await releaseOpenLead(store, {})).toMatchObject({
			released: false,
			reason: expect.stringMatching(/no routing.ownerId/),
		});
		expect(await releaseOpenLead(store, { ownerId: 'ana', strategy: 'roundRobin' })).toEqual({
			released: true,
			ownerId: 'ana',
			open: 0,
		});
	});
});
