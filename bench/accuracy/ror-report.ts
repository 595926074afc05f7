/** The real-name (ROR) section of docs/ACCURACY.md: generation rules, both halves, baselines, groups. */
import { round } from '../util';
import { ALL_EXTRAS, rorGazetteer, type RorResult, type Tally } from './ror';
import { rorStress, type StressCount } from './ror-stress';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const pct2 = (value: number) => `${(value * 100).toFixed(2)}%`;

export function line(label: string, t: Tally): string {
	const precision = t.matched ? t.correct / t.matched : 1;
	const recall = t.withAccount ? t.correct / t.withAccount : 0;
	return `| ${label} | ${t.leads} | ${t.withAccount} | ${t.matched} | **${pct(precision)}** | **${pct(recall)}** | ${pct2(t.withAccount ? t.wrongAccount / t.withAccount : 0)} (${t.wrongAccount}) | ${t.falseMatch} |`;
}

export const HEADER =
	'| | leads | with an account | matched | precision | recall | wrong account | negatives matched |\n|---|---|---|---|---|---|---|---|';

function table(result: RorResult, plain: RorResult, stateless: RorResult): string {
	const rows = [
		line('Match Account, default settings', result.overall),
		line('… accounts without other names', plain.overall),
		line('… accounts without states', stateless.overall),
		line('baseline: exact email/website domain', result.baselines.domain),
		line('baseline: exact normalized name', result.baselines.name),
		...Object.entries(result.byKind)
			.sort()
			.map(([kind, t]) =>
				line(
					`… company written as its ${kind === 'display' ? 'display name' : kind === 'label' ? 'label in another language' : kind}`,
					t,
				),
			),
		...Object.entries(result.byDomain)
			.sort()
			.map(([group, t]) => line(`… lead with ${group}`, t)),
	];
	const methods = Object.entries(result.byMethod)
		.map(([method, s]) => `${method} ${s.correct} right / ${s.matched - s.correct} wrong`)
		.join('; ');
	return `${HEADER}\n${rows.join('\n')}\n\nBy method: ${methods}. Leads whose company is a name their own account lists: ${result.listedOnAccount}.`;
}

const met = (result: RorResult) => {
	const t = result.overall;
	return t.correct / Math.max(1, t.matched) >= 0.99 && t.wrongAccount / Math.max(1, t.withAccount) <= 0.005;
};

const OTHER_SEEDS = [15, 16, 17, 18];

