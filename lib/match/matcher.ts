/**
 * Lead → account decision, in the documented order: overrides, domain, exact name and acronym, fuzzy name with
 * corroboration, tie-breaks. Every outcome says which evidence it used.
 */
import { companyAcronym, companyQualifier } from '../text/company';
import { countryCode } from '../text/country';
import {
	accountDomains,
	fuzzyCandidates,
	isNamed,
	keyOf,
	scratchFor,
	type AccountIndex,
	type Scratch,
} from './account-index';
import {
	accountsWithId,
	ancestors,
	breakTie,
	conflicts,
	corroborations,
	describeConflicts,
	PLACES,
	unitsOf,
	type AccountView,
} from './evidence';
import { countryOf, leadKeys, type LeadKeys } from './lead';
import { containment, nameSimilarity } from './similarity';
import type { AccountReader } from './accounts';
import { Naming, WRITTEN_AS_ACRONYM } from './naming';
import { otherLocation } from './chains';
import { holderBesideUnit, sameKindOfUnit } from './kinds';
import { anotherUnit, namesOtherSibling, siblingOnSharedDomain, swapsWord } from './units';
import {
	candidatesOf,
	dedupeById,
	dedupeScored,
	emptyRecord,
	matchRecord,
	overrideKey,
	round,
	type Scored,
} from './outcome';
import type { Corroboration, Json, MatchMethod, MatchOutcome, MatchSettings } from './types';

const FUZZY_POOL = 12;

// What an acronym needs besides the name: one of these fields agreeing, on top of the corroborating fields chosen.
const ACRONYM_CORROBORATION = ['city'] as const;

// Word score on the siblings' distinguishing words that a similar name must also reach to name one of them.
const SIBLING_WORDS = 0.5;

// A lead name that reads as initials ("osu", "AWF"): one short word.
const ACRONYM_LIKE = /^[a-z0-9]{2,6}$/;
// Letters an acronym needs before it names one organisation often enough to rival a domain (26^4 combinations).
const RARE_ACRONYM = 4;

// Share of the shorter name's (rarity-weighted) words found in the other name for a partial-name match with the
// same street address.
const PARTIAL_NAME = 0.5;

/** A country named by the company's last word: "USA", "UK" in capitals, or a country name ("Werfen Japan"). */
function trailingCountry(text: string | undefined): string | undefined {
	const last = text?.trim().split(/\s+/).pop() ?? '';
	return /^[A-Z]{2,3}$/.test(last) || /^\p{L}{4,}$/u.test(last) ? countryCode(last) : undefined;
}

export class AccountMatcher {
	private readonly views = new Map<number, AccountView>();
	private readonly scratch: Scratch;
	private readonly manual = new Map<string, string>();
	private readonly never = new Map<string, Set<string>>();
	/** Conflicting fields among accounts that share the lead's domain (the domain itself cannot conflict there). */
	private readonly siteFields: Corroboration[];
	private readonly naming: Naming;

	constructor(
		private readonly index: AccountIndex,
		private readonly items: readonly Json[],
		private readonly read: AccountReader,
		private readonly settings: MatchSettings,
	) {
		this.scratch = scratchFor(index);
		this.naming = new Naming(index, settings.fuzzyThreshold, this.viewOf);
		this.siteFields = settings.conflictFields.filter((field) => field !== 'domain');
		for (const { key, accountId } of settings.manualMatches) this.manual.set(overrideKey(key), accountId.trim());
		for (const { key, accountId } of settings.neverMatches) {
			const k = overrideKey(key);
			if (!this.never.has(k)) this.never.set(k, new Set());
			this.never.get(k)?.add(accountId.trim());
		}
	}

	private readonly viewOf = (i: number): AccountView => {
		let view = this.views.get(i);
		if (!view) {
			const json = this.items[i] ?? {};
			view = { index: i, json, record: this.read(json) };
			if (this.views.size > 50000) this.views.clear();
			this.views.set(i, view);
		}
		return view;
	};

