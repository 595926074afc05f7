/**
 * Normalize Lead's extraction accuracy on real payloads: the committed corpus (test/lib/lead/corpus), or a held-out
 * set given as a JSON file of cases ({ id, source, input, expect }) in LEAD_CORPUS_FILE. Prints the score per source
 * and every miss. Run: `npm run lead-corpus` (optionally with LEAD_CORPUS_FILE=/path/to/cases.json).
 */
import { readFileSync } from 'fs';
import { formatScore, scoreCorpus } from '../test/helpers/lead-corpus';
import type { ScoredCase } from '../test/helpers/lead-corpus';
import { CORPUS } from '../test/lib/lead/corpus';

export function run(): void {
	const file = process.env.LEAD_CORPUS_FILE;
	const cases: ScoredCase[] = file ? (JSON.parse(readFileSync(file, 'utf8')) as ScoredCase[]) : CORPUS;
	const score = scoreCorpus(cases);
	console.log(
		`${file ?? 'committed corpus'}: ${cases.length} payloads from ${new Set(cases.map((c) => c.source)).size} sources`,
	);
	console.log(formatScore(score, cases.length));
}
