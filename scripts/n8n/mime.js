/**
 * Just enough MIME to show what Auto-Respond sent: headers (unfolded, RFC 2047 words decoded), the text/plain and
 * text/html bodies (quoted-printable or base64), nested multiparts. Not a general mail parser.
 */

function parseHeaders(block) {
	const headers = {};
	const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
	for (const line of unfolded.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		const value = decodeWords(line.slice(colon + 1).trim());
		headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
	}
	return headers;
}

function decodeWords(value) {
	// RFC 2047: whitespace between two adjacent encoded words is not part of the text.
	return value
		.replace(/(\?=)\s+(?==\?)/g, '$1')
		.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, charset, enc, text) => {
			const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' '));
			return decodeCharset(bytes, charset);
		});
}

function qpBytes(text) {
	const soft = text.replace(/=\r?\n/g, '');
	const out = [];
	for (let i = 0; i < soft.length; i++) {
		const c = soft[i];
		if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
			out.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			for (const b of Buffer.from(c, 'utf8')) out.push(b);
		}
	}
	return Buffer.from(out);
}

function decodeCharset(bytes, charset) {
	const cs = String(charset || 'utf-8').toLowerCase();
	if (cs === 'utf-8' || cs === 'utf8' || cs === 'us-ascii') return bytes.toString('utf8');
	if (cs === 'iso-8859-1' || cs === 'latin1') return bytes.toString('latin1');
	try {
		return new TextDecoder(cs).decode(bytes);
	} catch {
		return bytes.toString('utf8');
	}
}

function param(headerValue, name) {
	const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(headerValue || '');
	return m ? (m[1] ?? m[2]) : undefined;
}

function decodeBody(body, headers) {
	const enc = String(headers['content-transfer-encoding'] || '').toLowerCase();
	const bytes =
		enc === 'base64'
			? Buffer.from(body.replace(/\s+/g, ''), 'base64')
			: enc === 'quoted-printable'
				? qpBytes(body)
				: Buffer.from(body, 'utf8');
	return decodeCharset(bytes, param(headers['content-type'], 'charset'));
}

function splitHead(raw) {
	const m = /\r?\n\r?\n/.exec(raw);
	if (!m) return { head: raw, body: '' };
	return { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

function walk(raw, found) {
	const { head, body } = splitHead(raw);
	const headers = parseHeaders(head);
	const type = String(headers['content-type'] || 'text/plain').toLowerCase();
	if (type.startsWith('multipart/')) {
		const boundary = param(headers['content-type'], 'boundary');
		if (!boundary) return headers;
		const parts = body.split(`--${boundary}`).slice(1);
		for (const part of parts) {
			if (part.startsWith('--')) break;
			// The line break before a boundary belongs to the boundary (RFC 2046), not to the part.
			walk(part.replace(/^\r?\n/, '').replace(/\r?\n$/, ''), found);
		}
	} else if (type.startsWith('text/html') && found.html === undefined) {
		found.html = decodeBody(body, headers);
	} else if (type.startsWith('text/') && found.text === undefined) {
		found.text = decodeBody(body, headers);
	}
	return headers;
}

/** @param {string} raw the message as received after DATA */
function parseMessage(raw) {
	const found = {};
	const headers = walk(raw, found);
	return {
		headers,
		subject: headers.subject ?? '',
		from: headers.from ?? '',
		to: headers.to ?? '',
		messageId: headers['message-id'] ?? '',
		text: found.text ?? '',
		html: found.html,
	};
}

module.exports = { parseMessage };
