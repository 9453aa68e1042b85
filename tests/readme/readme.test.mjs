// Every code example of the READMEs, run as written against the packed package, the
// local Stripe emulator (demo data) and the Worker: JavaScript in Node (ESM, CommonJS,
// servers the test sends webhooks to), in workerd through `wrangler dev`, and in
// headless Chromium (a page with an import map, an esbuild bundle built by the README's
// own commands); TypeScript checked by tsc, then run; Rust as doc tests of tests/readme.
// A `// prints:` comment must match a line the example printed. The first test lists
// every block and how it runs, so that none is left out without a marker saying so.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { transform } from 'esbuild';
import { SignJWT } from 'jose';
import { chromium } from 'playwright-core';
import Stripe from 'stripe';
import { freePort, root, startEmulator, startProcess, startWrangler, waitFor } from '../support/harness.mjs';
import { MUST_RUN, READMES, blocksOf, expectedPrints, printsInOrder } from './blocks.mjs';

const blocks = READMES.flatMap((file) => blocksOf(file, readFileSync(join(root, file), 'utf8')));
/** Where the examples run: a project with the packed package installed, as a user's. */
const project = join(root, 'tests/.work/readme');
const SECRET = 'whsec_readme_examples';
const TOKEN_SECRET = 'readme-examples-proxy-token-secret';
const signer = new Stripe('sk_test_readme');
let emulator;
let worker;
let env;
/** The port of the static server the browser examples load from (an allowed origin). */
let sitePort;

const where = (block) => `${block.file}:${block.line}`;
const slug = (block) => `${block.file.replace(/\W+/g, '-')}-${block.line}`;

before(async () => {
  const tarball = readdirSync(join(root, 'tests/.work')).find((name) => /^stripe-edge-.*\.tgz$/.test(name));
  assert.ok(tarball, 'tests/.work/stripe-edge-*.tgz is missing: `npm test` packs the package before this test');
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, 'node_modules/.bin'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', join(root, 'tests/.work', tarball)], { cwd: project });
  // `npm install --save-dev esbuild`, offline: the repository's own copy.
  symlinkSync(join(root, 'node_modules/esbuild'), join(project, 'node_modules/esbuild'));
  symlinkSync('../esbuild/bin/esbuild', join(project, 'node_modules/.bin/esbuild'));
  emulator = await startEmulator({ args: ['--seed', 'demo', '--report-delay-ms', '300'] });
  sitePort = await freePort();
  worker = await startWrangler({
    vars: {
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_API_BASE: emulator.url,
      STRIPE_SECRET_KEY: 'sk_test_readme',
      PROXY_TOKEN_SECRET: TOKEN_SECRET,
      ALLOWED_ORIGINS: `http://127.0.0.1:${sitePort}`,
    },
    readyPath: '/healthz',
  });
  env = { ...process.env, STRIPE_SECRET_KEY: 'sk_test_readme', STRIPE_API_BASE: emulator.url, STRIPE_WEBHOOK_SECRET: SECRET, WORKER_URL: worker.url, PROXY_TOKEN_SECRET: TOKEN_SECRET };
});

after(async () => {
  await closeBrowser();
  await worker?.stop();
  await emulator?.stop();
});

test('every block of the READMEs is listed with how it runs', (t) => {
  const status = (b) => (b.way === 'skip' ? 'left out' : b.way === 'not-run' ? 'not run' : 'run');
  for (const block of blocks) {
    const how = { 'left out': `LEFT OUT: ${block.reason}`, 'not run': `not run (${block.lang})`, run: block.way }[status(block)];
    t.diagnostic(`${where(block).padEnd(18)} ${block.lang.padEnd(5)} ${how}${block.target ? ` (${block.target})` : ''}`);
  }
  const count = (which) => blocks.filter((b) => status(b) === which).length;
  t.diagnostic(`${blocks.length} blocks: ${count('run')} run, ${count('left out')} left out by a marker, ${count('not run')} in other languages not run`);
  const mustRun = blocks.filter((b) => MUST_RUN.has(b.lang));
  assert.ok(mustRun.length >= 15, `the READMEs have their examples (${mustRun.length} found)`);
  assert.ok(mustRun.every((b) => b.way !== 'not-run'), 'JS, TS, HTML and Rust blocks run or are left out by name');
});

