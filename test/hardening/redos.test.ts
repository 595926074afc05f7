/**
 * Catastrophic backtracking: every regular expression in lib/, nodes/ and credentials/ (found in the sources with the
 * TypeScript scanner, so new ones are checked too) and every exported function that applies one runs on 100 KB
 * adversarial strings. Each must take a small multiple of a linear scan of the same string, measured in the same run;
 * the work happens in a worker thread so a runaway pattern is stopped and named instead of hanging the suite.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import ts from 'typescript';
import { Worker } from 'worker_threads';

const ROOT = resolve(__dirname, '..', '..');
const PACKAGE_DIR = resolve(process.env.LEAD_ROUTING_PACKAGE_DIR ?? ROOT);

interface FoundRegex {
	where: string;
	source: string;
	flags: string;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
	});
}

/** Regex literals of our code, with file and line. */
export function findRegexes(): FoundRegex[] {
	const found: FoundRegex[] = [];
	for (const file of ['lib', 'nodes', 'credentials'].flatMap((d) => sourceFiles(join(ROOT, d)))) {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		const visit = (node: ts.Node) => {
			if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
				const text = node.getText();
				const end = text.lastIndexOf('/');
				const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
				found.push({
					where: `${relative(ROOT, file)}:${line}`,
					source: text.slice(1, end),
					flags: text.slice(end + 1),
				});
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return found;
}

// Runs inside the worker (plain JavaScript, loading the built package).
const WORKER = `
const { parentPort, workerData } = require('worker_threads');
const { join } = require('path');
const { performance } = require('perf_hooks');
const dist = (p) => require(join(workerData.packageDir, 'dist', p));
const N = 100000;
const fill = (unit, tail = '!') => unit.repeat(Math.ceil(N / unit.length)).slice(0, N) + tail;
const inputs = {
	spaces: fill(' '), tabsNewlines: fill('\\t\\n\\r'), letters: fill('a'), upper: fill('A'), digits: fill('1', 'x'),
	dots: fill('a.'), dashes: fill('a-'), at: fill('a@'), atOnly: fill('@'), commas: fill(', ;'), braces: fill('{{'),
	closing: fill('}}'), sections: fill('{{#a}}'), angle: fill('<a '), quotes: fill('"a\\' '), clock: fill('09:00-'),
	dateRange: fill('2026-01-01..'), slashes: fill('a/'), url: 'https://' + fill('a.b/?x=1&'), mixed: fill('a', '') + fill(' ', 'x'),
	emoji: fill('\\u{1F600}'), accents: fill('é'), wordsCaps: fill('Ab '), phone: fill('+1 (2) 3-'), percent: fill('50%, '),
	backslashes: fill('\\\\'), controls: fill('\\u0000\\u001b'), email: fill('a') + '@' + fill('b.') , hyphenWords: fill('O\\'Neil-'),
};
const time = (fn) => { const t = performance.now(); try { fn(); } catch (e) { /* only the time matters */ } return performance.now() - t; };
// A linear scan of the same strings: the yardstick (replace with a regex that never matches visits every character).
let baseline = 0;
for (const s of Object.values(inputs)) baseline = Math.max(baseline, time(() => s.replace(/\\u{10FFFF}/gu, '')));
parentPort.postMessage({ baseline });
const checks = [];
const report = (name, fn) => checks.push({ name, fn });
for (const r of workerData.regexes) {
	const re = new RegExp(r.source, r.flags);
	report('regex ' + r.where + ' /' + r.source + '/' + r.flags, (s) => { re.lastIndex = 0; if (re.global) s.replace(re, ''); else re.exec(s); s.split(re); });
}
const text = dist('lib/text/clean.js'), company = dist('lib/text/company.js'), country = dist('lib/text/country.js');
const domain = dist('lib/text/domain.js'), email = dist('lib/text/email.js'), employees = dist('lib/text/employees.js');
const person = dist('lib/text/person-name.js'), phone = dist('lib/text/phone.js'), region = dist('lib/text/region.js');
const web = dist('lib/text/web.js'), sanitize = dist('lib/respond/sanitize.js'), template = dist('lib/respond/template.js');
const rlead = dist('lib/respond/lead.js'), compose = dist('lib/respond/compose.js'), language = dist('lib/respond/language.js');
const quiet = dist('lib/respond/quiet-hours.js'), fields = dist('lib/sla/fields.js'), levels = dist('lib/sla/levels.js');
const slaCal = dist('lib/sla/calendar.js'), routeCal = dist('lib/route/calendar.js'), roster = dist('lib/route/roster.js');
const read = dist('lib/lead/read.js'), fake = dist('lib/lead/fake.js'), process_ = dist('lib/lead/process.js');
const options = dist('lib/lead/options.js'), similarity = dist('lib/match/similarity.js'), mlead = dist('lib/match/lead.js');
const clock = dist('lib/text/time.js'), paths = dist('lib/text/path.js'), respondSettings = dist('nodes/AutoRespond/settings.js');
const rules = dist('lib/route/rules.js');
const fns = {
	'clean.toText': (s) => text.toText(s, 1e6), 'clean.toMultilineText': (s) => text.toMultilineText(s, 1e6), 'clean.foldKey': text.foldKey,
	'company.normalizeCompanyName': company.normalizeCompanyName, 'company.companyTokens': company.companyTokens,
	'company.foldCompanyText': company.foldCompanyText, 'country.countryCode': country.countryCode,
	'domain.registrableDomain': domain.registrableDomain, 'email.parseEmail': email.parseEmail,
	'employees.parseEmployees': employees.parseEmployees, 'person.casePersonName': person.casePersonName,
	'person.splitFullName': person.splitFullName, 'person.hasNonNameCharacters': person.hasNonNameCharacters,
	'phone.normalizePhone': (s) => phone.normalizePhone(s, ['US']), 'phone.isFakePhone': phone.isFakePhone,
	'region.regionCode': (s) => region.regionCode(s, 'US'), 'web.normalizeWebsite': web.normalizeWebsite, 'web.utmFromUrl': web.utmFromUrl,
	'sanitize.cleanBodyText': sanitize.cleanBodyText, 'sanitize.cleanHeaderText': sanitize.cleanHeaderText,
	'sanitize.escapeHtml': sanitize.escapeHtml, 'sanitize.isSafeUrl': sanitize.isSafeUrl, 'sanitize.plainEmailAddress': sanitize.plainEmailAddress,
	'sanitize.capLength': (s) => sanitize.capLength(s, 500), 'template.compileTemplate': (s) => template.compileTemplate(s, 'T'),
	'template.compileTemplate(html)': (s) => template.compileTemplate(s, 'T', true),
	'template.renderTemplate': (s) => template.renderTemplate(template.compileTemplate('{{a}} <a href="{{a}}">x</a>', 'T', true), { a: s }, { mode: 'html', maxFieldLength: 1e6 }),
	'compose.textToHtml': compose.textToHtml, 'language.normalizeLanguage': language.normalizeLanguage,
	'time.parseClock': (s) => clock.parseClock(s, { endOfDay: true }), 'time.isTimeZone': clock.isTimeZone, 'quiet.leadTimeZones': (s) => quiet.leadTimeZones(s, 'US', 'UTC'),
	'respond.readLeadFacts': (s) => rlead.readLeadFacts({ email: s, phone: s, first_name: s, company: s, country: s, consent: { email: s, sms: s } }),
	'sla.splitList': fields.splitList, 'sla.parsePercentList': levels.parsePercentList, 'sla.createCalendar': (s) => slaCal.createCalendar({ timeZone: 'UTC', workingDays: [1], start: s, end: '17:00', holidays: [] }),
	'route.parseWorkingHours': routeCal.parseWorkingHours, 'route.parseWorkingDays': routeCal.parseWorkingDays,
	'route.parseOutOfOffice': (s) => routeCal.parseOutOfOffice(s, 'UTC'), 'route.buildRoster': (s) => roster.buildRoster([{ id: 'a', teams: s, skills: s, workingDays: 'Mon' }]),
	'route.toRuleConfig': (s) => rules.toRuleConfig({ name: s, requiredSkills: s }, 0),
	'lead.parseConsent': read.parseConsent, 'lead.parseDate': read.parseDate, 'fake.isPlaceholder': fake.isPlaceholder,
	'fake.isFakeName': fake.isFakeName, 'fake.isFakeCompany': fake.isFakeCompany, 'fake.isFakeEmail': (s) => fake.isFakeEmail(s, s),
	'fake.containsLink': fake.containsLink, 'fake.countLinks': fake.countLinks,
	'lead.processLead': (s) => process_.processLead({ json: { email: s, name: s, company: s, phone: s, website: s, message: s, country: s, employees: s, utm_source: s } }, options.DEFAULT_OPTIONS, new Date()),
	'match.phoneDigits': similarity.phoneDigits, 'match.postalKey': similarity.postalKey, 'match.streetKey': similarity.streetKey,
	'match.cityKey': similarity.cityKey, 'match.leadKeys': (s) => mlead.leadKeys({ email: s, company: s, website: s, phone: s, street: s }),
	'path.compilePath': paths.compilePath, 'autoRespond.parseSender': respondSettings.parseSender,
	'autoRespond.isPlaceholderExpression': (s) => respondSettings.isPlaceholderExpression('=' + s),
};
for (const [name, fn] of Object.entries(fns)) {
	if (typeof fn !== 'function') parentPort.postMessage({ missing: name });
	else report('function ' + name, fn);
}
for (let index = workerData.from; index < checks.length; index++) {
	const { name, fn } = checks[index];
	parentPort.postMessage({ running: name, index });
	let worst = 0, worstInput = '';
	for (const [label, s] of Object.entries(inputs)) { const ms = time(() => fn(s)); if (ms > worst) { worst = ms; worstInput = label; } }
	parentPort.postMessage({ name, ms: worst, input: worstInput });
}
parentPort.postMessage({ done: true, total: checks.length });
`;

interface Measure {
	name: string;
	ms: number;
	input: string;
}

interface Pass {
	baseline: number;
	measures: Measure[];
	missing: string[];
	runaway?: { name: string; index: number };
	total?: number;
}

const WORKER_START_MS = 30_000;

/** One worker run from check `from`; a check silent for `stallMs` is stopped and reported as runaway. */
function pass(regexes: FoundRegex[], from: number, stallMs: number): Promise<Pass> {
	return new Promise((resolvePromise, reject) => {
		const worker = new Worker(WORKER, { eval: true, workerData: { packageDir: PACKAGE_DIR, regexes, from } });
		const result: Pass = { baseline: 0, measures: [], missing: [] };
		let running = { name: '', index: from };
		let timer: NodeJS.Timeout | undefined;
		const arm = (ms: number) => {
			clearTimeout(timer);
			timer = setTimeout(() => {
				result.runaway = running;
				void worker.terminate().then(() => resolvePromise(result));
			}, ms);
		};
		// A new worker first loads the package; on a busy machine that alone can outlast a check's allowance, and the
		// first check would then be named a runaway. The stall clock starts with the worker's first message.
		arm(WORKER_START_MS);
		worker.on(
			'message',
			(message: {
				baseline?: number;
				running?: string;
				index?: number;
				name?: string;
				ms?: number;
				input?: string;
				missing?: string;
				done?: boolean;
				total?: number;
			}) => {
				// The baseline is measured before the package loads, so the long allowance holds until the next message.
				arm(message.baseline !== undefined ? WORKER_START_MS : stallMs);
				if (message.baseline !== undefined) result.baseline = message.baseline;
				if (message.running) running = { name: message.running, index: message.index ?? 0 };
				if (message.total !== undefined) result.total = message.total;
				if (message.name) result.measures.push({ name: message.name, ms: message.ms ?? 0, input: message.input ?? '' });
				if (message.missing) result.missing.push(message.missing);
				if (message.done) {
					clearTimeout(timer);
					void worker.terminate().then(() => resolvePromise(result));
				}
			},
		);
		worker.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

/** All checks; after a runaway, a fresh worker continues with the next check, so every runaway is named. */
async function measure(regexes: FoundRegex[], stallMs: number) {
	const all = { baseline: 0, measures: [] as Measure[], missing: [] as string[], runaways: [] as string[] };
	let from = 0;
	for (;;) {
		const result = await pass(regexes, from, stallMs);
		all.baseline = Math.max(all.baseline, result.baseline);
		all.measures.push(...result.measures);
		if (from === 0) all.missing = result.missing;
		if (!result.runaway) return all;
		all.runaways.push(result.runaway.name);
		from = result.runaway.index + 1;
	}
}

/**
 * Patterns that backtrack on long input in isolation but whose only caller bounds the input first; the function-level
 * check below still runs that caller on 100 KB. Keyed by file and pattern (not line), each with the bound.
 */
const BOUNDED: Record<string, string> = {
	'lib/text/employees.ts /^(?:more than|over|>|≥|>=)?\\s*([\\d.,\\sk]+?)\\s*(?:\\+|or more|and more|and above|plus)?$/':
		'parseEmployees returns early for text over 100 characters',
	'lib/text/employees.ts /^([\\d.,k ]+?)\\s*(?:-|–|—|to|bis|a|à)\\s*([\\d.,k ]+)$/':
		'parseEmployees returns early for text over 100 characters',
};
const boundedKey = (runaway: string) => runaway.replace(/^regex (\S+?):\d+ /, '$1 ');

describe('regular expressions on 100 KB adversarial input', () => {
	it('every regex and every exported function applying one stays within a small multiple of a linear scan', async () => {
		const regexes = findRegexes();
		expect(regexes.length).toBeGreaterThan(100);
		const { baseline, measures, missing, runaways } = await measure(regexes, 5_000);
		expect(runaways.filter((r) => !BOUNDED[boundedKey(r)])).toEqual([]);
		expect(measures.some((m) => m.name === 'function employees.parseEmployees')).toBe(true);
		expect(missing).toEqual([]);
		expect(
			measures.filter((m) => m.name.startsWith('regex ')).length +
				runaways.filter((r) => r.startsWith('regex ')).length,
		).toBe(regexes.length);
		// Linear work on 100 KB is a few baseline scans; a quadratic pattern is thousands of times slower.
		const limit = Math.max(baseline, 0.05) * 2000;
		const slow = measures
			.filter((m) => m.ms > limit)
			.map((m) => `${m.name} took ${m.ms.toFixed(1)} ms on "${m.input}" (limit ${limit.toFixed(1)} ms)`);
		expect(slow).toEqual([]);
	}, 120_000);
});
