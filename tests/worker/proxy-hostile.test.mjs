// The policy proxy under attack (issue 15): the real Worker in workerd (`wrangler dev`)
// in front of the emulator seeded with three customers and their invoices. Every case
// asserts the exact refusal (status and `error.code`), or, for a call the policy
// allows, that exactly the caller's own data came back, compared with what the
// emulator holds (read from it directly with the secret key, never through the proxy).
// A refusal made before any call upstream is checked against the emulator's request
// counter: it must not move.
//
// Global checks at the end: no answer holds the secret key or a token secret (headers
// and bodies, raw bytes included), the Worker never answers a 5xx, the canary server
// (an origin requests are pointed at) is never reached, and the count per class.
//
// What workerd does to a request before the Worker sees it (observed with wrangler
// 4.86.0; the cases below pin it, sent as raw bytes where `fetch` would normalise):
// - the path is parsed as a WHATWG URL: `.` and `..` segments, also as `%2e`/`%2E`
//   (alone or mixed, `.%2e`), are resolved; `\` becomes `/`; a `#fragment` is
//   dropped; bytes outside ASCII are percent-encoded. So such paths arrive resolved
//   and the resolved path is what the policy judges (the core refuses the unresolved
//   forms itself: tests/proxy_route.rs). `%2f`, `%5c`, `%00`, `%25` stay encoded.
// - a tab or a second space in the request line ends the target there.
// - header values with CR or NUL, and header names with CR, are refused by workerd
//   with its own 400 (text/plain); a bare LF ends a header line (so what follows is a
//   header of its own); an obs-fold continuation line is folded into the header above.
// - absolute-form targets (`GET http://host/...`), `CONNECT` and two different
//   `Content-Length`s get a plain-text 500 from workerd, and methods it does not know
//   (`get`, `FOO`) a 501: the Worker never runs for them (no upstream call either).
//   These are the only 5xx answers seen, and none is the Worker's.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { generateKeyPair, SignJWT } from 'jose';
import { startEmulator, startWrangler } from '../support/harness.mjs';
import { claimsFor, handToken, head, joseToken, rawRequest, startCanary, startRedirector } from './proxy-hostile-support.mjs';

const hex = randomBytes(12).toString('hex');
const SECRET_KEY = `sk_test_hostile${hex}`;
const TOKEN_SECRETS = [`token-secret-old-${hex}`, `token-secret-new-${hex}`];
const TOKEN_SECRET = TOKEN_SECRETS[1];
const ORIGIN = 'https://app.example.com';
const PINNED_VERSION = '2023-08-16';

let emulator;
let worker;
let canary;
let redirectCanary;
let redirector;
let redirectWorker;
/** The seed's customers (`id`, `invoices` as the emulator holds them). */
const customers = {};

/** Every answer seen: `{ label, status, headers, body, raw }`. */
const answers = [];
/** Answers workerd gave itself, before the Worker (see the header comment). */
const runtimeAnswers = [];
/** Answers of the Worker whose upstream redirects (a misconfiguration, not bad input). */
const upstreamMisbehaving = [];
/** Cases per class. */
const counts = new Map();

before(async () => {
  canary = await startCanary();
  redirectCanary = await startCanary();
  redirector = await startRedirector(redirectCanary.url);
  emulator = await startEmulator({ args: ['--seed', 'demo'] });
  const vars = { STRIPE_SECRET_KEY: SECRET_KEY, PROXY_TOKEN_SECRET: TOKEN_SECRETS.join(','), ALLOWED_ORIGINS: `${ORIGIN}, http://localhost:5173` };
  [worker, redirectWorker] = await Promise.all([
    startWrangler({ vars: { ...vars, STRIPE_API_BASE: emulator.url }, readyPath: '/healthz' }),
    startWrangler({ vars: { ...vars, STRIPE_API_BASE: redirector.url }, readyPath: '/healthz' }),
  ]);
  const list = await emulatorGet('/v1/customers?limit=100');
  for (const [name, email] of [['A', 'amy@rocketrides.io'], ['B', 'jane@example.com'], ['C', 'kenji@example.jp']]) {
    const { id } = list.data.find((customer) => customer.email === email);
    const invoices = (await emulatorGet(`/v1/invoices?customer=${id}&limit=100`)).data;
    assert.equal(invoices.length, 4, `the seed gives ${email} four invoices`);
    customers[name] = { id, invoices };
  }
});

after(async () => {
  await Promise.all([worker?.stop(), redirectWorker?.stop(), emulator?.stop(), canary?.stop(), redirectCanary?.stop(), redirector?.stop()]);
});

// ---------------------------------------------------------------------------------
// Helpers

/** A case of `cls`: one test, counted for the summary. */
function kase(cls, name, fn) {
  counts.set(cls, (counts.get(cls) ?? 0) + 1);
  test(`${cls}: ${name}`, fn);
}

