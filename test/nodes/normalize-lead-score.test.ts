/** The lead score as the node gives it on the real engine: on by default, its options read from the editor's values. */
import { runNode } from '../helpers/engine';

const NODE = 'normalizeLead';

describe('Normalize Lead scores every lead', () => {
	it('by default: a Webhook form post gets score, scoreReasons and scoreDetail, apart from quality.score', async () => {
		const { out } = await runNode(
			NODE,
			{},
			{
				input: [
					{
						body: {
							email: 'dana.cho@helix-bio.com',
							company: 'Helix Bio',
							title: 'VP Operations',
							company_size: '51-200',
							message: 'Need a quote for 25 seats ASAP',
						},
					},
					{ body: { email: 'lee.m@yahoo.com', name: 'Lee M', message: 'just browsing' } },
				],
			},
		);
		expect(out[0].map((lead) => [lead.score, lead.scoreDetail])).toEqual([
			// Mid-Market 125 → 15, business 10, Executive (VP) 15; pricing 10 ("quote"), urgency 5 ("asap")
			[55, { fit: 40, intent: 15, computed: 55, provided: null, method: 'computed' }],
			[0, { fit: 0, intent: 0, computed: 0, provided: null, method: 'computed' }],
		]);
		expect(out[0][0].scoreReasons).toHaveLength(5);
		expect(out[0][1].scoreReasons).toEqual([
			{ part: 'fit', points: 0, reason: 'Free-mail address (yahoo.com), not a company domain' },
		]);
		// Data completeness is another matter: no name (−15); free-mail (−10) and no company (−10).
		expect(out[0].map((lead) => (lead.quality as { score: number }).score)).toEqual([85, 80]);
	});

	it('reads the score options: target lists, rules, a provided score blended', async () => {
		const { out } = await runNode(
			NODE,
			{
				options: {
					targetCountries: 'CA',
					targetIndustries: 'biotech',
					scoreRules: '{ "businessEmail": 20 }',
					providedScore: 'blend',
					providedScoreShare: 50,
				},
			},
			{ input: [{ email: 'ray@northlab.ca', country: 'Canada', industry: 'Biotech research', lead_score: 30 }] },
		);
		// fit: business 20 + country 10 + industry 5 = 35; blended with the sent 30: 32.5 → 33
		expect(out[0][0]).toMatchObject({
			score: 33,
			scoreDetail: { fit: 35, intent: 0, computed: 35, provided: 30, method: 'blended' },
		});
	});

	it('a broken score rule is a clear node error', async () => {
		const failed = await runNode(
			NODE,
			{ options: { scoreRules: '{ "source": { "tv": 5 } }' } },
			{ input: [{ email: 'a@b.com' }] },
		);
		expect(failed.error('Node')).toContain('Score Rules (JSON) has a problem at "source"');
	});
});
