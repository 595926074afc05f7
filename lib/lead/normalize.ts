/**
 * One lead's values → canonical fields plus findings. Never throws on data: anything unusable becomes a finding
 * and the field stays empty (the original value is still on `raw`).
 */
import { splitAddress } from '../text/address';
import type { AddressParts } from '../text/address';
import { toMultilineText } from '../text/clean';
import { normalizeCompanyName } from '../text/company';
import { countryCode } from '../text/country';
import { parseEmail } from '../text/email';
import type { ParsedEmail } from '../text/email';
import { employeeBand, parseEmployees, segmentFor } from '../text/employees';
import type { SegmentThresholds } from '../text/employees';
import { casePersonName, hasNonNameCharacters, splitFullName } from '../text/person-name';
import { isFakePhone, normalizePhone } from '../text/phone';
import { regionCode } from '../text/region';
import { normalizeWebsite, utmFromUrl, UTM_KEYS } from '../text/web';
import { containsLink, countLinks, isFakeCompany, isFakeEmail, isFakeName } from './fake';
import { Findings, quote } from './issues';
import { FIELD_LIMITS, FieldReader, parseConsent, parseDate } from './read';
import type { LeadFields, LeadInput, Utm } from './schema';

export type { LeadFields };

export interface NormalizeContext {
	defaultCountry?: string;
	segments: SegmentThresholds;
	/** Used as submittedAt when the form sent no usable time. */
	now: Date;
}

export interface NormalizedLead {
	lead: LeadFields;
	findings: Findings;
	/** Whether the input carried any lead field at all. */
	empty: boolean;
}

function normalizeEmail(read: FieldReader, input: LeadInput, lead: LeadFields): ParsedEmail | undefined {
	const text = read.text('email', input.email, FIELD_LIMITS.email);
	if (!text) return undefined;
	const parsed = parseEmail(text);
	if (!parsed.ok) {
		read.findings.add('email', 'invalid', `Email ${quote(parsed.text)} ${parsed.reason}.`);
		return undefined;
	}
	const email = parsed.value;
	lead.email = email.email;
	lead.emailDomain = email.domain;
	lead.emailFlags = { freeMail: email.freeMail, disposable: email.disposable, role: email.role };
	if (email.disposable)
		read.findings.add('email', 'disposable', `${email.domain} is a disposable (throw-away) email service.`);
	if (email.freeMail)
		read.findings.add('email', 'free_mail', `${email.domain} is a free email provider, not a company domain.`);
	if (email.role) read.findings.add('email', 'role_address', `${email.local}@ is a shared role address, not a person.`);
	if (isFakeEmail(email.local, email.registrableDomain))
		read.findings.add('email', 'fake', `Email ${quote(email.email)} looks like a test entry.`);
	return email;
}

function cleanName(read: FieldReader, field: string, value: unknown, max: number): string | undefined {
	const text = read.text(field, value, max);
	if (!text) return undefined;
	if (containsLink(text)) {
		read.findings.add(field, 'spam', `${field} contains a link, which is typical of form spam.`);
		return undefined;
	}
	if (hasNonNameCharacters(text))
		read.findings.add(field, 'unexpected_characters', `${field} ${quote(text)} contains digits or symbols.`);
	return casePersonName(text);
}

function normalizeNames(read: FieldReader, input: LeadInput, lead: LeadFields): void {
	let first = cleanName(read, 'firstName', input.firstName, FIELD_LIMITS.name);
	let last = cleanName(read, 'lastName', input.lastName, FIELD_LIMITS.name);
	const full = cleanName(read, 'fullName', input.fullName, FIELD_LIMITS.fullName);
	if (full && !first && !last) ({ firstName: first, lastName: last } = splitFullName(full));
	if (first) lead.firstName = first;
	if (last) lead.lastName = last;
	const fullName = full ?? [first, last].filter(Boolean).join(' ');
	if (fullName) lead.fullName = fullName;
	else if (!read.findings.has('fullName') && !read.findings.has('firstName'))
		read.findings.add('fullName', 'missing', 'The lead has no name.');
	if (fullName && isFakeName(fullName))
		read.findings.add('fullName', 'fake', `Name ${quote(fullName)} looks like a test entry.`);
}

