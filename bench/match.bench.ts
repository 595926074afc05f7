/**
 * Match Account speed and memory on seeded synthetic data (no data downloaded at run time):
 * build the account index and match 10k leads against 100k and 1M accounts, against a nested-loop baseline.
 */
import { spawnSync } from 'child_process';
import { distance } from 'fastest-levenshtein';
import { accountReader } from '../lib/match/accounts';
import { getAccountIndex } from '../lib/match/cache';
import { AccountMatcher } from '../lib/match/matcher';
import { DEFAULT_SETTINGS, type Json } from '../lib/match/types';
import { normalizeCompanyName } from '../lib/text/company';
import { registrableDomain } from '../lib/text/domain';
import { log, pick, round, seededRandom, timeMs } from './util';

const SYLLABLES =
	'ka lo mi ra ze tu vo ni sa pe qu ix ar en ol um bra cor del fin gal hox jin kel lum mor nex pra quo rix sol tav ulm vex wen xyl yor zan tek lux ion nov syn dyn gen tri zen orb ast'.split(
		' ',
	);
const WORDS = [
	'Systems',
	'Solutions',
	'Group',
	'Labs',
	'Partners',
	'Industries',
	'Logistics',
	'Health',
	'Capital',
	'Media',
	'Foods',
	'Energy',
	'Software',
	'Consulting',
	'Robotics',
	'Analytics',
	'Bank',
	'Insurance',
	'Motors',
	'Design',
];
const SUFFIXES = ['Inc', 'Inc.', 'LLC', 'Ltd', 'GmbH', 'Corp.', 'Corporation', 'S.A.', 'BV', 'PLC', '', '', ''];
const TLDS = ['com', 'com', 'com', 'io', 'co.uk', 'de', 'fr', 'net'];
const FREE = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com'];

function brand(random: () => number): string {
	const n = random() < 0.5 ? 2 : 3;
	let word = '';
	for (let i = 0; i < n; i++) word += pick(random, SYLLABLES);
	return word[0].toUpperCase() + word.slice(1);
}

/** Accounts: distinctive brand words, common business words and legal forms, unique domains, some parents. */
export function syntheticAccounts(count: number, seed = 1): Json[] {
	const random = seededRandom(seed);
	const accounts: Json[] = new Array(count);
	for (let i = 0; i < count; i++) {
		// In the 1M child (run with --expose-gc): without collections along the way, Node 24's heap keeps ~170 MB more
		// slack after building the input than Node 20's, which the peak RSS would charge to the matcher.
		if (i % 100_000 === 0) global.gc?.();
		const parts = [brand(random)];
		if (random() < 0.35) parts.push(brand(random));
		if (random() < 0.6) parts.push(pick(random, WORDS));
		const name = [...parts, pick(random, SUFFIXES)].filter(Boolean).join(' ');
		const slug = parts.join('').toLowerCase();
		accounts[i] = {
			id: `acc-${i}`,
			name,
			// join() gives flat strings, as parsed JSON would; template literals keep costly rope strings alive.
			domain: [slug, i.toString(36), '.', pick(random, TLDS)].join(''),
			ownerId: `rep-${i % 500}`,
			postalCode: String(10000 + Math.floor(random() * 89999)),
			...(i > 0 && random() < 0.01 ? { parentId: `acc-${i - 1}` } : {}),
		};
	}
	return accounts;
}

function typo(random: () => number, word: string): string {
	if (word.length < 4) return word;
	const at = 1 + Math.floor(random() * (word.length - 2));
	const kind = random();
	if (kind < 0.34) return word.slice(0, at) + word.slice(at + 1);
	if (kind < 0.67) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
	return word.slice(0, at) + 'x' + word.slice(at + 1);
}

export interface SyntheticLead {
	json: Json;
	truth: string | null;
}

/** 70% leads of known accounts (business email, or free-mail with a name variant), 30% of unknown companies. */
export function syntheticLeads(accounts: readonly Json[], count: number, seed = 2): SyntheticLead[] {
	const random = seededRandom(seed);
	const leads: SyntheticLead[] = [];
	for (let i = 0; i < count; i++) {
		if (random() < 0.3) {
			const name = `${brand(random)} ${brand(random)} ${pick(random, WORDS)}`;
			leads.push({
				json: { email: `lead${i}@${pick(random, FREE)}`, company: name, postalCode: '99999' },
				truth: null,
			});
			continue;
		}
		const account = accounts[Math.floor(random() * accounts.length)];
		const name = String(account.name);
		if (random() < 0.4) {
			leads.push({
				json: { email: `lead${i}@${registrableDomain(String(account.domain))}`, company: name },
				truth: String(account.id),
			});
			continue;
		}
		const words = name.split(' ');
		const variant = random();
		let company: string;
		if (variant < 0.5)
			company =
				random() < 0.5
					? name.toUpperCase()
					: `${words[0]} ${words.slice(1).join(' ')}`.replace(
							/ (Inc\.?|LLC|Ltd|GmbH|Corp\.|Corporation|S\.A\.|BV|PLC)$/,
							'',
						);
		else if (variant < 0.8) company = words.map((word, n) => (n === 0 ? typo(random, word) : word)).join(' ');
		else company = words.length > 1 ? [words[1], words[0], ...words.slice(2)].join(' ') : typo(random, name);
		const json: Json = { email: `lead${i}@${pick(random, FREE)}`, company };
		if (random() < 0.8) json.postalCode = account.postalCode;
		leads.push({ json, truth: String(account.id) });
	}
	return leads;
}

