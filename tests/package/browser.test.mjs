// The package in headless Chromium: a page without a bundler (import map) and an esbuild
// bundle, both running the shared checks; and the API client suite against the local
// Stripe emulator, from a page on another origin (so through CORS).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startEmulator } from '../support/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shared = join(here, '../../../shared');
const bundleDir = join(here, '../.work/bundle');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

let server;
let origin;
let browser;

function serve(req, res) {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = path.startsWith('/shared/')
    ? join(shared, path.slice('/shared/'.length))
    : path.startsWith('/bundle/')
      ? join(bundleDir, path.slice('/bundle/'.length))
      : join(here, path);
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
}

before(async () => {
  rmSync(bundleDir, { recursive: true, force: true });
  mkdirSync(bundleDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'browser/bundle-entry.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(bundleDir, 'app.js'),
    logLevel: 'warning',
  });
  // The wasm files ship next to the bundle, as the README says.
  const dist = dirname(createRequire(join(here, 'x.js')).resolve('stripe-edge/package.json'));
  for (const file of readdirSync(join(dist, 'dist')).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(dist, 'dist', file), join(bundleDir, file));
  server = createServer(serve);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: execFileSync('sh', ['-c', 'command -v chromium']).toString().trim(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  // Chromium leaves its directories behind in TMPDIR.
  execFileSync('sh', ['-c', `rm -rf ${tmpdir()}/org.chromium.Chromium.* ${tmpdir()}/playwright_chromiumdev_profile-*`]);
});

async function resultsOf(path, { timeout = 20_000 } = {}) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(origin + path);
  await page.waitForFunction(() => window.checkResults !== undefined || false, null, { timeout }).catch(() => {});
  const results = await page.evaluate(() => window.checkResults);
  const ua = await page.evaluate(() => navigator.userAgent);
  await page.close();
  assert.ok(results, `no results from ${path}; errors: ${errors.join('; ')}`);
  return { results, ua };
}

for (const [name, path] of [
  ['without a bundler (import map)', '/browser/index.html'],
  ['as an esbuild bundle', '/browser/bundle.html'],
]) {
  test(`headless Chromium, ${name}`, async () => {
    const { results, ua } = await resultsOf(path);
    assert.match(ua, /HeadlessChrome|Chrome/);
    assert.ok(results.length >= 15, JSON.stringify(results));
    for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}`);
  });
}

test('headless Chromium: the API client suite against the emulator', async () => {
  const emulator = await startEmulator({ args: ['--report-delay-ms', '300'] });
  try {
    const { results } = await resultsOf(`/browser/client.html?emulator=${encodeURIComponent(emulator.url)}`, { timeout: 120_000 });
    assert.ok(results.length >= 14, JSON.stringify(results));
    for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}`);
  } finally {
    await emulator.stop();
  }
});
