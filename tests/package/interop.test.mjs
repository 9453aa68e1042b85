// Interoperability with the official `stripe` npm package: random deliveries signed by
// stripe-node and checked by us, and signed by us and checked by stripe-node; header
// shapes at the edge of the format; fractional tolerances; the two time windows; and
// stripe-node's own test payload. Every verdict must agree, or be one of the listed
// deliberate differences (README, "Where it differs from stripe-node"): a timestamp
// beyond the tolerance in the future, header shapes Stripe never writes, and payloads
// that are not events. Set STRIPE_EDGE_SEED to replay a run. It runs with each MAC
// provider: node:crypto's here, the wasm's in interop-wasm-mac.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Stripe from 'stripe';
import { generateTestHeaderString } from 'stripe-edge/testing';
import { constructEvent, macProvider } from 'stripe-edge/webhooks';

const SECRET = 'whsec_interop_secret';
const T = 1_700_000_000;

const stripe = new Stripe('sk_test_interop');
const seed = Number(process.env.STRIPE_EDGE_SEED ?? Date.now() % 2 ** 31);
const CASES = 300;
/** The provider this process offers: node:crypto, unless process.getBuiltinModule was removed. */
const MAC = process.getBuiltinModule ? 'node:crypto' : 'wasm';

test(`the webhook MAC is computed by ${MAC}`, () => {
  assert.equal(macProvider, MAC);
});

