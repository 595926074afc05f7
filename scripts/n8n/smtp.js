/**
 * A local SMTP server that accepts every message, keeps it in memory and shows it: on the console (optional) and
 * on a small web page (`/`, refreshes itself) with the same data as JSON (`/messages.json`).
 * Used by `npm run demo`, the end-to-end tests and the end-to-end benchmark. Any user/password is accepted; no
 * dependencies, so the demo can start it before anything else is installed.
 */
const http = require('http');
const { createSmtpListener } = require('./smtp-protocol');
const { parseMessage } = require('./mime');

const MAX_KEPT = 1000;

/**
 * @param {{ host?: string, port?: number, httpPort?: number | false, log?: boolean | ((line: string) => void),
 *   keepRaw?: boolean }} [options]
 */
async function startSmtpServer(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const log = options.log === true ? (line) => console.log(line) : options.log || undefined;
	const messages = [];
	const listeners = new Set();
	let counter = 0;

	const server = createSmtpListener({
		onMessage({ from, to, data, receivedAt }) {
			const raw = data.toString('utf8');
			const message = { id: ++counter, receivedAt, envelope: { from, to }, ...parseMessage(raw) };
			if (options.keepRaw) message.raw = raw;
			messages.push(message);
			if (messages.length > MAX_KEPT) messages.shift();
			if (log) log(`[smtp] ${new Date(receivedAt).toISOString()} to ${to.join(', ')}: ${message.subject}`);
			for (const listener of listeners) listener(message);
			return String(message.id);
		},
	});
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = server.address().port;

	let web;
	let httpPort;
	if (options.httpPort !== false) {
		web = http.createServer((req, res) => serveWeb(req, res, messages));
		await new Promise((resolve, reject) => {
			web.once('error', reject);
			web.listen(options.httpPort ?? 0, host, () => resolve());
		});
		httpPort = web.address().port;
	}

	/** Resolves with the first message (already received or arriving later) that satisfies `predicate`. */
	function waitFor(predicate, timeoutMs = 10000) {
		const existing = messages.find(predicate);
		if (existing) return Promise.resolve(existing);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				listeners.delete(listener);
				reject(new Error(`No matching email within ${timeoutMs} ms (${messages.length} received)`));
			}, timeoutMs);
			const listener = (message) => {
				if (!predicate(message)) return;
				clearTimeout(timer);
				listeners.delete(listener);
				resolve(message);
			};
			listeners.add(listener);
		});
	}

	return {
		host,
		port,
		httpPort,
		webUrl: httpPort ? `http://${host}:${httpPort}/` : undefined,
		messages,
		waitFor,
		onMessage(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		clear() {
			messages.length = 0;
		},
		async stop() {
			listeners.clear();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve()));
			if (web) {
				web.closeAllConnections();
				await new Promise((resolve) => web.close(() => resolve()));
			}
		},
	};
}

function escapeHtml(value) {
	return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function serveWeb(req, res, messages) {
	const url = new URL(req.url, 'http://localhost');
	if (url.pathname === '/messages.json') {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(messages.map(({ raw: _raw, ...m }) => m)));
		return;
	}
	const one = /^\/message\/(\d+)$/.exec(url.pathname);
	if (one) {
		const m = messages.find((candidate) => candidate.id === Number(one[1]));
		if (!m) {
			res.writeHead(404).end();
			return;
		}
		// The message as the recipient's mail client shows it, links and buttons included; its scripts never run.
		res.writeHead(200, {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "script-src 'none'; object-src 'none'",
		});
		res.end(m.html || `<!doctype html><meta charset="utf-8"><pre>${escapeHtml(m.text)}</pre>`);
		return;
	}
	if (url.pathname !== '/') {
		res.writeHead(404).end();
		return;
	}
	const rows = [...messages]
		.reverse()
		.map(
			(m) => `<article><header><b>${escapeHtml(m.subject || '(no subject)')}</b><br>
<small>${escapeHtml(new Date(m.receivedAt).toISOString())} · from ${escapeHtml(m.from || m.envelope.from)} · to ${escapeHtml(
				m.envelope.to.join(', '),
			)} · <a href="/message/${m.id}">open</a></small></header><pre>${escapeHtml(m.text || (m.html ? m.html.replace(/<[^>]+>/g, '') : ''))}</pre></article>`,
		)
		.join('\n');
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
	res.end(`<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Local mailbox (${messages.length})</title><style>
body{font-family:system-ui,sans-serif;max-width:860px;margin:2em auto;color:#222}
article{border:1px solid #ddd;border-radius:6px;padding:.8em 1em;margin:.8em 0}
pre{white-space:pre-wrap;font-family:inherit;margin:.6em 0 0}small{color:#666}</style></head>
<body><h1>Local mailbox</h1><p>${messages.length} message(s) received by the demo SMTP server. This page refreshes itself.</p>
${rows || '<p><i>Nothing yet: submit the lead form.</i></p>'}</body></html>`);
}

module.exports = { startSmtpServer };
