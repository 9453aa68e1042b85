// workerd (with nodejs_compat): µs per verified and parsed event inside the Cloudflare
// runtime, the floor (node:crypto's HMAC + JSON.parse), stripe-edge (which uses that
// HMAC) and stripe-node's edge path (constructEventAsync + SubtleCrypto), from
// (T(n) - T(0)) / n measured over HTTP; and the latency of one webhook delivery through
// our Rust Worker, a JS Worker with either library, and a plain pass-through Worker,
// each after a long warm-up (V8 tiers code up late in workerd).
import { join } from 'node:path';
import { generateTestHeaderString } from 'stripe-edge/testing';
import { root, startWrangler } from '../../tests/support/harness.mjs';
import { PAYLOADS, SECRET } from './payloads.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(url, init) {
  const start = process.hrtime.bigint();
  const response = await fetch(url, init);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${body}`);
  return Number(process.hrtime.bigint() - start) / 1000;
}

export async function benchWorkerd({ rounds = 15 } = {}) {
  const bench = await startWrangler({ config: join(root, 'benches/js/workerd/wrangler.toml'), cwd: join(root, 'benches/js/workerd'), readyPath: '/loop?impl=none&size=3%20KB&n=0' });
  const worker = await startWrangler({ config: join(root, 'benches/js/workerd/rust-worker.toml'), cwd: join(root, 'benches/js/workerd'), vars: { STRIPE_WEBHOOK_SECRET: SECRET }, readyPath: '/healthz' });
  try {
    const loops = [];
    for (const [size, payload] of Object.entries(PAYLOADS)) {
      const n = Math.max(20, Math.round(300_000 / payload.length));
      const loop = (impl, count) => timed(`${bench.url}/loop?impl=${impl}&size=${encodeURIComponent(size)}&n=${count}`);
      const samples = { floor: [], ours: [], stripe: [] };
      // V8 tiers wasm and JS up late in workerd: warm both up well past that point.
      for (const impl of Object.keys(samples)) for (let w = 0; w < 10; w++) await loop(impl, Math.round(6_000_000 / payload.length));
      for (let r = 0; r < rounds; r++) {
        for (const impl of Object.keys(samples)) {
          const full = await loop(impl, n);
          const empty = await loop(impl, 0);
          samples[impl].push((full - empty) / n);
        }
      }
      loops.push({ size, bytes: payload.length, floor: median(samples.floor), ours: median(samples.ours), stripe: median(samples.stripe) });
    }

    const payload = PAYLOADS['3 KB'];
    const targets = {
      // The same event every time: after the first, verify + the ledger's duplicate answer.
      'Rust Worker (this repo), POST /webhooks/stripe (a repeated event)': () => `${worker.url}/webhooks/stripe`,
      'JS Worker + stripe-edge': () => `${bench.url}/deliver?impl=ours`,
      'JS Worker + stripe-node constructEventAsync': () => `${bench.url}/deliver?impl=stripe`,
      'plain pass-through JS Worker (reads the body)': () => `${bench.url}/deliver?impl=none`,
    };
    const latency = [];
    for (const [name, url] of Object.entries(targets)) {
      const send = () => {
        const header = generateTestHeaderString({ payload, secret: SECRET });
        return timed(url(), { method: 'POST', body: payload, headers: { 'stripe-signature': header, 'content-type': 'application/json' } });
      };
      for (let i = 0; i < 300; i++) await send();
      const xs = [];
      for (let i = 0; i < 400; i++) xs.push(await send());
      latency.push({ target: name, median: median(xs), p90: [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] });
    }
    return { loops, latency };
  } finally {
    await bench.stop();
    await worker.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchWorkerd(), null, 2));
