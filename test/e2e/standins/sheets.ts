/**
 * Google Sheets API v4 as documented, for what n8n's Google Sheets node (v4.7) calls on one spreadsheet:
 * - spreadsheets.get with `fields=sheets.properties`: https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/get
 * - spreadsheets.values.get (A1 ranges, trailing empty cells trimmed): https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/get
 * - spreadsheets.values.append / update / batchUpdate: https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values
 * - spreadsheets.batchUpdate (grid size requests): https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/batchUpdate
 * OAuth2 bearer token; errors are { error: { code, message, status } } (https://cloud.google.com/apis/design/errors).
 */
import type { StandInReply, StandInRequest, Vendor } from './proxy';
import { parseBody } from './proxy';

type Grid = string[][];

const fail = (code: number, status: string, message: string): StandInReply => ({
	status: code,
	json: { error: { code, message, status } },
});

function columnIndex(letters: string): number {
	return (
		letters
			.toUpperCase()
			.split('')
			.reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1
	);
}

function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

interface A1 {
	sheet: string;
	startRow: number;
	endRow: number;
	startCol: number;
	endCol: number;
}

export class SheetsStandIn implements Vendor {
	readonly name = 'google-sheets';
	readonly hosts = ['sheets.googleapis.com'];
	readonly sheets = new Map<string, Grid>();

	constructor(
		private readonly token: string,
		readonly spreadsheetId: string,
	) {}

	handle(req: StandInRequest): StandInReply | undefined {
		if (req.headers.authorization !== `Bearer ${this.token}`) {
			return fail(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
		}
		const prefix = `/v4/spreadsheets/${this.spreadsheetId}`;
		if (!req.path.startsWith(prefix)) {
			return req.path.startsWith('/v4/spreadsheets/')
				? fail(404, 'NOT_FOUND', 'Requested entity was not found.')
				: undefined;
		}
		const rest = decodeURIComponent(req.path.slice(prefix.length));
		const body = (parseBody(req) ?? {}) as Record<string, unknown>;
		if (req.method === 'GET' && rest === '') return this.metadata();
		if (req.method === 'POST' && rest === ':batchUpdate')
			return { status: 200, json: { spreadsheetId: this.spreadsheetId, replies: [] } };
		if (req.method === 'POST' && rest === '/values:batchUpdate') {
			const data = Array.isArray(body.data) ? (body.data as Array<{ range: string; values: unknown[][] }>) : [];
			for (const entry of data) {
				const problem = this.write(entry.range, entry.values);
				if (problem) return problem;
			}
			return { status: 200, json: { spreadsheetId: this.spreadsheetId, totalUpdatedRanges: data.length } };
		}
		let m: RegExpExecArray | null;
		if ((m = /^\/values\/(.+):append$/.exec(rest)) && req.method === 'POST')
			return this.append(m[1], body.values as unknown[][]);
		if ((m = /^\/values\/(.+)$/.exec(rest))) {
			if (req.method === 'GET') return this.read(m[1]);
			if (req.method === 'PUT')
				return (
					this.write(m[1], body.values as unknown[][]) ?? {
						status: 200,
						json: { spreadsheetId: this.spreadsheetId, updatedRange: m[1] },
					}
				);
		}
		return undefined;
	}

	private metadata(): StandInReply {
		const sheets = [...this.sheets.keys()].map((title, index) => ({
			properties: {
				sheetId: index === 0 ? 0 : 1000 + index,
				title,
				index,
				sheetType: 'GRID',
				gridProperties: { rowCount: 1000, columnCount: 26 },
			},
		}));
		return { status: 200, json: { sheets } };
	}

	private parse(range: string): A1 | StandInReply {
		const m = /^(?:'((?:[^']|'')+)'|([^!]+))(?:!([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?)?$/i.exec(range);
		if (!m) return fail(400, 'INVALID_ARGUMENT', `Unable to parse range: ${range}`);
		const sheet = (m[1] ?? m[2]).replace(/''/g, "'");
		if (!this.sheets.has(sheet)) return fail(400, 'INVALID_ARGUMENT', `Unable to parse range: ${range}`);
		const [, , , c1, r1, c2, r2] = m;
		return {
			sheet,
			startCol: c1 ? columnIndex(c1) : 0,
			startRow: r1 ? Number(r1) - 1 : 0,
			endCol: c2 ? columnIndex(c2) : c1 && !m[5] && r1 ? columnIndex(c1) : 10000,
			endRow: r2 ? Number(r2) - 1 : r1 && !m[5] ? Number(r1) - 1 : 1000000,
		};
	}

	private read(range: string): StandInReply {
		const a1 = this.parse(range);
		if ('status' in a1) return a1;
		const grid = this.sheets.get(a1.sheet)!;
		const values = grid
			.slice(a1.startRow, a1.endRow + 1)
			.map((row) => row.slice(a1.startCol, a1.endCol + 1))
			.map((row) => {
				let end = row.length;
				while (end && (row[end - 1] ?? '') === '') end--;
				return row.slice(0, end);
			});
		while (values.length && !values[values.length - 1].length) values.pop();
		const width = Math.max(0, ...values.map((r) => r.length));
		const used = `${a1.sheet}!${columnName(a1.startCol)}${a1.startRow + 1}:${columnName(a1.startCol + Math.max(width, 1) - 1)}${a1.startRow + Math.max(values.length, 1)}`;
		return { status: 200, json: { range: used, majorDimension: 'ROWS', ...(values.length ? { values } : {}) } };
	}

	private write(range: string, values: unknown[][]): StandInReply | undefined {
		const a1 = this.parse(range);
		if ('status' in a1) return a1;
		const grid = this.sheets.get(a1.sheet)!;
		(values ?? []).forEach((row, r) => {
			const target = (grid[a1.startRow + r] ??= []);
			row.forEach((cell, c) => (target[a1.startCol + c] = cell === null || cell === undefined ? '' : String(cell)));
		});
		for (let i = 0; i < grid.length; i++) grid[i] ??= [];
		return undefined;
	}

	private append(range: string, values: unknown[][]): StandInReply {
		const a1 = this.parse(range);
		if ('status' in a1) return a1;
		const grid = this.sheets.get(a1.sheet)!;
		let last = grid.length;
		while (last > 0 && !(grid[last - 1] ?? []).some((c) => c !== '')) last--;
		const start = Math.max(last, a1.startRow);
		const problem = this.write(`'${a1.sheet.replace(/'/g, "''")}'!A${start + 1}`, values);
		if (problem) return problem;
		return {
			status: 200,
			json: {
				spreadsheetId: this.spreadsheetId,
				updates: { updatedRange: `${a1.sheet}!A${start + 1}`, updatedRows: values?.length ?? 0 },
			},
		};
	}
}
