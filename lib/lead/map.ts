/**
 * Automatic mapping: which candidate is which lead field. Each candidate is scored by what its key means (exact
 * aliases in preference order, then loose rules for question text no list can foresee) and where it sits (nesting,
 * whose record it is in), and kept only when its value can be that field: an email field must hold an email, a
 * region must be a region of the lead's country, a website must not be a booking or form link, a company must not be
 * a number. A name is read from one record, never stitched from two. Every pick remembers its path.
 */
import { foldKey, isPlainObject } from '../text/clean';
import { countryCode } from '../text/country';
import { registrableDomain } from '../text/domain';
import { isFreeMailDomain } from '../text/email-domains';
import { isGeneratedName } from '../text/person-name';
import { hasRegionTable, regionCode } from '../text/region';
import { EVENT_TIME_ALIASES, fieldForKey } from './aliases';
import type { ExtractedForm } from './extract';
import { parseDate } from './read';
import type { LeadInput, LeadInputField } from './schema';
import { childPath, pathOf } from './walk';
import type { FormField } from './walk';

export interface MappingNote {
	field: string;
	message: string;
}

export interface MappedForm {
	input: LeadInput;
	/** Form fields no lead field used, by their original names (kept on the output when asked). */
	unknown: Array<[string, unknown]>;
	/** Where each lead field was read from ("body.fields[2].value"). */
	sources: Partial<Record<LeadInputField, string>>;
	/** Picks made on weaker evidence than a field name, to show as warnings. */
	notes: MappingNote[];
}

const LOOSE_RULES: Array<[LeadInputField, RegExp]> = [
	['email', /e?mail/],
	['phone', /phone|mobile|telef|cellular|celular|movil/],
	['company', /company|organi[sz]ation|employer/],
	['firstName', /^(?:what(?:s|is)?)?(?:your)?(?:first|given)name/],
	['lastName', /^(?:what(?:s|is)?)?(?:your)?(?:last|family|sur)name/],
	['fullName', /^(?:what(?:s|is)?)?(?:your)?(?:full)?name/],
	['country', /country/],
	// "Which city do you currently work in?", "Your city"; never "Which cities have you worked in?".
	['city', /^(?:(?:which|what)(?:is)?(?:the)?(?:your)?|your)(?:home|current)?(?:city|town)(?!s)/],
	['website', /website/],
	['jobTitle', /jobtitle|yourrole/],
	['employees', /employees|companysize|headcount/],
	// "Your message", "Message (optional)"; never a message's metadata ("message_type", "message_status").
	[
		'message',
		/message(?!(?:type|ids?|status|count|date|time|timestamp|sent|channel|format|kind|direction|template|key|number|uuid)$)|howcanwehelp/,
	],
	// The submission time's family: a word for being created, submitted, registered or added, and a word for a time, in
	// either order ("timestamp_created", "date_added", "registrationDateTime", "lead_created_time", "signed_up_on").
	[
		'submittedAt',
		/^(?:(?:date|time|timestamp|datetime|ts)(?:of)?(?:created|submitted|submission|received|creation|registered|registration|added|signup|subscribed)|(?:lead|entry|contact|record|customer|user|registrant|subscriber|member)?(?:created|submitted|submission|received|creation|registered|registration|added|signup|signedup|optin|subscribed|subscription|joined)(?:date|time|timestamp|datetime|ts|at|on)+)$/,
	],
];
const EMAIL_VALUE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[a-z]{2,}$/i;
const NAME_FIELDS = new Set<LeadInputField>(['firstName', 'lastName', 'fullName']);
// Fields that belong to a person: never read from someone else's record (a host, an owner, an operator).
const PERSON_FIELDS = new Set<LeadInputField>(['email', 'firstName', 'lastName', 'fullName', 'phone', 'jobTitle']);
// Fields whose unusable values are still read from a field of their own name, to be reported (normalize.ts).
const REPORTED = new Set<LeadInputField>([
	'email',
	'firstName',
	'lastName',
	'fullName',
	'phone',
	'company',
	'website',
	'country',
	'employees',
	'submittedAt',
]);
// Keys that are never a lead field, although an alias rule would read them as one.
const DENIED = new Set([
	'username',
	'nickname',
	'screenname',
	'formname',
	'formtitle',
	'pagename',
	'sitename',
	'webhookurl',
]);
// Keys that mean a job title only on a person's own record: elsewhere "title" is a form's, a meeting's or a lead's.
const GENERIC_JOB_KEYS = new Set(['title', 'role', 'position']);
// Keys that are a person's full name only on a person's own record: elsewhere a "displayName" names a place, a
// question or a group.
const GENERIC_NAME_KEYS = new Set(['displayname']);
// Keys that mean the company's website only on a person's own record: elsewhere a "url" is the page a form was on or a
// photo's, and a "domain" the sending domain of a mail service.
const GENERIC_WEBSITE_KEYS = new Set(['url', 'domain', 'site', 'web', 'link']);
// On a scheduled event's record these keys describe the event (its title, name, description), never the person.
const EVENT_KEYS = new Set(['title', 'name', 'description', 'summary', 'subject', 'details']);
// Words that name a form, a meeting or a page, never a person or a job: "Email Form", "30 Minute Meeting".
const NOT_A_PERSON =
	/\b(?:forms?|survey|newsletter|sign[ -]?up|registration|meeting|webinar|booking|appointment|checkout|submission|contact us|\d+ ?min(?:ute)?s?)\b/i;
