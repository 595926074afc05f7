/**
 * Same names in different states: US public bodies from the .gov domain registry (cisagov/dotgov-data,
 * `current-full.csv`, CC0), saved as `dotgov-current-full.csv` in the evaluation folder. Hundreds of towns, counties
 * and courts share a name with one in another state ("City of Aberdeen" in Idaho, Maryland, South Dakota and
 * Washington), which is what a state on the account is for. Rules, written before the first measurement:
 *
 * - An organisation is a registry organisation name within one state; its domains are its rows' domains, its city the
 *   first row's. A seeded 80% of organisations are accounts: name; first domain (kept 85%); state as the registry
 *   writes it ("WA", kept 80%); city (kept 70%); country "United States" (kept 90%); one of 40 owners.
 * - 4,000 leads: 75% from account organisations, 25% from the others. Company = the organisation name, with the
 *   evaluation's light noise on 30%. Email at one of the organisation's domains 35%, free-mail 40%, none 25%. As
 *   Normalize Lead emits them: country "US" on 80%, region ("US-WA") on 60%, city on 50%.
 * - Truth: the organisation's own account, else none.
 */
import { accountReader } from '../../lib/match/accounts';
import { getAccountIndex } from '../../lib/match/cache';
import { AccountMatcher } from '../../lib/match/matcher';
import { DEFAULT_SETTINGS, type Json, type MatchSettings } from '../../lib/match/types';
import { round, seededRandom } from '../util';
import { readCsv } from './csv';
import { count, emptyTally, FREE_MAIL, noisy, type Tally } from './ror';
import { HEADER, line } from './ror-report';

interface Organisation {
	key: string;
	name: string;
	state: string;
	city: string;
	domains: string[];
}

const LEADS = 4000;

function organisations(path: string): Organisation[] {
	const byKey = new Map<string, Organisation>();
	for (const row of readCsv(path)) {
		const name = row['Organization name'];
		const state = row.State;
		const domain = row['Domain name']?.toLowerCase();
		if (!name || !domain) continue;
		const key = `${name.toLowerCase()}|${state}`;
		const found = byKey.get(key);
		if (found) found.domains.push(domain);
		else byKey.set(key, { key, name, state, city: row.City, domains: [domain] });
	}
	return [...byKey.values()];
}

export interface DotgovTask {
	accounts: Json[];
	leads: Array<{ json: Json; truth: string | null; namesake: boolean }>;
}

/** Accounts and leads by the rules above; `states` false leaves the state off every account (same draws otherwise). */
export function buildDotgovTask(path: string, states = true, seed = 21): DotgovTask {
	const all = organisations(path);
	const random = seededRandom(seed);
	const isAccount = new Set<string>();
	for (const org of all) if (random() < 0.8) isAccount.add(org.key);
	const accounts: Json[] = [];
	all.forEach((org, n) => {
		if (!isAccount.has(org.key)) return;
		const domain = random() < 0.85 ? org.domains[0] : undefined;
		const state = random() < 0.8 ? org.state : undefined;
		const city = random() < 0.7 ? org.city : undefined;
		const country = random() < 0.9 ? 'United States' : undefined;
		accounts.push({
			id: org.key,
			name: org.name,
			...(domain ? { domain } : {}),
			...(states && state ? { state } : {}),
			...(city ? { city } : {}),
			...(country ? { country } : {}),
			ownerId: `owner-${n % 40}`,
		});
	});
	// Organisations whose name an account in another state also carries: the leads a state can save.
	const accountNames = new Map<string, number>();
	for (const org of all)
		if (isAccount.has(org.key))
			accountNames.set(org.name.toLowerCase(), (accountNames.get(org.name.toLowerCase()) ?? 0) + 1);
	const inAccounts = all.filter((org) => isAccount.has(org.key));
	const outside = all.filter((org) => !isAccount.has(org.key));
	const leads: DotgovTask['leads'] = [];
	for (let n = 0; n < LEADS; n++) {
		const pool = random() < 0.25 ? outside : inAccounts;
		const org = pool[Math.floor(random() * pool.length)];
		const company = random() < 0.3 ? noisy(org.name, random) : org.name;
		const mail = random();
		const email =
			mail < 0.35
				? `clerk@${org.domains[Math.floor(random() * org.domains.length)]}`
				: mail < 0.75
					? `clerk${n}@${FREE_MAIL[n % FREE_MAIL.length]}`
					: undefined;
		const json: Json = {
			company,
			...(email ? { email } : {}),
			...(random() < 0.8 ? { country: 'US' } : {}),
			...(org.state && random() < 0.6 ? { region: `US-${org.state}` } : {}),
			...(org.city && random() < 0.5 ? { city: org.city } : {}),
		};
		const own = isAccount.has(org.key);
		const others = (accountNames.get(org.name.toLowerCase()) ?? 0) - (own ? 1 : 0);
		leads.push({ json, truth: own ? org.key : null, namesake: others > 0 });
	}
	return { accounts, leads };
}