	match(json: Json): MatchOutcome {
		const lead = leadKeys(json);
		if (!this.index.size)
			return this.unmatched('The Accounts input is empty, so there is nothing to match against', []);
		if (!lead.email && !lead.allDomains.length && !lead.name) {
			return this.unmatched('The lead has no email, website or company name to match on', []);
		}
		const blocked = this.blockedFor(lead);
		const allowed = (views: AccountView[]) => dedupeById(views.filter((view) => !blocked.has(view.record.id ?? '')));

		const manual = this.manualMatch(lead, blocked);
		if (manual) return manual;

		// The same name at a different street is another site of the organisation: let the later steps decide.
		const exact = lead.name
			? allowed(
					this.index.byName
						.get(keyOf.name(lead.name))
						.filter((i) => isNamed(this.index, i, lead.name))
						.map(this.viewOf),
				).filter((view) => !conflicts(lead, view.record, this.siteFields).length)
			: [];
		const onDomain = allowed(lead.domains.flatMap((domain) => this.accountsWithDomain(domain)));
		// Accounts on the domain that are other units than the one the lead names are no evidence for it.
		// Among several, the name tie-breaks below decide; alone (or all of them), the domain is set aside.
		let setAside: string | undefined;
		// A chain's other campus names the chain as the account does: however similar, it is not this account, by the
		// domain or by a later step (a similar name, the domain agreeing).
		// The chain's head office ("DeVry University-Administrative Office"), parent of other accounts, is no campus.
		const locations = onDomain.map((view) => {
			const why = otherLocation(lead.companyText, view.record.name);
			return why && !unitsOf(this.index, view, this.viewOf).length ? why : undefined;
		});
		for (const [n, view] of onDomain.entries()) if (locations[n]) blocked.add(view.record.id ?? '');
		for (const [n, view] of onDomain.entries()) {
			const why = locations[n] ?? this.otherUnit(lead, view);
			setAside = why && (setAside ?? why);
			if (!why) break;
		}
		// An account the lead names that competes beside the domain's (see namedBeside) keeps the domain as evidence.
		const beside = onDomain.length ? this.namedBeside(lead, onDomain, exact, blocked) : [];
		if (setAside && beside.length) setAside = undefined;
		const byDomain = setAside ? [] : onDomain;
		if (byDomain.length) {
			const outcome = this.byDomain(lead, [...byDomain, ...beside], blocked);
			if (outcome) return outcome;
		}

		let stopped: string | undefined;
		if (lead.name) {
			// An acronym collides across organisations even when an account lists it: it needs a field that agrees.
			if (
				exact.length &&
				ACRONYM_LIKE.test(lead.name) &&
				exact.some((view) => this.index.names.get(view.index) !== lead.name)
			) {
				const outcome = this.acronymOutcome(lead, exact, onDomain);
				if (outcome) return outcome;
			} else if (exact.length) {
				// The same name written from another organisation's domain is that organisation (a homonym, a sub-brand).
				// Among accounts of one name the place tie-break weighs cities; all of them elsewhere is a conflict.
				const unconflicted = exact.filter((view) => !this.nameConflicts(lead, view, onDomain, false).length);
				const elsewhere = unconflicted.every((view) => this.commonNameElsewhere(lead, view));
				const fitting = elsewhere ? [] : unconflicted;
				const agree = fitting.map((view) => ({ view, score: 1, method: 'exactName' as const }));
				const which = fitting.every((view) => this.index.names.get(view.index) === lead.name)
					? 'the account name'
					: 'a name the account is also known by';
				if (agree.length)
					return this.decide(lead, agree, 'exactName', 0.9, `its company name "${lead.companyText}" equals ${which}`);
				const found = unconflicted.length ? ['city' as const] : this.nameConflicts(lead, exact[0], onDomain);
				stopped = `its company name equals that of "${exact[0].record.name}", but ${describeConflicts(lead, exact[0].record, found)}`;
			}
			if (this.settings.matchAcronyms) {
				const acronym = allowed(this.acronymMatches(lead));
				const outcome = acronym.length ? this.acronymOutcome(lead, acronym, onDomain) : undefined;
				if (outcome) return outcome;
			}
		}
		const outcome = this.fuzzy(lead, blocked, onDomain);
		if (stopped && outcome.route !== 'matched') outcome.match.reason = `Not matched: ${stopped}`;
		if (setAside && outcome.route !== 'matched') {
			outcome.match.reason = `Not matched: "${onDomain[0].record.name}" has the lead's domain, but ${setAside}${onDomain.length > 1 ? ` (so do the other ${onDomain.length - 1} accounts on it)` : ''}; ${outcome.match.reason}`;
		}
		return outcome;
	}

