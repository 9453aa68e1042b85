// The API client's overhead: µs per request of stripe-edge's client against a raw
// `fetch` + `JSON.parse` of the same emulator endpoint, with stripe-node's client as a
// second anchor. In Node both clients send through `node:http` by default, which is
// faster than Node's `fetch`: a raw `node:http` GET + `JSON.parse` is measured too, and
// our client over `fetch` (given as its `fetch`). Same process, same emulator,
// interleaved rounds; medians reported.
import http from 'node:http';
import Stripe from 'stripe';
import { createClient } from 'stripe-edge';
import { startEmulator } from '../../tests/support/harness.mjs';

const KEY = 'sk_test_benchmark';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function perOp(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - start) / n / 1000;
}

export async function benchClient({ rounds = 15, n = 200 } = {}) {
  const emulator = await startEmulator();
  try {
    const client = createClient({ apiKey: KEY, baseUrl: emulator.url });
    const overFetch = createClient({ apiKey: KEY, baseUrl: emulator.url, fetch: (...args) => fetch(...args) });
    const agent = new http.Agent({ keepAlive: true });
    const stripe = new Stripe(KEY, { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
    const customer = await client.customers.create({ email: 'bench@example.com' });
    const invoice = await client.invoices.create({ customer: customer.id });
    const raw = (path) => async () => {
      const response = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
      return JSON.parse(await response.text());
    };
    const rawHttp = (path) => () =>
      new Promise((resolve, reject) => {
        const req = http.get(`${emulator.url}${path}`, { agent, headers: { authorization: `Bearer ${KEY}` } }, (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          res.on('error', reject);
        });
        req.on('error', reject);
      });
    const targets = {
      'customer (no model check in the package)': {
        'raw fetch + JSON.parse': raw(`/v1/customers/${customer.id}`),
        'raw node:http + JSON.parse': rawHttp(`/v1/customers/${customer.id}`),
        'stripe-edge client': () => client.customers.retrieve(customer.id),
        'stripe-edge client over fetch': () => overFetch.customers.retrieve(customer.id),
        'stripe-node client': () => stripe.customers.retrieve(customer.id),
      },
      'invoice (checked against the invoice model)': {
        'raw fetch + JSON.parse': raw(`/v1/invoices/${invoice.id}`),
        'raw node:http + JSON.parse': rawHttp(`/v1/invoices/${invoice.id}`),
        'stripe-edge client': () => client.invoices.retrieve(invoice.id),
        'stripe-edge client over fetch': () => overFetch.invoices.retrieve(invoice.id),
        'stripe-node client': () => stripe.invoices.retrieve(invoice.id),
      },
    };
    const results = [];
    for (const [target, impls] of Object.entries(targets)) {
      const samples = Object.fromEntries(Object.keys(impls).map((k) => [k, []]));
      for (const fn of Object.values(impls)) await perOp(fn, n); // warm-up
      for (let r = 0; r < rounds; r++) {
        for (const [name, fn] of Object.entries(impls)) samples[name].push(await perOp(fn, n));
      }
      for (const [impl, xs] of Object.entries(samples)) results.push({ target, impl, us: median(xs) });
    }
    return results;
  } finally {
    await emulator.stop();
  }
}
