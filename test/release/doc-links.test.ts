/**
 * Each node's and credential's Docs link in the editor lands on its own page. n8n appends a tracking query to these
 * URLs; after a `#section` anchor that query becomes part of the anchor and the browser never scrolls to the
 * section, so the links name whole pages (one per node) and never carry an anchor.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
const REPOSITORY_PAGE = /^https:\/\/github\.com\/n8n-nodes-lead-routing\/n8n-nodes-lead-routing\/blob\/main\/(.+\.md)$/;

function documentationUrls(): Array<{ file: string; url: string }> {
	const found: Array<{ file: string; url: string }> = [];
	for (const folder of readdirSync(join(ROOT, 'nodes'))) {
		for (const file of readdirSync(join(ROOT, 'nodes', folder)).filter((f) => f.endsWith('.node.json'))) {
			const codex = JSON.parse(readFileSync(join(ROOT, 'nodes', folder, file), 'utf8')) as {
				resources?: { primaryDocumentation?: Array<{ url: string }> };
			};
			for (const { url } of codex.resources?.primaryDocumentation ?? [])
				found.push({ file: `nodes/${folder}/${file}`, url });
		}
	}
	for (const file of readdirSync(join(ROOT, 'credentials')).filter((f) => f.endsWith('.credentials.ts'))) {
		const match = /documentationUrl\s*=\s*'([^']+)'/.exec(readFileSync(join(ROOT, 'credentials', file), 'utf8'));
		if (match) found.push({ file: `credentials/${file}`, url: match[1] });
	}
	return found;
}

test('every Docs link names a page of this repository that exists, without an anchor', () => {
	const urls = documentationUrls();
	expect(urls.length).toBeGreaterThanOrEqual(9);
	for (const { file, url } of urls) {
		const page = REPOSITORY_PAGE.exec(url)?.[1];
		expect({
			file,
			url,
			anchorFree: !url.includes('#'),
			page: page !== undefined && existsSync(join(ROOT, page)),
		}).toEqual({
			file,
			url,
			anchorFree: true,
			page: true,
		});
	}
});