function matchAll(accounts: readonly Json[], leads: readonly SyntheticLead[], indexBuilt?: () => void) {
	const mapping = { preset: 'auto' as const };
	const read = accountReader(mapping);
	const { index } = getAccountIndex(accounts, read, mapping, false);
	indexBuilt?.();
	const matcher = new AccountMatcher(index, accounts, read, DEFAULT_SETTINGS);
	return leads.map((lead) => matcher.match(lead.json));
}

/** The nested loop a Code node would run: every lead against every (pre-normalized) account with fastest-levenshtein. */
function naiveMatch(accounts: readonly Json[], names: readonly string[], lead: SyntheticLead): number {
	const name = normalizeCompanyName(lead.json.company);
	const email = String(lead.json.email ?? '');
	const domain = email.slice(email.indexOf('@') + 1);
	let best = -1;
	let bestDistance = Infinity;
	for (let i = 0; i < accounts.length; i++) {
		if (accounts[i].domain === domain) return i;
		const d = distance(name, names[i]);
		if (d < bestDistance) {
			bestDistance = d;
			best = i;
		}
	}
	return best;
}

function recallAt1(leads: readonly SyntheticLead[], outcomes: ReturnType<typeof matchAll>) {
	let known = 0,
		correct = 0,
		matched = 0,
		right = 0;
	leads.forEach((lead, i) => {
		const got = outcomes[i].route === 'matched' ? outcomes[i].match.accountId : null;
		if (got) matched++;
		if (got && got === lead.truth) right++;
		if (lead.truth) {
			known++;
			if (got === lead.truth) correct++;
		}
	});
	return { recall: correct / known, precision: matched ? right / matched : 1 };
}

interface MillionResult {
	ms: number;
	rssMb: number;
	dataRssMb: number;
	/** Peak RSS once the index is built, before any lead is matched. */
	indexRssMb: number;
	/** Array memory the process gained while building the index (its typed arrays and name bytes). */
	indexArraysMb: number;
	recall: number;
}

/** The 1M-account run in a child process of this Node.js with extra V8 `flags`. */
function millionRun(flags: string[]): MillionResult {
	const child = spawnSync(
		process.execPath,
		['--expose-gc', ...flags, '-e', `require(${JSON.stringify(__filename)}).millionChild()`],
		{ encoding: 'utf8', maxBuffer: 1 << 20 },
	);
	const result = JSON.parse(child.stdout.trim().split('\n').pop() || '{}') as Partial<MillionResult>;
	if (child.status !== 0 || result.ms === undefined) throw new Error(`1M-account child failed: ${child.stderr}`);
	return result as MillionResult;
}

/** Runs in a child process so its peak RSS is the matcher's alone. */
export async function millionChild(): Promise<void> {
	const accounts = syntheticAccounts(1_000_000, 7);
	const leads = syntheticLeads(accounts, 10_000, 8);
	global.gc?.();
	// The input alone, before the matcher starts: on Node 24 the heap keeps much more slack after building 1M objects.
	const dataRssMb = process.resourceUsage().maxRSS / 1024;
	const arraysBefore = process.memoryUsage().arrayBuffers;
	let indexRssMb = 0;
	let indexArraysMb = 0;
	const { ms, value } = await timeMs(() =>
		matchAll(accounts, leads, () => {
			indexRssMb = process.resourceUsage().maxRSS / 1024;
			indexArraysMb = (process.memoryUsage().arrayBuffers - arraysBefore) / 2 ** 20;
		}),
	);
	const { recall } = recallAt1(leads, value);
	const rssMb = process.resourceUsage().maxRSS / 1024;
	process.stdout.write(JSON.stringify({ ms, rssMb, dataRssMb, indexRssMb, indexArraysMb, recall }) + '\n');
}

/**
 * A chain's domain: 3,000 store accounts on one domain (a franchisor's CRM) and leads written from it, naming a store,
 * another town or only the brand. Each lead compares the accounts on its domain with one another.
 */
