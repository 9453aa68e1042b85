// The workerd benchmark Worker. workerd's clock does not advance while code runs, so
// the timing happens outside, over HTTP:
//   GET  /loop?impl=ours|stripe|none&size=3 KB&n=N   verifies the same event N times
//   POST /deliver?impl=ours|stripe|none              verifies one posted delivery
// `impl=none` only reads the body: the plain pass-through anchor; `impl=floor` is the
// least any verifier does: the host's native HMAC-SHA256 of the signed payload and
// JSON.parse (nodejs_compat is on, so stripe-edge computes the MAC with it too).
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { generateTestHeaderString } from 'stripe-edge/testing';
import { constructEvent } from 'stripe-edge/webhooks';
import { PAYLOADS, SECRET } from '../payloads.mjs';

const stripe = new Stripe('sk_test_benchmark');
const subtle = Stripe.createSubtleCryptoProvider();

const verify = {
  ours: async (payload, header) => constructEvent(payload, header, SECRET),
  stripe: (payload, header) => stripe.webhooks.constructEventAsync(payload, header, SECRET, undefined, subtle),
  floor: async (payload, header) => {
    const t = header.slice(2, header.indexOf(','));
    createHmac('sha256', SECRET).update(`${t}.`).update(payload).digest('hex');
    return JSON.parse(payload);
  },
  none: async () => ({ id: 'none' }),
};

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const run = verify[url.searchParams.get('impl')];
    if (!run) return new Response('unknown impl', { status: 400 });
    if (url.pathname === '/loop') {
      const payload = PAYLOADS[url.searchParams.get('size')];
      const n = Number(url.searchParams.get('n'));
      const header = generateTestHeaderString({ payload, secret: SECRET });
      let last;
      for (let i = 0; i < n; i++) last = await run(payload, header);
      return Response.json({ n, id: last?.id ?? null });
    }
    if (url.pathname === '/deliver') {
      const payload = await request.text();
      const event = await run(payload, request.headers.get('stripe-signature'));
      return Response.json({ received: true, id: event.id });
    }
    return new Response('not found', { status: 404 });
  },
};
