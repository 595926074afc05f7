/**
 * Builds `ror-data.json` for the real-name evaluation from a checkout of ror-community/ror-records (CC0): one folder
 * per release (v1.0 … v2.x), each holding the records added or changed in that release. The newest version of every
 * record wins; records last changed in a 1.x release are rewritten to the v2 data-dump fields that ror.ts reads.
 * Usage: `node -e "require('<out>/bench/accuracy/ror-dump.js').build('<ror-records checkout>', '<eval folder>/ror-data.json')"`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

interface V1Record {
	id: string;
	name: string;
	status: string;
	aliases?: string[];
	acronyms?: string[];
	labels?: Array<{ label: string; iso639?: string | null }>;
	links?: string[];
	country?: { country_code?: string | null; country_name?: string | null };
	addresses?: Array<{ city?: string | null; geonames_city?: { city?: string | null } | null }>;
	relationships?: Array<{ type: string; id: string }>;
}

interface V2Record {
	id: string;
	status: string;
	names: Array<{ value: string; types: string[]; lang: string | null }>;
	domains?: string[];
	links?: Array<{ type: string; value: string }>;
	locations?: unknown[];
	relationships?: Array<{ type: string; id: string }>;
}

/** Release folders in version order ("v1.17" before "v1.17.1" before "v1.18"). */
function releases(root: string): string[] {
	const parts = (name: string) => name.slice(1).split('.').map(Number);
	return readdirSync(root)
		.filter((name) => /^v\d+(\.\d+)+$/.test(name))
		.sort((a, b) => {
			const [x, y] = [parts(a), parts(b)];
			for (let i = 0; i < Math.max(x.length, y.length); i++)
				if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
			return 0;
		});
}

/** A 1.x record in v2 shape: only the fields the evaluation reads (1.x has no domains and no ISO subdivision code). */
function fromV1(record: V1Record): V2Record {
	const address = record.addresses?.[0];
	return {
		id: record.id,
		status: record.status,
		names: [
			{ value: record.name, types: ['ror_display', 'label'], lang: null },
			...(record.aliases ?? []).map((value) => ({ value, types: ['alias'], lang: null })),
			...(record.acronyms ?? []).map((value) => ({ value, types: ['acronym'], lang: null })),
			...(record.labels ?? []).map((label) => ({ value: label.label, types: ['label'], lang: label.iso639 ?? null })),
		],
		domains: [],
		links: (record.links ?? []).slice(0, 1).map((value) => ({ type: 'website', value })),
		locations: [
			{
				geonames_details: {
					name: address?.geonames_city?.city ?? address?.city ?? null,
					country_code: record.country?.country_code ?? null,
					country_name: record.country?.country_name ?? null,
					country_subdivision_code: null,
				},
			},
		],
		relationships: (record.relationships ?? []).map((relation) => ({
			type: relation.type.toLowerCase(),
			id: relation.id,
		})),
	};
}

function reduce(record: V2Record): V2Record {
	const { id, status, names, domains, links, locations, relationships } = record;
	return { id, status, names, domains, links, locations, relationships };
}

export function build(root: string, out: string): number {
	const newest = new Map<string, V2Record>();
	for (const release of releases(root)) {
		for (const file of readdirSync(join(root, release))) {
			if (!file.endsWith('.json')) continue;
			const raw = JSON.parse(readFileSync(join(root, release, file), 'utf8')) as V1Record & V2Record;
			const record = Array.isArray(raw.names) ? reduce(raw) : fromV1(raw);
			newest.set(record.id, record);
		}
	}
	const records = [...newest.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
	writeFileSync(out, JSON.stringify(records));
	return records.length;
}