	/**
	 * Conflicting fields that stop a match by name or acronym. A domain of the account's own family (a unit writing from
	 * its parent's domain, a parent from a unit's) is no conflict.
	 */
	private nameConflicts(
		lead: LeadKeys,
		view: AccountView,
		onDomain: readonly AccountView[],
		commonNameCity = true,
	): Corroboration[] {
		const found = conflicts(lead, view.record, this.settings.conflictFields);
		if (commonNameCity && !found.includes('city') && this.commonNameElsewhere(lead, view)) found.push('city');
		const excused =
			found.includes('domain') &&
			((onDomain.length && this.naming.sameFamily(view, onDomain)) || this.naming.ownWord(lead, view) !== undefined);
		return excused ? found.filter((field) => field !== 'domain') : found;
	}

	/**
	 * A name made of common words ("Cabinet Office", "Institute of Geology and Geophysics") at an account in another
	 * city than the lead's: another organisation of that name. A name with a word of the organisation's own is its
	 * office elsewhere, and is matched.
	 */
	private commonNameElsewhere(lead: LeadKeys, view: AccountView): boolean {
		return !!lead.city && conflicts(lead, view.record, ['city']).length > 0 && this.naming.commonName(lead, view);
	}

	/** Why the lead names another unit than this account on its domain (see units.ts); undefined when it may not. */
	private otherUnit(lead: LeadKeys, view: AccountView): string | undefined {
		const domain = accountDomains(view.record).find((d) => lead.domains.includes(d));
		if (!lead.name || !domain) return undefined;
		const names = this.naming.nameWords(view);
		const why =
			anotherUnit(lead.tokens, names, domain) ??
			(holderBesideUnit(lead.tokens, names)
				? 'the lead names a university, ministry or government and the account is one of its units'
				: this.siblingUnit(lead, names, domain));
		return why && !this.naming.names(lead, view) ? why : undefined;
	}

	/** Why the lead names a unit of the account's kind beside it on a domain neither owns (see siblingOnSharedDomain). */
	private siblingUnit(lead: LeadKeys, names: string[][], domain: string): string | undefined {
		const kind = sameKindOfUnit(lead.tokens, names);
		return kind && siblingOnSharedDomain(lead.tokens, names, domain)
			? `the lead names another ${kind} than the account, and the domain ${domain} is neither name's: units of a larger organisation share it`
			: undefined;
	}