async function emulatorGet(path) {
  const response = await fetch(emulator.url + path, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
  return response.json();
}

/** The number of API requests the emulator has served. */
async function upstreamCalls() {
  return (await (await fetch(`${emulator.url}/_emulator/stats`)).json()).requests;
}

/** `fn()`'s value, checking that it made no request upstream. */
async function withoutUpstream(fn) {
  const before = await upstreamCalls();
  const value = await fn();
  assert.equal(await upstreamCalls(), before, 'refused before any call upstream');
  return value;
}

/** Keeps `answer` for the global checks, and counts it against `token`'s subject. */
function record(label, answer, token) {
  const sub = subjectOf.get(token);
  if (sub !== undefined) perSubject.set(sub, (perSubject.get(sub) ?? 0) + 1);
  answer.label = label;
  answers.push(answer);
  return answer;
}

/** A request to the proxy with `fetch` (which sends only well-formed requests). */
async function call(path, { method = 'GET', token, headers = {}, body, base = worker.url } = {}) {
  const all = { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers };
  const response = await fetch(base + path, { method, headers: all, body, redirect: 'manual' });
  const text = await response.text();
  return record(`${method} ${path}`, { status: response.status, headers: Object.fromEntries(response.headers), body: text }, token);
}

/** A request to the proxy as exact bytes. */
async function raw(bytes, label = bytes.split('\r\n')[0]) {
  const token = bytes.match(/\r\nAuthorization: Bearer ([^\r\n]*)/)?.[1];
  return record(label, await rawRequest(worker.port, bytes), token);
}

/** A raw GET of `target` with `token` and any further header lines. */
function rawGet(target, token, lines = []) {
  return raw(head(`GET ${target} HTTP/1.1`, ['Host: 127.0.0.1', `Authorization: Bearer ${token}`, ...lines, 'Connection: close']));
}

/** Asserts a Stripe-shaped refusal with this status and code. */
function refused(answer, status, code) {
  assert.equal(answer.status, status, `${answer.status} ${answer.body}`);
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
  const { error } = JSON.parse(answer.body);
  assert.equal(error.code, code, answer.body);
  assert.equal(error.type, 'invalid_request_error');
  assert.equal(typeof error.message, 'string');
  return error;
}

/** Asserts an answer workerd gave itself, before the Worker ran. */
function runtimeRefused(answer, status) {
  assert.equal(answer.status, status, answer.raw);
  assert.doesNotMatch(answer.headers['content-type'] ?? '', /json/, 'not the Worker');
  runtimeAnswers.push(answer);
}

/** The JSON of a 200 answer. */
function ok(answer) {
  assert.equal(answer.status, 200, answer.body);
  assert.equal(answer.headers['stripe-version'], PINNED_VERSION);
  return JSON.parse(answer.body);
}

/** Asserts that the proxy answers for the foreign object `foreign` exactly as for the
 * missing object `missing`: 404 `resource_missing` both, the same body once the ids
 * are swapped, the same header names. */
function sameAsMissing(foreignAnswer, missingAnswer, foreign, missing) {
  refused(missingAnswer, 404, 'resource_missing');
  refused(foreignAnswer, 404, 'resource_missing');
  assert.equal(foreignAnswer.body, missingAnswer.body.split(missing).join(foreign));
  const headerNames = (answer) => Object.keys(answer.headers).filter((name) => !['date', 'request-id', 'content-length'].includes(name)).sort();
  assert.deepEqual(headerNames(foreignAnswer), headerNames(missingAnswer));
}

/** Authenticated calls per token subject: the suite stays under the rate limit. */
const perSubject = new Map();
const subjectOf = new Map();
const tokens = new Map();
/** A valid token (with `jose`) for `sub` in `scope`, cached. */
async function tokenFor(sub, scope = 'customer') {
  const key = `${scope} ${sub}`;
  if (!tokens.has(key)) {
    const token = await joseToken(TOKEN_SECRET, { sub, scope });
    tokens.set(key, token);
    subjectOf.set(token, sub);
  }
  return tokens.get(key);
}

/** Each class uses its own subjects (the rate limit counts 120 a minute per subject). */
const own = (who = 'A') => tokenFor(customers[who].id);
const stranger = (cls) => tokenFor(`cus_${cls.replace(/\W/g, '')}${hex.slice(0, 6)}`);
const backOffice = (name = 'office') => tokenFor(`svc-${name}-${hex.slice(0, 6)}`, 'back-office');

/** `text` with the seed's ids for its placeholders: `{A}` customer A, `{a}` and `{A^}`
 * its id in lower and upper case, `{B-fullwidth}` with a fullwidth `cus`, `{A0}` its
 * first invoice; `{canary}` the canary's origin. */
function fill(text) {
  return text
    .replace(/\{([ABC])(\d)\}/g, (_, who, index) => customers[who].invoices[index].id)
    .replace(/\{([ABC])\^\}/g, (_, who) => customers[who].id.toUpperCase())
    .replace(/\{([ABC])-fullwidth\}/g, (_, who) => customers[who].id.replace('cus_', 'ｃｕｓ_'))
    .replace(/\{([abc])\}/g, (_, who) => customers[who.toUpperCase()].id.toLowerCase())
    .replace(/\{([ABC])\}/g, (_, who) => customers[who].id)
    .replaceAll('{canary}', canary.url);
}

const ids = (page) => page.data.map((item) => item.id);
const invoicesOf = (who, filter = () => true) => customers[who].invoices.filter(filter);

// ---------------------------------------------------------------------------------
// Path tricks: raw bytes (fetch would resolve dot segments itself).

for (const [target, expected] of [
  ['/v1/invoices/../customers', 'customers.list'],
  ['/v1/invoices/%2e%2e/customers', 'customers.list'],
  ['/v1/invoices/.%2E/customers', 'customers.list'],
  ['/v1/invoices\\..\\customers', 'customers.list'],
  ['/v2/core/events/../../../v1/customers', 'customers.list'],
  ['/v1/invoices/%2E%2E/webhook_endpoints', 'webhook_endpoints.list'],
]) {
  kase('path', `${target} resolves in workerd to ${expected}, which the scope may not call`, async () => {
    const answer = await withoutUpstream(async () => rawGet(target, await stranger('path')));
    const error = refused(answer, 403, 'endpoint_not_allowed');
    assert.match(error.message, new RegExp(`may not call ${expected.replace('.', '\\.')}$`));
  });
}

kase('path', '/v1/invoices/<own>/../<foreign> resolves to the foreign invoice: 404 as if missing', async () => {
  const [mine, theirs] = [customers.C.invoices[0].id, customers.B.invoices[0].id];
  const foreign = await rawGet(`/v1/invoices/${mine}/../${theirs}`, await own('C'));
  const missing = await rawGet(`/v1/invoices/${mine}/../in_missing0000001`, await own('C'));
  sameAsMissing(foreign, missing, theirs, 'in_missing0000001');
});

for (const [target, why] of [
  ['/v1/invoices%2fsearch', /percent-encoded/],
  ['/v1/invoices/in_1%2fsend', /percent-encoded/],
  ['/v1/invoices/in_1%5c..%5ccustomers', /percent-encoded/],
  ['/v1/invoices/%252e%252e/customers', /percent-encoded/],
  ['/v1/%69nvoices', /percent-encoded/],
  ['/v1/invoices/in_1%00', /percent-encoded/],
  ['/v1/invoices/in_%C3%A9', /percent-encoded/],
  ['/v1/invoices/in_é', /percent-encoded/],
  ['/v1//invoices', /empty segment/],
  ['/v1/invoices/', /empty segment/],
  ['/v1/invoices/%2e', /empty segment/],
  ['/v1/invoices/in_1\\', /empty segment/],
  ['/v1/invoices;customer=cus_x', /parameter \(';'\)/],
  ['/v1/invoices/in_1;jsessionid=1', /parameter \(';'\)/],
  ['/v1/invoices/in_1@evil.example', /character outside/],
  ['/v1/invoices/in_1:443', /character outside/],
  [`/v1/invoices/${'x'.repeat(600)}`, /too long/],
]) {
  kase('path', `${target.slice(0, 60)} is refused (400 path_invalid)`, async () => {
    const answer = await withoutUpstream(async () => rawGet(target, await stranger('path')));
    assert.match(refused(answer, 400, 'path_invalid').message, why);
  });
}

kase('path', 'unknown paths under /v1 are a 404, other prefixes never reach the proxy', async () => {
  const token = await stranger('path');
  await withoutUpstream(async () => {
    refused(await rawGet('/v1/Invoices', token), 404, 'resource_missing');
    refused(await rawGet('/v1/invoices/in_1/lines/il_1', token), 404, 'resource_missing');
    // Not the proxy's: the Worker's router answers these (no `/v1/` prefix once resolved).
    for (const target of ['/V1/invoices', '//127.0.0.1/v1/invoices', '/v1/../../../etc/passwd']) {
      const answer = await rawGet(target, token);
      assert.equal(refused(answer, 404, 'resource_missing').message.startsWith('Unrecognized request URL (path '), true, answer.body);
    }
  });
});

kase('path', 'what workerd resolves (./, #fragment) lands on the caller\'s own list', async () => {
  const expected = ids(await emulatorGet(`/v1/invoices?customer=${customers.C.id}`));
  for (const target of ['/v1/./invoices', '/v1/invoices#customer=x', '/v1/invoices?', '/v1/x/../invoices']) {
    assert.deepEqual(ids(ok(await rawGet(target, await own('C')))), expected, target);
  }
});

// ---------------------------------------------------------------------------------
// Another customer's ids: in the path, the query, a body and the cursors.

kase('foreign-ids', 'the caller\'s own list, retrieve, search and v2 events are exactly the emulator\'s', async () => {
  const token = await own();
  const { id } = customers.A;
  const list = ok(await call('/v1/invoices?limit=100', { token }));
  assert.deepEqual(list.data, (await emulatorGet(`/v1/invoices?customer=${id}&limit=100`)).data);
  assert.deepEqual(list.data.map((invoice) => invoice.customer), [id, id, id, id]);
  for (const invoice of customers.A.invoices) {
    assert.deepEqual(ok(await call(`/v1/invoices/${invoice.id}`, { token })), await emulatorGet(`/v1/invoices/${invoice.id}`));
  }
  const events = ok(await call(`/v2/core/events?object_id=${customers.A.invoices[0].id}`, { token }));
  const direct = await emulatorGet(`/v2/core/events?object_id=${customers.A.invoices[0].id}`);
  assert.ok(direct.data.length > 0);
  assert.deepEqual(events.data, direct.data);
});

for (const who of ['B', 'C']) {
  kase('foreign-ids', `a token for ${who} sees ${who}'s invoices, and only them`, async () => {
    const token = await own(who);
    const page = ok(await call('/v1/invoices?limit=100', { token }));
    assert.deepEqual(ids(page), ids({ data: customers[who].invoices }));
  });
}

for (const status of ['draft', 'open', 'paid', 'void']) {
  kase('foreign-ids', `B's ${status} invoice in the path answers exactly as a missing one`, async () => {
    const theirs = invoicesOf('B', (invoice) => invoice.status === status)[0].id;
    const missing = `in_${status}Missing00001`;
    sameAsMissing(await call(`/v1/invoices/${theirs}`, { token: await own() }), await call(`/v1/invoices/${missing}`, { token: await own() }), theirs, missing);
  });
}

kase('foreign-ids', 'C\'s invoice ids in v2 events object_id answer exactly as a missing object', async () => {
  const theirs = customers.C.invoices[1].id;
  const foreign = await call(`/v2/core/events?object_id=${theirs}`, { token: await own() });
  const missing = await call('/v2/core/events?object_id=in_missing0000002', { token: await own() });
  sameAsMissing(foreign, missing, theirs, 'in_missing0000002');
  assert.equal(JSON.parse(foreign.body).error.param, 'object_id');
});

for (const cursor of ['starting_after', 'ending_before']) {
  kase('foreign-ids', `B's invoice as ${cursor} answers exactly as a missing cursor`, async () => {
    const theirs = customers.B.invoices[2].id;
    const foreign = await call(`/v1/invoices?${cursor}=${theirs}`, { token: await own() });
    const missing = await call(`/v1/invoices?${cursor}=in_missing0000003`, { token: await own() });
    sameAsMissing(foreign, missing, theirs, 'in_missing0000003');
  });
}

kase('foreign-ids', 'the caller\'s own cursor pages its own list as the emulator does', async () => {
  const [first] = customers.A.invoices;
  const page = ok(await call(`/v1/invoices?starting_after=${first.id}&limit=2`, { token: await own() }));
  const direct = await emulatorGet(`/v1/invoices?customer=${customers.A.id}&starting_after=${first.id}&limit=2`);
  assert.deepEqual(ids(page), ids(direct));
  assert.equal(page.has_more, direct.has_more);
});

for (const [query, label] of [
  ['customer={B}', 'B as customer'],
  ['customer[]={B}', 'B as customer[]'],
  ['customer[id]={B}', 'B as customer[id]'],
  ['customer={a}', 'a case variant of the caller\'s own id'],
  ['customer={A}%00', 'the caller\'s id and a NUL'],
  ['customer=%20{A}', 'the caller\'s id after a space'],
  ['customer=', 'an empty customer'],
]) {
  kase('foreign-ids', `the list refuses ${label} (403 customer_not_allowed)`, async () => {
    const answer = await withoutUpstream(async () => call(`/v1/invoices?${fill(query)}`, { token: await own() }));
    assert.equal(refused(answer, 403, 'customer_not_allowed').param, 'customer');
  });
}

kase('foreign-ids', 'the caller\'s own customer id in the query is the same list', async () => {
  const page = ok(await call(`/v1/invoices?customer=${customers.A.id}&status=paid`, { token: await own() }));
  assert.deepEqual(ids(page), ids(await emulatorGet(`/v1/invoices?customer=${customers.A.id}&status=paid`)));
  assert.equal(page.data.length, 1);
});

kase('foreign-ids', 'a subject that is no customer, or a case variant of one, sees nothing', async () => {
  for (const sub of ['cus_doesnotexist', customers.A.id.toLowerCase(), customers.A.id.toUpperCase()]) {
    const token = await tokenFor(sub);
    assert.deepEqual(ok(await call('/v1/invoices', { token })).data, [], sub);
    const invoice = customers.A.invoices[0].id;
    refused(await call(`/v1/invoices/${invoice}`, { token }), 404, 'resource_missing');
  }
});

kase('foreign-ids', 'B\'s id in a GET body is refused (raw bytes: fetch sends no GET body)', async () => {
  const body = `customer=${customers.B.id}`;
  const answer = await withoutUpstream(async () =>
    raw(head('GET /v1/invoices HTTP/1.1', ['Host: 127.0.0.1', `Authorization: Bearer ${await own()}`, 'Content-Type: application/x-www-form-urlencoded', `Content-Length: ${body.length}`, 'Connection: close'], body)),
  );
  refused(answer, 400, 'body_not_allowed');
});

kase('foreign-ids', 'B\'s id in a POST body to an action is refused for the customer scope', async () => {
  const theirs = customers.B.invoices[1].id;
  for (const action of ['send', 'void', 'pay', 'finalize']) {
    const answer = await withoutUpstream(async () =>
      call(`/v1/invoices/${theirs}/${action}`, { method: 'POST', token: await own(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `customer=${customers.A.id}` }),
    );
    assert.match(refused(answer, 403, 'endpoint_not_allowed').message, new RegExp(`invoices\\.${action}$`));
  }
});

// ---------------------------------------------------------------------------------
// Parameter pollution.

for (const [query, status, code, param] of [
  ['customer={A}&customer={B}', 400, 'parameter_invalid', 'customer'],
  ['customer={B}&customer[x]={A}', 400, 'parameter_invalid', 'customer[x]'],
  ['limit=1&limit=100', 400, 'parameter_invalid', 'limit'],
  ['status=open&status=paid', 400, 'parameter_invalid', 'status'],
  ['status=open&status[]=paid', 400, 'parameter_invalid', 'status[]'],
  ['created=1&created[gt]=0', 400, 'parameter_invalid', 'created[gt]'],
  ['limit=101', 400, 'limit_too_large', 'limit'],
  ['limit=1e2', 400, 'limit_too_large', 'limit'],
  ['limit=-1', 400, 'limit_too_large', 'limit'],
  ['limit[]=1', 400, 'limit_too_large', 'limit'],
  ['limit=99999999999999999999999', 400, 'limit_too_large', 'limit'],
  ['limit=%2B2', 400, 'parameter_invalid', 'limit'],
  ['Status=open', 403, 'parameter_not_allowed', 'Status'],
  ['status%00=open', 403, 'parameter_not_allowed', 'status\u0000'],
  ['foo=bar', 403, 'parameter_not_allowed', 'foo'],
  ['query=customer:%22x%22', 403, 'parameter_not_allowed', 'query'],
  ['_method=DELETE', 403, 'parameter_not_allowed', '_method'],
  ['status=%ZZ', 400, 'parameter_invalid', 'status'],
  ['status=%C0%AF', 400, 'parameter_invalid', 'status'],
  [`${'a'.repeat(1)}${'[b]'.repeat(33)}=1`, 400, 'parameter_invalid', `a${'[b]'.repeat(33)}`],
]) {
  kase('pollution', `?${query.slice(0, 50)} → ${status} ${code}`, async () => {
    const answer = await withoutUpstream(async () => call(`/v1/invoices?${fill(query)}`, { token: await stranger('pollution') }));
    assert.equal(refused(answer, status, code).param, param);
  });
}

kase('pollution', 'encoded brackets decode to the same names: customer%5B%5D=B is refused', async () => {
  const answer = await withoutUpstream(async () => call(`/v1/invoices?customer%5B%5D=${customers.B.id}`, { token: await own() }));
  refused(answer, 403, 'customer_not_allowed');
});

kase('pollution', 'a separator that other servers honour (;) is data here: the value is sent re-encoded', async () => {
  const answer = await call(`/v1/invoices?status=paid;customer=${customers.B.id}`, { token: await own() });
  const direct = await emulatorGet(`/v1/invoices?customer=${customers.A.id}&status=${encodeURIComponent(`paid;customer=${customers.B.id}`)}`);
  assert.equal(answer.status, 400, answer.body);
  assert.deepEqual(JSON.parse(answer.body).error.code, direct.error.code);
  assert.deepEqual(JSON.parse(answer.body).error.param, direct.error.param);
});

kase('pollution', 'allowed parameters in odd spellings pass as the emulator reads them', async () => {
  for (const query of ['limit=02', 'created[gt]=0&limit=3', 'status=pai%64', 'limit=2&']) {
    const page = ok(await call(`/v1/invoices?${query}`, { token: await own() }));
    assert.deepEqual(ids(page), ids(await emulatorGet(`/v1/invoices?${query}&customer=${customers.A.id}`)), query);
  }
});

kase('pollution', 'both cursors at once are the emulator\'s own refusal', async () => {
  const [one, two] = customers.A.invoices;
  const answer = await call(`/v1/invoices?starting_after=${one.id}&ending_before=${two.id}`, { token: await own() });
  const direct = await emulatorGet(`/v1/invoices?customer=${customers.A.id}&starting_after=${one.id}&ending_before=${two.id}`);
  assert.equal(answer.status, 400);
  assert.equal(JSON.parse(answer.body).error.message, direct.error.message);
});

for (const [query, status, code] of [
  ['object_id={A0}&object_id={B0}', 400, 'parameter_invalid'],
  ['object_id[]={B0}', 400, 'parameter_missing'],
  ['object_id[x]={A0}', 400, 'parameter_missing'],
  ['limit=5', 400, 'parameter_missing'],
  ['object_id={A0}&types[]=v1.invoice.paid', 403, 'parameter_not_allowed'],
]) {
  kase('pollution', `v2 events ?${query} → ${status} ${code}`, async () => {
    const answer = await withoutUpstream(async () => call(`/v2/core/events?${fill(query)}`, { token: await own() }));
    refused(answer, status, code);
  });
}

kase('pollution', 'v2 events with the caller\'s own object and a limit that is no integer: 400 before anything is sent', async () => {
  for (const query of ['limit=abc', 'limit[]=1', 'limit=1.5']) {
    const answer = await withoutUpstream(async () => call(`/v2/core/events?object_id=${customers.A.invoices[0].id}&${query}`, { token: await own() }));
    assert.equal(refused(answer, 400, 'parameter_invalid').param, 'limit');
  }
});

kase('pollution', 'query and body naming the same parameter, in any form, are refused', async () => {
  const token = await backOffice('pollution');
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const target = `/v1/customers/${customers.A.id}`;
  for (const [query, body, param] of [
    ['name=a', 'name=b', 'name'],
    ['metadata[a]=1', 'metadata[b]=2', 'metadata'],
    ['name=a', 'name[x]=b', 'name'],
  ]) {
    const answer = await withoutUpstream(() => call(`${target}?${query}`, { method: 'POST', token, headers: form, body }));
    assert.equal(refused(answer, 400, 'parameter_duplicate').param, param);
  }
  const answer = await withoutUpstream(() => call(target, { method: 'POST', token, headers: form, body: 'name=a&name=b' }));
  refused(answer, 400, 'parameter_invalid');
});

// ---------------------------------------------------------------------------------
// expand[] and search injection.

for (const [path, query] of [
  ['/v1/invoices', 'expand[]=data.customer'],
  ['/v1/invoices', 'expand[0]=data.customer'],
  ['/v1/invoices', 'expand[a]=data.customer'],
  ['/v1/invoices', 'expand=data.customer'],
  ['/v1/invoices', 'expand[]='],
  ['/v1/invoices/search', 'query=status:%22open%22&expand[]=data.customer'],
  ['/v1/invoices/{A0}', 'expand[]=customer'],
  ['/v1/invoices/{A0}', 'expand[]=charge.customer'],
]) {
  kase('expand-search', `${path}?${query} → 403 expand_not_allowed`, async () => {
    const answer = await withoutUpstream(async () => call(`${fill(path)}?${query}`, { token: await stranger('search') }));
    assert.equal(refused(answer, 403, 'expand_not_allowed').param, 'expand');
  });
}

kase('expand-search', 'an expand value nested in a hash is refused before the allow-list reads it', async () => {
  const answer = await withoutUpstream(async () => call('/v1/invoices?expand[0][x]=data.customer', { token: await stranger('search') }));
  refused(answer, 400, 'expand_invalid');
});

/** The invoices of A that the emulator finds for `query` restricted to A (the search
 * language has no parentheses: `<query> AND customer:"A"`), each checked exactly. */
async function ownSearch(query) {
  const direct = await emulatorGet(`/v1/invoices/search?limit=100&query=${encodeURIComponent(`${query} AND customer:"${customers.A.id}"`)}`);
  assert.ok(Array.isArray(direct.data), JSON.stringify(direct));
  return direct.data.filter((invoice) => invoice.customer === customers.A.id).map((invoice) => invoice.id);
}

for (const [label, query, nonEmpty] of [
  ['another customer', 'customer:"{B}"', false],
  ['another customer in upper case', 'customer:"{B^}"', false],
  ['the caller in lower case (search ignores case)', 'customer:"{a}"', true],
  ['the caller, negated', '-customer:"{A}"', false],
  ['another customer, negated', '-customer:"{B}"', true],
  ['escaped quotes closing the value early', 'status:"open\\" OR customer:\\"{B}"', false],
  ['a status', 'status:"paid"', true],
  ['fullwidth letters', 'customer:"{B-fullwidth}"', false],
  ['a right-to-left override', 'customer:"\u202e{B}"', false],
  ['a metadata field', 'metadata["tier"]:"demo"', false],
  ['amounts', 'total>0', true],
]) {
  kase('expand-search', `search for ${label} returns only what the emulator finds restricted to the caller`, async () => {
    const page = ok(await call(`/v1/invoices/search?limit=100&query=${encodeURIComponent(fill(query))}`, { token: await own() }));
    const expected = await ownSearch(fill(query));
    assert.deepEqual(ids(page), expected);
    assert.equal(expected.length > 0, nonEmpty, 'the case tests what it means to');
    assert.ok(page.data.every((invoice) => invoice.customer === customers.A.id));
  });
}

for (const [label, query] of [
  ['an OR to another customer', 'status:"open" OR customer:"{B}"'],
  ['an OR of two customers', 'customer:"{B}" OR customer:"{A}"'],
  ['an unterminated quote', 'customer:"{B}'],
  ['an empty query', ''],
  ['ten clauses (no room for the restriction)', Array.from({ length: 10 }, (_, i) => `total>${i}`).join(' AND ')],
  ['an unknown field', 'owner:"{B}"'],
  ['a substring match on a token field', 'customer~"cus"'],
]) {
  kase('expand-search', `search with ${label} is refused (400 search_query_invalid)`, async () => {
    const answer = await withoutUpstream(async () => call(`/v1/invoices/search?query=${encodeURIComponent(fill(query))}`, { token: await stranger('search') }));
    assert.equal(refused(answer, 400, 'search_query_invalid').param, 'query');
  });
}

kase('expand-search', 'a query given as a list or a hash is refused', async () => {
  for (const query of [`query[]=customer:%22${customers.B.id}%22`, `query[a]=customer:%22${customers.B.id}%22`]) {
    const answer = await withoutUpstream(async () => call(`/v1/invoices/search?${query}`, { token: await stranger('search') }));
    refused(answer, 400, 'search_query_invalid');
  }
});

kase('expand-search', 'a forged page token pages only what the emulator pages for the restricted query', async () => {
  const restricted = encodeURIComponent(`total>0 AND customer:"${customers.A.id}"`);
  for (const page of ['e30', 'eyJvZmZzZXQiOjB9', customers.B.id, '0']) {
    const answer = await call(`/v1/invoices/search?query=${encodeURIComponent('total>0')}&page=${page}`, { token: await own() });
    const direct = await emulatorGet(`/v1/invoices/search?query=${restricted}&page=${page}`);
    if (direct.error) {
      assert.equal(answer.status, 400, answer.body);
      assert.equal(JSON.parse(answer.body).error.code, direct.error.code);
    } else {
      assert.deepEqual(ids(ok(answer)), direct.data.filter((invoice) => invoice.customer === customers.A.id).map((invoice) => invoice.id), page);
    }
  }
});

// ---------------------------------------------------------------------------------
// Privileged and smuggled headers.

for (const [name, value] of [
  ['Stripe-Account', 'acct_1Hostile'],
  ['STRIPE-ACCOUNT', 'acct_1Hostile'],
  ['Stripe-Context', 'acct_1Hostile'],
  ['stripe-context', ''],
]) {
  kase('headers', `${name}: ${JSON.stringify(value)} is refused for a scope without it (403 header_not_allowed)`, async () => {
    const answer = await withoutUpstream(async () => call('/v1/invoices', { token: await stranger('headers'), headers: { [name]: value } }));
    assert.match(refused(answer, 403, 'header_not_allowed').message, new RegExp(name, 'i'));
  });
}

for (const value of ['POST', 'DELETE', 'get']) {
  kase('headers', `X-HTTP-Method-Override: ${value} is refused (403 header_not_allowed)`, async () => {
    const answer = await withoutUpstream(async () => call('/v1/invoices', { token: await stranger('headers'), headers: { 'X-HTTP-Method-Override': value } }));
    refused(answer, 403, 'header_not_allowed');
  });
}

kase('headers', 'other override and forwarding headers are dropped: the caller\'s own list', async () => {
  const expected = ids(await emulatorGet(`/v1/invoices?customer=${customers.C.id}`));
  const headers = { 'X-HTTP-Method': 'DELETE', 'X-Method-Override': 'POST', 'X-Forwarded-For': '10.0.0.1', 'X-Stripe-Client-User-Agent': '{"x":1}', Cookie: 'a=b' };
  assert.deepEqual(ids(ok(await call('/v1/invoices', { token: await own('C'), headers }))), expected);
});

kase('headers', 'a client Stripe-Version is replaced by the pinned one', async () => {
  for (const version of ['2099-01-01', '2020-08-27; invoice_beta=v1', 'x'.repeat(300)]) {
    const answer = await call('/v1/invoices?limit=1', { token: await own('C'), headers: { 'Stripe-Version': version } });
    assert.equal(ok(answer).data[0].customer, customers.C.id);
    assert.equal(answer.headers['stripe-version'], PINNED_VERSION);
  }
});

kase('headers', 'CR or NUL in a header value, or CR in a name, never reach the Worker (workerd: 400)', async () => {
  const token = await stranger('headers');
  await withoutUpstream(async () => {
    for (const line of ['Idempotency-Key: a\rb', 'X-A: a\0b', 'Stripe-Account: acct_1\r', 'X\rStripe-Account: acct_1']) {
      const answer = await rawGet('/v1/invoices', token, [line]);
      assert.equal(answer.status, 400, JSON.stringify(line));
      assert.doesNotMatch(answer.headers['content-type'] ?? '', /json/, 'workerd, not the Worker');
    }
  });
});

kase('headers', 'a bare LF splits off a header of its own, which is then judged: 403', async () => {
  const answer = await withoutUpstream(async () => rawGet('/v1/invoices', await stranger('headers'), ['X-A: a\nStripe-Account: acct_1Hostile']));
  refused(answer, 403, 'header_not_allowed');
});

kase('headers', 'a space before the colon still names Stripe-Account (workerd trims it): 403', async () => {
  const answer = await withoutUpstream(async () => rawGet('/v1/invoices', await stranger('headers'), ['Stripe-Account : acct_1Hostile']));
  refused(answer, 403, 'header_not_allowed');
});

kase('headers', 'an obs-fold line is folded into the header above (dropped): the caller\'s own list', async () => {
  const answer = await rawGet('/v1/invoices?limit=100', await own('C'), ['X-A: a', ' Stripe-Account: acct_1Hostile']);
  assert.deepEqual(ids(ok(answer)), ids({ data: customers.C.invoices }));
});

kase('headers', 'a request smuggled in a body (Content-Length and Transfer-Encoding) is never answered as one', async () => {
  const smuggled = head('GET /v1/customers HTTP/1.1', ['Host: 127.0.0.1', `Authorization: Bearer ${await stranger('headers')}`]);
  const body = `0\r\n\r\n${smuggled}`;
  const answer = await withoutUpstream(async () =>
    raw(head('POST /v1/invoices HTTP/1.1', ['Host: 127.0.0.1', `Authorization: Bearer ${await stranger('headers')}`, 'Content-Type: application/x-www-form-urlencoded', `Content-Length: ${body.length}`, 'Transfer-Encoding: chunked'], body)),
  );
  assert.match(refused(answer, 403, 'endpoint_not_allowed').message, /invoices\.create$/);
});

kase('headers', 'two Authorization headers are one value of five dot-separated parts (401 token_malformed)', async () => {
  const answer = await withoutUpstream(async () => rawGet('/v1/invoices', await own('C'), [`Authorization: Bearer ${await tokenFor(customers.B.id)}`]));
  refused(answer, 401, 'token_malformed');
});

kase('headers', 'the same Idempotency-Key from two subjects never replays the other\'s request', async () => {
  const key = `hostile-${hex}`;
  const form = { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key };
  const body = `name=Idem+${hex}&email=idem-${hex}@example.com`;
  const first = ok(await call('/v1/customers', { method: 'POST', token: await backOffice('idem-one'), headers: form, body }));
  const again = ok(await call('/v1/customers', { method: 'POST', token: await backOffice('idem-one'), headers: form, body }));
  const other = ok(await call('/v1/customers', { method: 'POST', token: await backOffice('idem-two'), headers: form, body }));
  assert.equal(again.id, first.id, 'the same subject replays its own request');
  assert.notEqual(other.id, first.id, 'another subject gets a request of its own');
  const made = (await emulatorGet(`/v1/customers?email=idem-${hex}@example.com`)).data.map((customer) => customer.id).sort();
  assert.deepEqual(made, [first.id, other.id].sort());
});

kase('headers', 'an Idempotency-Key over 255 bytes is refused (400 idempotency_key_invalid)', async () => {
  const answer = await withoutUpstream(async () =>
    call('/v1/customers', { method: 'POST', token: await backOffice('idem-long'), headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'k'.repeat(256) }, body: 'name=x' }),
  );
  refused(answer, 400, 'idempotency_key_invalid');
});

// ---------------------------------------------------------------------------------
// Method confusion.

for (const [method, path, status, code] of [
  ['DELETE', '/v1/invoices/{A0}', 405, 'method_not_allowed'],
  ['PUT', '/v1/invoices', 405, 'method_not_allowed'],
  ['PATCH', '/v1/invoices/{A0}', 405, 'method_not_allowed'],
  ['POST', '/v1/invoices/search', 405, 'method_not_allowed'],
  ['POST', '/v2/core/events', 405, 'method_not_allowed'],
  ['GET', '/v1/invoices/{A0}/send', 405, 'method_not_allowed'],
  ['DELETE', '/v1/customers/{A}', 405, 'method_not_allowed'],
  ['POST', '/v1/invoices', 403, 'endpoint_not_allowed'],
  ['POST', '/v1/invoices/{A0}/pay', 403, 'endpoint_not_allowed'],
  ['GET', '/v1/customers/{A}', 403, 'endpoint_not_allowed'],
  ['GET', '/v1/files', 403, 'endpoint_not_allowed'],
  ['GET', '/v1/webhook_endpoints', 403, 'endpoint_not_allowed'],
]) {
  kase('method', `${method} ${path} → ${status} ${code}`, async () => {
    const answer = await withoutUpstream(async () => call(fill(path), { method, token: await stranger('method') }));
    refused(answer, status, code);
  });
}

kase('method', 'HEAD and TRACE are refused (405), OPTIONS without a preflight is not one (403)', async () => {
  await withoutUpstream(async () => {
    const headAnswer = await call('/v1/invoices', { method: 'HEAD', token: await stranger('method') });
    assert.equal(headAnswer.status, 405);
    assert.equal(headAnswer.body, '');
    refused(await raw(head('TRACE /v1/invoices HTTP/1.1', ['Host: 127.0.0.1', `Authorization: Bearer ${await stranger('method')}`, 'Connection: close'])), 405, 'method_not_allowed');
    refused(await call('/v1/invoices', { method: 'OPTIONS', token: await stranger('method') }), 403, 'cors_not_allowed');
  });
});

kase('method', 'methods workerd does not know, CONNECT, absolute targets: refused before the Worker', async () => {
  const token = await stranger('method');
  await withoutUpstream(async () => {
    for (const [line, status] of [
      ['get /v1/invoices HTTP/1.1', 501],
      ['FOO /v1/invoices HTTP/1.1', 501],
      [`CONNECT 127.0.0.1:${canary.port} HTTP/1.1`, 500],
      [`GET http://127.0.0.1:${canary.port}/v1/invoices HTTP/1.1`, 500],
      [`GET http://127.0.0.1:${worker.port}/v1/invoices HTTP/1.1`, 500],
    ]) {
      runtimeRefused(await raw(head(line, ['Host: 127.0.0.1', `Authorization: Bearer ${token}`, 'Connection: close'])), status);
    }
  });
});

// ---------------------------------------------------------------------------------
// Forged tokens: every refusal, each before anything else is looked at.

async function forged(token) {
  return withoutUpstream(() => call('/v1/invoices', { token }));
}

const sub = () => customers.C.id;
for (const [label, make, code] of [
  ['no Authorization header', async () => undefined, 'token_missing'],
  ['an empty Bearer', async () => '', 'token_missing'],
  ['the Stripe secret key itself', async () => SECRET_KEY, 'token_malformed'],
  ['two parts', async () => 'eyJhbGciOiJIUzI1NiJ9.e30', 'token_malformed'],
  ['four parts', async () => `${await own('C')}.x`, 'token_malformed'],
  ['5000 bytes', async () => `${'a'.repeat(2500)}.${'b'.repeat(2498)}.c`, 'token_malformed'],
  ['a header that is not base64url', async () => `!!!.${(await own('C')).split('.').slice(1).join('.')}`, 'token_encoding'],
  ['padded base64', async () => (await own('C')).replace('.', '==.'), 'token_encoding'],
  ['a header that is not JSON', async () => handToken({ header: 'not json', claims: claimsFor(sub()), secret: TOKEN_SECRET }), 'token_encoding'],
  ['a header that is a JSON array', async () => handToken({ header: ['HS256'], claims: claimsFor(sub()), secret: TOKEN_SECRET }), 'token_encoding'],
  ['a header without alg', async () => handToken({ header: { typ: 'JWT' }, claims: claimsFor(sub()), secret: TOKEN_SECRET }), 'token_encoding'],
  ['alg none, no signature', async () => handToken({ header: { alg: 'none' }, claims: claimsFor(sub()) }), 'token_algorithm'],
  ['alg None, signed', async () => handToken({ header: { alg: 'None' }, claims: claimsFor(sub()), secret: TOKEN_SECRET }), 'token_algorithm'],
  ['alg hs256 in lower case', async () => handToken({ header: { alg: 'hs256' }, claims: claimsFor(sub()), secret: TOKEN_SECRET }), 'token_algorithm'],
  ['HS512', async () => joseToken(TOKEN_SECRET, { sub: sub(), header: { alg: 'HS512' } }), 'token_algorithm'],
  [
    'RS256 (a real RSA signature)',
    async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claimsFor(sub())).setProtectedHeader({ alg: 'RS256' }).setIssuedAt(now).sign(privateKey);
    },
    'token_algorithm',
  ],
  ['HS256 with the wrong secret', async () => joseToken('not-the-secret', { sub: sub() }), 'token_signature'],
  ['HS256 signed with the Stripe secret key', async () => joseToken(SECRET_KEY, { sub: sub() }), 'token_signature'],
  ['HS256 signed with an empty secret', async () => handToken({ claims: claimsFor(sub()), secret: '' }), 'token_signature'],
  [
    'claims swapped to B under A\'s signature',
    async () => {
      const [header, , signature] = (await own('C')).split('.');
      const claims = (await handToken({ claims: claimsFor(customers.B.id) })).split('.')[1];
      return `${header}.${claims}.${signature}`;
    },
    'token_signature',
  ],
  ['a signature cut short (30 of its 32 bytes)', async () => (await own('C')).slice(0, -3), 'token_signature'],
  ['an empty signature', async () => (await own('C')).replace(/\.[^.]*$/, '.'), 'token_signature'],
  ['signed claims that are not JSON', async () => handToken({ claims: 'sub=cus_x', secret: TOKEN_SECRET }), 'token_encoding'],
  ['no sub', async () => handToken({ claims: claimsFor(undefined), secret: TOKEN_SECRET }), 'token_claims'],
  ['an empty sub', async () => handToken({ claims: claimsFor(''), secret: TOKEN_SECRET }), 'token_claims'],
  ['no scope', async () => handToken({ claims: claimsFor(sub(), { scope: undefined }), secret: TOKEN_SECRET }), 'token_claims'],
  ['exp as a string', async () => handToken({ claims: claimsFor(sub(), { exp: '9999999999' }), secret: TOKEN_SECRET }), 'token_claims'],
  ['exp as a fraction', async () => handToken({ claims: claimsFor(sub(), { exp: Math.floor(Date.now() / 1000) + 60.5 }), secret: TOKEN_SECRET }), 'token_claims'],
  ['no iat', async () => handToken({ claims: claimsFor(sub(), { iat: undefined }), secret: TOKEN_SECRET }), 'token_claims'],
  ['no aud', async () => handToken({ claims: claimsFor(sub(), { aud: undefined }), secret: TOKEN_SECRET }), 'token_claims'],
  ['another audience', async () => joseToken(TOKEN_SECRET, { sub: sub(), claims: { aud: 'stripe-edge-admin' } }), 'token_audience'],
  ['audiences without ours', async () => joseToken(TOKEN_SECRET, { sub: sub(), claims: { aud: ['a', 'Stripe-Edge'] } }), 'token_audience'],
  ['expired beyond the skew', async () => joseToken(TOKEN_SECRET, { sub: sub(), claims: { iat: Math.floor(Date.now() / 1000) - 700, exp: Math.floor(Date.now() / 1000) - 61 } }), 'token_expired'],
  ['not valid before a minute from now', async () => joseToken(TOKEN_SECRET, { sub: sub(), claims: { nbf: Math.floor(Date.now() / 1000) + 120 } }), 'token_not_yet_valid'],
  ['issued two minutes from now', async () => joseToken(TOKEN_SECRET, { sub: sub(), claims: { iat: Math.floor(Date.now() / 1000) + 120, exp: Math.floor(Date.now() / 1000) + 600 } }), 'token_issued_in_future'],
  ['a lifetime of an hour and a second', async () => joseToken(TOKEN_SECRET, { sub: sub(), ttl: 3601 }), 'token_lifetime'],
  ['a scope the policy lacks', async () => joseToken(TOKEN_SECRET, { sub: sub(), scope: 'superuser' }), 'token_scope_unknown'],
  ['a scope in another case', async () => joseToken(TOKEN_SECRET, { sub: sub(), scope: 'Customer' }), 'token_scope_unknown'],
]) {
  kase('token', `${label} → 401 ${code}`, async () => {
    const answer = await forged(await make());
    refused(answer, 401, code);
  });
}

