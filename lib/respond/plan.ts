/** Which messages an item should get, on which channel, and why not when it gets none. Pure decisions, no I/O. */
import type { LeadFacts } from './lead';
import { checkQuietHours, leadTimeZones, type QuietHours } from './quiet-hours';

export type LeadChannelMode = 'email' | 'sms' | 'smsWhenAllowed';

export interface ChannelRules {
	mode: LeadChannelMode;
	/** For `smsWhenAllowed`: SLA tiers (lower case) that get SMS; empty = any tier. */
	smsTiers: string[];
	/** For `smsWhenAllowed`: minimum lead score for SMS; undefined = no minimum. */
	smsMinScore?: number;
	requireSmsConsent: boolean;
	/** Whether an explicit `consent.email: false` stops the confirmation email. */
	respectEmailOptOut: boolean;
	quietHours?: QuietHours & { whenQuiet: 'defer' | 'email'; fallbackZone: string };
}

export type LeadPlan =
	| { kind: 'send'; channel: 'email' | 'sms'; to: string; note?: string }
	| { kind: 'defer'; channel: 'sms'; to: string; notBefore: number; zones: string[] }
	| { kind: 'skip'; reason: string };

function emailPlan(facts: LeadFacts, rules: ChannelRules, note?: string): LeadPlan {
	if (!facts.email) return { kind: 'skip', reason: 'The lead has no valid email address' };
	if (rules.respectEmailOptOut && facts.consentEmail === false) {
		return { kind: 'skip', reason: 'The lead opted out of email (consent.email is false)' };
	}
	return { kind: 'send', channel: 'email', to: facts.email, note };
}

function smsBlocker(facts: LeadFacts, rules: ChannelRules): string | undefined {
	if (!facts.phone) return 'The lead has no valid phone number';
	if (rules.requireSmsConsent && facts.consentSms !== true)
		return 'The lead did not consent to SMS (consent.sms is not true)';
	return undefined;
}

function qualifiesForSms(facts: LeadFacts, rules: ChannelRules): string | undefined {
	if (rules.smsTiers.length && !rules.smsTiers.includes((facts.slaTier ?? '').toLowerCase())) {
		return `SLA tier "${facts.slaTier ?? 'none'}" is not one that gets SMS`;
	}
	if (rules.smsMinScore !== undefined && !(typeof facts.score === 'number' && facts.score >= rules.smsMinScore)) {
		return `score ${facts.score ?? 'unknown'} is below ${rules.smsMinScore}`;
	}
	return undefined;
}

export function planLeadMessage(facts: LeadFacts, rules: ChannelRules, now: number, explicitZone: unknown): LeadPlan {
	if (rules.mode === 'email') return emailPlan(facts, rules);
	const blocker =
		smsBlocker(facts, rules) ?? (rules.mode === 'smsWhenAllowed' ? qualifiesForSms(facts, rules) : undefined);
	if (blocker)
		return rules.mode === 'sms'
			? { kind: 'skip', reason: blocker }
			: emailPlan(facts, rules, `email instead of SMS: ${blocker}`);
	const phone = facts.phone as string;
	if (!rules.quietHours) return { kind: 'send', channel: 'sms', to: phone };
	const zones = leadTimeZones(explicitZone, facts.country, rules.quietHours.fallbackZone);
	const check = checkQuietHours(now, zones, rules.quietHours);
	if (!check.quiet) return { kind: 'send', channel: 'sms', to: phone };
	if (rules.quietHours.whenQuiet === 'email') {
		const fallback = emailPlan(facts, rules, "email instead of SMS: quiet hours in the lead's time zone");
		if (fallback.kind === 'send') return fallback;
	}
	return { kind: 'defer', channel: 'sms', to: phone, notBefore: check.nextAllowed ?? now, zones };
}