	/**
	 * A conflicting field (another country, another street) counts against an account on a shared domain. When every
	 * account on the domain is in another country and the lead names none of them, the lead is from an organisation
	 * (a subsidiary, a unit abroad) that is not an account.
	 */
	private byDomain(lead: LeadKeys, all: AccountView[], blocked: ReadonlySet<string>): MatchOutcome | undefined {
		const reason = `its domain ${lead.domains.join(', ')} belongs to this account`;
		// A country written in the lead's company name ("Biogen (United States)") names that country's unit: an account
		// on the domain in another country is another unit, whatever the lead's own country field says.
		const qualifier = lead.companyText?.includes(')') ? companyQualifier(lead.companyText) : undefined;
		const stated = qualifier ? countryCode(qualifier) : undefined;
		if (stated && all.every((view) => this.otherCountry(stated, view))) return undefined;
		// A country as the name's last word ("Werfen USA") picks that country's unit among several on the domain.
		const trailing = lead.country || all.length < 2 ? undefined : trailingCountry(lead.companyText);
		const inTrailing = trailing
			? all.filter((view) => !this.otherCountry(trailing, view) && this.hasCountry(view))
			: [];
		const views = inTrailing.length ? inTrailing : all;
		const placed = views.filter((view) => !conflicts(lead, view.record, this.siteFields).length);
		// Geography that leaves one account says nothing when the lead names another of the domain's units.
		const sibling = placed.length === 1 && views.length > 1 && this.namesAnotherSibling(lead, placed[0], views);
		const fitting = sibling ? [] : placed;
		const pool = fitting.length ? fitting : views;
		const agree = pool.map((view) => ({ view, score: 1, method: 'domain' as const }));
		if (!fitting.length && lead.name && views.every((view) => conflicts(lead, view.record, ['country']).length)) {
			const named = views.some((view) => this.naming.nameScore(lead.name, view.index) >= this.settings.fuzzyThreshold);
			if (!named) {
				const country = countryOf(views[0].record.country, views[0].record.name);
				return this.ambiguous(
					`the domain ${lead.domains.join(', ')} belongs to "${views[0].record.name}" in ${country}, but the lead is in ${lead.country} and names another organisation`,
					agree,
				);
			}
		}
		const outcome = this.decide(lead, agree, 'domain', 0.97, reason, blocked);
		if (fitting.length && fitting.length < views.length && outcome.route === 'matched') {
			outcome.match.reason += `; ${views.length - fitting.length} other account(s) on this domain differ in ${this.siteFields.join(' or ')}`;
		}
		const winner =
			outcome.route === 'matched' ? all.find((view) => view.record.id === outcome.match.accountId) : undefined;
		const holders = winner ? all.filter((view) => corroborations(lead, view.record, ['domain']).length) : [];
		if (winner && holders.length && !holders.includes(winner)) {
			// Brought in beside the domain's accounts by its name (see namedBeside): the record must not read as its domain.
			const joined = this.naming.sameFamily(winner, holders) ? 'of the same family' : 'with no domain of its own';
			const named = holders.slice(0, 3).map((view) => `"${view.record.name}"`);
			if (holders.length > 3) named.push(`${holders.length - 3} more`);
			// The domain is the evidence, but it is another account's: the record says whose, and why this one.
			outcome.match.reason = outcome.match.reason
				.replace(reason, `its domain ${lead.domains.join(', ')} belongs to ${named.join(', ')}, not to this account`)
				.replace(/; \d+ accounts share it and the lead names this one/, '')
				.replace(/; (\d+) accounts share it,/, '; of $1 candidate accounts,');
			outcome.match.reason += `; this account is ${joined} and the lead names it`;
		}
		if (sibling && outcome.route !== 'matched') {
			outcome.match.reason = `Not matched: "${placed[0].record.name}" is the only account on ${lead.domains.join(', ')} where the lead is, but the lead names another of the domain's units; ${outcome.match.reason}`;
		}
		return outcome;
	}

	/** Whether the lead writes the domain's accounts' shared name with another unit's telling word (see units.ts). */
	private namesAnotherSibling(lead: LeadKeys, view: AccountView, views: readonly AccountView[]): boolean {
		const words = (of: AccountView) => this.index.names.get(of.index).split(' ');
		return namesOtherSibling(lead.tokens, words(view), views.map(words));
	}

	/** Whether the lead's place (city, state, country) rules out the unit and not its parent. */
	private placedApart(lead: LeadKeys, unit: AccountView, parent: AccountView): boolean {
		return conflicts(lead, unit.record, PLACES).length > 0 && !conflicts(lead, parent.record, PLACES).length;
	}

	private hasCountry(view: AccountView): boolean {
		return !!countryOf(view.record.country, view.record.name);
	}

	private otherCountry(country: string, view: AccountView): boolean {
		const other = countryOf(view.record.country, view.record.name);
		return !!other && other !== country;
	}

