// The webhook pipeline under load in workerd: 8 concurrent senders post signed
// deliveries to the Rust Worker's POST /webhooks/stripe, each a new event (verify +
// ledger + enqueue before the 200), and, in the same run, deliveries signed with a
// secret the Worker does not have (verify, then refuse: the route's work without the
// ledger, as the route did before the pipeline). Accepted deliveries per second and the
// p50/p99 of the answer; and the latency from the 200 to the event's arrival, re-signed,
// at a local destination.
import { createServer } from 'node:http';
import Stripe from 'stripe';
import { startWrangler } from '../../tests/support/harness.mjs';
import { PAYLOADS, SECRET } from './payloads.mjs';

const SENDERS = 8;
const DESTINATION_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const stripe = new Stripe('sk_test_bench');

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/** Posts `count` deliveries with 8 senders; the answers' times (ms) and the wall time. */
async function load(url, count, { secret, status }) {
  const payload = PAYLOADS['3 KB'];
  const times = [];
  const sent = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < count) {
        const id = `evt_bench_${process.pid}_${Date.now()}_${next++}`;
        const body = payload.replace(/"id": "evt_[^"]*"/, `"id": "${id}"`);
        const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret });
        const start = performance.now();
        const response = await fetch(url, { method: 'POST', body, headers: { 'stripe-signature': header, 'content-type': 'application/json' } });
        await response.text();
        if (response.status !== status) throw new Error(`${url}: ${response.status}, not ${status}`);
        const done = performance.now();
        times.push(done - start);
        sent.set(id, done);
      }
    }),
  );
  return { times, sent, seconds: (performance.now() - started) / 1000 };
}

export async function benchPipeline({ count = 400 } = {}) {
  const arrived = new Map();
  const destination = createServer((req, res) => {
    arrived.set(req.headers['webhook-id'], performance.now());
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise((resolve) => destination.listen(0, '127.0.0.1', resolve));
  const routes = { destinations: [{ name: 'bench', url: `http://127.0.0.1:${destination.address().port}/`, events: ['*'], secret: 'DESTINATION_BENCH_SECRET' }] };
  const worker = await startWrangler({ vars: { STRIPE_WEBHOOK_SECRET: SECRET, PIPELINE_ROUTES: JSON.stringify(routes), DESTINATION_BENCH_SECRET: DESTINATION_SECRET }, readyPath: '/healthz' });
  try {
    const url = `${worker.url}/webhooks/stripe`;
    await load(url, 50, { secret: SECRET, status: 200 });
    await load(url, 50, { secret: 'whsec_not_the_workers', status: 400 });
    const rows = [];
    for (const [name, secret, status] of [
      ['verify + ledger + enqueue (new event each time)', SECRET, 200],
      ['verify only (signed with another secret: refused)', 'whsec_not_the_workers', 400],
    ]) {
      const { times, sent, seconds } = await load(url, count, { secret, status });
      rows.push({ name, perSecond: count / seconds, p50: quantile(times, 0.5), p99: quantile(times, 0.99), sent });
    }
    const accepted = rows[0].sent;
    const deadline = Date.now() + 60_000;
    while ([...accepted.keys()].some((id) => !arrived.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const endToEnd = [...accepted].filter(([id]) => arrived.has(id)).map(([id, at]) => arrived.get(id) - at);
    return {
      senders: SENDERS,
      count,
      rows: rows.map(({ sent, ...row }) => row),
      endToEnd: { arrived: endToEnd.length, p50: quantile(endToEnd, 0.5), p99: quantile(endToEnd, 0.99) },
    };
  } finally {
    await worker.stop();
    destination.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchPipeline(), null, 2));
