// Node: µs per verified and parsed event: the floor (node:crypto's HMAC-SHA256 of the
// signed payload + JSON.parse), stripe-edge (its MAC by node:crypto too), and
// stripe-node (sync `constructEvent` and `constructEventAsync` with the SubtleCrypto
// provider, its edge path). Runs are interleaved and the median of the rounds is reported.
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { generateTestHeaderString } from 'stripe-edge/testing';
import { constructEvent } from 'stripe-edge/webhooks';
import { PAYLOADS, SECRET } from './payloads.mjs';

const stripe = new Stripe('sk_test_benchmark');
const subtle = Stripe.createSubtleCryptoProvider();

const impls = {
  'floor (node:crypto HMAC + JSON.parse)': (p, h) => {
    createHmac('sha256', SECRET).update(`${h.slice(2, h.indexOf(','))}.`).update(p).digest('hex');
    return JSON.parse(p);
  },
  'stripe-edge constructEvent': (p, h) => constructEvent(p, h, SECRET),
  'stripe-node constructEvent (sync, node:crypto)': (p, h) => stripe.webhooks.constructEvent(p, h, SECRET),
  'stripe-node constructEventAsync (SubtleCrypto)': (p, h) => stripe.webhooks.constructEventAsync(p, h, SECRET, undefined, subtle),
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function perOp(fn, payload, header, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const event = await fn(payload, header);
    if (event.id !== 'evt_1PbenchmarkEvent0001') throw new Error('wrong event');
  }
  return Number(process.hrtime.bigint() - start) / n / 1000;
}

export async function benchNode({ rounds = 15 } = {}) {
  const results = [];
  for (const [size, payload] of Object.entries(PAYLOADS)) {
    const n = Math.max(50, Math.round(600_000 / payload.length));
    const samples = Object.fromEntries(Object.keys(impls).map((k) => [k, []]));
    const header = generateTestHeaderString({ payload, secret: SECRET });
    for (const fn of Object.values(impls)) await perOp(fn, payload, header, n); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const [name, fn] of Object.entries(impls)) samples[name].push(await perOp(fn, payload, header, n));
    }
    for (const [name, xs] of Object.entries(samples)) {
      results.push({ size, bytes: payload.length, impl: name, us: median(xs), min: Math.min(...xs) });
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchNode());
