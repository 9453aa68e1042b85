// The www app in headless Chromium against `npm start`'s system: each page's main flow
// end to end with the emulator's data, once with the mouse and once with the keyboard
// alone; axe-core on every page (no serious or critical violation); screenshots of every
// page at 375 and 1280 px (tests/.work/www/); no request carries a Stripe key and every
// script the pages run comes from their own origin (the CSP holds). Expected values come
// from the emulator through stripe-node, from the Worker's routes called from Node, or
// from stripe-node's own webhook check, never from what the page printed.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root, waitFor } from '../support/harness.mjs';
import { admin, axeViolations, devToken, driver, launch, recordingPage, screenshot, startSystem } from './system.mjs';

const require = createRequire(import.meta.url);
const { parseSearchQuery, search } = require(join(root, 'dist/search.node.cjs'));

const PAGES = ['index', 'webhooks', 'search', 'invoices', 'reports', 'deliveries'];
const path = (name) => (name === 'index' ? '/' : `/${name}`);

let system;
let browser;
let page;
let requests;
let problems;
const pageUrls = new Set();

before(async () => {
  system = await startSystem();
  browser = await launch();
  ({ page, requests, problems } = await recordingPage(browser));
});

after(async () => {
  await browser?.close();
  await system?.stop();
});

/** Opens one of the app's pages. */
async function open(name) {
  const response = await page.goto(system.worker + path(name));
  assert.equal(response.status(), 200, `${name} answers 200`);
  pageUrls.add(response.url());
  await page.waitForLoadState('networkidle');
  return response;
}

/** Signs in through the page's "Sign in as" button. */
async function signIn(act, scope) {
  await act.activate(`button[data-scope="${scope}"]`);
  await page.waitForSelector('.signed-in:not(:empty)');
}

/** Rows of the first table under `selector`, as text per cell. */
const rowsOf = (selector) =>
  page.$$eval(`${selector} tbody tr`, (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent.trim())));

test('the home page links to every page, reachable with the keyboard', async () => {
  await open('index');
  const links = await page.$$eval('main a', (as) => as.map((a) => new URL(a.href).pathname));
  for (const name of PAGES.slice(1)) assert.ok(links.includes(path(name)), `the home page links to ${name}`);
  const act = driver(page, 'keyboard');
  await act.activate('main a[href="/webhooks"]');
  await page.waitForURL(/\/webhooks$/);
  assert.equal(await page.textContent('h1'), 'Webhook debugger');
});