kase('token', 'Basic authentication (a key as the user name) is no token', async () => {
  const answer = await withoutUpstream(async () => call('/v1/invoices', { headers: { authorization: `Basic ${Buffer.from(`${await own('C')}:`).toString('base64')}` } }));
  refused(answer, 401, 'token_missing');
});

kase('token', 'what is accepted: either secret of the rotation, a lower-case scheme, the skew, the longest lifetime, an audience list', async () => {
  const expected = ids({ data: customers.C.invoices });
  const now = Math.floor(Date.now() / 1000);
  const valid = [
    await joseToken(TOKEN_SECRETS[0], { sub: sub() }),
    await joseToken(TOKEN_SECRETS[1], { sub: sub(), ttl: 3600 }),
    await joseToken(TOKEN_SECRET, { sub: sub(), claims: { iat: now - 600, exp: now - 30 } }),
    await joseToken(TOKEN_SECRET, { sub: sub(), claims: { nbf: now + 30 } }),
    await joseToken(TOKEN_SECRET, { sub: sub(), claims: { aud: ['other', 'stripe-edge'] } }),
  ];
  for (const token of valid) assert.deepEqual(ids(ok(await call('/v1/invoices?limit=100', { token }))), expected);
  assert.deepEqual(ids(ok(await call('/v1/invoices?limit=100', { headers: { authorization: `bearer ${valid[0]}` } }))), expected);
});

