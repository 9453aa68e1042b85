// The API client's checks, run unchanged in Node, in headless Chromium and inside
// workerd against the local Stripe emulator (tests/emulator). Each runtime imports
// `stripe-edge` its own way and passes the module and the emulator's URL here. Every
// expectation comes from what the suite itself created; nothing is copied from an
// earlier run.

const SECRET = 'whsec_client_suite';

// `transport: 'default'` runs it on the client's own transport (Node's HTTP client in
// Node) instead of a recording `fetch`; what only the recording shows (the headers
// sent) is then checked by the other run.
export async function runClientSuite(api, { baseUrl, transport = 'recording' }) {
  const recording = transport === 'recording';
  const results = [];
  const check = async (name, fn) => {
    try {
      await fn();
      results.push({ name, ok: true, detail: '' });
    } catch (error) {
      results.push({ name, ok: false, detail: `${error?.name}: ${error?.message}` });
    }
  };
  const expect = (condition, message) => {
    if (!condition) throw new Error(message);
  };
  const same = (actual, expected, what) =>
    expect(JSON.stringify(actual) === JSON.stringify(expected), `${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  const rejects = async (promise, Class, what) => {
    try {
      await promise;
    } catch (error) {
      expect(error instanceof Class, `${what}: ${error?.name} (${error?.message}), expected ${Class.name}`);
      return error;
    }
    throw new Error(`${what}: no error`);
  };
  const control = async (path, body) => {
    const response = await fetch(`${baseUrl}/_emulator/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    expect(response.ok, `/_emulator/${path}: ${response.status}`);
    return response.json();
  };
  const served = async () => (await control('stats')).requests;
  const sent = [];
  const record = (url, init) => {
    sent.push({ url, method: init.method, headers: Object.fromEntries(init.headers) });
    return fetch(url, init);
  };
  const client = api.createClient({ apiKey: 'sk_test_client_suite', baseUrl, ...(recording ? { fetch: record } : {}) });
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const customer = await client.customers.create({ email: `suite-${unique}@example.com`, name: 'Suite Customer' });

  const paidInvoice = async (currency, amount) => {
    const invoice = await client.invoices.create({ customer: customer.id, currency, collection_method: 'send_invoice', days_until_due: 7 });
    await client.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount, currency });
    await client.invoices.finalizeInvoice(invoice.id);
    return client.invoices.pay(invoice.id, { paid_out_of_band: true });
  };

  await check('customers: create, retrieve, update, list by email', async () => {
    same((await client.customers.retrieve(customer.id)).email, customer.email, 'retrieved email');
    const updated = await client.customers.update(customer.id, { name: 'Renamed', metadata: { suite: unique } });
    same([updated.name, updated.metadata.suite], ['Renamed', unique], 'updated');
    const listed = await client.customers.list({ email: customer.email });
    same(listed.data.map((c) => c.id), [customer.id], 'listed');
  });

  const invoiceOwner = await client.customers.create({ email: `pages-${unique}@example.com` });
  const made = [];
  for (let batch = 0; batch < 10; batch++) {
    const created = await Promise.all(
      Array.from({ length: 25 }, () => client.invoices.create({ customer: invoiceOwner.id, collection_method: 'send_invoice', days_until_due: 1 })),
    );
    made.push(...created.map((i) => i.id));
  }
  const exactlyOnce = (ids, what) => {
    same(ids.length, made.length, `${what}: count`);
    same(new Set(ids).size, ids.length, `${what}: repeats`);
    same([...ids].sort(), [...made].sort(), `${what}: ids`);
  };

  await check('pagination: 250 invoices exactly once through a list (starting_after)', async () => {
    const ids = [];
    for await (const invoice of client.invoices.list({ customer: invoiceOwner.id, limit: 17 })) ids.push(invoice.id);
    exactlyOnce(ids, 'list');
    const first = await client.invoices.list({ customer: invoiceOwner.id, limit: 3 });
    same([first.object, first.data.length, first.has_more], ['list', 3, true], 'awaiting gives the first page');
  });

  await check('pagination: backwards with ending_before, each once', async () => {
    const all = [];
    for await (const invoice of client.invoices.list({ customer: invoiceOwner.id, limit: 100 })) all.push(invoice.id);
    const oldest = all[all.length - 1];
    const ids = await client.invoices.list({ customer: invoiceOwner.id, limit: 9, ending_before: oldest }).autoPagingToArray({ limit: 1000 });
    same(ids.length, all.length - 1, 'backwards count');
    same(new Set(ids.map((i) => i.id)).size, all.length - 1, 'backwards repeats');
  });

  await check('pagination: 250 invoices exactly once through search (page / next_page)', async () => {
    const found = await client.invoices.search({ query: `customer:"${invoiceOwner.id}"`, limit: 23 }).autoPagingToArray({ limit: 1000 });
    exactlyOnce(found.map((i) => i.id), 'search');
  });

  await check('pagination: 250 events of one object exactly once through v2 pages (next_page_url)', async () => {
    const subject = await client.customers.create({ email: `events-${unique}@example.com` });
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => client.customers.update(subject.id, { metadata: { [`k${batch}_${i}`]: 'v' } })));
    }
    const events = [];
    for await (const event of client.v2.core.events.list({ object_id: subject.id, limit: 20 })) events.push(event);
    const updates = events.filter((e) => e.type === 'v1.customer.updated');
    same(updates.length, 250, 'updated events');
    same(new Set(events.map((e) => e.id)).size, events.length, 'repeats');
    expect(events.every((e) => e.related_object.id === subject.id), 'every event is of the object');
  });

  await check('autoPagingToArray stops at its limit and requires one', async () => {
    same((await client.invoices.list({ customer: invoiceOwner.id, limit: 5 }).autoPagingToArray({ limit: 7 })).length, 7, 'limited');
    let refused;
    // A list sends its first request at once: wait for it, so that it cannot meet the
    // faults the next checks set.
    const listing = client.invoices.list({ customer: invoiceOwner.id });
    await listing;
    try {
      await listing.autoPagingToArray({});
    } catch (error) {
      refused = error;
    }
    expect(refused instanceof TypeError || refused instanceof RangeError, `no limit: ${refused}`);
  });

  await check('retries: a POST answered 500 is sent again with the same Idempotency-Key; one object is made', async () => {
    await control('faults', { script: ['500'], should_retry: true });
    const before = await served();
    const start = sent.length;
    const email = `retried-${unique}@example.com`;
    const made = await client.customers.create({ email });
    same((await served()) - before, 2, 'requests served');
    if (recording) {
      const posts = sent.slice(start).filter((r) => r.method === 'POST');
      same(posts.length, 2, 'POSTs sent');
      const keys = posts.map((r) => r.headers['Idempotency-Key']);
      expect(keys[0] && keys[0] === keys[1], `idempotency keys ${keys}`);
    }
    same((await client.customers.list({ email })).data.map((c) => c.id), [made.id], 'customers with that email');
  });

  await check('retries: Stripe-Should-Retry: false stops them', async () => {
    await control('faults', { script: ['500'], should_retry: false });
    const before = await served();
    const error = await rejects(client.customers.create({ email: `once-${unique}@example.com` }), api.StripeAPIError, 'a 500 that must not be retried');
    same([error.statusCode, error.rawType], [500, 'api_error'], 'error');
    same((await served()) - before, 1, 'requests served');
  });

  await check('retries: a 429 only when told; a dropped connection is retried', async () => {
    await control('faults', { script: ['429'] });
    const before = await served();
    await rejects(client.customers.list({ limit: 1 }), api.StripeRateLimitError, 'a 429 without Stripe-Should-Retry');
    same((await served()) - before, 1, 'not retried');
    await control('faults', { script: ['429'], should_retry: true });
    same((await client.customers.list({ limit: 1 })).object, 'list', 'a 429 with Stripe-Should-Retry: true is retried');
    await control('faults', { script: ['drop'] });
    const email = `dropped-${unique}@example.com`;
    await client.customers.create({ email });
    same((await client.customers.list({ email })).data.length, 1, 'one customer after a dropped answer');
    await control('faults', {});
  });

  await check('timeouts: an answer slower than timeoutMs is a StripeConnectionError after the retries', async () => {
    await control('faults', { latency_ms: 400 });
    const before = await served();
    const hasty = api.createClient({ apiKey: 'sk_test_client_suite', baseUrl, timeoutMs: 50, maxRetries: 1 });
    try {
      await rejects(hasty.customers.list({ limit: 1 }), api.StripeConnectionError, 'a slow answer');
    } finally {
      await control('faults', {});
    }
    same((await served()) - before, 2, 'requests served (one retry)');
  });

  await check('errors: StripeError subclasses with type, code, param, statusCode, requestId', async () => {
    const local = await rejects(client.invoices.create({ customer: customer.id, bogus: 1 }), api.StripeInvalidRequestError, 'unknown parameter');
    same([local.type, local.code, local.param], ['StripeInvalidRequestError', 'parameter_unknown', 'bogus'], 'refused before sending');
    const missing = await rejects(client.invoices.retrieve('in_missing'), api.StripeInvalidRequestError, 'missing invoice');
    same([missing.code, missing.statusCode, missing.param], ['resource_missing', 404, 'id'], 'missing');
    expect(/^req_/.test(missing.requestId), `requestId ${missing.requestId}`);
    expect(missing instanceof api.StripeError, 'a StripeError');
    const wrong = api.createClient({ apiKey: 'sk_live_wrong', baseUrl });
    await rejects(wrong.customers.list(), api.StripeAuthenticationError, 'wrong key');
    const draft = await client.invoices.create({ customer: customer.id });
    const state = await rejects(client.invoices.voidInvoice(draft.id), api.StripeInvalidRequestError, 'void a draft');
    same(state.code, 'invalid_state', 'state error code');
  });

  const amounts = { usd: 12345, jpy: 5000, kwd: 1500 };
  const paid = {};
  for (const [currency, amount] of Object.entries(amounts)) paid[currency] = await paidInvoice(currency, amount);

  await check('reports: createAndWait reports progress; downloadResult gives rows in minor units (USD, JPY, KWD)', async () => {
    const type = await client.reporting.reportTypes.retrieve('balance_change_from_activity.itemized.1');
    const seen = [];
    const run = await client.reporting.reportRuns.createAndWait(
      {
        report_type: type.id,
        parameters: { interval_start: type.data_available_start, interval_end: type.data_available_end, columns: ['invoice_id', 'currency', 'gross', 'fee', 'net'] },
      },
      { pollIntervalMs: 100, onProgress: (r) => seen.push(r.status) },
    );
    same([run.status, seen[0], seen[seen.length - 1]], ['succeeded', 'pending', 'succeeded'], 'statuses');
    const rows = await run.downloadResult();
    for (const [currency, amount] of Object.entries(amounts)) {
      const row = rows.find((r) => r.invoice_id === paid[currency].id);
      expect(row, `no row for the ${currency} invoice`);
      same([row.currency, row.gross, row.fee + row.net], [currency, amount, amount], `${currency} amounts`);
      expect(Number.isInteger(row.gross) && Number.isInteger(row.fee), `${currency}: integers`);
    }
    const bytes = await client.files.contents(run.result.id);
    expect(new TextDecoder().decode(bytes).startsWith('invoice_id,currency,gross'), 'file contents');
  });

  await check('reports: a failed run is a StripeReportRunFailedError; a run can be cancelled', async () => {
    const type = await client.reporting.reportTypes.retrieve('balance.summary.1');
    const params = { report_type: type.id, parameters: { interval_start: type.data_available_start, interval_end: type.data_available_end } };
    await control('faults', { fail_reports: true });
    // A run fails when it was created while fail_reports was set; the first progress
    // report comes after the create, so the faults are cleared then.
    let cleared;
    const failed = client.reporting.reportRuns.createAndWait(params, { pollIntervalMs: 100, onProgress: () => (cleared ??= control('faults', {})) });
    const error = await rejects(failed, api.StripeReportRunFailedError, 'failed run');
    await cleared;
    same(error.run.status, 'failed', 'the run');
    const controller = new AbortController();
    const cancelled = client.reporting.reportRuns.createAndWait(params, { pollIntervalMs: 100, signal: controller.signal, onProgress: () => controller.abort(new Error('stop')) });
    let reason;
    try {
      await cancelled;
    } catch (e) {
      reason = e;
    }
    same(reason?.message, 'stop', 'cancelled with the signal’s reason');
  });

  await check('Sigma: results(id) gives typed rows', async () => {
    const planted = await control('scheduled_query_runs', { title: 'suite', sql: 'select * from invoices' });
    const rows = await client.sigma.scheduledQueryRuns.results(planted.id);
    const row = rows.find((r) => r.id === paid.jpy.id);
    expect(row, 'no row for the JPY invoice');
    same([row.currency, row.amount_paid, row.status], ['jpy', 5000, 'paid'], 'row');
  });

  await check('thin events: fetchEvent and fetchRelatedObject, with Stripe-Context', async () => {
    const [event] = await client.v2.core.events.list({ object_id: customer.id, limit: 1 }).autoPagingToArray({ limit: 1 });
    const payload = JSON.stringify({ ...event, context: 'acct_1SuiteContext' });
    const header = api.generateTestHeaderString({ payload, secret: SECRET });
    const notification = api.parseEventNotification(payload, header, SECRET);
    const start = sent.length;
    const full = await notification.fetchEvent(client);
    same(full.id, event.id, 'the full event');
    const related = await notification.fetchRelatedObject(client);
    same([related.object, related.id], ['customer', customer.id], 'the related object');
    if (recording) {
      const contexts = sent.slice(start).map((r) => r.headers['Stripe-Context']);
      same(contexts, ['acct_1SuiteContext', 'acct_1SuiteContext'], 'Stripe-Context sent');
    }
  });

  return results;
}
