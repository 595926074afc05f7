/**
 * Bench-only node types added to the package loader of test/helpers/engine.ts, so whole workflows run on n8n-core's
 * real engine without n8n's built-in nodes:
 * - `benchFeed`: two inputs, two outputs, passes each input to the same-numbered output. The engine seeds one start
 *   node; fed [leads, accounts] it sends leads to Normalize Lead and accounts to Match Account's second input.
 * - `benchPass`: one input, one output, passes the items on (the engine's own per-node cost, for baselines).
 */
import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

type Engine = typeof import('../test/helpers/engine');

function description(name: string, inputs: number): INodeTypeDescription {
	const main = Array.from({ length: inputs }, () => 'main' as const);
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: 'Benchmark plumbing',
		defaults: { name },
		inputs: main,
		outputs: main,
		properties: [],
	} as unknown as INodeTypeDescription;
}

const feed: INodeType = {
	description: description('benchFeed', 2),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData(0), this.getInputData(1)];
	},
};

const pass: INodeType = {
	description: description('benchPass', 1),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData(0)];
	},
};

/** The package folder holding dist/: the env override, else the repository root above the compiled bench. */
export function builtPackageDir(): string | undefined {
	const candidates = [
		process.env.LEAD_ROUTING_PACKAGE_DIR,
		resolve(__dirname, '..', '..', '..'),
		resolve(__dirname, '..'),
	];
	return candidates.find((dir) => dir && existsSync(join(dir, 'dist', 'nodes', 'RouteLead', 'RouteLead.node.js')));
}

/** Loads the engine helper with the built package and registers the bench node types on its loader. */
export async function engineWithFeed(): Promise<Engine> {
	const dir = builtPackageDir();
	if (!dir) throw new Error('no built package (dist/) found: run npm run build or set LEAD_ROUTING_PACKAGE_DIR');
	process.env.LEAD_ROUTING_PACKAGE_DIR = resolve(dir);
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'lead-routing-bench-'));
	// Loaded lazily: the engine is heavy and must see the environment set above.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const engine = require('../test/helpers/engine') as Engine;
	const loader = await engine.loadPackage();
	const extra: Record<string, INodeType> = { benchFeed: feed, benchPass: pass };
	const getNode = loader.getNode.bind(loader);
	loader.getNode = (type: string) => (extra[type] ? { type: extra[type], sourcePath: __filename } : getNode(type));
	return engine;
}

/** A module of the built package (dist/…), i.e. the same instance the loaded nodes use. */
export function packageModule<T>(relativePath: string): T {
	const dir = builtPackageDir();
	if (!dir) throw new Error('no built package');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(resolve(dir, 'dist', relativePath)) as T;
}