	/**
	 * Accounts the lead names that should compete with the accounts on its domain, when none of those fits the name:
	 * a unit writing from its parent's domain (an account in that family with a similar name, or a unit of the domain's
	 * accounts whose initials the lead writes), or an account with exactly the lead's name and no domain of its own.
	 */
	private namedBeside(
		lead: LeadKeys,
		byDomain: AccountView[],
		exact: AccountView[],
		blocked: Set<string>,
	): AccountView[] {
		if (!lead.name) return [];
		const score = (view: AccountView) => this.naming.nameScore(lead.name, view.index);
		const fits = (view: AccountView) => score(view) >= this.settings.fuzzyThreshold;
		// Not on the lead's domain and holding no domain of its own; not blocked and not elsewhere.
		const domainless = (view: AccountView) => !byDomain.includes(view) && !accountDomains(view.record).length;
		const open = (view: AccountView) =>
			!blocked.has(view.record.id ?? '') && !conflicts(lead, view.record, this.siteFields).length;
		const onDomain = byDomain.map(score);
		if (onDomain.some((value) => value >= this.settings.fuzzyThreshold)) {
			// An account with exactly the lead's name and no domain of its own competes with a domain's similar names.
			const exactOnDomain = onDomain.includes(1);
			return exact.filter(
				(view) =>
					!byDomain.includes(view) && (this.naming.sameFamily(view, byDomain) || (!exactOnDomain && domainless(view))),
			);
		}
		const similar = fuzzyCandidates(this.index, lead.tokens, FUZZY_POOL, this.scratch)
			.map(this.viewOf)
			.filter((view) => open(view) && fits(view));
		const named = dedupeById([...exact, ...similar]).filter((view) => !byDomain.includes(view));
		const family = named.filter((view) => this.naming.sameFamily(view, byDomain));
		if (family.length) return family;
		// An acronym names many organisations: one listed on an account elsewhere is no rival to the domain's accounts.
		// Initials of four letters or more (few organisations share them) that spell an account with no domain of its
		// own, where none on the domain has them, are.
		if (ACRONYM_LIKE.test(lead.name)) {
			if (byDomain.some((view) => this.naming.names(lead, view))) return [];
			// A unit of the domain's accounts with no domain of its own, whose name the acronym spells ("CEJEC" for
			// Centre d'études juridiques européennes et comparées under the university on the lead's domain): its
			// family's domain is its own, so any length of initials will do.
			const units = byDomain
				.flatMap((view) => unitsOf(this.index, view, this.viewOf))
				.filter((view) => domainless(view) && open(view) && this.naming.names(lead, view));
			if (units.length) return dedupeById(units);
			if (lead.name.length < RARE_ACRONYM) return [];
			return this.acronymMatches(lead).filter((view) => domainless(view) && open(view));
		}
		// A name this close (a typo of it) with no domain of its own competes as its exact name would.
		return named.filter((view) => domainless(view) && score(view) >= this.settings.strictThreshold);
	}

	private accountsWithDomain(domain: string): AccountView[] {
		return this.index.byDomain
			.get(keyOf.domain(domain))
			.map(this.viewOf)
			.filter((view) => accountDomains(view.record).includes(domain));
	}

	private acronymMatches(lead: LeadKeys): AccountView[] {
		const { index } = this;
		// Only a name written as an acronym ("IBM", "I.B.M.") is read as one: "Epe" is a word, not initials.
		if (lead.tokens.length === 1 && /^[a-z]{2,6}$/.test(lead.name) && WRITTEN_AS_ACRONYM.test(lead.companyText ?? '')) {
			return index.byAcronym
				.get(keyOf.acronym(lead.name))
				.filter((i) => companyAcronym(index.names.get(i).split(' ')) === lead.name)
				.map(this.viewOf);
		}
		const acronym = companyAcronym(lead.tokens);
		if (!acronym || acronym.length < 2) return [];
		return index.byName
			.get(keyOf.name(acronym))
			.filter((i) => index.names.get(i) === acronym)
			.map(this.viewOf)
			.filter((view) => WRITTEN_AS_ACRONYM.test(view.record.name ?? ''));
	}

