export interface TestLead {
	firstName: string;
	lastName: string;
	email: string;
	company: string;
	country: string;
	employees: number;
	message: string;
}

/** Distinct, deterministic leads; `tag` changes every email domain (e.g. for a second batch). */
export function makeLeads(count: number, options?: { tag?: string }): TestLead[];

export interface PostResult {
	/** 0 when the request itself failed (then `error` is set). */
	status: number;
	json?: unknown;
	text?: string;
	error?: string;
	ms: number;
}

/** Loopback only; at most `concurrency` requests in flight; results in input order. */
export function postAll(
	url: string,
	bodies: unknown[],
	options?: { concurrency?: number; timeoutMs?: number },
): Promise<PostResult[]>;

export function listExecutions<T = Record<string, unknown>>(
	api: <R = unknown>(method: string, path: string, body?: unknown) => Promise<R>,
	workflowId: string,
	options?: {
		includeData?: boolean;
		status?: 'success' | 'error' | 'waiting' | 'canceled' | 'running';
		pageSize?: number;
	},
): Promise<T[]>;

export function tally(values: Iterable<unknown>): Record<string, number>;