export interface DotgovResult {
	accounts: number;
	overall: Tally;
	/** Leads whose organisation's name an account in another state also has. */
	namesakes: Tally;
}

export function dotgovGazetteer(path: string, settings: Partial<MatchSettings> = {}, states = true): DotgovResult {
	const { accounts, leads } = buildDotgovTask(path, states);
	const mapping = { preset: 'plain' as const };
	const read = accountReader(mapping);
	const { index } = getAccountIndex(accounts, read, mapping, false);
	const matcher = new AccountMatcher(index, accounts, read, { ...DEFAULT_SETTINGS, ...settings });
	const result: DotgovResult = { accounts: accounts.length, overall: emptyTally(), namesakes: emptyTally() };
	for (const lead of leads) {
		const outcome = matcher.match(lead.json);
		const got = outcome.route === 'matched' ? outcome.match.accountId : null;
		count(result.overall, lead.truth, got);
		if (lead.namesake) count(result.namesakes, lead.truth, got);
	}
	return result;
}

const WITHOUT_REGION: Partial<MatchSettings> = {
	conflictFields: DEFAULT_SETTINGS.conflictFields.filter((field) => field !== 'region'),
};

/** The section of docs/ACCURACY.md: the rules above, and each variant on all leads and on the namesakes' leads. */
export function dotgovSection(path: string, commit: string): { markdown: string; figures: Record<string, number> } {
	const variants: Array<[string, DotgovResult]> = [
		['Match Account, default settings', dotgovGazetteer(path)],
		['… accounts without states', dotgovGazetteer(path, {}, false)],
		['… Region not among the conflicting fields', dotgovGazetteer(path, WITHOUT_REGION)],
	];
	const [main] = variants;
	const rows = variants.flatMap(([label, result]) => [
		line(label, result.overall),
		line(`${label}: leads whose name an account in another state has`, result.namesakes),
	]);
	const t = main[1].overall;
	const markdown = `## Same names in different states (US .gov registry)

Source: cisagov/dotgov-data \`current-full.csv\` @${commit} (CC0), saved as \`dotgov-current-full.csv\` in the evaluation
folder: ${main[1].accounts} accounts. Hundreds of towns, counties and courts share a name with one in another state.
Rules (bench/accuracy/dotgov.ts), written before the first measurement: an organisation is a registry organisation
name within one state; 80% are accounts (first domain kept 85%, the state as the registry writes it 80%, city 70%,
country 90%); 4,000 leads, a quarter from organisations that are not accounts, the company written as the
organisation's name (light noise on 30%), email at its domain 35% / free-mail 40% / none 25%, country on 80%, region
("US-WA") on 60%, city on 50%. This registry showed the class (as a held-out check before the state field existed);
it measures what reading states saves, not what it costs: no organisation here has sites in several states (see
README for turning the rule off).

${HEADER}
${rows.join('\n')}
`;
	return {
		markdown,
		figures: {
			match_dotgov_precision: round(t.matched ? t.correct / t.matched : 1, 4),
			match_dotgov_recall: round(t.correct / t.withAccount, 4),
			match_dotgov_negatives_matched: t.falseMatch,
		},
	};
}