// ---------------------------------------------------------------------------------------
// One test per block (or per group of blocks that make one example).

for (const block of blocks.filter((b) => b.way === 'skip')) {
  test(`${where(block)} ${block.lang}: left out`, { skip: block.reason }, () => {});
}

for (const block of blocks.filter((b) => ['node', 'node-cjs', 'typescript'].includes(b.way))) {
  test(`${where(block)} ${block.lang} in Node${block.way === 'typescript' ? ', after tsc' : ''}`, async () => {
    const file = await moduleFile(block);
    const { code, output } = await run('node', [file], { timeoutMs: 60_000 });
    assert.equal(code, 0, `${where(block)} failed:\n${output}`);
    assertPrints(block, output);
  });
}

for (const block of blocks.filter((b) => b.way === 'webhook-server')) {
  test(`${where(block)} js: a webhook server in Node, sent deliveries signed by stripe-node`, async () => {
    const server = await startServer(block);
    try {
      const payload = JSON.stringify({ id: 'evt_readme_1', object: 'event', type: 'customer.created', created: now(), livemode: false, data: { object: { id: 'cus_readme', object: 'customer' } } });
      await expectAnswer(server.url, payload, signer.webhooks.generateTestHeaderString({ payload, secret: SECRET }), 200, { received: true });
      await waitFor(() => server.output().includes('evt_readme_1 customer.created'), { timeoutMs: 5_000, what: `its log line\n${server.output()}` });
      await expectAnswer(server.url, payload, signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }), 400, { error: 'no_matching_signature' });
      await expectAnswer(server.url, payload, undefined, 400, { error: 'missing_header' });
    } finally {
      await server.stop();
    }
  });
}

for (const block of blocks.filter((b) => b.way === 'thin-event-server')) {
  test(`${where(block)} js: a thin event server in Node, sent a v2 notification of the emulator`, async () => {
    const server = await startServer(block);
    try {
      const customer = await emulatorCall('POST', '/v1/customers', 'email=thin@example.com');
      const thin = (await emulatorCall('GET', `/v2/core/events?object_id=${customer.id}`)).data[0];
      assert.equal(thin.type, 'v1.customer.created');
      const payload = JSON.stringify(thin);
      await expectAnswer(server.url, payload, signer.webhooks.generateTestHeaderString({ payload, secret: SECRET }), 200);
      await waitFor(() => server.output().includes(`v1.customer.created ${customer.id}`), { timeoutMs: 10_000, what: `its log line\n${server.output()}` });
      await expectAnswer(server.url, payload, signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }), 400);
    } finally {
      await server.stop();
    }
  });
}

for (const file of READMES) {
  const parts = blocks.filter((b) => b.file === file && b.way === 'worker');
  if (parts.length === 0) continue;
  test(`${file} ${parts.map((b) => b.line).join('+')}: the Worker example in workerd (wrangler dev)`, async () => {
    const dir = join(project, 'worker-example');
    writeParts(dir, parts, ['src/index.js', 'wrangler.toml']);
    const example = await startWrangler({ config: join(dir, 'wrangler.toml'), cwd: dir, vars: { STRIPE_WEBHOOK_SECRET: SECRET } });
    try {
      const url = example.url;
      const payload = JSON.stringify({ id: 'evt_readme_2', object: 'event', type: 'invoice.paid', created: now(), livemode: false, data: { object: { id: 'in_readme', object: 'invoice' } } });
      await expectAnswer(url, payload, signer.webhooks.generateTestHeaderString({ payload, secret: SECRET }), 200, { received: true, id: 'evt_readme_2' });
      await expectAnswer(url, payload, signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }), 400, { error: 'no_matching_signature' });
      await expectAnswer(url, payload, undefined, 400, { error: 'missing_header' });
    } finally {
      await example.stop();
    }
  });
}

