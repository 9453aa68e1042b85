// The policy proxy in workerd with the official clients, unchanged but for where they
// send and a proxy token as their API key: stripe-node (host/port/protocol) and
// stripe-python (base addresses), and the package's own client in Node and in headless
// Chromium from another origin (through CORS). The upstream is the local emulator with
// its demo data; every expectation is read from the emulator directly with the secret
// key, never from the proxy. Tokens are minted with the `jose` package (HS256), as a
// merchant's backend could, and with the package's own mintProxyToken. The Chromium
// page loads the packed package that scripts/test.sh installs into tests/package.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { chromium } from 'playwright-core';
import Stripe from 'stripe';
import { root, startEmulator, startWrangler } from '../support/harness.mjs';

const SECRET_KEY = 'sk_test_proxy_clients_secret';
const TOKEN_SECRET = 'proxy-clients-token-secret-0123456789';
const pkg = join(root, 'tests/package/node_modules/stripe-edge');

let emulator;
let worker;
let admin;
let page;
let demo;

/** An HS256 proxy token for `sub` in `scope`, valid for ten minutes. */
const mint = (sub, scope) =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience('stripe-edge')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(TOKEN_SECRET));

/** stripe-node through the proxy, with `token` as its API key. */
const through = (token) => new Stripe(token, { host: '127.0.0.1', port: worker.port, protocol: 'http', maxNetworkRetries: 0 });