const ACCOUNT_ROLES = new Set([
	'administrator',
	'admin',
	'customer',
	'subscriber',
	'editor',
	'author',
	'contributor',
	'user',
	'lead',
	'member',
	'owner',
	'guest',
	'visitor',
	'contact',
	'shopmanager',
]);
// Where a booking, meeting, form or tracking link lives: never the lead's company website.
const TOOL_DOMAINS = [
	'calendly.com',
	'cal.com',
	'daily.co',
	'zoom.us',
	'whereby.com',
	'meet.google.com',
	'teams.microsoft.com',
	'hsforms.com',
	'hsforms.net',
	'typeform.com',
	'jotform.com',
	'tally.so',
	'forms.gle',
	'google.com',
	'webflow.io',
	'callrail.com',
	'acuityscheduling.com',
	'youcanbook.me',
	'paperform.co',
	'formstack.com',
	'wufoo.com',
	'unbouncepages.com',
	'pipedrive.com',
	'linkedin.com',
	'facebook.com',
	'fb.me',
	'savvycal.com',
	'tidycal.com',
	'zcal.co',
	'chilipiper.com',
	'meetings.hubspot.com',
	'oncehub.com',
	'doodle.com',
	'fillout.com',
	'cognitoforms.com',
	'zohopublic.com',
	'systeme.io',
];
const ID_LIKE =
	/^(?:[a-z]{2,8}_[A-Za-z0-9]{8,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|urn:.*)$/i;
// A template's own label typed back as the value ("State", "City"): not a place.
const LABEL_WORDS = new Set([
	'state',
	'region',
	'province',
	'county',
	'city',
	'town',
	'country',
	'street',
	'address',
	'company',
	'name',
	'zip',
	'postcode',
]);
// Any letter, in any script (a cheaper test than a Unicode property class).
const LETTER = /[A-Za-z\u00C0-\u024F\u0370-\uFFFF]/;

interface Candidate {
	/** The candidate's form field: its value, record and path (built only for the values picked). */
	field: FormField;
	score: number;
}

// Query strings and links end a word too ("?email=jo@acme.io"): such characters are valid in a local part, but not
// in any address a person types.
const DELIMITERS = new Set([
	' ',
	'\t',
	'\n',
	'\r',
	',',
	';',
	':',
	'<',
	'>',
	'(',
	')',
	'"',
	"'",
	'[',
	']',
	'=',
	'?',
	'&',
	'/',
]);

/** The first email-shaped word of a text: found around each "@" by hand, so long texts cost a linear scan. */
function emailIn(text: string): string | undefined {
	for (let at = text.indexOf('@'), tries = 0; at > 0 && tries < 20; at = text.indexOf('@', at + 1), tries++) {
		let start = at;
		while (start > 0 && at - start < 64 && !DELIMITERS.has(text[start - 1])) start--;
		let end = at + 1;
		while (end < text.length && end - at < 256 && !DELIMITERS.has(text[end])) end++;
		const word = text.slice(start, end).replace(/[.]+$/, '');
		if (EMAIL_VALUE.test(word)) return word;
	}
	return undefined;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function text(value: unknown): string | undefined {
	if (Array.isArray(value)) value = value.find((v) => !isEmpty(v));
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function toolDomain(value: string): boolean {
	const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#:\s]+)/i.exec(value)?.[1]?.toLowerCase();
	if (!host) return false;
	return TOOL_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** A link or domain of a free-mail provider ("gmail.com"): the lead's mailbox, never a company's site. */
function freeMailHost(value: string): boolean {
	const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?([^/?#:\s@]+\.[a-z]{2,})(?:[/?#:]|$)/i.exec(value)?.[1];
	return !!host && (isFreeMailDomain(host) || isFreeMailDomain(registrableDomain(host)));
}

/** An email whose domain is a free-mail one: no company's domain can be read from it. */
function freeMailAddress(value: string): boolean {
	const at = value.lastIndexOf('@');
	return at > 0 && EMAIL_VALUE.test(value) && freeMailHost(value.slice(at + 1));
}

/**
 * A value that names something other than a company: an id (UUID, long hex, prefixed id, a number), an email, or a
 * free-mail or tool site. Tools put their own ids and the sender's mailbox under company keys ("organization",
 * "company_domain").
 */
function notACompany(value: string): boolean {
	return (
		idLike(value) || /^[\d\s.,:#-]+$/.test(value) || EMAIL_VALUE.test(value) || toolDomain(value) || freeMailHost(value)
	);
}

function otherKind(field: LeadInputField, value: string): boolean {
	if (NAME_FIELDS.has(field)) return NOT_A_PERSON.test(value) || isGeneratedName(value, field !== 'lastName');
	if (field === 'company') return notACompany(value);
	return field === 'website' && (toolDomain(value) || freeMailHost(value) || freeMailAddress(value));
}

function idLike(value: string): boolean {
	return value.length >= 8 && !value.includes(' ') && ID_LIKE.test(value);
}

function looksLikeName(value: string): boolean {
	return (
		value.length <= 150 &&
		LETTER.test(value) &&
		!value.includes('@') &&
		!/https?:|www\./i.test(value) &&
		!idLike(value) &&
		!LABEL_WORDS.has(value.toLowerCase())
	);
}

/** Whether the value can be this field at all; region is checked once the country is known. */
function valid(field: LeadInputField, value: unknown, folded: string, candidate: FormField): boolean {
	if (
		field === 'utmSource' ||
		field === 'utmMedium' ||
		field === 'utmCampaign' ||
		field === 'utmTerm' ||
		field === 'utmContent'
	)
		return text(value) !== undefined;
	if (field === 'consentEmail' || field === 'consentSms' || field === 'score') return true;
	// A link alone is a link ("comments": "https://…/comments"), not what a person wrote.
	if (field === 'message') return typeof value !== 'string' || !/^\s*https?:\/\/\S*\s*$/i.test(value);
	const t = text(value);
	if (t === undefined) return false;
	switch (field) {
		case 'email':
			return EMAIL_VALUE.test(t);
		case 'phone': {
			const digits = t.replace(/\D/g, '').length;
			return digits >= 5 && digits <= 17 && !/[@/]|[a-wyz]{3,}/i.test(t);
		}
		case 'firstName':
		case 'lastName':
		case 'fullName':
			return (
				looksLikeName(t) &&
				!NOT_A_PERSON.test(t) &&
				!isGeneratedName(t, field !== 'lastName') &&
				(!GENERIC_NAME_KEYS.has(folded) || candidate.person === true)
			);
		case 'company':
			return looksLikeName(t) && !notACompany(t);
		case 'jobTitle':
			return (
				looksLikeName(t) &&
				t.split(/\s+/).length <= 8 &&
				!ACCOUNT_ROLES.has(foldKey(t)) &&
				!NOT_A_PERSON.test(t) &&
				(!GENERIC_JOB_KEYS.has(folded) || candidate.person === true)
			);
		case 'landingPage':
			return /^(?:https?:\/\/)?[^\s@/]+\.[a-z]{2,}(?:[/?#]\S*)?$/i.test(t);
		case 'website':
			if (GENERIC_WEBSITE_KEYS.has(folded) && candidate.person !== true) return false;
			// A business email under a website key ("company_domain": "jo@acme.io") still names the company's domain.
			if (EMAIL_VALUE.test(t)) return !freeMailAddress(t);
			return /^(?:https?:\/\/)?[^\s@/]+\.[a-z]{2,}(?:[/?#]\S*)?$/i.test(t) && !toolDomain(t) && !freeMailHost(t);
		case 'country':
			return countryCode(t) !== undefined;
		case 'city':
		case 'street':
		case 'industry':
		case 'source':
		case 'region':
			return t.length <= 200 && LETTER.test(t) && !t.includes('@') && !idLike(t) && !LABEL_WORDS.has(t.toLowerCase());
		case 'postalCode':
			return /^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/.test(t) && /\d/.test(t);
		case 'employees':
			return /\d/.test(t);
		case 'submittedAt': {
			if (!parseDate(value)) return false;
			// "date" alone is often another date (an appointment's): it must carry a time to be the submission's.
			return !(folded === 'date' || folded === 'timestamp') || typeof value === 'number' || /\d[T ]\d|:\d\d/.test(t);
		}
		default:
			return true;
	}
}

/**
 * The lead field a candidate's names stand for: the first name that is an alias decides the field (so a qualified
 * "company name" is a company, not a person's name), and the best rank among its names for that field counts.
 * Loose rules read only a candidate's own names, never the group it sits in.
 */
type Meaning = { field: LeadInputField; rank: number; folded: string } | null;

// Forms send the same field names lead after lead: what a list of names means is worked out once (shared name
// lists by identity, others by their text).
const meanings = new Map<string, Meaning>();
const listMeanings = new Map<string[], Meaning>();

function meaning(candidate: FormField): Meaning {
	const names = candidate.names;
	const listed = listMeanings.get(names);
	if (listed !== undefined) return listed;
	const cacheKey = names.length === 1 ? names[0] : names.join('\u0001');
	let result = meanings.get(cacheKey);
	if (result === undefined) {
		result = readMeaning(names);
		if (meanings.size >= 5000) meanings.clear();
		if (cacheKey.length <= 500) meanings.set(cacheKey, result);
	}
	if (listMeanings.size >= 5000) listMeanings.clear();
	listMeanings.set(names, result);
	return result;
}

function readMeaning(names: string[]): Meaning {
	let found: Meaning = null;
	for (const name of names) {
		const folded = foldKey(name);
		if (!folded || DENIED.has(folded)) continue;
		const hit = fieldForKey(folded);
		if (!hit) continue;
		if (!found) found = { ...hit, folded };
		else if (hit.field === found.field && hit.rank < found.rank) found = { ...hit, folded };
	}
	if (found) return found;
	for (const name of names) {
		// A group-qualified name ("companies type") is not the candidate's own: loose rules would misread the group.
		if (name === names[0] && names.length > 1 && name.endsWith(` ${names[1]}`)) continue;
		const folded = foldKey(name);
		if (!folded || DENIED.has(folded) || folded.length > 80 || /ids?$/.test(folded)) continue;
		const rule = LOOSE_RULES.find(([, pattern]) => pattern.test(folded));
		if (rule) return { field: rule[0], rank: 300, folded };
	}
	return null;
}

function setBlock(input: LeadInput, value: unknown, prefix: 'utm' | 'consent'): void {
	if (!isPlainObject(value)) return;
	if (prefix === 'utm') {
		input.utmSource ??= value.source;
		input.utmMedium ??= value.medium;
		input.utmCampaign ??= value.campaign;
		input.utmTerm ??= value.term;
		input.utmContent ??= value.content;
	} else {
		input.consentEmail ??= value.email;
		input.consentSms ??= value.sms;
	}
}

function regionFits(value: unknown, country: string | undefined): boolean {
	const t = text(value);
	if (!t) return false;
	if (regionCode(t, country).code) return true;
	// Countries without a region table keep what was typed; without a country, only a short code or a known name.
	if (country) return !hasRegionTable(country) && !ACCOUNT_ROLES.has(foldKey(t));
	return /^[A-Z]{2,3}$/.test(t);
}

export function mapForm(form: ExtractedForm): MappedForm {
	const input: LeadInput = {};
	const sources: Partial<Record<LeadInputField, string>> = {};
	const notes: MappingNote[] = [];
	const best = new Map<LeadInputField, Candidate>();
	const names: Array<Candidate & { lead: LeadInputField }> = [];
	const regions: Candidate[] = [];
	const used = new Set<FormField>();
	const fields = form.fields;
	for (let i = 0; i < fields.length; i++) {
		const field = fields[i];
		if (isEmpty(field.value)) continue;
		if (field.key === 'utm' || field.key === 'consent') {
			setBlock(input, field.value, field.key);
			used.add(field);
			continue;
		}
		const hit = meaning(field);
		if (!hit) continue;
		if ((field.role === 'other' && PERSON_FIELDS.has(hit.field)) || (field.event && EVENT_KEYS.has(hit.folded))) {
			used.add(field);
			continue;
		}
		// A value that cannot be the field loses to any that can; under the field's own name it is still read, so the
		// lead says what is wrong with it (an invalid email, a link in a name) instead of losing it silently. A value of
		// another kind (a form's or a meeting's name, a booking link) is not a wrong value of this field: it is not read.
		let penalty = 0;
		if (!valid(hit.field, field.value, hit.folded, field)) {
			if (
				!REPORTED.has(hit.field) ||
				hit.rank >= 100 ||
				field.depth > 1 ||
				GENERIC_JOB_KEYS.has(hit.folded) ||
				GENERIC_NAME_KEYS.has(hit.folded) ||
				GENERIC_WEBSITE_KEYS.has(hit.folded)
			)
				continue;
			if (otherKind(hit.field, text(field.value) ?? '')) continue;
			penalty = 500;
		}
		// A date without a time of day says less than a full timestamp of the same record; when an event was emitted or
		// delivered says less than when the record it carries was created or submitted (see isEventTime).
		if (hit.field === 'submittedAt') {
			if (isDateOnly(field.value)) penalty += 200;
			if (isEventTime(hit.folded, field, form.envelope === true)) penalty += 150;
		}
		used.add(field);
		// Whose record a value sits in matters for what describes the person; a record's time is best read at its root.
		const placed = hit.field === 'submittedAt' ? 0 : (field.person ? 25 : 0) + (field.role === 'lead' ? 30 : 0);
		const score = 1000 - hit.rank - field.depth * 6 - (field.rest ? 60 : 0) + placed - penalty;
		const candidate: Candidate = { field, score };
		if (NAME_FIELDS.has(hit.field)) names.push({ field, score, lead: hit.field });
		else if (hit.field === 'region') regions.push(candidate);
		else if ((best.get(hit.field)?.score ?? -Infinity) < score) best.set(hit.field, candidate);
	}
	for (const [field, candidate] of best) {
		input[field] = candidate.field.value;
		sources[field] = pathOf(candidate.field);
	}
	// A name comes from one record: the best-placed one.
	if (names.length) {
		const holder = names.reduce((a, b) => (b.score > a.score ? b : a)).field.holder;
		for (const candidate of names) {
			if (candidate.field.holder !== holder) continue;
			const current = best.get(candidate.lead);
			if (!current || current.score < candidate.score) {
				best.set(candidate.lead, candidate);
				input[candidate.lead] = candidate.field.value;
				sources[candidate.lead] = pathOf(candidate.field);
			}
		}
	}
	for (const [key, value] of Object.entries(form.hints) as Array<[LeadInputField, unknown]>) {
		if (input[key] === undefined && !isEmpty(value)) {
			input[key] = value;
			const from = form.hintSources[key];
			if (from) sources[key] = from;
		}
	}
	const country = text(input.country) ? countryCode(text(input.country) as string) : undefined;
	const region = regions.length
		? regions.sort((a, b) => b.score - a.score).find((candidate) => regionFits(candidate.field.value, country))
		: undefined;
	if (region) {
		input.region = region.field.value;
		sources.region = pathOf(region.field);
	}
	const time = best.get('submittedAt');
	if (time && isDateOnly(time.field.value)) withTimeOfDay(time.field, fields, input, sources);
	if (input.email === undefined) findEmailByShape(form, input, sources, notes, used);
	const unknown: Array<[string, unknown]> = [];
	for (const field of form.fields) {
		if (!used.has(field) && field.depth <= 1 && field.role !== 'other' && !isEmpty(field.value))
			unknown.push([field.key, field.value]);
	}
	return { input, unknown, sources, notes };
}

// Keys naming when an event was emitted, fired or delivered rather than when its record was made: the aliases of that
// kind, plus fired_at and occurred_at.
const EVENT_TIME_KEYS = new Set([...EVENT_TIME_ALIASES, 'firedat', 'occurredat']);

/**
 * Whether a time is the delivery's rather than the lead's: a key that names an event's emission ("emitted_at",
 * "event_time", "fired_at"), or any time at the root of an event envelope (a payload naming its event and carrying the
 * record inside: Intercom's notification "created_at", Calendly's event "created_at"). The lead's own creation or
 * submission time inside the record ("data.item.created_at", "conversation.created_at") wins over it; alone, it is
 * still the best time there is.
 */
function isEventTime(folded: string, field: FormField, envelope: boolean): boolean {
	return EVENT_TIME_KEYS.has(folded) || (envelope && field.depth === 0);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(?:utc|gmt|z)?$/i;

function isDateOnly(value: unknown): boolean {
	const t = text(value);
	return t !== undefined && DATE_ONLY.test(t);
}

/**
 * Some forms send the day and the time of a submission as two fields of one record (Unbounce's "date_submitted" and
 * "time_submitted"): the day alone would put every lead at midnight. A time of day in UTC (or with no zone) next to
 * the day completes it.
 */
function withTimeOfDay(day: FormField, fields: FormField[], input: LeadInput, sources: MappedForm['sources']): void {
	for (const field of fields) {
		if (field.holder !== day.holder || field === day || !/time/i.test(field.key)) continue;
		const clock = text(field.value) ?? '';
		const match = clock.length <= 24 ? TIME_OF_DAY.exec(clock) : null;
		if (!match) continue;
		let hours = Number(match[1]);
		const meridiem = match[4]?.[0]?.toLowerCase();
		if (meridiem === 'p' && hours < 12) hours += 12;
		if (meridiem === 'a' && hours === 12) hours = 0;
		if (hours > 23 || Number(match[2]) > 59) return;
		const at = `${text(day.value)}T${String(hours).padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}Z`;
		if (!parseDate(at)) return;
		input.submittedAt = at;
		sources.submittedAt = `${pathOf(day)} + ${pathOf(field)}`;
		return;
	}
}

/**
 * No field is named as an email: any email-shaped value of the lead's side of the payload is taken, with a note. When
 * the only one sits in someone else's record (a host, an owner), it is taken too, with a note saying so: a lead with
 * an email to check is worth more than a lead lost as "no email".
 */
function findEmailByShape(
	form: ExtractedForm,
	input: LeadInput,
	sources: MappedForm['sources'],
	notes: MappingNote[],
	used: Set<FormField>,
): void {
	let other: { field: FormField; email: string } | undefined;
	for (const field of form.fields) {
		const t = typeof field.value === 'string' && field.value.length <= 2000 ? field.value : undefined;
		const found = t ? emailIn(t) : undefined;
		if (!found) continue;
		if (field.role === 'other') {
			other ??= { field, email: found };
			continue;
		}
		takeEmail(found, field, input, sources, used);
		notes.push({
			field: 'email',
			message: `No field is named as an email; the email was taken from "${sources.email}" by its shape. Check it, or map the email with Custom Mapping.`,
		});
		return;
	}
	if (other) {
		takeEmail(other.email, other.field, input, sources, used);
		notes.push({
			field: 'email',
			message: `The only email in the payload is at "${sources.email}", in a record that may belong to someone other than the lead (a host, owner or operator). It was taken so the lead is not lost; check it, or map the lead's email with Custom Mapping.`,
		});
		return;
	}
	const anywhere = form.item ? emailAnywhere(form.item) : undefined;
	if (anywhere) {
		input.email = anywhere.email;
		sources.email = anywhere.path;
		notes.push({
			field: 'email',
			message: `The only email in the payload is at "${anywhere.path}", where no lead field was expected; it was taken so the lead is not lost. Check it, or map the lead's email with Custom Mapping.`,
		});
	}
}

// What this package's nodes add to an item (a rep's email in routing) and the request's headers: never the lead's.
const NOT_THE_LEADS = new Set(['match', 'routing', 'sla', 'autoResponse', 'headers', 'quality']);

/**
 * The last search for an email, when the reader found none: every string and key of the item, beyond the reader's
 * depth and size limits, URL-encoded text decoded. Bounded, and run only for items without an email.
 */
function emailAnywhere(item: Record<string, unknown>): { email: string; path: string } | undefined {
	const stack: Array<[unknown, string, number]> = [[item, '', 0]];
	let visited = 0;
	while (stack.length && visited++ < 20_000) {
		const [value, path, depth] = stack.pop() as [unknown, string, number];
		if (typeof value === 'string') {
			const found = emailIn(value.length > 100_000 ? value.slice(0, 100_000) : value) ?? encodedEmail(value);
			if (found) return { email: found, path: path || '$json' };
		} else if (Array.isArray(value) && depth < 50) {
			for (let i = Math.min(value.length, 1000) - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`, depth + 1]);
		} else if (isPlainObject(value) && depth < 50) {
			const keys = Object.keys(value);
			for (let i = keys.length - 1; i >= 0 && i >= keys.length - 1000; i--) {
				const key = keys[i];
				if (depth === 0 && NOT_THE_LEADS.has(key)) continue;
				const at = childPath(path, key);
				if (key.length <= 320 && EMAIL_VALUE.test(key)) return { email: key, path: at };
				stack.push([value[key], at, depth + 1]);
			}
		}
	}
	return undefined;
}

/** An email written URL-encoded ("jo%40acme.io"), as in a link or a form-encoded text. */
function encodedEmail(text: string): string | undefined {
	if (!/%40/i.test(text) || text.length > 100_000) return undefined;
	try {
		return emailIn(decodeURIComponent(text.replace(/\+/g, ' ')));
	} catch {
		return emailIn(text.replace(/%40/gi, '@'));
	}
}

function takeEmail(
	email: string,
	field: FormField,
	input: LeadInput,
	sources: MappedForm['sources'],
	used: Set<FormField>,
): void {
	input.email = email;
	sources.email = pathOf(field);
	used.add(field);
}