	/**
	 * Acronyms collide across organisations and countries, so one is trusted only with a field that agrees (domain,
	 * country, city, phone, …) and none that conflicts, and only when that picks a single account.
	 */
	private acronymOutcome(lead: LeadKeys, views: AccountView[], onDomain: AccountView[]): MatchOutcome | undefined {
		const fields = [...new Set([...this.settings.corroborateWith, ...ACRONYM_CORROBORATION])];
		const scored = views.map((view) => ({ view, score: 0.8, method: 'acronym' as const }));
		const fitting = views
			.filter((view) => !this.nameConflicts(lead, view, onDomain).length)
			.map((view) => ({ view, agreed: corroborations(lead, view.record, fields) }))
			.filter((entry) => entry.agreed.length);
		if (fitting.length !== 1) return undefined;
		const [{ view, agreed }] = fitting;
		const reason = `"${lead.companyText}" is the acronym of the account name, and ${agreed.join(', ')} agree`;
		return this.matched(view, 'acronym', round(0.8 + 0.05 * Math.min(agreed.length, 3)), reason, scored, agreed);
	}

	private fuzzy(lead: LeadKeys, blocked: Set<string>, onDomain: AccountView[]): MatchOutcome {
		const { settings, index } = this;
		const partialPossible = settings.partialNameWithStreet && !!lead.street;
		const byName = fuzzyCandidates(index, lead.tokens, FUZZY_POOL, this.scratch);
		// Accounts at the same street address join the pool: a site may be known under another programme name.
		const atStreet = lead.street ? index.byStreet.get(keyOf.street(lead.street)).slice(0, FUZZY_POOL) : [];
		const pool = [...new Set([...byName, ...atStreet])]
			.map((i) => {
				const name = index.names.get(i);
				const partial = partialPossible ? round(containment(lead.tokens, name.split(' '), this.naming.rarity)) : 0;
				return { i, score: round(nameSimilarity(lead.name, name, this.naming.rarity)), partial };
			})
			.sort((a, b) => b.score - a.score || b.partial - a.partial);
		// Account fields are read only for candidates that can matter: above a threshold or listed in the output.
		const scored: Scored[] = dedupeScored(
			pool
				.filter((entry, n) => n < settings.maxCandidates || entry.score >= settings.fuzzyThreshold || partialPossible)
				.map(({ i, score, partial }) => ({ view: this.viewOf(i), score, partial, method: 'fuzzyName' as const }))
				.filter((entry) => !blocked.has(entry.view.record.id ?? '')),
		);
		const qualified: Array<Scored & { rank: number; why: string }> = [];
		for (const entry of scored) {
			if (entry.score < settings.fuzzyThreshold && !partialPossible) continue;
			entry.agreed = corroborations(lead, entry.view.record, settings.corroborateWith);
			const conflicting = this.nameConflicts(lead, entry.view, onDomain);
			if (conflicting.length) {
				entry.conflict = conflicting;
				continue;
			}
			const agreed = entry.agreed.length ? `and ${entry.agreed.join(', ')} agree` : '';
			if (entry.score >= settings.fuzzyThreshold && entry.agreed.length) {
				qualified.push({
					...entry,
					rank: entry.score,
					why: `its company name is similar to the account name (${entry.score}) ${agreed}`,
				});
			} else if (settings.allowFuzzyAlone && entry.score >= settings.strictThreshold) {
				qualified.push({
					...entry,
					rank: entry.score,
					why: `its company name is very similar to the account name (${entry.score}); fuzzy name alone is allowed`,
				});
			} else if ((entry.partial ?? 0) >= PARTIAL_NAME && entry.agreed.includes('street')) {
				const why = `the distinctive words of one name appear in the other (${entry.partial}) ${agreed}`;
				qualified.push({ ...entry, rank: 0.8 + 0.1 * (entry.partial ?? 0), why });
			} else if (entry.agreed.includes('street') && entry.agreed.includes('phone')) {
				// The same street address and phone are the same site, possibly under another programme name.
				const why = `street address and phone agree (names share ${entry.partial} of their distinctive words)`;
				qualified.push({ ...entry, rank: 0.7 + 0.1 * (entry.partial ?? 0), why });
			}
		}
		qualified.sort((a, b) => b.rank - a.rank);
		if (qualified.length) {
			const best = qualified[0];
			const rivals = qualified.filter((entry) => entry !== best && best.rank - entry.rank < 0.03);
			const agreed = best.agreed ?? [];
			const confidence = round(best.rank * (agreed.length ? 0.9 + 0.03 * Math.min(agreed.length, 3) : 0.85));
			if (!rivals.length) return this.matched(best.view, 'fuzzyName', confidence, best.why, scored, agreed);
			const tie = breakTie(
				index,
				[best, ...rivals].map((entry) => entry.view),
				lead,
				settings,
				this.viewOf,
			);
			if (tie)
				return this.matched(
					tie.winner,
					'fuzzyName',
					round(confidence - 0.05),
					`${best.why}; several close accounts, ${tie.how}`,
					scored,
					agreed,
				);
			return this.ambiguous(`${rivals.length + 1} accounts have similar names and agreeing fields`, scored);
		}
		const near = scored.find((entry) => entry.score >= settings.fuzzyThreshold);
		if (near) {
			const why = near.conflict
				? `the company name is similar to "${near.view.record.name}" (${near.score}) but ${describeConflicts(lead, near.view.record, near.conflict)}`
				: `the company name is similar to "${near.view.record.name}" (${near.score}) but no corroborating field (${settings.corroborateWith.join(', ')}) agrees`;
			return settings.reviewOutput
				? this.review(`Needs review: ${why}`, scored)
				: this.unmatched(`Not matched: ${why}`, scored);
		}
		const missing =
			lead.ignoredDomain && !lead.domains.length
				? ` (the email domain ${lead.ignoredDomain} is free-mail or disposable, so it is not evidence)`
				: '';
		return this.unmatched(`No account has this domain or a similar company name${missing}`, scored);
	}