kase('token', 'a token for A naming B\'s objects: 404 as missing, B\'s customer: 403', async () => {
  const theirs = customers.B.invoices[3].id;
  sameAsMissing(await call(`/v1/invoices/${theirs}`, { token: await own() }), await call('/v1/invoices/in_missing0000004', { token: await own() }), theirs, 'in_missing0000004');
  refused(await call(`/v1/customers/${customers.B.id}`, { token: await own() }), 403, 'endpoint_not_allowed');
});

// ---------------------------------------------------------------------------------
// Upstream redirection: the origin is fixed; nothing a caller sends moves it.

kase('upstream', 'Host, X-Forwarded-Host, Forwarded and X-Original-URL do not move the upstream', async () => {
  const expected = ids({ data: customers.C.invoices });
  const host = `127.0.0.1:${canary.port}`;
  for (const lines of [[`X-Forwarded-Host: ${host}`], [`Forwarded: host=${host};proto=http`], [`X-Original-URL: ${canary.url}/v1/invoices`, `X-Rewrite-URL: ${canary.url}/v1/invoices`], [`Stripe-Api-Base: ${canary.url}`]]) {
    assert.deepEqual(ids(ok(await rawGet('/v1/invoices?limit=100', await own('C'), lines))), expected, lines[0]);
  }
  const answer = await raw(head('GET /v1/invoices?limit=100 HTTP/1.1', [`Host: ${host}`, `Authorization: Bearer ${await own('C')}`, 'Connection: close']));
  assert.deepEqual(ids(ok(answer)), expected);
  assert.equal(canary.hits.length, 0);
});

