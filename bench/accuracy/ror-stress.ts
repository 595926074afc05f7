/**
 * Two stress sets built from one ROR half, for the domain as counter-evidence (rules written after looking at the dev
 * half, like the other-names rule): what it costs when an organisation writes from another of its own domains, and
 * what it saves when an organisation that is not an account shares an account's name. Each is run with default
 * settings and with the domain left out of the conflicting fields, on the same leads.
 */
import { accountReader } from '../../lib/match/accounts';
import { getAccountIndex } from '../../lib/match/cache';
import { AccountMatcher } from '../../lib/match/matcher';
import { DEFAULT_SETTINGS, type Json } from '../../lib/match/types';
import { normalizeCompanyName } from '../../lib/text/company';
import { registrableDomain } from '../../lib/text/domain';
import { buildRorTask, displayName, domainOf, type Half, type RorRecord } from './ror';

export interface StressCount {
	leads: number;
	/** Alias set: matched to their own account; homonym set: matched to the account of the same name. */
	withDomain: number;
	withoutDomain: number;
}

export interface RorStress {
	/** Account leads moved to another of their organisation's ROR domains (the account keeps the first). */
	alias: StressCount;
	/** Organisations that are not accounts, named exactly like an unrelated account, writing from their own domain. */
	homonym: StressCount;
}

function websites(record: RorRecord): string[] {
	const links = (record.links ?? []).filter((link) => link.type === 'website').map((link) => link.value);
	return [...(record.domains ?? []), ...links].map((d) => registrableDomain(d)).filter((d): d is string => !!d);
}

/** Ids of a record's parents (up to the top), children and other related records. */
function relatives(record: RorRecord, byId: Map<string, RorRecord>): Set<string> {
	const ids = new Set([record.id, ...(record.relationships ?? []).map((relation) => relation.id)]);
	let current: RorRecord | undefined = record;
	for (let depth = 0; current && depth < 10; depth++) {
		const parent: string | undefined = current.relationships?.find((relation) => relation.type === 'parent')?.id;
		if (!parent) break;
		ids.add(parent);
		current = byId.get(parent);
	}
	return ids;
}

export function rorStress(path: string, half: Half): RorStress {
	const { accounts, leads, byId } = buildRorTask(path, half);
	const mapping = { preset: 'plain' as const };
	const read = accountReader(mapping);
	const { index } = getAccountIndex(accounts, read, mapping, false);
	const strict = new AccountMatcher(index, accounts, read, DEFAULT_SETTINGS);
	const lenient = new AccountMatcher(index, accounts, read, {
		...DEFAULT_SETTINGS,
		conflictFields: DEFAULT_SETTINGS.conflictFields.filter((field) => field !== 'domain'),
	});
	const got = (matcher: AccountMatcher, json: Json) => {
		const outcome = matcher.match(json);
		return outcome.route === 'matched' ? outcome.match.accountId : null;
	};

	const alias: StressCount = { leads: 0, withDomain: 0, withoutDomain: 0 };
	for (const lead of leads) {
		const record = lead.ownAccount && lead.truth ? byId.get(lead.truth) : undefined;
		const own = record ? websites(record) : [];
		const other = own.find((domain) => domain !== own[0]);
		if (!lead.truth || !other) continue;
		// Only the email is moved: a website would still carry the first domain.
		const json: Json = { ...lead.json, email: `jane.doe@${other}` };
		delete json.website;
		alias.leads++;
		if (got(strict, json) === lead.truth) alias.withDomain++;
		if (got(lenient, json) === lead.truth) alias.withoutDomain++;
	}

	const accountIds = new Set(accounts.map((account) => String(account.id)));
	const byName = new Map<string, string[]>();
	for (const account of accounts) {
		const key = normalizeCompanyName(account.name);
		if (key) byName.set(key, [...(byName.get(key) ?? []), String(account.id)]);
	}
	const homonym: StressCount = { leads: 0, withDomain: 0, withoutDomain: 0 };
	for (const record of byId.values()) {
		const name = displayName(record);
		const domain = domainOf(record);
		if (accountIds.has(record.id) || !name || !domain) continue;
		const family = relatives(record, byId);
		const namesakes = (byName.get(normalizeCompanyName(name)) ?? []).filter(
			(id) => !family.has(id) && !relatives(byId.get(id) as RorRecord, byId).has(record.id),
		);
		if (!namesakes.length) continue;
		const json = { company: name, email: `jane.doe@${domain}` };
		homonym.leads++;
		if (namesakes.includes(got(strict, json) ?? '')) homonym.withDomain++;
		if (namesakes.includes(got(lenient, json) ?? '')) homonym.withoutDomain++;
	}
	return { alias, homonym };
}
