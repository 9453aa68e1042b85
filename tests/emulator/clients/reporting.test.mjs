// Reporting, files, Sigma and v2 events through Stripe's official Node client: run a
// report and poll it to `succeeded`, download its CSV, read a Sigma run's result, list
// the thin events of an object. Amounts in the CSVs are checked against the invoices
// the test itself paid, converted by hand from minor units.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startEmulator, waitFor } from '../../support/harness.mjs';

const KEY = 'sk_test_reporting';
let emulator;
let stripe;

before(async () => {
  emulator = await startEmulator({ args: ['--report-delay-ms', '200'] });
  stripe = new Stripe(KEY, { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
});
after(() => emulator?.stop());

const download = async (url) => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${KEY}` } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /text\/csv/);
  return (await response.text()).trim().split('\r\n').map((line) => line.split(','));
};

async function paidInvoice(customer, currency, amount) {
  const invoice = await stripe.invoices.create({ customer, currency, collection_method: 'send_invoice', days_until_due: 7 });
  await stripe.invoiceItems.create({ customer, invoice: invoice.id, amount, currency });
  await stripe.invoices.finalizeInvoice(invoice.id);
  return stripe.invoices.pay(invoice.id, { paid_out_of_band: true });
}

async function runAndWait(params) {
  const run = await stripe.reporting.reportRuns.create(params);
  assert.equal(run.status, 'pending');
  return waitFor(async () => {
    const current = await stripe.reporting.reportRuns.retrieve(run.id);
    return current.status !== 'pending' && current;
  }, { timeoutMs: 10_000, what: `report run ${run.id}` });
}

test('report types: the catalogue with data windows and default columns', async () => {
  const types = await stripe.reporting.reportTypes.list();
  const ids = types.data.map((t) => t.id);
  for (const id of ['balance.summary.1', 'balance_change_from_activity.summary.1', 'balance_change_from_activity.itemized.1', 'payouts.summary.1', 'payouts.itemized.1', 'payout_reconciliation.itemized.1']) {
    assert.ok(ids.includes(id), id);
  }
  const itemized = await stripe.reporting.reportTypes.retrieve('balance_change_from_activity.itemized.1');
  assert.ok(itemized.data_available_start < itemized.data_available_end);
  assert.ok(itemized.default_columns.includes('gross'));
  await assert.rejects(stripe.reporting.reportTypes.retrieve('nope.1'), { statusCode: 404 });
});

test('a report run goes pending → succeeded and its CSV holds the paid invoices in major units', async () => {
  const customer = (await stripe.customers.create({ email: 'report@example.com' })).id;
  const usd = await paidInvoice(customer, 'usd', 12345);
  const jpy = await paidInvoice(customer, 'jpy', 5000);
  const kwd = await paidInvoice(customer, 'kwd', 1500);
  const type = await stripe.reporting.reportTypes.retrieve('balance_change_from_activity.itemized.1');
  const run = await runAndWait({
    report_type: type.id,
    parameters: { interval_start: usd.created - 10, interval_end: type.data_available_end, columns: ['invoice_id', 'currency', 'gross'], timezone: 'Etc/UTC' },
  });
  assert.equal(run.status, 'succeeded');
  assert.equal(run.result.object, 'file');
  assert.equal(run.result.purpose, 'finance_report_run');
  const file = await stripe.files.retrieve(run.result.id);
  assert.equal(file.size, run.result.size);
  const [header, ...rows] = await download(run.result.url);
  assert.deepEqual(header, ['invoice_id', 'currency', 'gross']);
  const byInvoice = Object.fromEntries(rows.map(([id, currency, gross]) => [id, [currency, gross]]));
  assert.deepEqual(byInvoice[usd.id], ['usd', '123.45']);
  assert.deepEqual(byInvoice[jpy.id], ['jpy', '5000']);
  assert.deepEqual(byInvoice[kwd.id], ['kwd', '1.500']);
  const listed = await stripe.reporting.reportRuns.list({ created: { gte: run.created } });
  assert.ok(listed.data.some((r) => r.id === run.id));
});

test('report run parameters are checked against the report type', async () => {
  const type = await stripe.reporting.reportTypes.retrieve('balance.summary.1');
  const { data_available_start: start, data_available_end: end } = type;
  const refused = async (parameters, param) =>
    assert.rejects(stripe.reporting.reportRuns.create({ report_type: type.id, parameters }), (error) => {
      assert.equal(error.type, 'StripeInvalidRequestError', error.message);
      assert.equal(error.param, param);
      return true;
    });
  await refused({ interval_start: start - 1, interval_end: end }, 'parameters[interval_start]');
  await refused({ interval_start: start, interval_end: end + 3600 }, 'parameters[interval_end]');
  await refused({ interval_start: end - 10, interval_end: end - 20 }, 'parameters[interval_end]');
  await refused({ interval_start: start, interval_end: end, columns: ['nope'] }, 'parameters[columns]');
  await refused({ interval_start: start, interval_end: end, timezone: 'Mars/Olympus' }, 'parameters[timezone]');
  await refused({ interval_start: start, interval_end: end, payout: 'po_1' }, 'parameters[payout]');
  await refused({ interval_end: end }, 'parameters[interval_start]');
  await assert.rejects(stripe.reporting.reportRuns.create({ report_type: 'nope.1', parameters: { interval_start: start, interval_end: end } }), { param: 'report_type' });
});

test('an injected failure ends a run as failed, with an error', async () => {
  const faults = (body) => fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify(body) });
  assert.equal((await faults({ fail_reports: true })).status, 200);
  const type = await stripe.reporting.reportTypes.retrieve('balance.summary.1');
  const created = await stripe.reporting.reportRuns.create({ report_type: type.id, parameters: { interval_start: type.data_available_start, interval_end: type.data_available_end } });
  assert.equal((await faults({})).status, 200);
  // A failed run's `error` is a string member, which stripe-node 23 mistakes for an
  // OAuth error response (RequestSender: `if (jsonResponse.error)`), so read it raw.
  const run = await waitFor(async () => {
    const response = await fetch(`${emulator.url}/v1/reporting/report_runs/${created.id}`, { headers: { authorization: `Bearer ${KEY}` } });
    const current = await response.json();
    return current.status !== 'pending' && current;
  }, { timeoutMs: 10_000, what: `report run ${created.id}` });
  assert.equal(run.status, 'failed');
  assert.equal(run.result, null);
  assert.match(run.error, /injected/);
  await assert.rejects(stripe.reporting.reportRuns.retrieve(created.id), (error) => error.type === 'StripeOAuthError' && error.rawType === run.error);
});

test('Sigma scheduled query runs: list, retrieve, download the result', async () => {
  const customer = (await stripe.customers.create({ email: 'sigma@example.com' })).id;
  const invoice = await paidInvoice(customer, 'usd', 777);
  const planted = await fetch(`${emulator.url}/_emulator/scheduled_query_runs`, {
    method: 'POST',
    body: JSON.stringify({ title: 'Paid invoices', sql: 'select * from invoices' }),
  }).then((r) => r.json());
  const runs = await stripe.sigma.scheduledQueryRuns.list();
  assert.ok(runs.data.some((r) => r.id === planted.id));
  const run = await stripe.sigma.scheduledQueryRuns.retrieve(planted.id);
  assert.equal(run.status, 'completed');
  assert.equal(run.file.purpose, 'sigma_scheduled_query');
  const [header, ...rows] = await download(run.file.url);
  const row = Object.fromEntries(header.map((name, i) => [name, rows.find((r) => r[0] === invoice.id)[i]]));
  // Sigma writes amounts in minor units (Stripe's Sigma docs), unlike report runs.
  assert.deepEqual([row.customer, row.currency, row.amount_paid, row.status], [customer, 'usd', '777', 'paid']);
  await assert.rejects(stripe.sigma.scheduledQueryRuns.retrieve('sqr_missing'), { statusCode: 404 });
});

test('v2 core events: the thin events of one object, paged, and each retrieved', async () => {
  const customer = (await stripe.customers.create({ email: 'events@example.com' })).id;
  const invoice = await paidInvoice(customer, 'usd', 100);
  const seen = [];
  let page = await stripe.v2.core.events.list({ object_id: invoice.id, limit: 2 });
  for (let i = 0; i < 20; i++) {
    seen.push(...page.data);
    if (!page.next_page_url) break;
    const next = new URL(page.next_page_url, emulator.url);
    page = await stripe.v2.core.events.list({ object_id: invoice.id, limit: 2, page: next.searchParams.get('page') });
  }
  const types = seen.map((e) => e.type);
  for (const type of ['v1.invoice.created', 'v1.invoice.finalized', 'v1.invoice.paid']) assert.ok(types.includes(type), type);
  assert.equal(new Set(seen.map((e) => e.id)).size, seen.length, 'each event once');
  assert.ok(seen.every((e) => e.object === 'v2.core.event' && e.related_object.id === invoice.id));
  const one = await stripe.v2.core.events.retrieve(seen[0].id);
  assert.equal(one.id, seen[0].id);
});