for (const query of ['api_base={canary}', 'stripe_api_base={canary}', 'url={canary}']) {
  kase('upstream', `?${query} is an unknown parameter (403)`, async () => {
    const answer = await withoutUpstream(async () => call(`/v1/invoices?${fill(query)}`, { token: await stranger('upstream') }));
    refused(answer, 403, 'parameter_not_allowed');
  });
}

kase('upstream', 'an id shaped like an authority or a URL never becomes one', async () => {
  await withoutUpstream(async () => {
    for (const target of [`/v1/invoices/@127.0.0.1:${canary.port}`, `/v1/invoices/http:%2F%2F127.0.0.1:${canary.port}`, '/v1/invoices/in_1%40evil.example']) {
      refused(await rawGet(target, await stranger('upstream')), 400, 'path_invalid');
    }
  });
  assert.equal(canary.hits.length, 0);
});

kase('upstream', 'a redirecting upstream never gets the secret key to another origin', async () => {
  // Not bad input but a bad upstream: its answers are left out of the global 5xx check.
  const answer = await call('/v1/invoices', { token: await own('C'), base: redirectWorker.url });
  upstreamMisbehaving.push(answer);
  assert.ok([200, 502].includes(answer.status), answer.body);
  for (const hit of redirectCanary.hits) {
    assert.equal(hit.headers.authorization, undefined, 'no Authorization across origins');
    assert.ok(!JSON.stringify(hit).includes(SECRET_KEY.slice(8)), 'no byte of the key');
  }
});