async function chainDomain(): Promise<number> {
	const random = seededRandom(7);
	const towns = Array.from(
		{ length: 3000 },
		(_, n) => `${pick(random, SYLLABLES)}${pick(random, SYLLABLES)}ville ${n}`,
	);
	const accounts: Json[] = towns.map((town, n) => ({
		id: `store-${n}`,
		name: `Acme Store ${town}`,
		domain: 'acme-stores.com',
	}));
	const companies = Array.from({ length: 200 }, (_, n) =>
		n % 3 === 0
			? `Acme Store ${pick(random, towns)}`
			: n % 3 === 1
				? `Acme Store ${pick(random, SYLLABLES)}ton`
				: 'Acme Stores',
	);
	const leads = companies.map((company) => ({ company, email: 'manager@acme-stores.com' }));
	const read = accountReader({ preset: 'auto' });
	const { index } = getAccountIndex(accounts, read, { preset: 'auto' }, false);
	const matcher = new AccountMatcher(index, accounts, read, DEFAULT_SETTINGS);
	matcher.match(leads[0]);
	const timed = await timeMs(() => leads.map((lead) => matcher.match(lead)));
	return timed.ms / leads.length;
}

export async function run(): Promise<Record<string, number>> {
	const accounts = syntheticAccounts(100_000, 1);
	const leads = syntheticLeads(accounts, 10_000, 2);
	matchAll(accounts.slice(0, 5000), leads.slice(0, 500)); // warm the JIT
	const runs: number[] = [];
	const cpu: number[] = [];
	let outcomes: ReturnType<typeof matchAll> = [];
	for (let r = 0; r < 3; r++) {
		global.gc?.();
		const before = process.cpuUsage();
		const timed = await timeMs(() => matchAll(accounts, leads));
		const used = process.cpuUsage(before);
		cpu.push((used.user + used.system) / 1000);
		runs.push(timed.ms);
		outcomes = timed.value;
	}
	const indexedMs = Math.min(...runs);
	// On a shared machine wall time includes waiting for a core; CPU time shows the work itself.
	const load = (await import('os')).loadavg()[0];
	const { recall, precision } = recallAt1(leads, outcomes);
	log(
		`10k leads x 100k accounts, build + match: ${round(indexedMs)} ms wall (best of 3), ${round(Math.min(...cpu))} ms CPU, ` +
			`load average ${round(load)}; recall@1 ${round(recall, 3)}, precision ${round(precision, 3)}`,
	);

	// The baseline gets the benefit of names normalized once up front; only its per-lead loop is extrapolated.
	const prepared = await timeMs(() => accounts.map((account) => normalizeCompanyName(account.name)));
	const sample = leads.slice(0, 40);
	const naive = await timeMs(() => sample.map((lead) => naiveMatch(accounts, prepared.value, lead)));
	const naiveMs = prepared.ms + (naive.ms / sample.length) * leads.length;
	log(
		`nested loop with fastest-levenshtein: measured on ${sample.length} of 10k leads (${round(naive.ms)} ms) and extrapolated ` +
			`(plus ${round(prepared.ms)} ms normalizing names once): ${round(naiveMs / 1000)} s for 10k leads`,
	);

	const chainMs = await chainDomain();
	log(`one domain holding 3,000 accounts (a chain), 200 leads from it: ${round(chainMs)} ms per lead`);

	const million = millionRun([]);
	// Node 24's V8 sizes the young generation by the machine's memory (here 24 GB): up to ~100 MB more RSS than Node 20
	// for the same objects. The same run with Node 20's semi-space size shows how much of the peak that is.
	const smallYoung = millionRun(['--max-semi-space-size=16']);
	log(
		`10k leads x 1M accounts, build + match: ${round(million.ms)} ms, peak RSS ${round(million.rssMb)} MB (child process, data generation included; ${round(million.dataRssMb)} MB before matching, ` +
			`${round(million.indexRssMb)} MB once the index is built, which gained ${round(million.indexArraysMb)} MB of arrays), recall@1 ${round(million.recall, 3)}; ` +
			`with a 16 MB semi-space: peak RSS ${round(smallYoung.rssMb)} MB (${round(smallYoung.dataRssMb)} MB before matching)`,
	);

	return {
		match_10k_x_100k_ms: round(indexedMs),
		match_10k_x_100k_cpu_ms: round(Math.min(...cpu)),
		match_naive_vs_index_ratio: round(naiveMs / indexedMs),
		match_10k_x_1m_ms: round(million.ms),
		match_10k_x_1m_rss_mb: round(million.rssMb),
		match_10k_x_1m_data_rss_mb: round(million.dataRssMb),
		match_10k_x_1m_index_rss_mb: round(million.indexRssMb),
		match_10k_x_1m_index_arrays_mb: round(million.indexArraysMb),
		match_10k_x_1m_rss_mb_semi_space_16: round(smallYoung.rssMb),
		match_chain_3k_domain_ms_per_lead: round(chainMs),
		match_recall_at_1_synthetic: round(recall, 4),
		match_precision_synthetic: round(precision, 4),
	};
}