export function rorSection(path: string): { markdown: string; figures: Record<string, number> } {
	const dev = rorGazetteer(path, 'dev');
	const check = rorGazetteer(path, 'check');
	const devPlain = rorGazetteer(path, 'dev', {}, { ...ALL_EXTRAS, otherNames: false });
	const checkPlain = rorGazetteer(path, 'check', {}, { ...ALL_EXTRAS, otherNames: false });
	const devStateless = rorGazetteer(path, 'dev', {}, { ...ALL_EXTRAS, states: false });
	const checkStateless = rorGazetteer(path, 'check', {}, { ...ALL_EXTRAS, states: false });
	const [devStress, checkStress] = [rorStress(path, 'dev'), rorStress(path, 'check')];
	// Other draws of accounts and leads from the same organisations: how far the figures move from draw to draw.
	const draws = (half: 'check' | 'dev') =>
		OTHER_SEEDS.map((seed) => {
			const t = rorGazetteer(path, half, {}, ALL_EXTRAS, seed).overall;
			return `seed ${seed}: ${pct(t.correct / Math.max(1, t.matched))} / ${pct(t.correct / t.withAccount)} / ${pct2(t.wrongAccount / t.withAccount)}`;
		}).join('; ');
	const stress = (label: string, of: (s: typeof devStress) => StressCount) =>
		`| ${label} | ${[devStress, checkStress].map((s) => `${of(s).withDomain} / ${of(s).withoutDomain} of ${of(s).leads}`).join(' | ')} |`;
	const figures: Record<string, number> = {};
	for (const result of [dev, check]) {
		const t = result.overall;
		figures[`match_ror_${result.half}_precision`] = round(t.matched ? t.correct / t.matched : 1, 4);
		figures[`match_ror_${result.half}_recall`] = round(t.correct / t.withAccount, 4);
		figures[`match_ror_${result.half}_wrong_account_rate`] = round(t.wrongAccount / t.withAccount, 4);
	}
	const markdown = `## Real organisation names (ROR)

Source: the Research Organization Registry (ROR, https://ror.org, CC0), \`ror-data.json\` in the evaluation folder:
the newest version of every record of ror-community/ror-records, reduced to ROR's v2 data-dump fields. Built by
\`bench/accuracy/ror-dump.ts\` (records last changed in a 1.x release rewritten to v2 fields; they have no
\`domains\`, so their website gives the domain) and used by \`bench/accuracy/ror.ts\` with these rules, written before the
first measurement:

- Active records with a display name, split into two disjoint halves by a hash of each family's top ROR id (parents and
  children stay together): **dev**, looked at while fixing the matcher, and **check**, looked at only to confirm.
- Per half, a seeded 80% of organisations are accounts: name = ROR display name; domain = first ROR domain or the
  website's registrable domain (kept 85%); country = the GeoNames country **name** (kept 90%); city (kept 70%);
  parentId = the ROR parent; one of 60 owners.
- 5,000 leads per half: 75% from account organisations, 25% from organisations that are not accounts. The company is
  one of the organisation's own ROR names: display name 35%, an alias 20%, an acronym 15%, a label in another
  language 15%, else the display name. Light noise on 30%: lower case, upper case, accents dropped, a leading "The",
  or two neighbouring letters swapped in a long word. Email at the organisation's domain 35%, free-mail 40%, none 25%;
  website 15%. As Normalize Lead emits them: country (ISO alpha-2) on 80%, region on 40%, city on 50%.
- Other names on accounts (a rule added later, with the account field for other names, after looking at the dev half;
  from a random stream of their own, so accounts, leads and truths are the same as without them): each ROR acronym of the organisation 50%, each alias or other-language label
  20% — what a CRM that keeps an "also known as" field plausibly holds. They are drawn independently of the name any
  lead writes; the row "accounts without other names" is the same run with the field left out, and the count of leads
  whose company is a name listed on their own account is given under each table.
- States on accounts (a rule added with the account's state field, from a random stream of its own): GeoNames'
  subdivision name ("Oregon", "Ontario") on 70% of accounts that have one. Only US, Canadian, Indian and Australian
  states are compared (the others are read as unknown); the row "accounts without states" leaves the field out.
- Truth: the organisation's own account; for an organisation that is not an account, its nearest ROR ancestor that
  is one, else none. Any other match is a **wrong account**; a match for a lead with no account is a **negative matched**.

Dev half (${dev.accounts} accounts):

${table(dev, devPlain, devStateless)}

Check half (${check.accounts} accounts):

${table(check, checkPlain, checkStateless)}

The domain as counter-evidence (a lead writing from a business domain that is none of the account's stops a match
by name), measured on two stress sets built from each half (rules written after looking at the dev half): leads of
accounts moved to another of their organisation's ROR domains (the account keeps the first), where the rule can only
lose right matches; and organisations that are not accounts, named exactly like an unrelated account, writing from
their own domain with no country field, where it can only save wrong ones. Default settings / the domain left out of
the conflicting fields:

| | dev | check |
|---|---|---|
${stress('account leads from another of their domains: matched to their own account', (s) => s.alias)}
${stress('namesakes from their own domain: matched to the account of the same name (wrong)', (s) => s.homonym)}

Other draws of accounts and leads from the same two halves (the tables above are seed 14), precision / recall / wrong
account: dev ${draws('dev')}; check ${draws('check')}.

Goal: precision ≥ 99% and wrong account ≤ 0.5% of the leads that have an account, on both halves. This run: dev
${met(dev) ? 'met' : 'not met'}, check ${met(check) ? 'met' : 'not met'}.
`;
	return { markdown, figures };
}
