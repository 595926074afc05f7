/** Picking the language of the lead's message: a user variant by country or language field, else a built-in text. */
import { BUILT_IN_LEAD_TEXTS, DEFAULT_LANGUAGE } from './defaults';

export interface LeadTemplateSet {
	subject: string;
	text: string;
	/** Empty: the HTML part is made from the plain text. */
	html: string;
	sms: string;
}

export interface LanguageVariant extends Partial<LeadTemplateSet> {
	language: string;
	/** ISO alpha-2 codes, upper case. */
	countries: string[];
}

export type LanguageSource = 'country' | 'field' | 'none';

export interface ChosenTemplates {
	/** e.g. `lead.de`, `lead.default`: which texts were used, for the output and for audits. */
	name: string;
	language: string;
	set: LeadTemplateSet;
}

export function normalizeLanguage(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim().toLowerCase().replace(/_/g, '-');
	return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(text) ? text : undefined;
}

/** The main language spoken in a country, from the runtime's CLDR likely-subtags data. */
export function languageOfCountry(country: string | undefined): string | undefined {
	if (!country || !/^[A-Z]{2}$/.test(country)) return undefined;
	try {
		return new Intl.Locale('und', { region: country }).maximize().language;
	} catch {
		return undefined;
	}
}

function primary(language: string): string {
	return language.split('-')[0];
}

function findVariant(variants: LanguageVariant[], language: string | undefined, country: string | undefined) {
	if (country) {
		const byCountry = variants.find((variant) => variant.countries.includes(country));
		if (byCountry) return byCountry;
	}
	if (!language) return undefined;
	return (
		variants.find((variant) => normalizeLanguage(variant.language) === language) ??
		variants.find((variant) => normalizeLanguage(variant.language) === primary(language))
	);
}

function isBuiltInDefault(base: LeadTemplateSet): boolean {
	const en = BUILT_IN_LEAD_TEXTS[DEFAULT_LANGUAGE];
	return (
		base.subject === en.subject && base.text === en.text && (base.sms === '' || base.sms === en.sms) && base.html === ''
	);
}

export function chooseLeadTemplates(
	base: LeadTemplateSet,
	variants: LanguageVariant[],
	source: LanguageSource,
	hints: { country?: string; fieldValue?: unknown },
): ChosenTemplates {
	if (source === 'none') return { name: 'lead.default', language: DEFAULT_LANGUAGE, set: base };
	const country = source === 'country' ? hints.country : undefined;
	const language = source === 'field' ? normalizeLanguage(hints.fieldValue) : languageOfCountry(country);
	const variant = findVariant(variants, language, country);
	if (variant) {
		const code = normalizeLanguage(variant.language) ?? language ?? DEFAULT_LANGUAGE;
		return {
			name: `lead.${code}`,
			language: code,
			set: {
				subject: variant.subject || base.subject,
				text: variant.text || base.text,
				html: variant.html || (variant.text ? '' : base.html),
				sms: variant.sms || base.sms,
			},
		};
	}
	const code = language ? primary(language) : undefined;
	// Own keys only: the language can come from a lead's field, and "constructor" must not read Object.prototype.
	const builtIn = code && Object.hasOwn(BUILT_IN_LEAD_TEXTS, code) ? BUILT_IN_LEAD_TEXTS[code] : undefined;
	if (builtIn && primary(language ?? '') !== DEFAULT_LANGUAGE && isBuiltInDefault(base)) {
		return {
			name: `lead.${primary(language ?? '')}`,
			language: primary(language ?? ''),
			set: { ...builtIn, html: '' },
		};
	}
	return { name: 'lead.default', language: DEFAULT_LANGUAGE, set: base };
}