	private manualMatch(lead: LeadKeys, blocked: Set<string>): MatchOutcome | undefined {
		for (const key of [lead.email, ...lead.allDomains]) {
			const accountId = key ? this.manual.get(key) : undefined;
			if (!accountId) continue;
			const found = accountsWithId(this.index, accountId, this.viewOf)[0];
			if (found === undefined || blocked.has(accountId)) {
				return this.unmatched(
					`A manual match sends ${key} to account ${accountId}, but no account with that id is in the Accounts input`,
					[],
				);
			}
			const view = this.viewOf(found);
			return this.matched(
				view,
				'manual',
				1,
				`manual match: ${key} → ${accountId}`,
				[{ view, score: 1, method: 'manual' }],
				[],
			);
		}
		return undefined;
	}

	private blockedFor(lead: LeadKeys): Set<string> {
		const blocked = new Set<string>();
		if (!this.never.size) return blocked;
		for (const key of [lead.email, ...lead.allDomains, lead.name]) {
			for (const id of (key && this.never.get(overrideKey(key))) || []) blocked.add(id);
		}
		return blocked;
	}

	private decide(
		lead: LeadKeys,
		agree: Scored[],
		method: MatchMethod,
		confidence: number,
		reason: string,
		blocked: ReadonlySet<string> = new Set(),
	): MatchOutcome {
		const views = agree.map((entry) => entry.view);
		// A blocked account (a chain's other campus) still shares the domain, so it keeps a tie open, but never wins it.
		const open = (view: AccountView) => !blocked.has(view.record.id ?? '');
		// Raw name scores: flooring them (as a domain match once did) made every shared-domain tie look equal.
		for (const entry of agree)
			entry.score = round(
				method === 'domain' && lead.name ? this.naming.nameScore(lead.name, entry.view.index) : entry.score,
			);
		if (views.length === 1) {
			const agreed = method === 'domain' ? [] : corroborations(lead, views[0].record, this.settings.corroborateWith);
			return this.matched(
				views[0],
				method,
				agreed.length ? Math.min(0.99, confidence + 0.05) : confidence,
				reason + (agreed.length ? `, and ${agreed.join(', ')} agree` : ''),
				agree,
				agreed,
			);
		}
		// Several accounts share the evidence: the accounts the lead names are the first tie-break for a shared domain,
		// and of a unit and its parent both named ("X Institute at the University of Y") the unit is meant.
		if (method === 'domain' && lead.name) {
			// Named: a similar name that also holds up on the words that tell the siblings apart; ranked on those words.
			const local = this.naming.siblingWeight(views);
			const sibling = new Map(
				agree.map((entry) => [entry, round(this.naming.wordScore(lead.tokens, entry.view.index, local))]),
			);
			const named = agree.filter(
				(entry) =>
					open(entry.view) &&
					((this.naming.names(lead, entry.view, entry.score) &&
						((sibling.get(entry) ?? 0) >= SIBLING_WORDS || entry.score < this.settings.fuzzyThreshold) &&
						!this.naming.anotherSiblingsWord(lead, entry.view, views) &&
						!(
							entry.score < 1 &&
							entry.score >= this.settings.fuzzyThreshold &&
							swapsWord(lead.tokens, this.naming.nameWords(entry.view))
						)) ||
						this.naming.writesUnitOf(lead, entry.view, views)),
			);
			const exactly = new Set(named.filter((entry) => entry.score === 1));
			for (const entry of agree) entry.score = sibling.get(entry) ?? entry.score;
			// Of a unit and its parent both named, the unit is meant, unless the lead writes the parent's very name and
			// the unit's only approximately.
			const deepest = named.filter(
				(entry) =>
					!named.some(
						(other) =>
							other !== entry &&
							!(exactly.has(entry) && !exactly.has(other)) &&
							!this.placedApart(lead, other.view, entry.view) &&
							ancestors(this.index, other.view, this.viewOf).some((up) => up.record.id === entry.view.record.id),
					),
			);
			deepest.sort((a, b) => b.score - a.score);
			if (deepest.length === 1 || (deepest.length > 1 && deepest[0].score - deepest[1].score >= 0.05)) {
				return this.matched(
					deepest[0].view,
					method,
					confidence - 0.02,
					`${reason}; ${views.length} accounts share it and the lead names this one`,
					agree,
					[],
				);
			}
			// Several fit the name equally: the other tie-breaks choose among those, never an account the lead does not name.
			const best = deepest.filter((entry) => deepest[0].score - entry.score < 0.05).map((entry) => entry.view);
			if (best.length > 1) {
				const tie = breakTie(this.index, best, lead, this.settings, this.viewOf);
				if (tie)
					return this.matched(
						tie.winner,
						method,
						round(confidence - 0.05),
						`${reason}; ${best.length} accounts on it have similar names, ${tie.how}`,
						agree,
						[],
					);
				return this.ambiguous(
					`${best.length} accounts on the domain have names similar to the lead's and nothing tells them apart`,
					agree,
				);
			}
		}
		const tie = breakTie(this.index, views, lead, this.settings, this.viewOf, method !== 'domain');
		if (tie && open(tie.winner))
			return this.matched(
				tie.winner,
				method,
				round(confidence - 0.05),
				`${reason}; ${views.length} accounts share it, ${tie.how}`,
				agree,
				[],
			);
		return this.ambiguous(
			`${views.length} accounts share this ${method === 'domain' ? 'domain' : 'company name'} and nothing tells them apart`,
			agree,
		);
	}

