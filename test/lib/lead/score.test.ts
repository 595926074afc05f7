/**
 * The lead score through Normalize Lead's core, from form payloads as they arrive. Expected points are read off the
 * default rules (lib/lead/score-model.ts), not off a run.
 */
import fc from 'fast-check';
import { LeadRoutingError } from '../../../lib/errors';
import { DEFAULT_OPTIONS, parseLeadOptions } from '../../../lib/lead/options';
import { processLead } from '../../../lib/lead/process';
import { sourceKind } from '../../../lib/lead/score';

const NOW = new Date('2026-03-01T12:00:00Z');
interface Scored {
	score?: number;
	scoreReasons?: Array<{ part: string; points: number; reason: string }>;
	scoreDetail?: { fit: number; intent: number; computed: number; provided: number | null; method: string };
	quality: { score: number };
}
const run = (json: unknown, options = DEFAULT_OPTIONS) => processLead({ json }, options, NOW).json as unknown as Scored;
const reasons = (lead: Scored) =>
	(lead.scoreReasons ?? []).map((r) => `${r.part} ${r.points > 0 ? '+' : ''}${r.points} ${r.reason}`);
const sum = (lead: Scored) => (lead.scoreReasons ?? []).reduce((total, r) => total + r.points, 0);

describe('lead score with the default rules', () => {
	it('an enterprise CEO asking for pricing and a demo this week, from a paid campaign', () => {
		const lead = run({
			'First Name': 'Mara',
			'Work Email': 'mara.lind@nordfreight.se',
			Company: 'Nordfreight AB',
			'Job Title': 'CEO',
			Employees: '1200',
			Message: 'Can we get pricing and a demo this week?',
			utm_source: 'google',
			utm_medium: 'cpc',
		});
		expect(reasons(lead)).toEqual([
			'fit +25 Enterprise company (1,200 employees)',
			'fit +10 Business email address (nordfreight.se)',
			'fit +15 Executive job title ("CEO")',
			'intent +10 The message asks about pricing ("pricing")',
			'intent +10 The message asks about a demo or a call ("demo")',
			'intent +5 The message asks about urgency ("this week")',
			'intent +10 Came from a paid campaign (utm_medium "cpc")',
		]);
		expect(lead.score).toBe(85);
		expect(lead.scoreDetail).toEqual({ fit: 50, intent: 35, computed: 85, provided: null, method: 'computed' });
	});

	it('a student with a free-mail address and no company size, from organic search', () => {
		const lead = run({
			email: 'kim.student@gmail.com',
			name: 'Kim Park',
			title: 'Student',
			message: 'Hello!',
			source: 'Google',
		});
		expect(reasons(lead)).toEqual([
			'fit 0 Free-mail address (gmail.com), not a company domain',
			'fit 0 Junior job title ("Student")',
			'intent +5 Came from organic search (source "Google")',
		]);
		expect(lead.score).toBe(5);
	});

	it('"Assistant to the CEO" is junior, a shared role address costs points, accents and case do not matter', () => {
		const lead = run({
			email: 'info@brauhaus-mueller.de',
			'Job Title': 'Assistant to the CEO',
			Nachricht: 'Bitte um ein ANGEBOT, dringend!',
		});
		expect(reasons(lead)).toEqual([
			'fit +10 Business email address (brauhaus-mueller.de)',
			'fit -5 Shared role address (info@), not a person',
			'fit 0 Junior job title ("Assistant to the CEO")',
			'intent +10 The message asks about pricing ("angebot")',
			'intent +5 The message asks about urgency ("dringend")',
		]);
		expect(lead.score).toBe(20);
	});

	it('quality.score (complete data) and score (value) are different things', () => {
		const lead = run({
			email: 'ann.lee@acme-widgets.com',
			firstName: 'Ann',
			lastName: 'Lee',
			company: 'Acme Widgets',
			phone: '+1 212 555 2671',
		});
		expect(lead.quality.score).toBe(100);
		expect(lead.score).toBe(10);
	});
});

