import type { CapacityReason } from '../store/assignment';
import type { PoolStrategy } from '../store/strategies';

export type { PoolStrategy } from '../store/strategies';

export type RuleAction = 'accountOwner' | 'pool' | 'queue' | 'specificRep';

export interface RuleConfig {
	/** Stable id in the decision record: the rule's name as a slug, or `rule-<n>`. */
	id: string;
	name: string;
	action: RuleAction;
	/** specificRep: the rep's ID (or email). */
	repId: string;
	/** pool: team name; empty = the whole roster. */
	team: string;
	strategy: PoolStrategy;
	queueName: string;
	queueOwnerId: string;
	requiredSkills: string[];
	respectWorkingHours: boolean;
	/** What happens when the rule matched but nobody was eligible. */
	onNoEligible: 'fallback' | 'nextRule';
	/** queue: the team's booking page (http or https), empty when none. */
	teamBookingUrl: string;
}

export interface FallbackConfig {
	queueName: string;
	ownerId: string;
	ownerName: string;
	ownerEmail: string;
	/** The team's booking page (http or https), empty when none. */
	bookingUrl: string;
}

export type SkipReason =
	| CapacityReason
	| 'declined'
	| 'inactive'
	| 'missing-skill'
	| 'no-answer'
	| 'not-in-roster'
	| 'out-of-office'
	| 'outside-working-hours'
	| 'sla-breach';

export interface Skipped {
	repId: string;
	why: SkipReason;
}

export type RoutingReason =
	'account-owner' | 'empty-roster' | 'no-eligible-rep' | 'no-rule-matched' | 'pool' | 'queue' | 'specific-rep';

/** Why a lead left an owner: the owner declined it, did not answer in time, or it was routed again (e.g. an SLA breach). */
export type HandOffReason = 'declined' | 'no-answer' | 'reassigned';

/** One earlier owner of the lead, kept in the decision record's `history` (oldest first). */
export interface RoutingHistoryEntry {
	ownerId: string;
	ownerName: string;
	decisionId: string;
	assignedAt: string;
	endedAt: string;
	why: HandOffReason;
}

/** The decision record every item carries as `routing`. */
export interface RoutingRecord {
	ownerId: string;
	ownerName: string;
	ownerEmail: string;
	/** The owner's IANA time zone from the roster, when the roster gives one (SLA Timer's default Rep Time Zone). */
	ownerTimeZone: string | null;
	ruleId: string;
	ruleName: string;
	strategy: PoolStrategy | 'direct' | 'fallback' | 'queue';
	reason: RoutingReason;
	skipped: Skipped[];
	decisionId: string;
	assignedAt: string;
	dryRun: boolean;
	/** The queue's name when the lead went to a named queue or the fallback queue, otherwise null. */
	queue: string | null;
	/** Where the lead books a meeting: the rep's booking link, or the queue's (fallback's) team link; null when none is set. */
	ownerBookingUrl: string | null;
	/** The lead's earlier owners, oldest first; empty for a lead routed for the first time. */
	history: RoutingHistoryEntry[];
}

export interface Decision {
	outcome: 'assigned' | 'fallback';
	/** Index of the rule that assigned the lead, null for the fallback. */
	ruleIndex: number | null;
	routing: RoutingRecord;
}