before(async () => {
  emulator = await startEmulator({ args: ['--seed', 'demo', '--report-delay-ms', '200'] });
  admin = new Stripe(SECRET_KEY, { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  page = createServer((req, res) => {
    const path = normalize(new URL(req.url, 'http://x').pathname);
    const file = path.startsWith('/pkg/') ? join(pkg, path.slice(5)) : null;
    try {
      if (!file || !statSync(file).isFile()) throw new Error('no file');
      const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>proxy client page</title>');
    }
  });
  await new Promise((r) => page.listen(0, '127.0.0.1', r));
  worker = await startWrangler({
    readyPath: '/healthz',
    vars: {
      STRIPE_SECRET_KEY: SECRET_KEY,
      PROXY_TOKEN_SECRET: TOKEN_SECRET,
      STRIPE_API_BASE: emulator.url,
      STRIPE_WEBHOOK_SECRET: 'whsec_proxy_clients',
      ALLOWED_ORIGINS: `http://127.0.0.1:${page.address().port}`,
    },
  });
  const customers = (await admin.customers.list({ limit: 100 })).data;
  const invoices = (await admin.invoices.list({ limit: 100 })).data;
  const [amy, jane] = customers.filter((c) => c.metadata.tier === 'demo');
  const own = (customer) => invoices.filter((i) => i.customer === customer.id);
  demo = { amy, jane, amyInvoices: own(amy), janeInvoices: own(jane) };
  assert.ok(demo.amyInvoices.length >= 3 && demo.janeInvoices.length >= 3, 'the demo data has invoices for two customers');
});

after(async () => {
  await worker?.stop();
  await emulator?.stop();
  page?.close();
});

const ids = (objects) => objects.map((o) => o.id).sort();

test('stripe-node with a customer token: its own invoices, nothing else', async () => {
  const stripe = through(await mint(demo.amy.id, 'customer'));
  const listed = await stripe.invoices.list({ limit: 2 }).autoPagingToArray({ limit: 100 });
  assert.deepEqual(ids(listed), ids(demo.amyInvoices));
  const paid = demo.amyInvoices.filter((i) => i.status === 'paid');
  const found = await stripe.invoices.search({ query: "status:'paid'" }).autoPagingToArray({ limit: 100 });
  assert.deepEqual(ids(found), ids(paid));
  const mine = await stripe.invoices.retrieve(demo.amyInvoices[0].id);
  assert.equal(mine.id, demo.amyInvoices[0].id);

  const theirs = await stripe.invoices.retrieve(demo.janeInvoices[0].id).catch((e) => e);
  const missing = await stripe.invoices.retrieve('in_missing0000').catch((e) => e);
  for (const error of [theirs, missing]) {
    assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError, String(error));
    assert.deepEqual([error.statusCode, error.code, error.param], [404, 'resource_missing', 'id']);
  }
  assert.equal(theirs.message.replace(demo.janeInvoices[0].id, 'X'), missing.message.replace('in_missing0000', 'X'), 'a foreign invoice reads as a missing one');

  const events = await stripe.v2.core.events.list({ object_id: demo.amyInvoices[0].id });
  const expected = await admin.v2.core.events.list({ object_id: demo.amyInvoices[0].id });
  assert.deepEqual(ids(events.data), ids(expected.data));
  const foreign = await stripe.v2.core.events.list({ object_id: demo.janeInvoices[0].id }).catch((e) => e);
  assert.equal(foreign.statusCode, 404);

  const denied = await stripe.customers.list().catch((e) => e);
  assert.ok(denied instanceof Stripe.errors.StripePermissionError, String(denied));
  assert.equal(denied.code, 'endpoint_not_allowed');
  const open = demo.amyInvoices.find((i) => i.status === 'open');
  const voided = await stripe.invoices.voidInvoice(open.id).catch((e) => e);
  assert.deepEqual([voided.statusCode, voided.code], [403, 'endpoint_not_allowed']);
  assert.equal((await admin.invoices.retrieve(open.id)).status, 'open', 'nothing changed upstream');
});

test('stripe-node with a back-office token: every seed endpoint works on the emulator\'s data', async () => {
  const stripe = through(await mint('back-office-app', 'back-office'));
  const customer = await stripe.customers.create({ email: 'proxy-office@example.com', name: 'Office' });
  assert.equal((await admin.customers.retrieve(customer.id)).email, 'proxy-office@example.com');
  assert.equal((await stripe.customers.update(customer.id, { name: 'Renamed' })).name, 'Renamed');
  assert.ok((await stripe.customers.list({ email: 'proxy-office@example.com' })).data.some((c) => c.id === customer.id));
  const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 7 });
  await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 2500, currency: 'usd' });
  assert.equal((await stripe.invoices.finalizeInvoice(invoice.id)).status, 'open');
  assert.equal((await stripe.invoices.sendInvoice(invoice.id)).status, 'open');
  assert.equal((await stripe.invoices.voidInvoice(invoice.id)).status, 'void');
  assert.equal((await admin.invoices.retrieve(invoice.id)).status, 'void', 'the emulator holds the change');
  const expanded = await stripe.invoices.retrieve(invoice.id, { expand: ['customer'] });
  assert.equal(expanded.customer.id, customer.id);
  const search = await stripe.invoices.search({ query: `customer:"${customer.id}"` });
  assert.deepEqual(ids(search.data), [invoice.id]);

  const type = await stripe.reporting.reportTypes.retrieve('balance.summary.1');
  assert.equal(type.id, 'balance.summary.1');
  assert.ok((await stripe.reporting.reportTypes.list()).data.length > 0);
  const run = await stripe.reporting.reportRuns.create({
    report_type: type.id,
    parameters: { interval_start: type.data_available_start, interval_end: type.data_available_end },
  });
  assert.equal((await stripe.reporting.reportRuns.retrieve(run.id)).id, run.id);
  assert.ok((await stripe.reporting.reportRuns.list({ limit: 3 })).data.some((r) => r.id === run.id));
  const queries = await stripe.sigma.scheduledQueryRuns.list();
  assert.deepEqual(ids(queries.data), ids((await admin.sigma.scheduledQueryRuns.list()).data));
  assert.equal((await stripe.sigma.scheduledQueryRuns.retrieve(queries.data[0].id)).id, queries.data[0].id);
  const files = await stripe.files.list();
  assert.deepEqual(ids(files.data), ids((await admin.files.list()).data));

  const endpoint = await stripe.webhookEndpoints.create({ url: 'https://example.com/hook', enabled_events: ['invoice.paid'] });
  assert.ok(endpoint.secret.startsWith('whsec_'));
  assert.equal((await stripe.webhookEndpoints.update(endpoint.id, { description: 'x' })).description, 'x');
  assert.equal((await stripe.webhookEndpoints.retrieve(endpoint.id)).id, endpoint.id);
  assert.ok((await stripe.webhookEndpoints.list()).data.some((e) => e.id === endpoint.id));
  assert.equal((await stripe.webhookEndpoints.del(endpoint.id)).deleted, true);

  const event = (await stripe.v2.core.events.list({ object_id: customer.id })).data[0];
  assert.equal((await stripe.v2.core.events.retrieve(event.id)).id, event.id);
});

