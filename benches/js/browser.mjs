// Headless Chromium: µs per verified and parsed event in a page, the floor (SubtleCrypto's
// HMAC-SHA256 of the signed payload + JSON.parse, asynchronous: the browser has no
// synchronous native HMAC), stripe-edge's `constructEvent` (synchronous, its MAC in
// wasm: the browser entry as a page imports it, from `new URL(..., import.meta.url)`)
// and stripe-node's browser path (`constructEventAsync` with its SubtleCrypto provider,
// bundled by esbuild). Runs are interleaved in the page and the medians reported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { root } from '../../tests/support/harness.mjs';
import { PAYLOADS } from './payloads.mjs';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

/** The page's script: the three ways, timed in the page, by name. */
const PAGE = `
import Stripe from 'stripe';
import { generateTestHeaderString } from 'stripe-edge/testing';
import { constructEvent } from 'stripe-edge/webhooks';
import { PAYLOADS, SECRET } from './payloads.mjs';

const stripe = new Stripe('sk_unused');
const provider = Stripe.createSubtleCryptoProvider();
const encoder = new TextEncoder();
const key = await crypto.subtle.importKey('raw', encoder.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
const impls = {
  floor: async (payload, header) => {
    await crypto.subtle.sign('HMAC', key, encoder.encode(header.slice(2, header.indexOf(',')) + '.' + payload));
    return JSON.parse(payload);
  },
  ours: (payload, header) => constructEvent(payload, header, SECRET),
  stripe: (payload, header) => stripe.webhooks.constructEventAsync(payload, header, SECRET, undefined, provider),
};
window.bench = async (impl, size, n) => {
  const payload = PAYLOADS[size];
  const header = generateTestHeaderString({ payload, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
  const fn = impls[impl];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const event = await fn(payload, header);
    if (event.id !== 'evt_1PbenchmarkEvent0001') throw new Error('wrong event');
  }
  return ((performance.now() - start) * 1000) / n;
};
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Serves the page, its bundle and the package's browser files from `dist/`. */
async function serve(bundle) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title><script type="module" src="/page.js"></script>');
    if (path === '/page.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    const file = normalize(join(root, path));
    if (!path.startsWith('/dist/') || !file.startsWith(join(root, 'dist'))) return res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export async function benchBrowser({ rounds = 15 } = {}) {
  // The package stays out of the bundle: the page loads dist/webhooks.browser.js (and
  // testing.browser.js, for the headers), which fetch their wasm from beside themselves, as in a browser without a bundler.
  const bundled = await build({
    stdin: { contents: PAGE, resolveDir: join(root, 'benches/js'), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    minify: true,
    logLevel: 'error',
    plugins: [{ name: 'package', setup: (b) => b.onResolve({ filter: /^stripe-edge\/(webhooks|testing)$/ }, ({ path }) => ({ path: `/dist/${path.slice('stripe-edge/'.length)}.browser.js`, external: true })) }],
  });
  const server = await serve(bundled.outputFiles[0].text);
  const browser = await chromium.launch({ executablePath: execFileSync('sh', ['-c', 'command -v chromium']).toString().trim(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.bench === 'function', null, { timeout: 30_000 }).catch(() => {
      throw new Error(`the bench page did not load: ${errors.join('; ')}`);
    });
    const results = [];
    for (const [size, payload] of Object.entries(PAYLOADS)) {
      const bytes = Buffer.byteLength(payload);
      const n = size === '3 KB' ? 400 : 60;
      const samples = { floor: [], ours: [], stripe: [] };
      for (const impl of Object.keys(samples)) await page.evaluate(([i, s, c]) => window.bench(i, s, c), [impl, size, n * 3]);
      for (let r = 0; r < rounds; r++) {
        for (const impl of Object.keys(samples)) samples[impl].push(await page.evaluate(([i, s, c]) => window.bench(i, s, c), [impl, size, n]));
      }
      results.push({ size, bytes, floor: median(samples.floor), ours: median(samples.ours), stripe: median(samples.stripe), version: browser.version() });
    }
    return results;
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchBrowser());