	private matched(
		view: AccountView,
		method: MatchMethod,
		confidence: number,
		reason: string,
		pool: Scored[],
		agreed: string[],
	): MatchOutcome {
		let owner = view.record;
		let ultimate: string | null | undefined;
		if (this.settings.useUltimateParentOwner) {
			const chain = ancestors(this.index, view, this.viewOf);
			const top = chain[chain.length - 1];
			ultimate = top?.record.id ?? view.record.id ?? null;
			if (top) owner = top.record;
		}
		const evidence = { method, confidence, reason, agreed };
		return {
			route: 'matched',
			match: matchRecord(view.record, owner, ultimate, evidence, candidatesOf(pool, this.settings.maxCandidates)),
		};
	}

	private unmatched(reason: string, pool: Scored[]): MatchOutcome {
		return { route: 'unmatched', match: emptyRecord(reason, candidatesOf(pool, this.settings.maxCandidates)) };
	}

	private review(reason: string, pool: Scored[]): MatchOutcome {
		return { route: 'review', match: emptyRecord(reason, candidatesOf(pool, this.settings.maxCandidates)) };
	}

	private ambiguous(why: string, pool: Scored[]): MatchOutcome {
		return this.settings.reviewOutput
			? this.review(`Needs review: ${why}`, pool)
			: this.unmatched(`Not matched: ${why}`, pool);
	}
}