test('answers carry Stripe\'s Request-Id and the pinned Stripe-Version; stripe-node\'s own version is replaced', async () => {
  const token = await mint(demo.amy.id, 'customer');
  const response = await fetch(`${worker.url}/v1/invoices`, { headers: { authorization: `Bearer ${token}`, 'stripe-version': '2099-01-01' } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('request-id') ?? '', /^req_/);
  assert.equal(response.headers.get('stripe-version'), '2023-08-16');
});

test('stripe-python with a customer token and a back-office token', async () => {
  const python = join(root, '.venv/bin/python');
  const script = join(root, 'tests/worker/proxy_python.py');
  const args = [script, worker.url, await mint(demo.amy.id, 'customer'), await mint('back-office-app', 'back-office'), JSON.stringify(ids(demo.amyInvoices)), demo.janeInvoices[0].id];
  const { code, output } = await new Promise((resolve) => {
    const child = spawn(python, args, { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
  assert.equal(code, 0, output);
  assert.match(output, /^all steps passed$/m, output);
});

test('the package\'s client in Node: a customer token sees its own invoices', async () => {
  const api = await import('stripe-edge');
  const client = api.createClient({ baseUrl: worker.url, apiKey: await mint(demo.jane.id, 'customer') });
  const listed = await client.invoices.list().autoPagingToArray({ limit: 100 });
  assert.deepEqual(ids(listed), ids(demo.janeInvoices));
  const refused = await client.customers.list().catch((e) => e);
  assert.ok(refused instanceof api.StripePermissionError, String(refused));
  const foreign = await client.invoices.retrieve(demo.amyInvoices[0].id).catch((e) => e);
  assert.ok(foreign instanceof api.StripeInvalidRequestError && foreign.statusCode === 404, String(foreign));
});

test('a token from the package\'s mintProxyToken works as the official clients\' key; one signed with another secret is refused', async () => {
  const { mintProxyToken } = await import('stripe-edge');
  const token = mintProxyToken({ secret: TOKEN_SECRET, sub: demo.amy.id, scope: 'customer', ttlSeconds: 600 });
  const listed = await through(token).invoices.list({ limit: 100 });
  assert.deepEqual(ids(listed.data), ids(demo.amyInvoices));
  const forged = mintProxyToken({ secret: `${TOKEN_SECRET}-not`, sub: demo.amy.id, scope: 'customer' });
  const refused = await through(forged).invoices.list().catch((e) => e);
  assert.equal(refused.statusCode, 401, String(refused));
  assert.equal(refused.code, 'token_signature');
});

test('the package\'s client in headless Chromium, from another origin through CORS', async () => {
  const browser = await chromium.launch({
    executablePath: execFileSync('sh', ['-c', 'command -v chromium']).toString().trim(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${page.address().port}/`);
    const token = await mint(demo.jane.id, 'customer');
    const result = await tab.evaluate(async ({ baseUrl, token, other }) => {
      const api = await import('/pkg/dist/browser.js');
      const client = api.createClient({ baseUrl, apiKey: token });
      const listed = await client.invoices.list().autoPagingToArray({ limit: 100 });
      const foreign = await client.invoices.retrieve(other).catch((e) => [e.constructor.name, e.statusCode]);
      return { ids: listed.map((i) => i.id).sort(), foreign };
    }, { baseUrl: worker.url, token, other: demo.amyInvoices[0].id });
    assert.deepEqual(result.ids, ids(demo.janeInvoices));
    assert.deepEqual(result.foreign, ['StripeInvalidRequestError', 404]);
    // A page of another origin is refused by the browser itself (no CORS headers for it).
    const stranger = await browser.newPage();
    await stranger.goto('about:blank');
    const blocked = await stranger.evaluate(async ({ url, token }) => {
      try {
        await fetch(`${url}/v1/invoices`, { headers: { authorization: `Bearer ${token}` } });
        return 'read';
      } catch (error) {
        return error.name;
      }
    }, { url: worker.url, token });
    assert.equal(blocked, 'TypeError');
  } finally {
    await browser.close();
    execFileSync('sh', ['-c', `rm -rf ${tmpdir()}/org.chromium.Chromium.* ${tmpdir()}/playwright_chromiumdev_profile-*`]);
  }
});