// ---------------------------------------------------------------------------------
// CORS abuse.

function preflight(origin, method = 'GET', requestHeaders = 'authorization') {
  const headers = { 'access-control-request-method': method };
  if (origin !== undefined) headers.origin = origin;
  if (requestHeaders !== undefined) headers['access-control-request-headers'] = requestHeaders;
  return withoutUpstream(() => call('/v1/invoices', { method: 'OPTIONS', headers }));
}

kase('cors', 'an allowed origin\'s preflight gets exactly what the proxy takes', async () => {
  const answer = await preflight(ORIGIN, 'POST', 'Authorization, Content-Type, Idempotency-Key');
  assert.equal(answer.status, 204);
  assert.equal(answer.headers['access-control-allow-origin'], ORIGIN);
  assert.equal(answer.headers['access-control-allow-methods'], 'GET, POST, DELETE');
  assert.equal(answer.headers['access-control-allow-headers'], 'authorization, content-type, idempotency-key');
  assert.equal(answer.headers['access-control-allow-credentials'], undefined);
  assert.equal(answer.headers.vary, 'Origin');
});

for (const origin of [
  'null',
  `${ORIGIN}.evil.example`,
  'https://evil-app.example.com',
  'https://app.example.co',
  'http://app.example.com',
  `${ORIGIN}:443`,
  `${ORIGIN}/`,
  'https://APP.EXAMPLE.COM',
  `${ORIGIN}, https://evil.example`,
  ` ${ORIGIN}x`,
  '*',
  undefined,
]) {
  kase('cors', `a preflight from ${JSON.stringify(origin)} is refused (403 cors_not_allowed)`, async () => {
    const answer = await preflight(origin);
    refused(answer, 403, 'cors_not_allowed');
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
  });
}