for (const block of blocks.filter((b) => b.way === 'browser-page')) {
  test(`${where(block)} html in headless Chromium`, async () => {
    const page = join(project, 'pages', `${slug(block)}.html`);
    mkdirSync(dirname(page), { recursive: true });
    writeFileSync(page, block.code);
    await expectPagePrints(`/pages/${slug(block)}.html`, block);
  });
}

for (const file of READMES) {
  const parts = blocks.filter((b) => b.file === file && b.way === 'bundle');
  if (parts.length === 0) continue;
  test(`${file} ${parts.map((b) => b.line).join('+')}: the esbuild example, built by its own commands, in headless Chromium`, async () => {
    const build = parts.find((b) => b.target === 'build');
    assert.ok(build, 'the bundle example has its commands');
    rmSync(join(project, 'public'), { recursive: true, force: true });
    writeParts(project, parts.filter((b) => b !== build), ['app.js', 'public/index.html']);
    const { code, output } = await run('sh', ['-e', '-c', build.code], { timeoutMs: 60_000 });
    assert.equal(code, 0, `the README's commands failed:\n${output}`);
    await expectPagePrints('/public/index.html', parts.find((b) => b.target === 'app.js'));
  });
}

test('the Rust blocks run as doc tests of tests/readme', async () => {
  const rust = blocks.filter((b) => b.way === 'doc-test');
  assert.ok(rust.every((b) => b.file === 'README.md'), 'Rust examples belong in README.md, which tests/readme compiles');
  const lib = readFileSync(join(root, 'tests/readme/src/lib.rs'), 'utf8').split('\n');
  const offset = lib.findIndex((line) => line.includes('include_str!("../../../README.md")'));
  assert.ok(offset >= 0, 'tests/readme/src/lib.rs includes README.md');
  const { code, output } = await run('cargo', ['test', '-p', 'stripe-edge-readme', '--doc', '--locked'], { cwd: root, timeoutMs: 600_000 });
  assert.equal(code, 0, output);
  const passed = [...output.matchAll(/^test tests\/readme\/src\/lib\.rs - \(line (\d+)\) \.\.\. ok$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(passed.toSorted((a, b) => a - b), rust.map((b) => b.line + offset), `each Rust block (README lines ${rust.map((b) => b.line)}) passed as a doc test:\n${output}`);
});

// ---------------------------------------------------------------------------------------
// Helpers.

const now = () => Math.floor(Date.now() / 1000);

/** Runs a command to its end in the example project: exit code and output. */
function run(command, args, { cwd = project, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, output });
    });
  });
}

/** The block as a module file of the project; TypeScript is checked by tsc, then stripped. */
async function moduleFile(block) {
  const dir = join(project, 'blocks');
  mkdirSync(dir, { recursive: true });
  if (block.way === 'node-cjs') {
    writeFileSync(join(dir, `${slug(block)}.cjs`), block.code);
    return join(dir, `${slug(block)}.cjs`);
  }
  if (block.way === 'typescript') {
    const source = join(dir, `${slug(block)}.mts`);
    writeFileSync(source, block.code);
    const tsc = join(root, 'node_modules/.bin/tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', '--typeRoots', join(root, 'node_modules/@types'), source];
    const { code, output } = await run(tsc, args, { timeoutMs: 120_000 });
    assert.equal(code, 0, `tsc refused ${where(block)}:\n${output}`);
    const { code: js } = await transform(block.code, { loader: 'ts', format: 'esm', target: 'es2022' });
    writeFileSync(join(dir, `${slug(block)}.mjs`), js);
    return join(dir, `${slug(block)}.mjs`);
  }
  writeFileSync(join(dir, `${slug(block)}.mjs`), block.code);
  return join(dir, `${slug(block)}.mjs`);
}

function assertPrints(block, output) {
  const expected = expectedPrints(block.code);
  assert.ok(printsInOrder(output, expected), `${where(block)} should print, in order:\n  ${expected.join('\n  ')}\nIt printed:\n${output}`);
}

