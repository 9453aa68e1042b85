// Interoperability with the official `stripe` npm package: random deliveries signed by
// stripe-node and checked by us, and signed by us and checked by stripe-node. Every
// verdict must agree, except a timestamp beyond the tolerance in the future, which only
// we refuse (on purpose). Set STRIPE_EDGE_SEED to replay a run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Stripe from 'stripe';
import { constructEvent, generateTestHeaderString } from 'stripe-edge';

const stripe = new Stripe('sk_test_interop');
const seed = Number(process.env.STRIPE_EDGE_SEED ?? Date.now() % 2 ** 31);
const CASES = 300;

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
