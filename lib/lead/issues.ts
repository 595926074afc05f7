/** Collecting quality issues while a lead is normalized; severity is decided later by the qualification rules. */
import type { QualityCode } from './schema';

export interface Finding {
	field: string;
	code: QualityCode;
	message: string;
}

export class Findings {
	readonly list: Finding[] = [];

	add(field: string, code: QualityCode, message: string): void {
		this.list.push({ field, code, message });
	}

	has(field: string, code?: QualityCode): boolean {
		return this.list.some((finding) => finding.field === field && (code === undefined || finding.code === code));
	}
}

/** Short, safe quoting of a user value inside a message (values can be megabytes or contain control text). */
export function quote(value: string): string {
	const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
	return `"${short}"`;
}
