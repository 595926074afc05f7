/**
 * The lead score's model: which facts earn a lead points for fit (who they are) and for intent (what they asked for
 * and where they came from), with the default weights and word lists. Normalize Lead's *Score Rules (JSON)* option
 * replaces any top-level part of it; *Target Countries* and *Target Industries* name the lists that are the user's own.
 */
import { z } from 'zod';
import { foldWords } from '../text/clean';

const points = z.number().int().min(-100).max(100);
const wordGroup = z
	.object({
		label: z.string().trim().min(1).max(60),
		points,
		words: z.array(z.string().trim().min(1).max(80)).min(1).max(500),
	})
	.strict();

export const SOURCE_KINDS = ['paid', 'referral', 'organic', 'email', 'social'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const scoreRulesSchema = z
	.object({
		segment: z.object({ Enterprise: points, 'Mid-Market': points, SMB: points }).partial().strict(),
		businessEmail: points,
		roleAddress: points,
		targetCountry: points,
		targetIndustry: points,
		/** Job-title groups in order; the first group with a word in the title counts. */
		seniority: z.array(wordGroup).max(20),
		fitMax: z.number().int().min(0).max(100),
		/** Message word groups; each group with a word in the message counts once. */
		intent: z.array(wordGroup).max(50),
		source: z
			.object({ paid: points, referral: points, organic: points, email: points, social: points })
			.partial()
			.strict(),
		intentMax: z.number().int().min(0).max(100),
	})
	.partial()
	.strict();

export type ScoreRules = Required<z.infer<typeof scoreRulesSchema>>;
export type WordGroup = z.infer<typeof wordGroup>;

export const DEFAULT_SCORE_RULES: ScoreRules = {
	segment: { Enterprise: 25, 'Mid-Market': 15, SMB: 5 },
	businessEmail: 10,
	roleAddress: -5,
	targetCountry: 10,
	targetIndustry: 5,
	seniority: [
		// Checked first, so "Assistant to the CEO" is not read as the CEO.
		{
			label: 'Junior',
			points: 0,
			words: [
				'assistant',
				'intern',
				'internship',
				'student',
				'trainee',
				'apprentice',
				'praktikant',
				'werkstudent',
				'stagiaire',
				'becario',
			],
		},
		{
			label: 'Executive',
			points: 15,
			words: [
				'ceo',
				'cto',
				'cfo',
				'coo',
				'cmo',
				'cro',
				'cio',
				'ciso',
				'cpo',
				'chief',
				'founder',
				'co founder',
				'cofounder',
				'owner',
				'president',
				'partner',
				'managing director',
				'vp',
				'svp',
				'evp',
				'vice president',
				'geschaftsfuhrer',
				'geschaftsfuhrerin',
				'inhaber',
				'inhaberin',
				'vorstand',
				'pdg',
				'directeur general',
				'director general',
			],
		},
		{
			label: 'Director',
			points: 10,
			words: ['director', 'head', 'directeur', 'directrice', 'leiter', 'leiterin', 'bereichsleiter', 'jefe', 'jefa'],
		},
		{
			label: 'Manager',
			points: 5,
			words: ['manager', 'lead', 'team lead', 'supervisor', 'responsable', 'gerente', 'teamleiter', 'teamleiterin'],
		},
	],
	fitMax: 65,
	intent: [
		{
			label: 'pricing',
			points: 10,
			words: [
				'pricing',
				'price',
				'prices',
				'quote',
				'quotation',
				'cost',
				'costs',
				'budget',
				'purchase',
				'buy',
				'license',
				'licenses',
				'licence',
				'licences',
				'plan',
				'plans',
				'seats',
				'preis',
				'preise',
				'angebot',
				'kosten',
				'prix',
				'tarif',
				'tarifs',
				'devis',
				'precio',
				'precios',
				'presupuesto',
				'cotizacion',
			],
		},
		{
			label: 'a demo or a call',
			points: 10,
			words: [
				'demo',
				'demonstration',
				'trial',
				'call',
				'call me',
				'meeting',
				'talk to sales',
				'contact sales',
				'book',
				'walkthrough',
				'rendez vous',
				'appel',
				'termin',
				'ruckruf',
				'llamada',
				'reunion',
				'prueba',
			],
		},
		{
			label: 'urgency',
			points: 5,
			words: [
				'urgent',
				'urgently',
				'asap',
				'as soon as possible',
				'immediately',
				'today',
				'this week',
				'deadline',
				'dringend',
				'sofort',
				'urgente',
				'rapidement',
			],
		},
	],
	source: { paid: 10, referral: 10, organic: 5, email: 5, social: 0 },
	intentMax: 35,
};

export interface CompiledWord {
	text: string;
	/** Folded and padded (" call me "), for a whole-word search in folded text. */
	folded: string;
}

export interface CompiledGroup {
	label: string;
	points: number;
	words: CompiledWord[];
}

export interface ScoreModel {
	rules: ScoreRules;
	seniority: CompiledGroup[];
	intent: CompiledGroup[];
	targetCountries: ReadonlySet<string>;
	targetIndustries: CompiledWord[];
}

function compileWords(words: string[]): CompiledWord[] {
	return words.map((text) => ({ text, folded: foldWords(text) })).filter((word) => word.folded.trim() !== '');
}

function compileGroups(groups: WordGroup[]): CompiledGroup[] {
	return groups.map((group) => ({ label: group.label, points: group.points, words: compileWords(group.words) }));
}

/** The rules with the user's parts in place of the defaults' (a part replaces the default part whole, lists included). */
export function compileScoreModel(
	overrides: z.infer<typeof scoreRulesSchema>,
	targetCountries: string[],
	targetIndustries: string[],
): ScoreModel {
	const rules: ScoreRules = { ...DEFAULT_SCORE_RULES, ...overrides };
	return {
		rules,
		seniority: compileGroups(rules.seniority),
		intent: compileGroups(rules.intent),
		targetCountries: new Set(targetCountries),
		targetIndustries: compileWords(targetIndustries),
	};
}

/** The first of `words` that appears as a whole word or phrase in `folded` (text from foldWords). */
export function findWord(folded: string, words: CompiledWord[]): string | undefined {
	return words.find((word) => folded.includes(word.folded))?.text;
}
