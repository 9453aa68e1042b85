// Each capability entry of the packed package in real browsers, headless Chromium and
// Firefox (firefox-esr through geckodriver's WebDriver): without a bundler (an import
// map), and bundled by esbuild (the package README's paste-ready command: ESM output
// and a copy of the wasm files), Vite (`vite build`, no configuration) and webpack 5 (no
// configuration beyond entry and output), which follow the entries'
// `new URL('…_bg.wasm', import.meta.url)` themselves.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { chromium } from 'playwright-core';
import { build as vite } from 'vite';
import webpack from 'webpack';
import { freePort, waitFor } from '../support/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../.work/bundlers');
const dist = join(here, 'node_modules/stripe-edge/dist');
const app = join(here, 'browser/entries-app.js');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
const PAGES = {
  'without a bundler (import map)': '/browser/entries.html',
  esbuild: '/bundles/esbuild/index.html',
  Vite: '/bundles/vite/browser/bundled.html',
  webpack: '/bundles/webpack/index.html',
};

let server;
let origin;

function serve(req, res) {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = path.startsWith('/bundles/') ? join(out, path.slice('/bundles/'.length)) : join(here, path);
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
}

const page = (script) => `<!doctype html>\n<html><head><meta charset="utf-8"></head><body><script ${script}></script></body></html>\n`;

before(async () => {
  rmSync(out, { recursive: true, force: true });
  // esbuild, as the README says: ESM output, and the wasm files next to the bundle.
  await esbuild({ entryPoints: [app], bundle: true, minify: true, format: 'esm', outfile: join(out, 'esbuild/app.js'), logLevel: 'warning' });
  for (const file of readdirSync(dist).filter((f) => f.endsWith('.wasm'))) cpSync(join(dist, file), join(out, 'esbuild', file));
  writeFileSync(join(out, 'esbuild/index.html'), page('type="module" src="app.js"'));
  // Vite: `vite build` of a page that loads the app.
  await vite({
    root: here,
    logLevel: 'warn',
    configFile: false,
    base: './',
    build: { outDir: join(out, 'vite'), emptyOutDir: true, rollupOptions: { input: join(here, 'browser/bundled.html') } },
  });
  // webpack 5 (top-level await is on by default since 5.83).
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: 'production', entry: app, output: { path: join(out, 'webpack'), filename: 'app.js' }, infrastructureLogging: { level: 'error' } }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(join(out, 'webpack/index.html'), page('src="app.js"'));
  server = createServer(serve);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server?.close();
  execFileSync('sh', ['-c', `rm -rf ${tmpdir()}/org.chromium.Chromium.* ${tmpdir()}/playwright_chromiumdev_profile-* ${tmpdir()}/rust_mozprofile*`]);
});

/** `window.checkResults` of each page in headless Chromium. */
async function inChromium(paths) {
  const browser = await chromium.launch({
    executablePath: execFileSync('sh', ['-c', 'command -v chromium']).toString().trim(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const results = {};
    for (const path of paths) {
      const tab = await browser.newPage();
      const errors = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(origin + path);
      await tab.waitForFunction(() => window.checkResults !== undefined, null, { timeout: 30_000 }).catch(() => {});
      results[path] = (await tab.evaluate(() => window.checkResults)) ?? errors;
      await tab.close();
    }
    return results;
  } finally {
    await browser.close();
  }
}

/** `window.checkResults` of each page in headless Firefox, through geckodriver. */
async function inFirefox(paths) {
  const port = await freePort();
  const driver = spawn('geckodriver', ['--port', String(port), '--host', '127.0.0.1', '--log', 'error'], { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`geckodriver ${path}: ${JSON.stringify(value)}`);
    return value;
  };
  try {
    await waitFor(() => fetch(`${base}/status`).then((r) => r.ok), { timeoutMs: 30_000, what: 'geckodriver' });
    const firefox = execFileSync('sh', ['-c', 'command -v firefox-esr || command -v firefox']).toString().trim();
    const { sessionId } = await call('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'firefox', 'moz:firefoxOptions': { binary: firefox, args: ['-headless'] } } } });
    try {
      const results = {};
      for (const path of paths) {
        await call('POST', `/session/${sessionId}/url`, { url: origin + path });
        const read = () => call('POST', `/session/${sessionId}/execute/sync`, { script: 'return window.checkResults ?? null', args: [] });
        results[path] = await waitFor(read, { timeoutMs: 30_000, what: `results of ${path}` }).catch((error) => [{ name: 'page', ok: false, detail: error.message }]);
      }
      return results;
    } finally {
      await call('DELETE', `/session/${sessionId}`).catch(() => {});
    }
  } finally {
    process.kill(-driver.pid, 'SIGTERM');
  }
}

for (const [browser, open] of [['Chromium', inChromium], ['Firefox', inFirefox]]) {
  test(`each capability entry in headless ${browser}: ${Object.keys(PAGES).join(', ')}`, async () => {
    const results = await open(Object.values(PAGES));
    for (const [name, path] of Object.entries(PAGES)) {
      const checks = results[path];
      assert.ok(Array.isArray(checks) && checks.length >= 7, `${name}: ${JSON.stringify(checks)}`);
      for (const r of checks) assert.ok(r.ok, `${browser}, ${name}: ${r.name}: ${r.detail}`);
    }
  });
}
