/**
 * Auto-Respond speed: from the start of a one-node workflow run (n8n-core's real engine, the built package) to the
 * SMTP server's acceptance of the message, on loopback. Baseline in the same run: a bare pooled nodemailer send of
 * the same message, so the ratio shows what the node adds (parameters, templates, idempotency claim + confirm).
 */
import { mkdtempSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join, resolve } from 'path';
import { performance } from 'perf_hooks';
import { log, percentile, round } from './util';

const SEQUENTIAL = 1000;
const CONCURRENT = 50;
const CONCURRENT_ROUNDS = 10;
const WARMUP = 50;

function summarize(prefix: string, samples: number[]): Record<string, number> {
	return {
		[`${prefix}_p50_ms`]: round(percentile(samples, 50), 2),
		[`${prefix}_p99_ms`]: round(percentile(samples, 99), 2),
	};
}

export async function run(): Promise<Record<string, number>> {
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'lead-routing-bench-'));
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	/* eslint-disable @typescript-eslint/no-require-imports */
	const engine = require('../test/helpers/engine') as typeof import('../test/helpers/engine');
	const { startSmtpServer, smtpCredentials } =
		require('../test/helpers/smtp-server') as typeof import('../test/helpers/smtp-server');
	const nodemailer = require('nodemailer') as typeof import('nodemailer');
	/* eslint-enable @typescript-eslint/no-require-imports */

	const server = await startSmtpServer({ keep: false });
	const credentials = { leadRoutingSmtp: smtpCredentials(server.port) };
	const workflow = engine.singleNode(
		'autoRespond',
		{ recipients: 'lead' },
		{ credentials: { leadRoutingSmtp: { id: 'b', name: 'SMTP' } } },
	);
	workflow.id = 'bench-respond';
	let counter = 0;
	const lead = () => ({
		email: `lead${++counter}@bench.test`,
		firstName: 'Bench',
		company: 'Bench & <Co>',
		country: 'US',
		submittedAt: new Date().toISOString(),
		routing: { ownerName: 'Rep One', ownerEmail: 'rep@acme.test' },
	});
	const sendOne = async (): Promise<number> => {
		const start = performance.now();
		const result = await engine.runWorkflow(workflow, { input: [lead()], credentials });
		const elapsed = performance.now() - start;
		if (result.outputs('Node')[0]?.length !== 1)
			throw new Error(`send failed: ${result.error('Node') ?? 'no item on Sent'}`);
		return elapsed;
	};

	const composeWorkflow = engine.singleNode('autoRespond', { delivery: 'compose' }, {});
	composeWorkflow.id = 'bench-respond-compose';
	const composeOne = async (): Promise<number> => {
		const start = performance.now();
		const result = await engine.runWorkflow(composeWorkflow, { input: [lead()] });
		const elapsed = performance.now() - start;
		if (result.outputs('Node')[0]?.length !== 1)
			throw new Error(`compose failed: ${result.error('Node') ?? 'no item on Sent'}`);
		return elapsed;
	};

	const baselineTransport = nodemailer.createTransport({
		host: '127.0.0.1',
		port: server.port,
		secure: false,
		ignoreTLS: true,
		pool: true,
		maxConnections: 5,
		maxMessages: 1000,
	});
	const baselineOne = async (): Promise<number> => {
		const start = performance.now();
		await baselineTransport.sendMail({
			from: 'sales@acme.test',
			to: `base${++counter}@bench.test`,
			subject: 'Thanks, Bench – we received your request',
			text: 'Hi Bench,\n\nthank you for contacting us on behalf of Bench & <Co>.',
			html: '<p>Hi Bench,</p><p>thank you for contacting us on behalf of Bench &amp; &lt;Co&gt;.</p>',
		});
		return performance.now() - start;
	};

	try {
		for (let i = 0; i < WARMUP; i++) {
			await sendOne();
			await composeOne();
			await baselineOne();
		}
		const baseline: number[] = [];
		for (let i = 0; i < SEQUENTIAL; i++) baseline.push(await baselineOne());
		const sequential: number[] = [];
		for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await sendOne());
		// The same node and engine without the network: what n8n and the node cost before SMTP.
		const composed: number[] = [];
		for (let i = 0; i < SEQUENTIAL; i++) composed.push(await composeOne());
		const concurrent: number[] = [];
		for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
			concurrent.push(...(await Promise.all(Array.from({ length: CONCURRENT }, () => sendOne()))));
		}
		const baselineConcurrent: number[] = [];
		for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
			baselineConcurrent.push(...(await Promise.all(Array.from({ length: CONCURRENT }, () => baselineOne()))));
		}
		const results: Record<string, number> = {
			...summarize('respond_seq', sequential),
			...summarize('respond_conc50', concurrent),
			...summarize('respond_compose_seq', composed),
			...summarize('respond_baseline_seq', baseline),
			...summarize('respond_baseline_conc50', baselineConcurrent),
			respond_smtp_connections: server.connections(),
			// Shared machines: loopback latency tails follow the load, so the figures carry it.
			respond_loadavg_1m: round(loadavg()[0], 1),
		};
		results.respond_seq_p99_ratio = round(results.respond_seq_p99_ms / results.respond_baseline_seq_p99_ms, 2);
		results.respond_conc50_p99_ratio = round(results.respond_conc50_p99_ms / results.respond_baseline_conc50_p99_ms, 2);
		for (const [key, value] of Object.entries(results)) log(`${key}: ${value}`);
		return results;
	} finally {
		baselineTransport.close();
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		(
			require(resolve(engine.packageRoot(), 'dist', 'lib', 'respond', 'smtp.js')) as { closeAllTransports(): void }
		).closeAllTransports();
		await server.close();
	}
}
