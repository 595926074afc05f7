/**
 * States and provinces to ISO 3166-2 codes for the countries whose leads most often carry one: United States,
 * Canada, India and Australia. Names, postal abbreviations and common local spellings ("Québec") are recognised.
 */
import { foldKey } from './clean';

// Subdivision codes and names from ISO 3166-2 (US includes DC and the inhabited territories).
const SUBDIVISIONS: Record<string, Record<string, string[]>> = {
	US: {
		AL: ['Alabama'],
		AK: ['Alaska'],
		AZ: ['Arizona'],
		AR: ['Arkansas'],
		CA: ['California'],
		CO: ['Colorado'],
		CT: ['Connecticut'],
		DE: ['Delaware'],
		FL: ['Florida'],
		GA: ['Georgia'],
		HI: ['Hawaii'],
		ID: ['Idaho'],
		IL: ['Illinois'],
		IN: ['Indiana'],
		IA: ['Iowa'],
		KS: ['Kansas'],
		KY: ['Kentucky'],
		LA: ['Louisiana'],
		ME: ['Maine'],
		MD: ['Maryland'],
		MA: ['Massachusetts'],
		MI: ['Michigan'],
		MN: ['Minnesota'],
		MS: ['Mississippi'],
		MO: ['Missouri'],
		MT: ['Montana'],
		NE: ['Nebraska'],
		NV: ['Nevada'],
		NH: ['New Hampshire'],
		NJ: ['New Jersey'],
		NM: ['New Mexico'],
		NY: ['New York', 'New York State'],
		NC: ['North Carolina'],
		ND: ['North Dakota'],
		OH: ['Ohio'],
		OK: ['Oklahoma'],
		OR: ['Oregon'],
		PA: ['Pennsylvania'],
		RI: ['Rhode Island'],
		SC: ['South Carolina'],
		SD: ['South Dakota'],
		TN: ['Tennessee'],
		TX: ['Texas'],
		UT: ['Utah'],
		VT: ['Vermont'],
		VA: ['Virginia'],
		WA: ['Washington', 'Washington State'],
		WV: ['West Virginia'],
		WI: ['Wisconsin'],
		WY: ['Wyoming'],
		DC: ['District of Columbia', 'Washington DC', 'Washington D.C.'],
		PR: ['Puerto Rico'],
		GU: ['Guam'],
		VI: ['U.S. Virgin Islands', 'US Virgin Islands', 'Virgin Islands'],
		AS: ['American Samoa'],
		MP: ['Northern Mariana Islands'],
		UM: ['United States Minor Outlying Islands'],
	},
	CA: {
		AB: ['Alberta'],
		BC: ['British Columbia', 'Colombie-Britannique'],
		MB: ['Manitoba'],
		NB: ['New Brunswick', 'Nouveau-Brunswick'],
		NL: ['Newfoundland and Labrador', 'Newfoundland', 'Terre-Neuve-et-Labrador'],
		NS: ['Nova Scotia', 'Nouvelle-Écosse'],
		NT: ['Northwest Territories', 'Territoires du Nord-Ouest'],
		NU: ['Nunavut'],
		ON: ['Ontario'],
		PE: ['Prince Edward Island', 'Île-du-Prince-Édouard', 'PEI'],
		QC: ['Quebec', 'Québec', 'PQ'],
		SK: ['Saskatchewan'],
		YT: ['Yukon', 'Yukon Territory'],
	},
	// ISO 3166-2:IN after its 2019-2023 changes; the codes they replaced (CT, OR, TG, UT) are still read.
	IN: {
		AN: ['Andaman and Nicobar Islands'],
		AP: ['Andhra Pradesh'],
		AR: ['Arunachal Pradesh'],
		AS: ['Assam'],
		BR: ['Bihar'],
		CG: ['Chhattisgarh', 'CT'],
		CH: ['Chandigarh'],
		DH: ['Dadra and Nagar Haveli and Daman and Diu', 'Dadra and Nagar Haveli', 'Daman and Diu'],
		DL: ['Delhi', 'NCT of Delhi', 'New Delhi'],
		GA: ['Goa'],
		GJ: ['Gujarat'],
		HP: ['Himachal Pradesh'],
		HR: ['Haryana'],
		JH: ['Jharkhand'],
		JK: ['Jammu and Kashmir'],
		KA: ['Karnataka'],
		KL: ['Kerala'],
		LA: ['Ladakh'],
		LD: ['Lakshadweep'],
		MH: ['Maharashtra'],
		ML: ['Meghalaya'],
		MN: ['Manipur'],
		MP: ['Madhya Pradesh'],
		MZ: ['Mizoram'],
		NL: ['Nagaland'],
		OD: ['Odisha', 'Orissa', 'OR'],
		PB: ['Punjab'],
		PY: ['Puducherry', 'Pondicherry'],
		RJ: ['Rajasthan'],
		SK: ['Sikkim'],
		TN: ['Tamil Nadu'],
		TR: ['Tripura'],
		TS: ['Telangana', 'TG'],
		UK: ['Uttarakhand', 'Uttaranchal', 'UT'],
		UP: ['Uttar Pradesh'],
		WB: ['West Bengal'],
	},
	AU: {
		ACT: ['Australian Capital Territory'],
		NSW: ['New South Wales'],
		NT: ['Northern Territory'],
		QLD: ['Queensland'],
		SA: ['South Australia'],
		TAS: ['Tasmania'],
		VIC: ['Victoria'],
		WA: ['Western Australia'],
	},
};

