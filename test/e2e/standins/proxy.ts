/**
 * The intercepting proxy in front of every outside service a template calls. n8n reaches it through HTTPS_PROXY
 * and trusts its certificate authority through NODE_EXTRA_CA_CERTS; mockttp terminates TLS for any host and hands each
 * request to the vendor stand-ins. Nothing is ever forwarded: a request no stand-in recognises is answered with 501
 * and recorded (method, host, path), and the tests fail on it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { generateCACertificate, getLocal } from 'mockttp';
import type { Mockttp } from 'mockttp';
import { freePort } from '../../../scripts/n8n';

export interface StandInRequest {
	method: string;
	host: string;
	path: string;
	query: URLSearchParams;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface StandInReply {
	status: number;
	json?: unknown;
	text?: string;
	headers?: Record<string, string>;
}

export interface Vendor {
	name: string;
	hosts: string[];
	/** The reply, or undefined when this vendor's API has no such endpoint (the request is then unexpected). */
	handle(request: StandInRequest): StandInReply | undefined;
}

export interface RecordedCall extends StandInRequest {
	vendor: string;
	status: number;
	/** The parsed JSON body, or the form fields of a urlencoded body. */
	data: unknown;
}

/** n8n's own look-ups (version notices, community node catalogue): answered 404, never counted as template traffic. */
const N8N_OWN_HOSTS = ['api.n8n.io', 'n8n.io', 'www.n8n.io', 'telemetry.n8n.io', 'ph.n8n.io'];

export function parseBody(request: Pick<StandInRequest, 'body' | 'headers'>): unknown {
	const type = String(request.headers['content-type'] ?? '');
	if (!request.body) return undefined;
	if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(request.body));
	try {
		return JSON.parse(request.body) as unknown;
	} catch {
		return request.body;
	}
}

export class StandIns {
	readonly calls: RecordedCall[] = [];
	readonly unexpected: string[] = [];
	private server?: Mockttp;
	private dir = '';

	constructor(private readonly vendors: Vendor[]) {}

	async start(): Promise<void> {
		const ca = await generateCACertificate({ subject: { commonName: 'Lead Routing contract tests CA' } });
		this.dir = mkdtempSync(join(tmpdir(), 'lead-routing-standins-'));
		writeFileSync(join(this.dir, 'ca.pem'), ca.cert);
		this.server = getLocal({ https: { cert: ca.cert, key: ca.key } });
		await this.server.forAnyRequest().thenCallback(async (req) => {
			const url = new URL(req.url);
			const request: StandInRequest = {
				method: req.method,
				host: url.hostname,
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				body: (await req.body.getText()) ?? '',
			};
			const reply = this.dispatch(request);
			const headers = { 'content-type': 'application/json; charset=utf-8', ...reply.headers };
			return {
				statusCode: reply.status,
				headers,
				body: reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? ''),
			};
		});
		await this.server.start(await freePort('127.0.0.1'));
	}

	/** Environment for the n8n process (not for npm: install the package first). */
	runtimeEnv(): Record<string, string> {
		const proxy = `http://127.0.0.1:${this.server!.port}`;
		return {
			HTTPS_PROXY: proxy,
			HTTP_PROXY: proxy,
			https_proxy: proxy,
			http_proxy: proxy,
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: join(this.dir, 'ca.pem'),
		};
	}

	callsTo(vendor: string): RecordedCall[] {
		return this.calls.filter((c) => c.vendor === vendor);
	}

	/** Forget what was recorded (between scenarios); stand-in records (CRM contents) stay. */
	clear(): void {
		this.calls.length = 0;
		this.unexpected.length = 0;
	}

	async stop(): Promise<void> {
		await this.server?.stop();
		if (this.dir) rmSync(this.dir, { recursive: true, force: true });
	}

	private dispatch(request: StandInRequest): StandInReply {
		if (N8N_OWN_HOSTS.includes(request.host)) return { status: 404, json: {} };
		const vendor = this.vendors.find((v) => v.hosts.includes(request.host));
		const reply = vendor?.handle(request);
		if (!vendor || !reply) {
			const line = `${request.method} ${request.host}${request.path}${request.query.size ? `?${request.query}` : ''}`;
			this.unexpected.push(line);
			return { status: 501, text: `No stand-in answers ${line}` };
		}
		this.calls.push({ ...request, vendor: vendor.name, status: reply.status, data: parseBody(request) });
		return reply;
	}
}