/** Writes each part of a multi-block example to its `target` file under `dir`. */
function writeParts(dir, parts, targets) {
  assert.deepEqual(parts.map((b) => b.target).toSorted(), targets.toSorted(), `the example's blocks are ${targets.join(', ')}`);
  for (const part of parts) {
    mkdirSync(dirname(join(dir, part.target)), { recursive: true });
    writeFileSync(join(dir, part.target), part.code);
  }
}

/** The block as a Node server on a free port (`PORT`), once it answers. */
async function startServer(block) {
  const port = await freePort();
  const proc = startProcess('node', [await moduleFile(block)], { cwd: project, env: { ...env, PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(url, { method: 'POST', signal: AbortSignal.timeout(2_000) })).status > 0, {
    timeoutMs: 15_000,
    what: `${where(block)} to listen on ${url}`,
    stopIf: () => proc.status() && `${where(block)} exited:\n${proc.output()}`,
  });
  return { url, output: proc.output, stop: proc.stop };
}

/** POSTs a delivery and checks the status (and the JSON answer, when given). */
async function expectAnswer(url, payload, signature, status, body) {
  const headers = { 'content-type': 'application/json' };
  if (signature) headers['stripe-signature'] = signature;
  const response = await fetch(url, { method: 'POST', headers, body: payload });
  const text = await response.text();
  assert.equal(response.status, status, text);
  if (body) assert.deepEqual(JSON.parse(text), body);
}

/** A JSON call of the emulator's API. */
async function emulatorCall(method, path, form) {
  const response = await fetch(emulator.url + path, {
    method,
    headers: { authorization: 'Bearer sk_test_readme', 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status}`);
  return response.json();
}

// Headless Chromium, over a static server of the example project.
let browser;
let site;

async function openBrowser() {
  if (browser) return;
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  site = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    // Chromium asks for one on every page; a 404 would show as a console error.
    if (path === '/favicon.ico') return res.writeHead(204).end();
    // The README's "route of your own server": a token (minted with jose, as any JWT
    // library may) for a demo customer that has invoices, and where the Worker is.
    if (path === '/proxy-token') return proxyToken().then((body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    const file = join(project, path);
    try {
      if (!file.startsWith(project) || !statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => site.listen(sitePort, '127.0.0.1', resolve));
  browser = await chromium.launch({
    executablePath: execFileSync('sh', ['-c', 'command -v chromium']).toString().trim(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What the browser examples' `/proxy-token` answers. */
async function proxyToken() {
  const invoices = await emulatorCall('GET', '/v1/invoices?limit=1');
  const token = await new SignJWT({ scope: 'customer' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(invoices.data[0].customer)
    .setAudience('stripe-edge')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(TOKEN_SECRET));
  return { token, worker: worker.url };
}

async function closeBrowser() {
  await browser?.close();
  site?.close();
  // Chromium leaves its directories behind in TMPDIR.
  execFileSync('sh', ['-c', `rm -rf ${tmpdir()}/org.chromium.Chromium.* ${tmpdir()}/playwright_chromiumdev_profile-*`]);
}

/** Opens `path` and waits for the lines `block` says it prints in the page's console. */
async function expectPagePrints(path, block) {
  const expected = expectedPrints(block.code);
  assert.ok(expected.length > 0, `${where(block)} says what it prints (// prints:), so the test knows it ran`);
  await openBrowser();
  const page = await browser.newPage();
  const logged = [];
  const errors = [];
  page.on('console', (m) => (m.type() === 'error' ? errors : logged).push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`http://127.0.0.1:${site.address().port}${path}`);
    await waitFor(() => printsInOrder(logged.join('\n'), expected), {
      timeoutMs: 20_000,
      what: `${where(block)} to print ${JSON.stringify(expected)} in Chromium; it printed ${JSON.stringify(logged)}`,
      stopIf: () => errors.length > 0 && `${where(block)} failed in Chromium: ${errors.join('; ')}`,
    });
  } finally {
    await page.close();
  }
}
