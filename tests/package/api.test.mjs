// The webhook API through `import ... from 'stripe-edge'` in Node (ESM), covering every
// behaviour of stripe-node's own webhook tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  StripeSignatureVerificationError,
  constructEvent,
  constructEventAsync,
  generateTestHeaderString,
  parseEventNotification,
  verifyHeader,
} from 'stripe-edge';

const SECRET = 'whsec_test_secret';
const T = 1_700_000_000;
const EVENT = JSON.stringify({
  id: 'evt_test_webhook',
  object: 'event',
  type: 'customer.updated',
  created: T,
  livemode: false,
  pending_webhooks: 1,
  request: { id: 'req_1', idempotency_key: null },
  data: { object: { id: 'cus_1', object: 'customer', name: 'Zoë 😀' }, previous_attributes: { name: 'Zoe' } },
});
const NOTIFICATION = JSON.stringify({
  id: 'evt_test_65RCjj4EqW1sabcjs2Z16RCMoNQdSQkOWvfL6L5uU2K40u',
  object: 'v2.core.event',
  type: 'v1.billing.meter.error_report_triggered',
  created: '2024-09-26T17:46:22.134Z',
  livemode: false,
  context: 'acct_1',
  related_object: { id: 'mtr_1', type: 'billing.meter', url: '/v1/billing/meters/mtr_1' },
});
const header = (payload = EVENT, secret = SECRET, timestamp = T) => generateTestHeaderString({ payload, secret, timestamp });
const at = (now) => ({ now });