interface RegionTables {
	byCountry: Map<string, Map<string, string>>;
	/** Full names only: a name ("Ontario") identifies its country, an abbreviation ("WA") does not. */
	byName: Map<string, string>;
}

let tables: RegionTables | undefined;

function build(): RegionTables {
	const byCountry = new Map<string, Map<string, string>>();
	const byName = new Map<string, string>();
	const ambiguous = new Set<string>();
	for (const [country, subdivisions] of Object.entries(SUBDIVISIONS)) {
		const table = new Map<string, string>();
		for (const [code, list] of Object.entries(subdivisions)) {
			const iso = `${country}-${code}`;
			table.set(code.toLowerCase(), iso);
			for (const name of list) {
				const key = foldKey(name);
				table.set(key, iso);
				if (key.length <= 3) continue;
				if (byName.has(key) && byName.get(key) !== iso) ambiguous.add(key);
				byName.set(key, iso);
			}
		}
		byCountry.set(country, table);
	}
	for (const key of ambiguous) byName.delete(key);
	return { byCountry, byName };
}

/** Whether regions of this country can be checked (it has a table here); others are kept as typed. */
export function hasRegionTable(country: string): boolean {
	return Object.hasOwn(SUBDIVISIONS, country);
}

export interface RegionResult {
	/** ISO 3166-2 code such as "US-CA"; undefined when the region is not in our tables. */
	code?: string;
	/** The country the region belongs to, when the region names it unambiguously. */
	country?: string;
}

/**
 * The ISO 3166-2 code of a region. With a known country the region is looked up in that country's table
 * (so "WA" is Washington in the US and Western Australia in Australia); without one, only full names count.
 */
export function regionCode(input: string, country: string | undefined): RegionResult {
	if (input.length > 100) return {};
	tables ??= build();
	let key = foldKey(input);
	if (!key) return {};
	if (country) {
		const table = tables.byCountry.get(country);
		if (!table) return {};
		// "US-CA" or "CA-ON" typed as the full ISO code.
		if (key.startsWith(country.toLowerCase()) && key.length > 2) {
			const rest = key.slice(country.length);
			if (table.has(rest) && rest.length <= 3 && input.includes('-')) key = rest;
		}
		const code = table.get(key);
		return code ? { code, country } : {};
	}
	const iso = /^([A-Za-z]{2})-([A-Za-z0-9]{1,3})$/.exec(input.trim());
	if (iso) return regionCode(iso[2], iso[1].toUpperCase());
	const code = tables.byName.get(key);
	return code ? { code, country: code.slice(0, 2) } : {};
}