for (const mode of ['mouse', 'keyboard']) {
  test(`webhook debugger (${mode}): a signed test event is valid, a tampered one is refused, as stripe-node decides`, async () => {
    await open('webhooks');
    const act = driver(page, mode);
    assert.match(await page.textContent('#privacy'), /Nothing leaves this browser/);
    const before = requests.length;
    await act.activate('#sign');
    await page.waitForSelector('[data-verdict]');
    const [payload, header, secret] = await Promise.all(['#payload', '#header', '#secrets'].map((s) => page.inputValue(s)));
    const event = system.stripe.webhooks.constructEvent(payload, header, secret);
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), 'valid');
    assert.equal(await page.textContent('#event-type'), event.type);
    assert.deepEqual(await page.$$eval('#signatures li', (lis) => lis.map((li) => li.textContent)), ['v1 #1: matches secret 1 of 1']);
    const t = Number(header.match(/t=(\d+)/)[1]);
    assert.match(await page.textContent('#verdict'), new RegExp(`signed\\s*\\d+ s ago \\(t=${t}\\)`));

    // A rotation: two secrets, and a header whose second v1 is signed with the second.
    const [t2, newer] = [Math.floor(Date.now() / 1000), 'whsec_www_rotation_new'];
    const v1 = (key) => system.stripe.webhooks.generateTestHeaderString({ payload, secret: key, timestamp: t2 }).match(/v1=(\w+)/)[1];
    const rotated = `t=${t2},v1=${v1('whsec_www_unknown')},v1=${v1(newer)}`;
    system.stripe.webhooks.constructEvent(payload, rotated, newer);
    await act.fill('#secrets', `${secret}\n${newer}`);
    await act.fill('#header', rotated);
    await act.activate('#verify');
    await page.waitForFunction(() => document.querySelectorAll('#signatures li').length === 2);
    assert.deepEqual(await page.$$eval('#signatures li', (lis) => lis.map((li) => li.textContent)), ['v1 #1: matches none of the secrets', 'v1 #2: matches secret 2 of 2']);
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), 'valid');
    await act.fill('#secrets', secret);
    await act.fill('#header', header);

    // Tampered: one character of the payload changed.
    const tampered = payload.replace('Balance summary', 'Balance summarY');
    assert.throws(() => system.stripe.webhooks.constructEvent(tampered, header, secret), /No signatures found matching/);
    await act.fill('#payload', tampered);
    await act.activate('#verify');
    await page.waitForSelector('[data-verdict="invalid"]');
    assert.equal(await page.textContent('[data-code]'), 'no_matching_signature');

    // Signed with another secret, and an old timestamp: refused with the age in the reason.
    const old = Math.floor(Date.now() / 1000) - 3600;
    await act.fill('#payload', payload);
    await act.fill('#header', system.stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: old }));
    await act.activate('#verify');
    await page.waitForSelector('[data-code="timestamp_outside_tolerance"]');
    const age = Math.floor(Date.now() / 1000) - old;
    const said = Number((await page.textContent('#verdict')).match(/signed (\d+) s ago, more than the tolerance of 300/)?.[1]);
    assert.ok(Math.abs(said - age) <= 2, `the reason gives the age: ${said} s, ${age} s by this clock`);
    // Nothing was sent: the page made no request while verifying.
    assert.deepEqual(requests.slice(before).filter((r) => r.type === 'fetch' || r.type === 'xhr'), []);
  });

  test(`search playground (${mode}): the bytes at fault are highlighted; the builder writes queries; run through the proxy`, async () => {
    await open('search');
    const act = driver(page, mode);
    for (const query of ["customer~'cus_123'", "status:'open' AND total>100 OR", "number:'café' AND totl>5", "status:'op"]) {
      const expected = (() => {
        try {
          parseSearchQuery(query, 'invoices');
        } catch (error) {
          return Buffer.from(query).subarray(error.start, error.end).toString();
        }
        throw new Error(`${query} parses`);
      })();
      await act.fill('#query', query);
      await page.waitForSelector('[data-valid="false"]');
      const marked = await page.textContent('#fault');
      assert.equal(marked, expected === '' ? '\u2038' : expected, `the span at fault in ${query}`);
    }
    assert.equal(await page.textContent('#error-code'), 'unterminated_string');

    // The builder: status = open, then total > 1000.
    await act.fill('#query', '');
    await act.activate('#b-clear');
    await act.fill('#b-field', 'status');
    await act.fill('#b-value', 'open');
    await act.activate('#b-add');
    await act.fill('#b-field', 'total');
    await act.fill('#b-value', '1000');
    await act.check('#b-number');
    if (mode === 'mouse') await page.selectOption('#b-operator', '>');
    else {
      await act.tabTo('#b-operator');
      await page.keyboard.press('ArrowDown'); // ~
      await page.keyboard.press('ArrowDown'); // >
    }
    await act.activate('#b-add');
    const built = search('invoices').where('status').eq('open').and('total').gt(1000).build();
    assert.equal(await page.inputValue('#query'), built);
    assert.equal(await page.textContent('#canonical'), parseSearchQuery(built, 'invoices').query);

    await signIn(act, 'back-office');
    await act.activate('#run');
    await page.waitForSelector('#results table, #results .empty, #results .error');
    const ids = (await rowsOf('#results')).map((row) => row[0]).sort();
    const expected = (await system.stripe.invoices.search({ query: built, limit: 100 })).data.map((i) => i.id).sort();
    assert.ok(expected.length > 0, 'the demo data has open invoices over 10.00');
    assert.deepEqual(ids, expected);
  });

  test(`invoices (${mode}): the demo customer sees only their own invoices, with detail and events`, async () => {
    await open('invoices');
    const act = driver(page, mode);
    await signIn(act, 'customer');
    const { sub } = await devToken(system.worker, 'customer');
    await page.waitForSelector('#list table');
    const rows = await rowsOf('#list');
    const mine = await system.stripe.invoices.list({ customer: sub, limit: 100 });
    const every = await system.stripe.invoices.list({ limit: 100 });
    assert.ok(every.data.some((i) => i.customer !== sub), 'other customers have invoices');
    assert.deepEqual(rows.map((r) => r[0]).sort(), mine.data.map((i) => i.id).sort());
    assert.ok(rows.every((r) => r[1] === sub));

    // Search as the customer: still only theirs.
    await act.fill('#invoice-query', "status:'paid'");
    await act.activate('#search');
    await page.waitForFunction(() => document.querySelector('#list p')?.textContent.includes('matching'));
    const paid = mine.data.filter((i) => i.status === 'paid').map((i) => i.id).sort();
    assert.deepEqual((await rowsOf('#list')).map((r) => r[0]).sort(), paid);

    // One invoice: detail and its v2 events, as the emulator has them.
    const chosen = paid[0];
    await act.activate(`button[data-invoice="${chosen}"]`);
    await page.waitForFunction((id) => document.querySelector('#invoice-id')?.textContent === id, chosen);
    assert.equal(await page.textContent('#invoice-status'), 'paid');
    await page.waitForSelector('#timeline ol, #timeline .empty, #timeline .error');
    const events = await fetch(`${system.emulator}/v2/core/events?object_id=${chosen}`, { headers: { authorization: 'Bearer sk_test_www' } }).then((r) => r.json());
    const shown = await page.$$eval('#timeline li code', (codes) => codes.map((c) => c.textContent));
    assert.deepEqual(shown, events.data.map((e) => e.type));
    assert.equal(await page.$('#void'), null, 'the customer gets no void button');
  });

  test(`invoices (${mode}): back-office voids an open invoice after confirming; Stripe's refusal is shown as it is`, async () => {
    await open('invoices');
    const act = driver(page, mode);
    await signIn(act, 'back-office');
    await page.waitForSelector('#list table');
    const open_ = (await system.stripe.invoices.list({ status: 'open', limit: 100 })).data;
    const target = open_[0];
    assert.ok(target, 'an open invoice to void');
    await act.activate(`button[data-invoice="${target.id}"]`);
    await page.waitForFunction((id) => document.querySelector('#invoice-id')?.textContent === id, target.id);
    await act.activate('#void');
    await page.waitForSelector('#confirm');
    assert.equal((await system.stripe.invoices.retrieve(target.id)).status, 'open', 'nothing happens before the confirmation');
    await act.activate('#confirm');
    await page.waitForFunction(() => document.querySelector('#invoice-status')?.textContent === 'void');
    assert.equal((await system.stripe.invoices.retrieve(target.id)).status, 'void');
    assert.equal(await page.textContent(`[data-status="${target.id}"]`), 'void');

    // Voiding it again: the emulator's refusal, as it gave it.
    await act.activate('#void');
    await act.activate('#confirm');
    await page.waitForSelector('#actions .error');
    const refusal = await system.stripe.invoices.voidInvoice(target.id).catch((error) => error);
    assert.match(await page.textContent('#actions .error'), new RegExp(refusal.code));
    assert.match(await page.textContent('#actions .error'), new RegExp(String(refusal.statusCode)));
  });

  test(`reports (${mode}): a run shows progress, then its rows, a chart and the CSV; Sigma results`, async () => {
    await open('reports');
    const act = driver(page, mode);
    await signIn(act, 'back-office');
    await page.waitForSelector('#run-form:not([hidden])');
    const types = await system.stripe.reporting.reportTypes.list();
    assert.deepEqual((await rowsOf('#types')).map((r) => r[0]).sort(), types.data.map((t) => t.id).sort());
    const type = 'balance.summary.1';
    if (mode === 'mouse') await page.selectOption('#report-type', type);
    else {
      await act.tabTo('#report-type');
      await page.keyboard.type('Balance summary');
    }
    assert.equal(await page.inputValue('#report-type'), type);
    await act.activate('#run');
    await page.waitForSelector('#progress');
    await page.waitForFunction(() => /pending/.test(document.querySelector('#run-status')?.textContent ?? ''));
    await page.waitForFunction(() => / succeeded in /.test(document.querySelector('#run-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.waitForSelector('#result table');
    const runId = (await page.textContent('#run-status')).match(/frr_\w+/)[0];
    const run = await system.stripe.reporting.reportRuns.retrieve(runId);
    assert.equal(run.status, 'succeeded');
    assert.equal(run.report_type, type);
    const csv = await fetch(run.result.url, { headers: { authorization: 'Bearer sk_test_www' } }).then((r) => r.text());
    const lines = csv.trim().split('\n');
    const rows = await rowsOf('#result');
    assert.equal(rows.length, lines.length - 1, 'one table row per CSV row');
    assert.ok(rows.length > 0, 'the demo data has paid invoices');
    assert.equal(await page.getAttribute('#chart', 'data-bars'), String(rows.length));
    assert.ok(await page.evaluate(() => document.querySelector('#chart').width > 0));
    const download = page.waitForEvent('download');
    await act.activate('#csv');
    const file = await (await download).path();
    assert.equal((await import('node:fs')).readFileSync(file, 'utf8'), csv);

    // Sigma: the planted run's rows, as its file has them.
    const sigma = (await system.stripe.sigma.scheduledQueryRuns.list()).data[0];
    await act.activate(`button[data-sigma="${sigma.id}"]`);
    await page.waitForSelector('#sigma-result table');
    const sigmaCsv = await fetch(sigma.file.url, { headers: { authorization: 'Bearer sk_test_www' } }).then((r) => r.text());
    assert.equal((await rowsOf('#sigma-result')).length, sigmaCsv.trim().split('\n').length - 1);
  });

  test(`reports (${mode}): a run can be cancelled while it is pending`, async () => {
    await open('reports');
    const act = driver(page, mode);
    await signIn(act, 'back-office');
    await page.waitForSelector('#run-form:not([hidden])');
    // The run stays pending as the page sees it (each poll's answer says so), however
    // long the cancel takes to reach: the emulator finishes its runs in 2 s.
    const polls = [];
    const pending = async (route) => {
      const answer = await route.fetch();
      const run = await answer.json();
      polls.push(run.id);
      await route.fulfill({ response: answer, json: { ...run, status: 'pending', result: null, succeeded_at: null } });
    };
    await page.route(/\/v1\/reporting\/report_runs\/frr_\w+$/, pending);
    try {
      await act.activate('#run');
      await page.waitForFunction(() => /pending/.test(document.querySelector('#run-status')?.textContent ?? ''));
      await waitFor(() => polls.length >= 2, { timeoutMs: 10_000, what: 'the page to poll the run twice' });
      await act.activate('#cancel');
      await page.waitForFunction(() => /Cancelled/.test(document.querySelector('#run-status')?.textContent ?? ''));
    } finally {
      await page.unroute(/\/v1\/reporting\/report_runs\/frr_\w+$/, pending);
    }
    assert.equal(await page.isDisabled('#run'), false);
    // No poll after the cancel.
    const count = polls.length;
    await page.waitForTimeout(1500);
    assert.equal(polls.length, count, 'the page stopped polling');
  });
}

test('deliveries: a dead letter replayed from the page (keyboard alone) arrives at the demo destination', async () => {
  const { token } = await devToken(system.worker, 'admin');
  await open('deliveries');
  const act = driver(page, 'keyboard');
  await signIn(act, 'admin');
  await page.waitForSelector('[data-toggle="demo"]');
  await act.activate('[data-toggle="demo"]');
  await page.waitForFunction(() => document.querySelector('[data-destination-state="demo"]')?.textContent === 'disabled');
  const destinations = (await admin(system.worker, token, 'destinations')).body.data;
  assert.equal(destinations.find((d) => d.name === 'demo').disabled, true);

  // A new event in the emulator: parked for the disabled destination.
  const customer = await system.stripe.customers.create({ email: 'www-replay@example.com' });
  const event = (await system.stripe.events.list({ type: 'customer.created', limit: 10 })).data.find((e) => e.data.object.id === customer.id);
  await waitFor(async () => (await admin(system.worker, token, 'dead-letters?limit=1000')).body.data.some((l) => l.event === event.id && l.destination === 'demo'), {
    timeoutMs: 60_000,
    intervalMs: 500,
    what: `${event.id} to be a dead letter`,
  });
  await act.activate('#refresh');
  await page.waitForSelector(`[data-replay="${event.id}"]`);
  await act.activate('[data-toggle="demo"]');
  await page.waitForFunction(() => document.querySelector('[data-destination-state="demo"]')?.textContent === 'enabled');
  await act.activate(`[data-replay="${event.id}"]`);
  await page.waitForSelector('#replayed');
  // The page refreshes its lists, then puts the focus on Refresh: typing before that
  // settles would lose keys to the moving focus.
  await page.waitForSelector(`[data-replay="${event.id}"]`, { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'refresh');
  const line = `demo     | received ${event.id} customer.created`;
  await waitFor(() => system.output().includes(line), { timeoutMs: 30_000, what: `the demo destination to print ${line}` });
  assert.ok(!(await admin(system.worker, token, 'dead-letters?limit=1000')).body.data.some((l) => l.event === event.id));

  // The event's deliveries, as the ledger has them.
  await act.fill('#event-id', event.id);
  await act.activate('#lookup');
  await page.waitForSelector('#lookup-result pre, #lookup-result .error');
  const ledger = (await admin(system.worker, token, `events/${event.id}`)).body;
  const shown = JSON.parse(await page.textContent('#lookup-result pre'));
  assert.equal(shown.type, 'customer.created');
  assert.deepEqual(shown.deliveries.map((d) => [d.destination, d.state]), ledger.deliveries.map((d) => [d.destination, d.state]));
});

test('webhook debugger: a v2 thin event notification verifies and decodes as one', async () => {
  await open('webhooks');
  const secret = 'whsec_www_thin_event';
  const payload = JSON.stringify({
    id: 'evt_test_65R9Ijk8DtdBw7tfxT8Lpu5p', object: 'v2.core.event', type: 'v1.billing.meter.error_report_triggered', livemode: false,
    created: new Date().toISOString(), context: null,
    related_object: { id: 'mtr_test_61R9IjUgBYV4m4q1b41ZfzXNKNdEdU5U', type: 'billing.meter', url: '/v1/billing/meters/mtr_test_61R9IjUgBYV4m4q1b41ZfzXNKNdEdU5U' },
  });
  const header = system.stripe.webhooks.generateTestHeaderString({ payload, secret });
  // stripe-node reads it as a thin event notification.
  assert.equal(system.stripe.parseEventNotification(payload, header, secret).type, 'v1.billing.meter.error_report_triggered');
  await page.fill('#payload', payload);
  await page.fill('#header', header);
  await page.fill('#secrets', secret);
  await page.click('#verify');
  await page.waitForSelector('[data-verdict="valid"]');
  assert.equal(await page.textContent('#event-type'), 'v1.billing.meter.error_report_triggered');
  assert.match(await page.textContent('#event'), /decodes with the v2\.core\.event_notification model/);
  assert.match(await page.textContent('#event'), /verified\s*yes/);
});

test('deliveries: recent deliveries and attempts, as the Worker lists them', async () => {
  const { token } = await devToken(system.worker, 'admin');
  const list = () => admin(system.worker, token, 'deliveries?limit=100');
  assert.equal((await list()).status, 200);
  await open('deliveries');
  await signIn(driver(page, 'mouse'), 'admin');
  const line = (d) => `${d.event} ${d.destination} ${d.attempt} ${d.outcome}`;
  // A quiet moment: the same list twice, half a second apart; then the page shows it.
  const quiet = await waitFor(async () => {
    const before = JSON.stringify((await list()).body.data);
    await new Promise((r) => setTimeout(r, 500));
    const after = (await list()).body.data;
    return before === JSON.stringify(after) && after;
  }, { timeoutMs: 30_000, what: 'no new delivery for half a second' });
  await page.click('#refresh');
  await page.waitForFunction((count) => document.querySelectorAll('#recent tbody tr').length === count, quiet.length);
  const shown = (await rowsOf('#recent')).map((r) => `${r[0]} ${r[2]} ${r[3]} ${r[4]}`);
  assert.deepEqual(shown, quiet.map(line));
  assert.ok(quiet.some((d) => d.destination === 'demo' && d.outcome === 'delivered'), 'the demo destination got deliveries');
});

test('where the Worker mints no demo tokens (production), signing in says how to mint them with mintProxyToken', async () => {
  const context = await browser.newContext();
  const fresh = await context.newPage();
  try {
    // As a Worker without DEV_TOKENS answers: the route does not exist.
    await fresh.route('**/_dev/tokens*', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"type":"invalid_request_error","code":"resource_missing","message":"Unrecognized request URL"}}' }));
    await fresh.goto(`${system.worker}/invoices`);
    await fresh.click('button[data-scope="customer"]');
    await fresh.waitForSelector('.sign-in .note');
    assert.match(await fresh.textContent('.sign-in .note'), /mintProxyToken\(/);
    assert.equal(await fresh.textContent('.signed-in'), '');
    assert.match(await fresh.textContent('#list'), /Sign in to see invoices/);
  } finally {
    await context.close();
  }
});

test('every page: its navigation links to every page and marks that page alone as current', async () => {
  for (const name of PAGES) {
    await open(name);
    const links = await page.$$eval('header nav a', (as) => as.map((a) => [new URL(a.href).pathname, a.getAttribute('aria-current')]));
    assert.deepEqual(links.map(([href]) => href), PAGES.map(path), name);
    assert.deepEqual(links.filter(([, current]) => current === 'page').map(([href]) => href), [path(name)], name);
  }
});

test('every page: no serious or critical axe violation, at 1280 and 375 px (screenshots saved)', async () => {
  const found = [];
  for (const name of PAGES) {
    await open(name);
    if (name === 'invoices') {
      await signIn(driver(page, 'mouse'), 'back-office');
      await page.waitForSelector('#list table');
    }
    if (name === 'search') {
      await signIn(driver(page, 'mouse'), 'back-office');
      await page.fill('#query', "status:'open' AND totl>1000");
      await page.waitForSelector('#fault');
    }
    if (name === 'invoices') {
      await page.click('#list button[data-invoice]');
      await page.waitForSelector('#invoice-id');
      await page.waitForSelector('#timeline ol');
    }
    if (name === 'reports') {
      await signIn(driver(page, 'mouse'), 'back-office');
      await page.waitForSelector('#run-form:not([hidden])');
      await page.selectOption('#report-type', 'balance.summary.1');
      await page.click('#run');
      await page.waitForSelector('#result table', { timeout: 30_000 });
      await page.click('#sigma button[data-sigma]');
      await page.waitForSelector('#sigma-result table');
    }
    if (name === 'deliveries') await signIn(driver(page, 'mouse'), 'admin');
    if (name === 'webhooks') {
      await page.click('#sign');
      await page.waitForSelector('[data-verdict]');
    }
    await page.waitForLoadState('networkidle');
    for (const width of [1280, 375]) {
      await screenshot(page, name, width);
      for (const violation of await axeViolations(page)) found.push(`${name} at ${width} px: ${violation}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${name} at ${width} px scrolls sideways by ${overflow} px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  assert.deepEqual(found, []);
});

test('the pages run modules from their own origin only (the CSP holds), and no request carries a Stripe key', async () => {
  await open('webhooks');
  const origin = new URL(system.worker).origin;
  const csp = (await page.goto(system.worker + '/webhooks')).headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal((await fetch(`${system.worker}/_headers`)).status, 404, 'the headers file is not served');
  // An inline script and a module from another origin are refused by the browser.
  const refused = await page.evaluate(async (other) => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.blockedURI || event.violatedDirective));
    const inline = document.createElement('script');
    inline.textContent = 'globalThis.inlineRan = true;';
    document.body.append(inline);
    const imported = await import(`${other}/module.js`).then(() => 'loaded', () => 'refused');
    await new Promise((r) => setTimeout(r, 200));
    return { inlineRan: globalThis.inlineRan === true, imported, violations };
  }, system.emulator);
  assert.equal(refused.inlineRan, false);
  assert.equal(refused.imported, 'refused');
  assert.ok(refused.violations.length >= 2, JSON.stringify(refused.violations));

  assert.ok(requests.length > 50, `${requests.length} requests recorded`);
  const keyed = requests.filter((r) => /\b(sk|rk)_(test|live)_/.test(`${r.url} ${JSON.stringify(r.headers)} ${r.body}`));
  assert.deepEqual(keyed, [], 'no request carries a Stripe key');
  const scripts = requests.filter((r) => r.type === 'script').map((r) => r.url);
  assert.ok(scripts.some((u) => u.endsWith('/vendor/stripe-edge/webhooks.browser.js')));
  assert.deepEqual(scripts.filter((u) => new URL(u).origin !== origin && u !== `${system.emulator}/module.js`), []);
  const foreign = requests.filter((r) => new URL(r.url).origin !== origin && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  // The only other origin is the module this test asked for above, which the CSP refused.
  assert.deepEqual(foreign.map((r) => r.url).filter((u) => u !== `${system.emulator}/module.js`), []);
  assert.deepEqual(problems.filter((p) => !/Content Security Policy|module\.js|Failed to load resource/.test(p)), []);
});