for (const [method, requestHeaders] of [
  ['PUT', 'authorization'],
  ['PATCH', undefined],
  ['GET', 'authorization, x-http-method-override'],
  ['GET', 'authorization, cookie'],
  ['GET', 'authorization, stripe-should-retry'],
  ['', 'authorization'],
]) {
  kase('cors', `a preflight asking for ${method || 'no method'} with ${requestHeaders ?? 'no headers'} is refused`, async () => {
    const answer = await preflight(ORIGIN, method, requestHeaders);
    refused(answer, 403, 'cors_not_allowed');
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
  });
}

kase('cors', 'answers carry Allow-Origin only for an allowed origin, never for null or a lookalike', async () => {
  for (const [origin, allowed] of [[ORIGIN, true], ['http://localhost:5173', true], ['null', false], [`${ORIGIN}.evil.example`, false], [undefined, false]]) {
    const answer = await call('/v1/invoices?limit=1', { token: await own('C'), headers: origin === undefined ? {} : { origin } });
    assert.equal(ok(answer).data[0].customer, customers.C.id);
    assert.equal(answer.headers['access-control-allow-origin'], allowed ? origin : undefined, origin);
    assert.equal(answer.headers['access-control-allow-credentials'], undefined);
    assert.equal(answer.headers.vary, 'Origin');
  }
  const refusal = await call('/v1/invoices', { headers: { origin: 'null' } });
  refused(refusal, 401, 'token_missing');
  assert.equal(refusal.headers['access-control-allow-origin'], undefined);
});

