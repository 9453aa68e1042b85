// Helpers of the proxy's hostile suite (proxy-hostile.test.mjs): exact bytes over a raw
// socket (for what `fetch` refuses to send or would normalise first), tokens forged
// by hand or with `jose` (independent of the code under test), and a canary server
// that no request may ever reach.
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { SignJWT, base64url } from 'jose';

/** Sends `bytes` as they are to 127.0.0.1:`port` and reads one HTTP/1.1 answer
 * (Content-Length, chunked, or up to the close); `{ status, headers, body, raw }` with
 * header names in lower case, or `{ status: 0, raw }` when the connection closed or
 * hung without an answer. */
export function rawRequest(port, bytes, { timeoutMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (answer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ ...parse(data, true), hung: true }), timeoutMs);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const answer = parse(data, false);
      if (answer) finish(answer);
    });
    socket.on('end', () => finish(parse(data, true)));
    socket.on('error', () => finish(parse(data, true)));
    socket.write(bytes);
  });
}

/** One answer from `data`, or undefined while it is incomplete (unless `closed`). */
function parse(data, closed) {
  const raw = data.toString('latin1');
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return closed ? { status: 0, headers: {}, body: '', raw } : undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
  }
  const status = Number(statusLine.split(' ')[1]);
  let rest = data.subarray(Buffer.byteLength(raw.slice(0, end + 4), 'latin1'));
  let body;
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const chunks = [];
    for (;;) {
      const text = rest.toString('latin1');
      const lineEnd = text.indexOf('\r\n');
      if (lineEnd < 0) break;
      const size = parseInt(text.slice(0, lineEnd), 16);
      if (size === 0) {
        body = Buffer.concat(chunks).toString('utf8');
        break;
      }
      if (rest.length < lineEnd + 2 + size + 2) break;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    if (body === undefined && !closed) return undefined;
    body ??= Buffer.concat(chunks).toString('utf8');
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.length < length && !closed) return undefined;
    body = rest.subarray(0, length).toString('utf8');
  } else {
    if (!closed && status !== 204 && status !== 304) return undefined;
    body = rest.toString('utf8');
  }
  return { status, headers, body, raw };
}

/** A request head (and body) with CRLF line ends, from its request line and header
 * lines, exactly as given. */
export function head(requestLine, headerLines, body = '') {
  return `${requestLine}\r\n${headerLines.map((line) => `${line}\r\n`).join('')}\r\n${body}`;
}

const encoder = new TextEncoder();
const unix = () => Math.floor(Date.now() / 1000);

/** A token signed with `jose` (HS256 by default) from `claims` merged over valid ones. */
export function joseToken(secret, { sub, scope = 'customer', ttl = 600, claims = {}, header = { alg: 'HS256' } }) {
  const now = unix();
  const body = { sub, scope, aud: 'stripe-edge', iat: now, exp: now + ttl, ...claims };
  for (const [key, value] of Object.entries(body)) if (value === undefined) delete body[key];
  return new SignJWT(body).setProtectedHeader(header).sign(encoder.encode(secret));
}

/** A token put together by hand: any header and claims, and a signature made with
 * HMAC-SHA256 over the first two parts when `secret` is given, else `signature`. */
export function handToken({ header = { alg: 'HS256', typ: 'JWT' }, claims, secret, signature = '' }) {
  const part = (value) => (typeof value === 'string' ? base64url.encode(value) : base64url.encode(JSON.stringify(value)));
  const signed = `${part(header)}.${part(claims)}`;
  if (secret === undefined) return `${signed}.${signature}`;
  return `${signed}.${base64url.encode(createHmac('sha256', secret).update(signed).digest())}`;
}

/** Valid claims for `sub` at this second, for hand-made tokens. */
export function claimsFor(sub, fields = {}) {
  const now = unix();
  return { sub, scope: 'customer', aud: 'stripe-edge', iat: now, exp: now + 600, ...fields };
}

/** An HTTP server on 127.0.0.1 that records every request it gets and answers with a
 * Stripe-shaped empty list: what a redirected or smuggled call would reach. */
export async function startCanary() {
  const hits = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      hits.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [], has_more: false, url: '/v1/invoices' }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { hits, port: server.address().port, url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** An HTTP server on 127.0.0.1 that answers every request with a 302 to `target` (plus
 * the request's path), as a hostile or misconfigured upstream would. */
export async function startRedirector(target) {
  const server = createServer((req, res) => {
    res.writeHead(302, { location: `${target}/redirected${req.url}` });
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}