describe('configured lists, weights and caps', () => {
	it('target countries and industries earn their points; a part of the rules replaces the default part', () => {
		const options = parseLeadOptions({
			targetCountries: 'Germany, AT, CH',
			targetIndustries: 'logistics, software',
			scoreRules: JSON.stringify({ segment: { 'Mid-Market': 20 }, intentMax: 10 }),
		});
		const lead = run(
			{
				email: 'jo@spedition-haas.at',
				country: 'Austria',
				industry: 'Freight & Logistics',
				employees: '250',
				message: 'Price for a demo?',
			},
			options,
		);
		expect(reasons(lead)).toEqual([
			'fit +20 Mid-Market company (250 employees)',
			'fit +10 Business email address (spedition-haas.at)',
			'fit +10 In a target country (AT)',
			'fit +5 Target industry (Freight & Logistics)',
			'intent +10 The message asks about pricing ("price")',
			'intent +10 The message asks about a demo or a call ("demo")',
			'intent -10 Intent is capped at 10',
		]);
		expect(lead.score).toBe(55);
	});

	it('a Mid-Market company gets no segment points when the rules give none (segment replaced whole)', () => {
		const options = parseLeadOptions({ scoreRules: { segment: { Enterprise: 40 } } });
		expect(reasons(run({ email: 'a@globex.com', employees: 300 }, options))).toEqual([
			'fit +10 Business email address (globex.com)',
		]);
	});

	it.each([
		[{ scoreRules: '{ "segment": ' }, 'Score Rules (JSON) is not valid JSON'],
		[{ scoreRules: '{ "segmnet": {} }' }, 'Score Rules (JSON) has a problem at "(top)"'],
		[
			{ scoreRules: '{ "intent": [{ "label": "x", "points": 1.5, "words": ["a"] }] }' },
			'Score Rules (JSON) has a problem at "intent.0.points"',
		],
		[{ targetCountries: 'US, Atlantis' }, 'Target Countries: "Atlantis" is not a country'],
		[{ providedScoreShare: 150 }, 'Provided Score Share must be between 0 and 100'],
	])('%j is a configuration error', (raw, message) => {
		expect(() => parseLeadOptions(raw)).toThrow(LeadRoutingError);
		expect(() => parseLeadOptions(raw)).toThrow(message);
	});
});

describe('a score sent by the form or CRM', () => {
	const lead = { email: 'a@globex.com', employees: '5000', hs_lead_score: 'x', score: '92' };

	it('wins by default; the reasons still add up to the score', () => {
		const scored = run(lead);
		expect(scored.score).toBe(92);
		expect(scored.scoreDetail).toEqual({ fit: 35, intent: 0, computed: 35, provided: 92, method: 'provided' });
		expect(reasons(scored).at(-1)).toBe('provided +57 The score sent with the lead (92) replaces the computed 35');
		expect(sum(scored)).toBe(92);
	});

	it('blends by its share, or is ignored', () => {
		const blended = run(lead, parseLeadOptions({ providedScore: 'blend', providedScoreShare: 25 }));
		expect(blended.score).toBe(49); // 0.25 × 92 + 0.75 × 35 = 49.25
		expect(reasons(blended).at(-1)).toBe(
			'provided +14 Blended 25 % of the score sent with the lead (92) with 75 % of the computed 35',
		);
		const ignored = run(lead, parseLeadOptions({ providedScore: 'ignore' }));
		expect(ignored.score).toBe(35);
		expect(ignored.scoreDetail?.method).toBe('computed');
	});

	it('a score outside 0–100 (HubSpot scores can exceed 100) is read as 0–100 and says so', () => {
		const scored = run({ ...lead, score: 250 });
		expect(scored.score).toBe(100);
		expect(reasons(scored).at(-1)).toBe(
			'provided +65 The score sent with the lead (250, read as 100) replaces the computed 35',
		);
	});

	it('with Lead Score off, score is the sent value as it came, with no reasons', () => {
		const scored = run({ ...lead, score: 250 }, parseLeadOptions({ leadScore: false }));
		expect(scored.score).toBe(250);
		expect(scored.scoreReasons).toBeUndefined();
	});
});

describe('source kinds', () => {
	it.each([
		[{ utm: { medium: 'Paid-Social', source: 'linkedin' } }, 'paid'],
		[{ utm: { medium: 'social', source: 'facebook' } }, 'social'],
		[{ utm: { source: 'linkedin' } }, 'social'],
		[{ source: 'Partner referral (Acme)' }, 'referral'],
		[{ utm: { medium: 'newsletter' } }, 'email'],
		[{ source: 'bing' }, 'organic'],
		[{ utm: { medium: 'organic', source: 'google' } }, 'organic'],
		[{ source: 'Trade show' }, undefined],
		[{ utm: { medium: 'constructor' } }, undefined],
	])('%j is %s', (lead, kind) => {
		expect(sourceKind(lead)?.kind).toBe(kind);
	});
});

test('for any lead: the score is a whole number from 0 to 100 and the reasons add up to it', () => {
	const text = fc.oneof(
		fc.string({ maxLength: 40 }),
		fc.constantFrom('CEO', 'Head of IT', 'pricing asap', 'demo', 'cpc', 'google', '10k', '50-200'),
	);
	fc.assert(
		fc.property(
			fc.record(
				{
					email: fc.oneof(fc.emailAddress(), text),
					title: text,
					message: text,
					employees: text,
					utm_medium: text,
					score: fc.oneof(text, fc.double()),
				},
				{ requiredKeys: [] },
			),
			fc.constantFrom('wins', 'blend', 'ignore'),
			(lead, mode) => {
				const scored = run(
					lead,
					parseLeadOptions({
						providedScore: mode,
						providedScoreShare: 37,
						scoreRules: { roleAddress: -60, intentMax: 20 },
					}),
				);
				expect(Number.isInteger(scored.score)).toBe(true);
				expect(scored.score).toBeGreaterThanOrEqual(0);
				expect(scored.score).toBeLessThanOrEqual(100);
				expect(sum(scored)).toBe(scored.score);
			},
		),
		{ numRuns: 300 },
	);
});