// ---------------------------------------------------------------------------------
// Oversized and deeply nested bodies.

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const LIMIT = 64 << 10;

kase('body', 'a body over 64 KiB by Content-Length is refused (413) before it is read', async () => {
  const answer = await withoutUpstream(async () => call('/v1/customers', { method: 'POST', token: await backOffice('body'), headers: FORM, body: `name=${'x'.repeat(LIMIT)}` }));
  refused(answer, 413, 'payload_too_large');
});

kase('body', 'a chunked body over 64 KiB is refused (413) while it streams', async () => {
  const chunk = `name=${'x'.repeat(LIMIT)}`;
  const body = `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
  const answer = await withoutUpstream(async () =>
    raw(head('POST /v1/customers HTTP/1.1', ['Host: 127.0.0.1', `Authorization: Bearer ${await backOffice('body')}`, 'Content-Type: application/x-www-form-urlencoded', 'Transfer-Encoding: chunked', 'Connection: close'], body)),
  );
  refused(answer, 413, 'payload_too_large');
});

kase('body', 'a body of exactly 64 KiB is read whole, then judged (403 for this scope)', async () => {
  const body = `customer=${'x'.repeat(LIMIT - 'customer='.length)}`;
  assert.equal(body.length, LIMIT);
  const answer = await withoutUpstream(async () => call('/v1/invoices', { method: 'POST', token: await stranger('body'), headers: FORM, body }));
  refused(answer, 403, 'endpoint_not_allowed');
});

for (const [label, body, status, code] of [
  ['10,001 parameters', () => Array.from({ length: 10_001 }, (_, i) => `${i.toString(36)}=`).join('&'), 400, 'parameter_invalid'],
  ['33 levels of brackets', () => `metadata${'[a]'.repeat(33)}=1`, 400, 'parameter_invalid'],
  ['32 levels of brackets (refused by the endpoint\'s schema)', () => `metadata${'[a]'.repeat(31)}=1`, 400, 'parameter_invalid'],
  ['brackets that never close', () => `metadata[${'['.repeat(1000)}=1`, 400, 'parameter_invalid'],
  ['a list and a hash under one name', () => 'metadata[]=1&metadata[a]=2', 400, 'parameter_invalid'],
  ['a bad escape', () => 'name=%G0', 400, 'parameter_invalid'],
  ['bytes that are not UTF-8', () => Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe]), 400, 'parameter_invalid'],
  ['an unknown parameter', () => 'name=x&owner=cus_x', 400, 'parameter_unknown'],
]) {
  kase('body', `a form body with ${label} → ${status} ${code}`, async () => {
    const answer = await withoutUpstream(async () => call(`/v1/customers/${customers.A.id}`, { method: 'POST', token: await backOffice('body'), headers: FORM, body: body() }));
    refused(answer, status, code);
  });
}

for (const [label, headers] of [
  ['JSON', { 'content-type': 'application/json' }],
  ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
  ['text', { 'content-type': 'text/plain' }],
  ['a form type with a prefix', { 'content-type': 'xapplication/x-www-form-urlencoded' }],
]) {
  kase('body', `a ${label} body is refused (400 body_not_form)`, async () => {
    const answer = await withoutUpstream(async () => call(`/v1/customers/${customers.A.id}`, { method: 'POST', token: await backOffice('body'), headers, body: '{"name":"x"}' }));
    refused(answer, 400, 'body_not_form');
  });
}

kase('body', 'a body on a DELETE is refused (400 body_not_allowed)', async () => {
  const answer = await withoutUpstream(async () => call('/v1/webhook_endpoints/we_missing', { method: 'DELETE', token: await backOffice('body'), headers: FORM, body: 'url=x' }));
  refused(answer, 400, 'body_not_allowed');
});

// ---------------------------------------------------------------------------------
// Bursts over the rate limit (120 a minute per subject, in minute windows).

/** Waits, when the current minute window is about to end, for the next one. */
async function freshWindow(needMs) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 250));
}

/** Sends `count` refused-by-policy calls for `token`, 8 at a time; their statuses. */
async function burst(token, count) {
  const statuses = [];
  const answers429 = [];
  for (let sent = 0; sent < count; sent += 8) {
    const batch = await Promise.all(Array.from({ length: Math.min(8, count - sent) }, () => call('/v1/customers', { token })));
    for (const answer of batch) {
      statuses.push(answer.status);
      if (answer.status === 429) answers429.push(answer);
    }
  }
  return { statuses, answers429 };
}

kase('rate', 'a burst of 126 calls from one subject: 120 judged, then 429 with Retry-After', async () => {
  const token = await tokenFor(`svc-burst-${hex}`);
  await freshWindow(20_000);
  const { statuses, answers429 } = await withoutUpstream(() => burst(token, 126));
  assert.equal(statuses.filter((status) => status === 403).length, 120, statuses.join(','));
  assert.equal(answers429.length, 6);
  for (const answer of answers429) {
    refused(answer, 429, 'rate_limit');
    assert.equal(answer.headers['retry-after'], '60');
  }
  // Another subject in the same minute is not limited.
  refused(await call('/v1/customers', { token: await stranger('rate') }), 403, 'endpoint_not_allowed');
});

kase('rate', 'forged tokens naming a subject do not spend its budget', async () => {
  const victim = `svc-victim-${hex}`;
  await freshWindow(20_000);
  const forgedToken = await joseToken('not-the-secret', { sub: victim });
  const { statuses } = await withoutUpstream(() => burst(forgedToken, 130));
  assert.deepEqual([...new Set(statuses)], [401]);
  refused(await call('/v1/customers', { token: await tokenFor(victim) }), 403, 'endpoint_not_allowed');
});

// ---------------------------------------------------------------------------------
// Global checks.

test('no answer holds the secret key or a token secret, the Worker never answered a 5xx, the canary was never reached', (t) => {
  assert.ok(answers.length >= 200, `${answers.length} answers`);
  const secrets = [SECRET_KEY, SECRET_KEY.slice('sk_test_'.length), ...TOKEN_SECRETS];
  for (const answer of answers) {
    const bytes = `${answer.raw ?? ''}${JSON.stringify(answer.headers)}${answer.body}`;
    for (const secret of secrets) assert.ok(!bytes.includes(secret), `${answer.label} holds a secret`);
    if (answer.status >= 500 && !upstreamMisbehaving.includes(answer)) assert.ok(runtimeAnswers.includes(answer), `${answer.label}: the Worker answered ${answer.status}: ${answer.body}`);
  }
  assert.equal(canary.hits.length, 0, JSON.stringify(canary.hits));
  // Bursts aside, no subject may come near the limit of 120 a minute, or cases would
  // see a 429 depending on where the minute windows fall.
  for (const [sub, count] of perSubject) if (!sub.startsWith('svc-burst-')) assert.ok(count <= 100, `${sub} made ${count} calls`);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const summary = [...counts].map(([cls, count]) => `${cls} ${count}`).join(', ');
  const busiest = Math.max(...[...perSubject].filter(([sub]) => !sub.startsWith('svc-burst-')).map(([, count]) => count));
  t.diagnostic(`hostile cases: ${total} (${summary}); answers checked: ${answers.length}; workerd's own refusals: ${runtimeAnswers.length}; busiest subject: ${busiest} calls`);
  console.log(`proxy-hostile: ${total} cases (${summary}); ${answers.length} answers checked, none with a secret; ${runtimeAnswers.length} refused by workerd before the Worker`);
  assert.ok(total >= 80, `${total} cases`);
});
