/** Which reps may take this lead now, and why the others may not (capacity is checked later, atomically, by the store). */
import { isOutOfOffice, isWithinWorkingTime } from './calendar';
import type { Rep } from './roster';
import type { RuleConfig, Skipped, SkipReason } from './types';

export interface EligibilityContext {
	now: number;
	/** Reps excluded for this lead, e.g. the owner who breached the SLA. */
	excluded: Map<string, SkipReason>;
}

export function skipReason(rep: Rep, rule: RuleConfig, ctx: EligibilityContext): SkipReason | undefined {
	const excluded = ctx.excluded.get(rep.id);
	if (excluded) return excluded;
	if (!rep.active) return 'inactive';
	if (rep.outOfOffice.length && isOutOfOffice(ctx.now, rep.outOfOffice)) return 'out-of-office';
	if (rule.respectWorkingHours && !isWithinWorkingTime(ctx.now, rep.timeZone, rep.workingHours, rep.workingDays)) {
		return 'outside-working-hours';
	}
	for (const skill of rule.requiredSkills) if (!rep.skills.includes(skill)) return 'missing-skill';
	return undefined;
}

/** Splits reps into eligible ones (order kept) and skipped ones with their reason. */
export function filterEligible(reps: Rep[], rule: RuleConfig, ctx: EligibilityContext, skipped: Skipped[]): Rep[] {
	const eligible: Rep[] = [];
	for (const rep of reps) {
		const why = skipReason(rep, rule, ctx);
		if (why) skipped.push({ repId: rep.id, why });
		else eligible.push(rep);
	}
	return eligible;
}