/** A street field holding a whole address on one line: its parts, to fill the place fields the form did not send. */
function addressParts(input: LeadInput, country: string | undefined): AddressParts | undefined {
	if (typeof input.street !== 'string' || !/[,;\n]/.test(input.street)) return undefined;
	const text = toMultilineText(input.street, FIELD_LIMITS.street).text;
	return text ? splitAddress(text, country) : undefined;
}

function normalizePlace(read: FieldReader, input: LeadInput, lead: LeadFields): void {
	const countryText = read.text('country', input.country, FIELD_LIMITS.country);
	const typedCountry = countryText ? countryCode(countryText) : undefined;
	const address = addressParts(input, typedCountry);
	if (typedCountry) lead.country = typedCountry;
	else if (countryText)
		read.findings.add('country', 'unknown', `Country ${quote(countryText)} is not a recognised country name or code.`);
	else if (address?.country) lead.country = address.country;
	const regionText = read.text('region', input.region ?? address?.region, FIELD_LIMITS.region);
	if (regionText) {
		const region = regionCode(regionText, lead.country);
		lead.region = region.code ?? regionText;
		if (!lead.country && region.country) lead.country = region.country;
	}
	const city = read.text('city', input.city ?? address?.city, FIELD_LIMITS.city);
	if (city) lead.city = casePersonName(city);
	const street = read.text('street', address ? address.street : input.street, FIELD_LIMITS.street);
	if (street) lead.street = street;
	let postal = read.text('postalCode', input.postalCode ?? address?.postalCode, FIELD_LIMITS.postalCode)?.toUpperCase();
	// Spreadsheets drop the leading zero of New England ZIP codes ("2134" for 02134).
	if (postal && lead.country === 'US' && /^\d{4}$/.test(postal)) postal = `0${postal}`;
	if (postal) lead.postalCode = postal;
}

function normalizePhoneField(read: FieldReader, input: LeadInput, lead: LeadFields, ctx: NormalizeContext): void {
	const text = read.text('phone', input.phone, FIELD_LIMITS.phone);
	if (!text) return;
	const result = normalizePhone(text, [lead.country, ctx.defaultCountry]);
	if (!result.ok) {
		read.findings.add('phone', 'invalid', `Phone ${quote(text)} ${result.reason}.`);
		return;
	}
	lead.phone = result.e164;
	if (isFakePhone(result.e164))
		read.findings.add('phone', 'fake', `Phone ${quote(text)} looks like a placeholder number.`);
}

function normalizeCompany(read: FieldReader, input: LeadInput, lead: LeadFields, email: ParsedEmail | undefined): void {
	const company = read.text('company', input.company, FIELD_LIMITS.company);
	if (company) {
		if (containsLink(company, false)) {
			read.findings.add('company', 'spam', 'company contains a link, which is typical of form spam.');
		} else {
			lead.company = company;
			const key = normalizeCompanyName(company);
			if (key) lead.companyNormalized = key;
			if (isFakeCompany(company))
				read.findings.add('company', 'fake', `Company ${quote(company)} looks like a test entry.`);
		}
	}
	const websiteText = read.text('website', input.website, FIELD_LIMITS.website);
	const websiteEmail = websiteText?.includes('@') && !websiteText.includes('/') ? parseEmail(websiteText) : undefined;
	if (websiteEmail?.ok) {
		// An email where the website belongs ("company_domain": "jo@acme.io"): its business domain is the company's.
		const site = websiteEmail.value;
		if (!site.freeMail && !site.disposable) lead.domain = site.registrableDomain;
	} else if (websiteText) {
		const site = normalizeWebsite(websiteText);
		if (site) {
			lead.website = site.website;
			lead.domain = site.domain;
		} else {
			read.findings.add('website', 'invalid', `Website ${quote(websiteText)} is not a valid web address.`);
		}
	}
	if (!lead.domain && email && !email.freeMail && !email.disposable) lead.domain = email.registrableDomain;
}

