/**
 * Country names, codes and local spellings to ISO 3166-1 alpha-2, from the i18n-iso-countries data set in
 * several languages ("Deutschland", "España", "Nederland"), plus the aliases people type that no data set lists.
 */
import countries from 'i18n-iso-countries';
import type { LocaleData } from 'i18n-iso-countries';
import { foldKey } from './clean';

// English first: when two languages disagree on a name, the first language to claim it wins.
const LOCALES = [
	'en',
	'de',
	'fr',
	'es',
	'it',
	'nl',
	'pt',
	'sv',
	'da',
	'nb',
	'fi',
	'pl',
	'cs',
	'tr',
	'ru',
	'el',
	'hu',
	'ro',
	'ja',
	'zh',
	'ko',
	'ar',
	'he',
];

// Names people use that are not a country's name in any locale file.
const ALIASES: Record<string, string> = {
	uk: 'GB',
	britain: 'GB',
	greatbritain: 'GB',
	england: 'GB',
	scotland: 'GB',
	wales: 'GB',
	northernireland: 'GB',
	unitedkingdomofgreatbritain: 'GB',
	grossbritannien: 'GB',
	angleterre: 'GB',
	reinounido: 'GB',
	america: 'US',
	unitedstates: 'US',
	unitedstatesamerica: 'US',
	usofa: 'US',
	estadosunidos: 'US',
	eeuu: 'US',
	holland: 'NL',
	thenetherlands: 'NL',
	hollande: 'NL',
	uae: 'AE',
	emirates: 'AE',
	ksa: 'SA',
	korea: 'KR',
	southkorea: 'KR',
	northkorea: 'KP',
	russia: 'RU',
	czechrepublic: 'CZ',
	czechia: 'CZ',
	ivorycoast: 'CI',
	vatican: 'VA',
	burma: 'MM',
	macedonia: 'MK',
	swaziland: 'SZ',
	turkey: 'TR',
	turkiye: 'TR',
	capeverde: 'CV',
	eastimor: 'TL',
	prc: 'CN',
	mainlandchina: 'CN',
	hongkongsar: 'HK',
	rok: 'KR',
	el: 'GR',
	bosnia: 'BA',
	trinidad: 'TT',
	schweiz: 'CH',
	suisse: 'CH',
	svizzera: 'CH',
};

let names: Map<string, string> | undefined;
const cache = new Map<string, string | null>();

function loadLocale(lang: string): LocaleData {
	// Locale files are plain JSON shipped with the package; required lazily so unused nodes pay nothing.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(`i18n-iso-countries/langs/${lang}.json`) as LocaleData;
}

function nameTable(): Map<string, string> {
	if (names) return names;
	const table = new Map<string, string>();
	for (const lang of LOCALES) {
		countries.registerLocale(loadLocale(lang));
		const byCode = countries.getNames(lang, { select: 'all' });
		for (const [code, list] of Object.entries(byCode)) {
			for (const name of list) {
				const key = foldKey(name);
				// Short names from other languages would shadow ISO codes ("DE", "ES"); codes are handled first anyway.
				if (key.length < 3 && lang !== 'en' && /^[a-z]+$/.test(key)) continue;
				if (key && !table.has(key)) table.set(key, code);
				const withoutThe = key.startsWith('the') ? key.slice(3) : '';
				if (withoutThe.length > 3 && !table.has(withoutThe)) table.set(withoutThe, code);
			}
		}
	}
	for (const [alias, code] of Object.entries(ALIASES)) table.set(alias, code);
	names = table;
	return table;
}

function lookup(input: string): string | undefined {
	const trimmed = input.trim();
	if (/^\d{1,3}$/.test(trimmed)) return countries.numericToAlpha2(trimmed.padStart(3, '0'));
	const key = foldKey(trimmed);
	if (!key) return undefined;
	const alias = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
	if (alias) return alias;
	const upper = key.toUpperCase();
	if (key.length === 2 && countries.isValid(upper)) return upper;
	if (key.length === 3) {
		const fromAlpha3 = countries.alpha3ToAlpha2(upper);
		if (fromAlpha3) return fromAlpha3;
	}
	return nameTable().get(key);
}

/** ISO 3166-1 alpha-2 code for a country name, code or alias; undefined when it names no country. */
export function countryCode(input: string): string | undefined {
	if (input.length > 100) return undefined;
	const hit = cache.get(input);
	if (hit !== undefined) return hit ?? undefined;
	const code = lookup(input);
	// Form values repeat a lot; a bounded cache keeps memory flat on adversarial input.
	if (cache.size > 5000) cache.clear();
	cache.set(input, code ?? null);
	return code;
}
