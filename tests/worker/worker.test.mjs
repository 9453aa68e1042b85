// The Rust Worker end to end: `wrangler dev` runs it in workerd, and deliveries arrive
// over HTTP as Stripe sends them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateTestHeaderString } from '../../dist/node.js';
import { startWrangler } from '../support/harness.mjs';

const SECRETS = ['whsec_worker_old', 'whsec_worker_new'];
let worker;

before(async () => {
  worker = await startWrangler({ vars: { STRIPE_WEBHOOK_SECRET: ` ${SECRETS.join(' , ')} ,` }, readyPath: '/healthz' });
});
after(() => worker?.stop());

const now = () => Math.floor(Date.now() / 1000);
const event = (fields = {}) =>
  JSON.stringify({ id: 'evt_worker_1', object: 'event', type: 'invoice.paid', created: now(), livemode: false, pending_webhooks: 1, data: { object: { id: 'in_1', object: 'invoice' } }, ...fields });
const sign = (payload, { secret = SECRETS[1], timestamp = now() } = {}) => generateTestHeaderString({ payload, secret, timestamp });

async function post(body, headers = {}, init = {}) {
  const response = await fetch(`${worker.url}/webhooks/stripe`, { method: 'POST', body, headers, ...init });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    assert.fail(`not JSON (${response.status}): ${text}`);
  }
  return { status: response.status, json, headers: response.headers };
}

function assertStripeError({ status, json, headers }, expectedStatus, code) {
  assert.equal(status, expectedStatus, JSON.stringify(json));
  assert.equal(headers.get('content-type'), 'application/json');
  assert.deepEqual(Object.keys(json), ['error']);
  assert.deepEqual(Object.keys(json.error).sort(), ['code', 'message', 'param', 'type']);
  assert.equal(json.error.code, code);
  assert.ok(['invalid_request_error', 'api_error'].includes(json.error.type));
  assert.ok(json.error.message.length > 10);
}

test('a valid delivery is acknowledged with its id and type', async () => {
  const payload = event();
  const result = await post(payload, { 'stripe-signature': sign(payload), 'content-type': 'application/json' });
  assert.equal(result.status, 200);
  assert.deepEqual(result.json, { received: true, id: 'evt_worker_1', type: 'invoice.paid' });
});

test('either secret of a rotation verifies', async () => {
  for (const secret of SECRETS) {
    const payload = event({ id: `evt_${secret}` });
    const result = await post(payload, { 'stripe-signature': sign(payload, { secret }) });
    assert.equal(result.status, 200, JSON.stringify(result.json));
  }
  const payload = event();
  assertStripeError(await post(payload, { 'stripe-signature': sign(payload, { secret: 'whsec_unknown' }) }), 400, 'no_matching_signature');
});

test('a v2 thin event notification is acknowledged too', async () => {
  const payload = JSON.stringify({ id: 'evt_thin_1', object: 'v2.core.event', type: 'v1.billing.meter.no_meter_found', created: new Date().toISOString(), livemode: false, related_object: null });
  const result = await post(payload, { 'stripe-signature': sign(payload) });
  assert.deepEqual(result.json, { received: true, id: 'evt_thin_1', type: 'v1.billing.meter.no_meter_found' });
});

test('a tampered body is refused', async () => {
  const payload = event();
  assertStripeError(await post(payload.replace('in_1', 'in_2'), { 'stripe-signature': sign(payload) }), 400, 'no_matching_signature');
});

test('stale and future signatures are refused', async () => {
  const payload = event();
  assertStripeError(await post(payload, { 'stripe-signature': sign(payload, { timestamp: now() - 600 }) }), 400, 'timestamp_outside_tolerance');
  assertStripeError(await post(payload, { 'stripe-signature': sign(payload, { timestamp: now() + 600 }) }), 400, 'timestamp_outside_tolerance');
});

test('malformed and missing headers are refused', async () => {
  const payload = event();
  assertStripeError(await post(payload, {}), 400, 'missing_header');
  const r = await post(payload, { 'stripe-signature': 'nonsense' });
  assertStripeError(r, 400, 'malformed_header');
  assert.equal(r.json.error.param, 'Stripe-Signature');
  assertStripeError(await post(payload, { 'stripe-signature': `t=${now()},v0=${'a'.repeat(64)}` }), 400, 'no_v1_signature');
});

test('signed bodies that are not events are refused', async () => {
  for (const [payload, code] of [
    ['{"not": "an event"', 'invalid_json'],
    ['{"id": "cus_1", "object": "customer"}', 'invalid_event'],
    ['', 'missing_payload'],
  ]) {
    assertStripeError(await post(payload, { 'stripe-signature': sign(payload) }), 400, code);
  }
});

test('an oversized body is refused with 413, by length or while streaming', async () => {
  const big = 'x'.repeat((1 << 20) + 1);
  assertStripeError(await post(big, { 'stripe-signature': sign(big) }), 413, 'payload_too_large');
  // No Content-Length: the Worker counts while it streams.
  const chunks = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(100_000)));
      controller.close();
    },
  });
  assertStripeError(await post(chunks, { 'stripe-signature': 't=1,v1=00' }, { duplex: 'half' }), 413, 'payload_too_large');
  // The refused body was drained, so the kept-alive connection still serves requests.
  const payload = event();
  assert.equal((await post(payload, { 'stripe-signature': sign(payload) })).status, 200);
});

test('wrong methods get 405 with Allow, unknown paths 404', async () => {
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    const response = await fetch(`${worker.url}/webhooks/stripe`, { method });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
    assert.equal((await response.json()).error.code, 'method_not_allowed');
  }
  const missing = await fetch(`${worker.url}/v1/nothing-here`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, 'resource_missing');
});

test('healthz answers', async () => {
  const response = await fetch(`${worker.url}/healthz`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'ok' });
});

test('random hostile input never crashes the Worker', async () => {
  let state = 7;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ['t=', 'v1=', ',', '=', '{', '}', '"', '\\u0000', 'é', '😀', '0'.repeat(64), 'f'.repeat(70), '-1', '99999999999999999999', ' ', '\n'];
  const junk = (n) => Array.from({ length: Math.floor(random() * n) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
  for (let i = 0; i < 150; i++) {
    const payload = random() < 0.5 ? event({ id: junk(5) }) : junk(40);
    const header = random() < 0.3 ? sign(payload).replace(/\d/, junk(2)) : junk(10);
    // Header values travel as bytes; fetch sends only Latin-1 text.
    const result = await post(payload, { 'stripe-signature': header.replace(/[^\x20-\x7e]/g, '') });
    assert.ok([200, 400].includes(result.status), `${result.status} for ${JSON.stringify({ payload, header })}`);
    if (result.status === 400) assert.ok(result.json.error.code);
  }
  // Still healthy afterwards: no panic poisoned the isolate.
  assert.equal((await fetch(`${worker.url}/healthz`)).status, 200);
  assert.doesNotMatch(worker.output(), /panicked|RuntimeError|unreachable/);
});