function refused(fn, code) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof StripeSignatureVerificationError, `not a StripeSignatureVerificationError: ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'StripeSignatureVerificationError');
    assert.equal(error.type, 'StripeSignatureVerificationError');
    assert.equal(error.code, code, error.message);
    return true;
  });
}

test('returns the event from a valid payload and header', () => {
  const event = constructEvent(EVENT, header(), SECRET, at(T + 5));
  assert.deepEqual(event, JSON.parse(EVENT));
});

test('accepts the payload and header as string, Buffer, Uint8Array or ArrayBuffer', () => {
  const h = header();
  const bytes = new TextEncoder().encode(EVENT);
  for (const payload of [EVENT, Buffer.from(EVENT), bytes, bytes.buffer]) {
    for (const sig of [h, Buffer.from(h), new TextEncoder().encode(h)]) {
      assert.equal(constructEvent(payload, sig, SECRET, at(T)).id, 'evt_test_webhook');
    }
  }
});

test('an empty or missing payload is refused', () => {
  for (const payload of [undefined, null, '', new Uint8Array(0)]) {
    refused(() => constructEvent(payload, header(), SECRET, at(T)), 'missing_payload');
  }
});

test('a parsed object is refused with a message about the raw body', () => {
  assert.throws(() => constructEvent(JSON.parse(EVENT), header(), SECRET, at(T)), (error) => {
    assert.equal(error.code, 'payload_not_raw');
    assert.match(error.message, /_raw_ request body/);
    return true;
  });
});

test('a missing header is refused', () => {
  for (const h of [undefined, null, '']) refused(() => constructEvent(EVENT, h, SECRET, at(T)), 'missing_header');
});

test('a header given as an array is a TypeError, as in stripe-node', () => {
  assert.throws(() => constructEvent(EVENT, [header()], SECRET, at(T)), TypeError);
});

test('a malformed header is refused', () => {
  for (const h of ['garbage', 'v1=abc', 't=abc,v1=00', `t=,v1=${'a'.repeat(64)}`]) {
    refused(() => constructEvent(EVENT, h, SECRET, at(T)), 'malformed_header');
  }
});

test('a header with only v0 signatures has no v1 signature', () => {
  const h = header().replace('v1=', 'v0=');
  refused(() => constructEvent(EVENT, h, SECRET, at(T)), 'no_v1_signature');
});

test('a bad signature is refused, and the error keeps header and payload', () => {
  const h = header(EVENT, 'whsec_other');
  assert.throws(() => constructEvent(EVENT, h, SECRET, at(T)), (error) => {
    assert.equal(error.code, 'no_matching_signature');
    assert.equal(error.header, h);
    assert.equal(error.payload, EVENT);
    assert.match(error.message, /No signatures found matching the expected signature for payload/);
    return true;
  });
});

test('a valid header with an extra garbage v1 still verifies, before or after', () => {
  const h = header();
  const [t, v1] = h.split(',');
  const garbage = `v1=${'f'.repeat(64)}`;
  assert.equal(verifyHeader(EVENT, `${t},${garbage},${v1}`, SECRET, at(T)), true);
  assert.equal(verifyHeader(EVENT, `${t},${v1},${garbage}`, SECRET, at(T)), true);
});

test('a tampered payload is refused', () => {
  refused(() => constructEvent(EVENT.replace('Zoe', 'Zed'), header(), SECRET, at(T)), 'no_matching_signature');
});

test('timestamps inside and outside the tolerance, relative to the receive time', () => {
  const h = header();
  assert.equal(verifyHeader(EVENT, h, SECRET, { now: T + 300 }), true);
  refused(() => verifyHeader(EVENT, h, SECRET, { now: T + 301 }), 'timestamp_outside_tolerance');
  assert.equal(verifyHeader(EVENT, h, SECRET, { now: T + 10, tolerance: 10 }), true);
  refused(() => verifyHeader(EVENT, h, SECRET, { now: T + 11, tolerance: 10 }), 'timestamp_outside_tolerance');
  // Stricter than stripe-node on purpose: signed too far in the future.
  refused(() => verifyHeader(EVENT, h, SECRET, { now: T - 301 }), 'timestamp_outside_tolerance');
  assert.equal(verifyHeader(EVENT, h, SECRET, { now: T - 301, futureTolerance: null }), true);
});

test('a numeric tolerance is checked against the real clock', () => {
  const now = Math.floor(Date.now() / 1000);
  assert.equal(verifyHeader(EVENT, header(EVENT, SECRET, now - 5), SECRET, 10), true);
  refused(() => verifyHeader(EVENT, header(EVENT, SECRET, now - 20), SECRET, 10), 'timestamp_outside_tolerance');
  // The default tolerance also uses the real clock: T is long past.
  refused(() => verifyHeader(EVENT, header(), SECRET), 'timestamp_outside_tolerance');
});

test('tolerance 0 turns the time check off, as in stripe-node', () => {
  assert.equal(verifyHeader(EVENT, header(EVENT, SECRET, 1), SECRET, 0), true);
  assert.equal(verifyHeader(EVENT, header(EVENT, SECRET, 4_000_000_000), SECRET, { tolerance: 0 }), true);
  refused(() => verifyHeader(EVENT, header(EVENT, 'whsec_x', 1), SECRET, 0), 'no_matching_signature');
});

test('a secret with a trailing space gets a note about whitespace', () => {
  assert.throws(() => constructEvent(EVENT, header(), `${SECRET} `, at(T)), (error) => {
    assert.equal(error.code, 'no_matching_signature');
    assert.match(error.message, /signing secret contains whitespace/);
    return true;
  });
});

test('an empty secret is refused', () => {
  for (const secret of ['', '  ', [], [SECRET, '']]) refused(() => constructEvent(EVENT, header(), secret, at(T)), 'empty_secret');
});

test('several secrets: any may match (rotation)', () => {
  const h = header(EVENT, ['whsec_old', 'whsec_new']);
  assert.equal(h.split('v1=').length, 3);
  assert.equal(verifyHeader(EVENT, header(EVENT, 'whsec_new'), ['whsec_old', 'whsec_new'], at(T)), true);
  assert.equal(verifyHeader(EVENT, h, 'whsec_old', at(T)), true);
});

test('signed invalid JSON is refused with the parser\'s reason', () => {
  const payload = '{"id": "evt_1", "object": "event",,}';
  let reason;
  try {
    JSON.parse(payload);
  } catch (error) {
    reason = error.message;
  }
  assert.throws(() => constructEvent(payload, header(payload), SECRET, at(T)), (error) => {
    assert.ok(error instanceof StripeSignatureVerificationError);
    assert.equal(error.code, 'invalid_json');
    assert.equal(error.message, `Webhook payload is not valid JSON: ${reason}`);
    assert.equal(error.payload, payload);
    return true;
  });
  // Bytes that are not UTF-8 are refused before any parser sees them, with where.
  const bytes = new Uint8Array([...new TextEncoder().encode('{"id": "evt_1", "x": "'), 0xff, ...new TextEncoder().encode('"}')]);
  assert.throws(() => constructEvent(bytes, header(bytes), SECRET, at(T)), (error) => {
    assert.equal(error.code, 'invalid_json');
    assert.match(error.message, /expected UTF-8 text at byte 22/);
    return true;
  });
});

test('a thin event passed to constructEvent, and the reverse, name the right function', () => {
  assert.throws(() => constructEvent(NOTIFICATION, header(NOTIFICATION), SECRET, at(T)), (error) => {
    assert.equal(error.code, 'wrong_event_kind');
    assert.match(error.message, /parseEventNotification/);
    return true;
  });
  assert.throws(() => parseEventNotification(EVENT, header(), SECRET, at(T)), (error) => {
    assert.equal(error.code, 'wrong_event_kind');
    assert.match(error.message, /constructEvent/);
    return true;
  });
  const event = parseEventNotification(NOTIFICATION, header(NOTIFICATION), SECRET, at(T));
  assert.deepEqual(event, JSON.parse(NOTIFICATION));
});

test('constructEventAsync resolves and rejects like constructEvent', async () => {
  assert.equal((await constructEventAsync(EVENT, header(), SECRET, at(T))).id, 'evt_test_webhook');
  await assert.rejects(constructEventAsync(EVENT, header(), 'whsec_x', at(T)), StripeSignatureVerificationError);
});

test('payload size cap', () => {
  const big = JSON.stringify({ id: 'evt_1', object: 'event', pad: 'x'.repeat(2 << 20) });
  refused(() => constructEvent(big, header(big), SECRET, at(T)), 'payload_too_large');
  refused(() => constructEvent(EVENT, header(), SECRET, { now: T, maxPayloadBytes: 100 }), 'payload_too_large');
});

test('generateTestHeaderString defaults the timestamp to now', () => {
  const before = Math.floor(Date.now() / 1000);
  const h = generateTestHeaderString({ payload: EVENT, secret: SECRET });
  const t = Number(/^t=(\d+),/.exec(h)[1]);
  assert.ok(t >= before && t <= before + 2, h);
  assert.equal(constructEvent(EVENT, h, SECRET).id, 'evt_test_webhook');
});

test('misuse throws TypeError, never a verification error', () => {
  assert.throws(() => constructEvent(EVENT, header(), 42, at(T)), TypeError);
  assert.throws(() => constructEvent(EVENT, header(), SECRET, -1), TypeError);
  assert.throws(() => constructEvent(EVENT, header(), SECRET, { now: 'now' }), TypeError);
  assert.throws(() => generateTestHeaderString(), TypeError);
});

test('verification is synchronous once imported', () => {
  const result = verifyHeader(EVENT, header(), SECRET, at(T));
  assert.equal(result, true);
  assert.equal(typeof constructEvent(EVENT, header(), SECRET, at(T)).then, 'undefined');
});
