/**
 * Company size as forms and CRMs write it: "50-200", "1,000+", "10k", "5000 employees", "1.001–5.000",
 * "Self-employed", "Just me". A range becomes its midpoint (the best single guess); "N+" becomes N.
 */

export interface EmployeeCount {
	employees: number;
	min: number;
	max?: number;
}

const WORDS: Record<string, number> = { selfemployed: 1, justme: 1, onlyme: 1, me: 1, solo: 1, freelancer: 1 };

function parseNumber(token: string): number | undefined {
	const match = /^(\d{1,3}(?:[.,\s]\d{3})+|\d+(?:[.,]\d+)?)\s*([km])?$/i.exec(token.trim());
	if (!match) return undefined;
	let digits = match[1];
	const unit = match[2]?.toLowerCase();
	// "1,000" and "1.000" are thousands; "1.5k" is one and a half thousand.
	if (/^\d{1,3}(?:[.,\s]\d{3})+$/.test(digits) && !unit) digits = digits.replace(/[.,\s]/g, '');
	else digits = digits.replace(',', '.');
	const value = Number(digits);
	if (!Number.isFinite(value)) return undefined;
	const multiplier = unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1;
	return Math.round(value * multiplier);
}

export function parseEmployees(input: unknown): EmployeeCount | undefined {
	if (typeof input === 'number') {
		return Number.isFinite(input) && input >= 0 && input < 1e8
			? { employees: Math.round(input), min: Math.round(input) }
			: undefined;
	}
	if (typeof input !== 'string' || input.length > 100) return undefined;
	const text = input
		.toLowerCase()
		.replace(
			/\b(employees?|staff|people|persons?|fte|mitarbeiter|empleados|salariés|headcount|team members?|approx\.?|about|around|ca\.?|~)\b/g,
			' ',
		)
		.replace(/\s+/g, ' ')
		.trim();
	const compact = text.replace(/[^a-z]/g, '');
	// Own keys only: a lead typing "constructor" must not read Object.prototype.
	const word = Object.hasOwn(WORDS, compact) ? WORDS[compact] : undefined;
	if (word) return { employees: word, min: word };
	const plus = /^(?:more than|over|>|≥|>=)?\s*([\d.,\sk]+?)\s*(?:\+|or more|and more|and above|plus)?$/.exec(text);
	const range = /^([\d.,k ]+?)\s*(?:-|–|—|to|bis|a|à)\s*([\d.,k ]+)$/.exec(text);
	if (range) {
		const min = parseNumber(range[1]);
		const max = parseNumber(range[2]);
		if (min === undefined || max === undefined || max < min) return undefined;
		return { employees: Math.round((min + max) / 2), min, max };
	}
	const under = /^(?:less than|under|fewer than|<|up to)\s*([\d.,k ]+)$/.exec(text);
	if (under) {
		const max = parseNumber(under[1]);
		return max === undefined ? undefined : { employees: Math.max(1, Math.round(max / 2)), min: 1, max };
	}
	if (plus) {
		const value = parseNumber(plus[1]);
		return value === undefined || value >= 1e8 ? undefined : { employees: value, min: value };
	}
	return undefined;
}

// The bands most B2B data providers (LinkedIn, ZoomInfo, Clearbit) use.
const BANDS: Array<[number, string]> = [
	[10, '1-10'],
	[50, '11-50'],
	[200, '51-200'],
	[500, '201-500'],
	[1000, '501-1000'],
	[5000, '1001-5000'],
	[10000, '5001-10000'],
];

export function employeeBand(employees: number): string {
	for (const [max, band] of BANDS) if (employees <= max) return band;
	return '10001+';
}

export type Segment = 'SMB' | 'Mid-Market' | 'Enterprise';

export interface SegmentThresholds {
	/** Employees from which a company is Mid-Market (below: SMB). */
	midMarketFrom: number;
	/** Employees from which a company is Enterprise. */
	enterpriseFrom: number;
}

export const DEFAULT_SEGMENTS: SegmentThresholds = { midMarketFrom: 100, enterpriseFrom: 1000 };

export function segmentFor(employees: number, thresholds: SegmentThresholds = DEFAULT_SEGMENTS): Segment {
	if (employees >= thresholds.enterpriseFrom) return 'Enterprise';
	if (employees >= thresholds.midMarketFrom) return 'Mid-Market';
	return 'SMB';
}
