/**
 * Scores Normalize Lead against real payloads whose expected values were written by reading them: the share of
 * expected fields exactly right, per source, and the payloads whose email got lost. Used by the corpus test and by
 * the held-out check (bench/lead-corpus.ts), so both count the same way.
 */
import { DEFAULT_OPTIONS } from '../../lib/lead/options';
import { processLead } from '../../lib/lead/process';

export interface ScoredCase {
	id: string;
	source: string;
	input: unknown;
	expect: Record<string, string | number | null | undefined>;
}

export interface FieldMiss {
	id: string;
	field: string;
	expected: unknown;
	actual: unknown;
}

export interface CorpusScore {
	exact: number;
	total: number;
	accuracy: number;
	/** Payloads whose every expected field is right. */
	fullyRight: number;
	perSource: Record<string, { exact: number; total: number }>;
	misses: FieldMiss[];
	/** Payloads holding an email-shaped value that came out with "missing email". */
	emailLost: string[];
}

const EMAIL_SHAPE = /[^\s@"'<>(),;:[\]\\]+@[^\s@"'<>(),;:[\]\\]+\.[a-z]{2,}/i;

/** Whether any string anywhere in the payload (JSON text and encoded bodies included) looks like an email. */
export function holdsEmail(value: unknown): boolean {
	const text = JSON.stringify(value) ?? '';
	return EMAIL_SHAPE.test(text) || EMAIL_SHAPE.test(decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, '%25')));
}

export function scoreCorpus(cases: ScoredCase[], now = new Date('2026-03-01T12:00:00Z')): CorpusScore {
	const score: CorpusScore = {
		exact: 0,
		total: 0,
		accuracy: 0,
		fullyRight: 0,
		perSource: {},
		misses: [],
		emailLost: [],
	};
	for (const item of cases) {
		const lead = processLead({ json: item.input }, DEFAULT_OPTIONS, now);
		const source = (score.perSource[item.source] ??= { exact: 0, total: 0 });
		let allRight = true;
		for (const [field, expected] of Object.entries(item.expect)) {
			if (expected === undefined) continue;
			const actual = lead.json[field];
			const ok = expected === null ? actual === undefined : actual === expected;
			score.total++;
			source.total++;
			if (ok) {
				score.exact++;
				source.exact++;
			} else {
				allRight = false;
				score.misses.push({ id: item.id, field, expected, actual });
			}
		}
		if (allRight) score.fullyRight++;
		// Lost: rejected for a missing email, or read as no lead at all ("empty"), while the payload holds one.
		const missingEmail =
			lead.json.email === undefined &&
			lead.quality.issues.some(
				(issue) =>
					(issue.field === 'email' && (issue.code === 'missing' || issue.code === 'required')) ||
					issue.code === 'empty',
			);
		if (missingEmail && holdsEmail(item.input)) score.emailLost.push(item.id);
	}
	score.accuracy = score.total ? score.exact / score.total : 1;
	return score;
}

/** The score as text: overall, per source, then every miss. */
export function formatScore(score: CorpusScore, cases: number): string {
	const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
	const lines = [
		`fields exact: ${score.exact}/${score.total} (${pct(score.exact, score.total)}); payloads fully right: ${score.fullyRight}/${cases}`,
		`email lost as missing: ${score.emailLost.length ? score.emailLost.join(', ') : 'none'}`,
		'per source:',
		...Object.entries(score.perSource).map(
			([source, s]) => `  ${source}: ${s.exact}/${s.total} (${pct(s.exact, s.total)})`,
		),
		'misses:',
		...score.misses.map(
			(m) => `  ${m.id} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`,
		),
	];
	return lines.join('\n');
}
