/**
 * Kinds of organisation a name says it is. A university, a ministry or a government holds units (institutes,
 * laboratories, museums, offices) that often write from its domain; a CRM may hold one such unit alone. A lead that
 * names an organisation of the holding kind from that domain is the holder's, not the unit's.
 */

// Words naming an organisation that holds units, in the registry's languages (folded as company keys are).
const HOLDER = new Set([
	'university',
	'universitat',
	'universite',
	'universidad',
	'universidade',
	'universita',
	'universiteit',
	'universitet',
	'universiti',
	'universitas',
	'uniwersytet',
	'univerzita',
	'ministry',
	'ministerio',
	'ministere',
	'ministero',
	'ministerium',
	'ministerstvo',
	'government',
	'gouvernement',
	'regierung',
	'gobierno',
	'governo',
]);

// Words naming a unit of a larger organisation.
const UNIT = new Set([
	'institute',
	'institut',
	'instituto',
	'istituto',
	'laboratory',
	'laboratoire',
	'laboratorio',
	'labor',
	'lab',
	'center',
	'centre',
	'centro',
	'zentrum',
	'station',
	'museum',
	'museo',
	'musee',
	'library',
	'bibliothek',
	'biblioteca',
	'bibliotheque',
	'faculty',
	'faculte',
	'facultad',
	'faculdade',
	'facolta',
	'school',
	'ecole',
	'escuela',
	'escola',
	'clinic',
	'klinik',
	'clinica',
	'hospital',
	'office',
	'division',
	'unit',
	'unite',
	'service',
	'program',
	'programme',
	'group',
	'observatory',
	'department',
	'departement',
	'departamento',
	'dipartimento',
]);

/** Whether a name has no holder's word, or a unit's word before it ("Zoology Museum of the University of Athens"). */
function unitFirst(words: readonly string[]): boolean {
	const holder = words.findIndex((word) => HOLDER.has(word));
	const unit = words.findIndex((word) => UNIT.has(word));
	return holder < 0 || (unit >= 0 && unit < holder);
}

/** Whether an account's names are a unit's: its name has a unit's word, and none names a holder before its unit. */
function namesUnit(accountNames: ReadonlyArray<readonly string[]>): boolean {
	const [name] = accountNames;
	return !!name?.some((word) => UNIT.has(word)) && accountNames.every(unitFirst);
}

/**
 * Whether the lead's name is a holder's (a university, a ministry, a government, with no word of a unit) and the
 * account's is a unit's (an institute, a centre, a museum; a holder named in it only after the unit, as "Institut für
 * Rechtspolitik an der Universität Trier" names its university).
 */
export function holderBesideUnit(
	leadTokens: readonly string[],
	accountNames: ReadonlyArray<readonly string[]>,
): boolean {
	return (
		leadTokens.some((word) => HOLDER.has(word)) && !leadTokens.some((word) => UNIT.has(word)) && namesUnit(accountNames)
	);
}

/**
 * The unit word a lead's name shares, written the same way, with an account whose names are all a unit's ("Laboratoire
 * …" and "Laboratoire …", "… Hospital" and "… Hospital"): the lead names a unit of the same kind, in the same language.
 * A translation writes the kind in its own language ("Institut …" for "… Institute"), so it has none.
 */
export function sameKindOfUnit(
	leadTokens: readonly string[],
	accountNames: ReadonlyArray<readonly string[]>,
): string | undefined {
	if (!namesUnit(accountNames)) return undefined;
	return leadTokens.find((word) => UNIT.has(word) && accountNames.some((words) => words.includes(word)));
}