function normalizeFirmographics(read: FieldReader, input: LeadInput, lead: LeadFields, ctx: NormalizeContext): void {
	if (input.employees !== undefined) {
		const value =
			typeof input.employees === 'number'
				? input.employees
				: read.text('employees', input.employees, FIELD_LIMITS.employees);
		const size = value === undefined ? undefined : parseEmployees(value);
		if (size) {
			lead.employees = size.employees;
			lead.employeeBand = employeeBand(size.employees);
			lead.segment = segmentFor(size.employees, ctx.segments);
		} else if (value !== undefined) {
			read.findings.add('employees', 'invalid', `Company size ${quote(String(value))} is not a number or a range.`);
		}
	}
	const industry = read.text('industry', input.industry, FIELD_LIMITS.industry);
	if (industry) lead.industry = industry;
	const jobTitle = read.text('jobTitle', input.jobTitle, FIELD_LIMITS.jobTitle);
	if (jobTitle) lead.jobTitle = jobTitle;
}

// The field names findings use for the UTM parameters ("utm.source"), written once.
const UTM_FIELDS = UTM_KEYS.map((key) => `utm.${key}`);

function normalizeTracking(read: FieldReader, input: LeadInput, lead: LeadFields, ctx: NormalizeContext): void {
	const utm: Utm = {};
	const explicit = [input.utmSource, input.utmMedium, input.utmCampaign, input.utmTerm, input.utmContent];
	UTM_KEYS.forEach((key, index) => {
		const value = read.text(UTM_FIELDS[index], explicit[index], FIELD_LIMITS.utm);
		if (value) utm[key] = value;
	});
	const landing = read.text('landingPage', input.landingPage, FIELD_LIMITS.website);
	if (landing) {
		for (const [key, value] of Object.entries(utmFromUrl(landing))) utm[key as keyof Utm] ??= value;
	}
	if (Object.keys(utm).length) lead.utm = utm;
	const source = read.text('source', input.source, FIELD_LIMITS.source) ?? utm.source;
	if (source) lead.source = source;
	const message = read.message(input.message);
	if (message) {
		lead.message = message;
		if (countLinks(message) >= 3)
			read.findings.add('message', 'spam', 'The message contains three or more links, which is typical of form spam.');
	}
	if (input.score !== undefined) {
		const score = typeof input.score === 'number' ? input.score : Number(read.text('score', input.score, 20));
		if (Number.isFinite(score)) lead.score = score;
	}
	const email = input.consentEmail === undefined ? undefined : parseConsent(input.consentEmail);
	const sms = input.consentSms === undefined ? undefined : parseConsent(input.consentSms);
	if (email !== undefined || sms !== undefined) {
		lead.consent = {};
		if (email !== undefined) lead.consent.email = email;
		if (sms !== undefined) lead.consent.sms = sms;
	}
	const submitted = input.submittedAt === undefined ? undefined : parseDate(input.submittedAt);
	if (input.submittedAt !== undefined && !submitted) {
		read.findings.add(
			'submittedAt',
			'invalid',
			'The submission time could not be read; the time of normalization is used instead.',
		);
	}
	lead.submittedAt = submitted ?? nowIso(ctx.now);
}

let lastNow: Date | undefined;
let lastNowIso = '';

/** The run's "now" as ISO text, formatted once per run rather than once per lead. */
function nowIso(now: Date): string {
	if (now !== lastNow) {
		lastNow = now;
		lastNowIso = now.toISOString();
	}
	return lastNowIso;
}

export function normalizeLeadInput(input: LeadInput, ctx: NormalizeContext): NormalizedLead {
	const findings = new Findings();
	const read = new FieldReader(findings);
	const lead = {} as LeadFields;
	const empty = Object.values(input).every((value) => value === undefined);
	const email = normalizeEmail(read, input, lead);
	normalizeNames(read, input, lead);
	normalizePlace(read, input, lead);
	normalizePhoneField(read, input, lead, ctx);
	normalizeCompany(read, input, lead, email);
	normalizeFirmographics(read, input, lead, ctx);
	normalizeTracking(read, input, lead, ctx);
	return { lead, findings, empty };
}