// A small seeded generator (mulberry32), so a failing run can be replayed.
function rng(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '\n', 'é', 'ß', '中', '😀', '\u2028', '\t', '{', ',', '\u0000'];
  const text = (max) => Array.from({ length: int(max) }, () => pick(alphabet)).join('');
  const secret = () => `whsec_${Array.from({ length: 32 }, () => pick('abcdefghijklmnopqrstuvwxyz0123456789'.split(''))).join('')}`;
  const payload = () => {
    const size = pick([0, 1, 10, 100, 1000, 5000]);
    const object = { id: `cus_${int(1e9)}`, object: 'customer', name: text(40), metadata: {} };
    for (let i = 0; i < size; i++) object.metadata[`k${i}`] = text(8);
    const event = {
      id: `evt_${int(1e12)}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: 1_700_000_000 + int(1e6),
      type: pick(['customer.created', 'invoice.paid', 'charge.succeeded']),
      livemode: random() < 0.5,
      pending_webhooks: int(5),
      request: { id: null, idempotency_key: text(10) },
      data: { object },
    };
    return JSON.stringify(event, null, pick([0, 2]));
  };
  return { int, pick, secret, payload, random };
}

/** One random delivery and how it is checked. */
function delivery(g) {
  const tolerance = 1 + g.int(600);
  const timestamp = 1_700_000_000 + g.int(1e6);
  const edge = g.pick([-tolerance - 1, -tolerance, 0, 1, tolerance - 1, tolerance, tolerance + 1, g.int(5000) - 2500]);
  const signer = g.secret();
  const kind = g.pick(['valid', 'valid', 'wrong_secret', 'tampered', 'extra_v1']);
  return {
    payload: g.payload(),
    signer,
    verifier: kind === 'wrong_secret' ? g.secret() : signer,
    tamper: kind === 'tampered',
    extraV1: kind === 'extra_v1' ? `v1=${Array.from({ length: 64 }, () => '0123456789abcdef'[g.int(16)]).join('')}` : null,
    timestamp,
    tolerance,
    now: timestamp + edge,
  };
}

function finish(d, header) {
  const payload = d.tamper ? d.payload.replace('"object"', '"objecT"') : d.payload;
  return { payload, header: d.extraV1 ? `${header},${d.extraV1}` : header };
}

function ours(d, payload, header) {
  try {
    constructEvent(payload, header, d.verifier, { tolerance: d.tolerance, now: d.now });
    return 'ok';
  } catch (error) {
    return error.code;
  }
}

function theirs(d, payload, header) {
  try {
    stripe.webhooks.constructEvent(payload, header, d.verifier, d.tolerance, undefined, d.now * 1000);
    return 'ok';
  } catch (error) {
    return error.message.split('\n')[0];
  }
}

function compare(direction, sign) {
  const g = generator(rng(seed + direction.length));
  let agreed = 0;
  let futureOnlyOurs = 0;
  let accepted = 0;
  for (let i = 0; i < CASES; i++) {
    const d = delivery(g);
    const { payload, header } = finish(d, sign(d));
    const a = ours(d, payload, header);
    const b = theirs(d, payload, header);
    const context = `seed ${seed}, ${direction} case ${i}: ours=${a} stripe-node=${b} ${JSON.stringify({ ...d, payload: d.payload.slice(0, 60) })}`;
    if (d.now - d.timestamp < -d.tolerance && b === 'ok') {
      assert.equal(a, 'timestamp_outside_tolerance', context);
      futureOnlyOurs++;
    } else {
      assert.equal(a === 'ok', b === 'ok', context);
      agreed++;
      if (a === 'ok') accepted++;
    }
  }
  // Both outcomes must have been exercised, or the comparison proves little.
  assert.ok(accepted > CASES / 10 && agreed - accepted > CASES / 10, `accepted ${accepted} of ${agreed}`);
  assert.ok(futureOnlyOurs > 0, 'no case was signed in the future beyond the tolerance');
  return { agreed, futureOnlyOurs };
}

test(`signed by stripe-node, checked by stripe-edge (seed ${seed})`, () => {
  compare('stripe-node signs', (d) =>
    stripe.webhooks.generateTestHeaderString({ payload: d.payload, secret: d.signer, timestamp: d.timestamp }),
  );
});

test(`signed by stripe-edge, checked by stripe-node (seed ${seed})`, () => {
  compare('stripe-edge signs', (d) => generateTestHeaderString({ payload: d.payload, secret: d.signer, timestamp: d.timestamp }));
});

test('both sign the same header for the same input', () => {
  const g = generator(rng(seed));
  for (let i = 0; i < 50; i++) {
    const d = delivery(g);
    assert.equal(
      generateTestHeaderString({ payload: d.payload, secret: d.signer, timestamp: d.timestamp }),
      stripe.webhooks.generateTestHeaderString({ payload: d.payload, secret: d.signer, timestamp: d.timestamp }),
    );
  }
});

/** Our verdict: 'ok' or the refusal's code ('TypeError' for misuse). */
function oursSays(payload, header, tolerance, secret = SECRET) {
  try {
    constructEvent(payload, header, secret, tolerance);
    return 'ok';
  } catch (error) {
    return error.code ?? error.name;
  }
}

/** stripe-node's verdict: 'ok' or 'error', checked at `now` (unix seconds). */
function stripeNodeSays(payload, header, tolerance, now, secret = SECRET) {
  try {
    stripe.webhooks.constructEvent(payload, header, secret, tolerance, undefined, now * 1000);
    return 'ok';
  } catch {
    return 'error';
  }
}

test('header shapes: every verdict agrees with stripe-node or is a listed difference', () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', created: T, livemode: false, data: { object: {} } });
  const signed = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: T });
  const sig = signed.split('v1=')[1];
  const other = 'a'.repeat(64);
  // [header, stripe-node's verdict, ours, why they differ (null when they agree)]
  const strictT = 'one t of decimal digits: which t was signed must not be ambiguous';
  const strictV1 = 'a v1 is exactly 64 lower-case hex digits';
  const shapes = [
    [`t=${T},v1=${sig}`, 'ok', 'ok', null],
    [`v1=${sig},t=${T}`, 'ok', 'ok', null],
    [`t=${T},v0=${other},v1=${sig},x=1,flag`, 'ok', 'ok', null],
    [`t=${T},v1=${other},v1=${sig}`, 'ok', 'ok', null],
    [`t=000${T},v1=${sig}`, 'ok', 'ok', null],
    [`t=${T},,v1=${sig},`, 'ok', 'ok', null],
    [`t=${T},v1=${sig.toUpperCase()}`, 'error', 'no_v1_signature', null],
    [`t=${T}, v1=${sig}`, 'error', 'no_v1_signature', null],
    [`t=${T},v1=${sig}0`, 'error', 'no_v1_signature', null],
    [`t=,v1=${sig}`, 'error', 'malformed_header', null],
    [`t=${T + 1},v1=${sig}`, 'error', 'no_matching_signature', null],
    [`v1=${sig}`, 'error', 'malformed_header', null],
    [`t=${T}`, 'error', 'no_v1_signature', null],
    [`t=abc,t=${T},v1=${sig}`, 'ok', 'malformed_header', strictT],
    [`t=1,t=${T},v1=${sig}`, 'ok', 'malformed_header', strictT],
    [`t=${T},t=${T},v1=${sig}`, 'ok', 'malformed_header', strictT],
    [`t= ${T},v1=${sig}`, 'ok', 'malformed_header', strictT],
    [`t=+${T},v1=${sig}`, 'ok', 'malformed_header', strictT],
    [`t=${T}.5,v1=${sig}`, 'ok', 'malformed_header', strictT],
    [`t=${T}=x,v1=${sig}`, 'ok', 'malformed_header', strictT],
    [`t=${T},v1=${sig}=junk`, 'ok', 'no_v1_signature', strictV1],
  ];
  for (const [header, theirs, ours, difference] of shapes) {
    const context = `${header.replace(sig, '<sig>').replace(sig.toUpperCase(), '<SIG>')} (${difference ?? 'agree'})`;
    assert.equal(stripeNodeSays(payload, header, 300, T), theirs, `stripe-node on ${context}`);
    assert.equal(oursSays(payload, header, { tolerance: 300, now: T }), ours, `stripe-edge on ${context}`);
    assert.equal(difference === null, (theirs === 'ok') === (ours === 'ok'), `listed as ${difference ?? 'agreeing'}: ${context}`);
  }
});

test('a fractional tolerance refuses exactly the ages stripe-node 23.1.0 refuses', () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event' });
  const year = 365 * 86_400;
  let refusals = 0;
  for (const tolerance of [0.5, 0.999, 1.5, 2.25, 299.9, 300.5]) {
    for (const age of [0, 1, 2, 3, 299, 300, 301, year]) {
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: T - age });
      const theirs = stripeNodeSays(payload, header, tolerance, T);
      const ours = oursSays(payload, header, { tolerance, now: T });
      assert.equal(ours === 'ok', theirs === 'ok', `tolerance ${tolerance}, age ${age}: ours ${ours}, stripe-node ${theirs}`);
      if (ours !== 'ok') {
        assert.equal(ours, 'timestamp_outside_tolerance');
        refusals++;
      }
    }
  }
  assert.ok(refusals > 10, 'the comparison covered refusals');
  // The reported case: a bare 0.5 against the real clock and a year-old event.
  const old = Math.floor(Date.now() / 1000) - year;
  const header = generateTestHeaderString({ payload, secret: SECRET, timestamp: old });
  assert.equal(oursSays(payload, header, 0.5), 'timestamp_outside_tolerance');
  assert.equal(stripeNodeSays(payload, header, 0.5, Math.floor(Date.now() / 1000)), 'error');
  // Only an exact 0 turns the check off, as in stripe-node.
  assert.equal(oursSays(payload, header, 0), 'ok');
  assert.equal(stripeNodeSays(payload, header, 0, Math.floor(Date.now() / 1000)), 'ok');
});

test('a tolerance that is not a non-negative number is a TypeError (stripe-node would turn the check off)', () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event' });
  const header = generateTestHeaderString({ payload, secret: SECRET, timestamp: T });
  for (const tolerance of [NaN, -1, -0.5, Infinity, '300', true, { tolerance: NaN }, { tolerance: -1 }, { futureTolerance: NaN }, { now: -1 }]) {
    assert.throws(() => constructEvent(payload, header, SECRET, tolerance), TypeError, String(tolerance));
  }
  // stripe-node's `tolerance > 0` test is false for each bare one: it accepts any age.
  assert.equal(stripeNodeSays(payload, header, NaN, T + 10_000), 'ok');
  assert.equal(stripeNodeSays(payload, header, -1, T + 10_000), 'ok');
});

test('tolerance and futureTolerance are independent, in every combination', () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event' });
  const header = generateTestHeaderString({ payload, secret: SECRET, timestamp: T });
  const ages = [-3_600, -301, -300, -11, -10, -6, -5, -1, 0, 1, 5, 10, 11, 300, 301, 3_600];
  for (const tolerance of [undefined, 300, 10, 0, 0.5]) {
    for (const futureTolerance of [undefined, 5, 0, null]) {
      // The past window as stripe-node reads a tolerance: 0 is off; ages are whole seconds.
      const past = tolerance === undefined ? 300 : tolerance === 0 ? Infinity : Math.floor(tolerance);
      const future = futureTolerance === undefined ? past : futureTolerance === null ? Infinity : futureTolerance;
      for (const age of ages) {
        const options = { now: T + age };
        if (tolerance !== undefined) options.tolerance = tolerance;
        if (futureTolerance !== undefined) options.futureTolerance = futureTolerance;
        const expected = age >= 0 ? age <= past : -age <= future;
        const ours = oursSays(payload, header, options);
        assert.equal(ours === 'ok', expected, `${JSON.stringify(options)}: ${ours}`);
        if (age >= 0) {
          // The past window is stripe-node's own check.
          assert.equal(stripeNodeSays(payload, header, tolerance, T + age), ours === 'ok' ? 'ok' : 'error', JSON.stringify(options));
        }
      }
    }
  }
  // The reported case: no past window and an open future accept an hour-old event.
  assert.equal(oursSays(payload, header, { tolerance: 0, futureTolerance: null, now: T + 3_600 }), 'ok');
});

test("stripe-node's own test payload verifies and comes back as it was signed", () => {
  // stripe-node's webhook tests sign exactly this with generateTestHeaderString.
  const payload = JSON.stringify({ id: 'evt_test_webhook', object: 'event' });
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
  const theirs = stripe.webhooks.constructEvent(payload, header, SECRET);
  const ours = constructEvent(payload, header, SECRET);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(Object.keys(ours).sort(), ['id', 'object']);
  // Parts that are there must still have their types; non-JSON is still refused.
  for (const [body, code] of [
    [{ id: 'evt_1', object: 'event', created: 'soon' }, 'invalid_event'],
    [{ id: 'evt_1', object: 'event', data: {} }, 'invalid_event'],
    [{ id: 'evt_1', object: 'customer' }, 'invalid_event'],
    ['{not json', 'invalid_json'],
  ]) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const signed = generateTestHeaderString({ payload: text, secret: SECRET });
    assert.equal(oursSays(text, signed), code, text);
  }
});
