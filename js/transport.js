// How the client's driver sends a request the core built, and reads the answer: through
// a `fetch`, or in Node through `node:http`/`node:https` with keep-alive agents, as
// stripe-node does there (Node's `fetch` costs a few hundred µs more per request). Each
// answers `{ status, headers: { get(name) }, body }`, the body as text or, for
// `request.binary`, bytes; a failure to get an answer (refused, dropped, timed out)
// rejects. Which answers count and what is retried stays the core's.

/** A transport over `fetch` (the platform's, or one the caller gave). */
export function fetchTransport(fetch) {
  return async (request, signal) => {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? undefined,
      signal: signal ? anySignal([signal, timeout]) : timeout,
    });
    const body = request.binary ? new Uint8Array(await response.arrayBuffer()) : await response.text();
    return { status: response.status, headers: response.headers, body };
  };
}

/** The transport used when the caller gives no `fetch`: Node's own HTTP client where it
 * runs in Node, the platform's `fetch` elsewhere (browsers, workerd, Deno). */
export function defaultTransport() {
  const node = globalThis.navigator?.userAgent === 'Cloudflare-Workers' ? undefined : globalThis.process?.getBuiltinModule;
  const http = node?.('node:http');
  const https = node?.('node:https');
  if (!http?.request || !https?.request) return fetchTransport((...args) => globalThis.fetch(...args));
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return (request, signal) =>
    new Promise((resolve, reject) => {
      // The core built the URL; Node reads it (and refuses any other protocol).
      const secure = request.url.startsWith('https:');
      const agent = secure ? agents.https : agents.http;
      const send = secure ? https.request : http.request;
      const headers = Object.fromEntries(request.headers);
      // As fetch does: a body's length, not a chunked upload.
      if (request.body != null) headers['Content-Length'] = Buffer.byteLength(request.body);
      const sent = send(request.url, { method: request.method, headers, agent, signal }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', fail);
        res.on('close', () => res.complete || fail(new Error('the connection closed before the answer ended')));
        res.on('end', () => {
          clearTimeout(timer);
          const bytes = Buffer.concat(chunks);
          const answer = res.headers;
          resolve({
            status: res.statusCode,
            headers: { get: (name) => join(answer[name.toLowerCase()]) },
            body: request.binary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : bytes.toString('utf8'),
          });
        });
      });
      const timer = setTimeout(() => sent.destroy(new Error(`no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
      function fail(error) {
        clearTimeout(timer);
        reject(error);
      }
      sent.on('error', fail);
      sent.end(request.body ?? undefined);
    });
}

/** A header's value as `Headers.get` gives it: repeated values joined, absent as null. */
const join = (value) => (value === undefined ? null : Array.isArray(value) ? value.join(', ') : value);

function anySignal(signals) {
  if (AbortSignal.any) return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}
