/**
 * A local HTTP server standing in for Twilio's REST API (a stand-in, not Twilio): it accepts
 * POST /2010-04-01/Accounts/{sid}/Messages.json with basic auth and a form body the way Twilio documents it, records
 * every request, and answers like Twilio (201 with a message SID, or an error object with code and message).
 */
import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

export interface StandInRequest {
	method: string;
	path: string;
	authorization: string;
	contentType: string;
	form: Record<string, string>;
}

export interface TwilioStandIn {
	baseUrl: string;
	requests: StandInRequest[];
	/** Answer the next sends with this error instead of accepting them. */
	failWith?: { status: number; code: number; message: string };
	/** Create the next messages, then break the connection instead of answering (the answer is lost on the way). */
	loseAnswers?: boolean;
	close(): Promise<void>;
}

export const STANDIN_SID = 'AC00000000000000000000000000000001';
export const STANDIN_TOKEN = 'standin-auth-token';

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
	let counter = 0;
	const standIn: TwilioStandIn = { baseUrl: '', requests: [], close: async () => {} };
	const expectedAuth = `Basic ${Buffer.from(`${STANDIN_SID}:${STANDIN_TOKEN}`).toString('base64')}`;
	const server: Server = createServer(async (request, response) => {
		const body = await readBody(request);
		const record: StandInRequest = {
			method: request.method ?? '',
			path: request.url ?? '',
			authorization: request.headers.authorization ?? '',
			contentType: request.headers['content-type'] ?? '',
			form: Object.fromEntries(new URLSearchParams(body)),
		};
		standIn.requests.push(record);
		const reply = (status: number, json: IDataObject) => {
			response.writeHead(status, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(json));
		};
		if (record.authorization !== expectedAuth) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
		if (record.method === 'GET' && record.path === `/2010-04-01/Accounts/${STANDIN_SID}.json`)
			return reply(200, { sid: STANDIN_SID, status: 'active' });
		if (record.method !== 'POST' || record.path !== `/2010-04-01/Accounts/${STANDIN_SID}/Messages.json`) {
			return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
		}
		if (!record.contentType.startsWith('application/x-www-form-urlencoded'))
			return reply(400, { code: 21000, message: 'Expected a form body', status: 400 });
		if (standIn.failWith)
			return reply(standIn.failWith.status, {
				code: standIn.failWith.code,
				message: standIn.failWith.message,
				status: standIn.failWith.status,
			});
		if (!/^\+[1-9]\d{6,14}$/.test(record.form.To ?? ''))
			return reply(400, {
				code: 21211,
				message: `The 'To' number ${record.form.To} is not a valid phone number.`,
				status: 400,
			});
		if (!record.form.Body) return reply(400, { code: 21602, message: 'Message body is required.', status: 400 });
		counter++;
		if (standIn.loseAnswers) return void request.socket.destroy();
		return reply(201, {
			sid: `SM${String(counter).padStart(32, '0')}`,
			status: 'queued',
			to: record.form.To,
			from: record.form.From,
			body: record.form.Body,
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	standIn.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	standIn.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return standIn;
}

export function twilioCredentials(baseUrl: string, extra: IDataObject = {}): ICredentialDataDecryptedObject {
	return { accountSid: STANDIN_SID, authToken: STANDIN_TOKEN, defaultFrom: '+15005550006', baseUrl, ...extra };
}
