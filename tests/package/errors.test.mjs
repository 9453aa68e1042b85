// Every error class the package exports, thrown by the package itself through its
// public functions: each is an instance of its class and of StripeError, with its
// fields. The client's answers come from a `fetch` given to `createClient` that plays
// Stripe's part with the bodies Stripe sends, so each status and shape is reached.
// Objects answered with success are Stripe's own examples (../shared/stripe-openapi/
// fixtures3.json), so that they pass the model checks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from 'stripe-edge';

const KEY = 'sk_test_errors';
const FORGED = `t=1,v1=${'0'.repeat(64)}`;
const { resources } = JSON.parse(readFileSync(new URL('../../../shared/stripe-openapi/fixtures3.json', import.meta.url), 'utf8'));
const example = (name, changes) => ({ ...resources[name], ...changes });
const sigmaRun = (status, changes) => example('scheduled_query_run', { id: 'sqr_1', status, ...changes });

/** A `fetch` that answers each request with the next of `answers` (status, body). */
function scripted(...answers) {
  return async () => {
    const [status, body, headers = {}] = answers.length > 1 ? answers.shift() : answers[0];
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'request-id': 'req_errors', ...headers } });
  };
}

const stripeError = (type, extra = {}) => ({ error: { type, message: `a ${type}`, ...extra } });

/** The error `promise` rejects with, or `fn` throws. */
async function caught(run) {
  try {
    await run();
  } catch (error) {
    return error;
  }
  assert.fail('no error');
}

/** Every exported class, with a way the package throws it. */
const cases = {
  StripeSignatureVerificationError: () => api.constructEvent('{}', FORGED, 'whsec_x', { now: 1 }),
  StripeDecodeError: () => api.decode('invoice', 'not json'),
  StripeSearchError: () => api.parseSearchQuery('status:', 'invoices'),
  StripeInvalidRequestError: () => api.createClient({ apiKey: KEY, fetch: scripted([200, {}]) }).customers.create({ bogus: 1 }),
  StripeCardError: () => api.createClient({ apiKey: KEY, fetch: scripted([402, stripeError('card_error', { code: 'card_declined', decline_code: 'insufficient_funds' })]) }).invoices.pay('in_1'),
  StripeAPIError: () => api.createClient({ apiKey: KEY, maxRetries: 0, fetch: scripted([500, stripeError('api_error')]) }).customers.list(),
  StripeAuthenticationError: () => api.createClient({ apiKey: KEY, fetch: scripted([401, stripeError('invalid_request_error')]) }).customers.list(),
  StripePermissionError: () => api.createClient({ apiKey: KEY, fetch: scripted([403, stripeError('invalid_request_error')]) }).customers.list(),
  StripeRateLimitError: () => api.createClient({ apiKey: KEY, fetch: scripted([429, stripeError('invalid_request_error', { code: 'rate_limit' })]) }).customers.list(),
  StripeIdempotencyError: () => api.createClient({ apiKey: KEY, fetch: scripted([400, stripeError('idempotency_error')]) }).customers.create({}),
  StripeConnectionError: () => api.createClient({ apiKey: KEY, maxRetries: 1, fetch: async () => { throw new TypeError('fetch failed'); } }).customers.list(),
  StripeReportRunFailedError: () => {
    const failed = sigmaRun('failed', { error: { message: 'bad sql' } });
    return api.createClient({ apiKey: KEY, fetch: scripted([200, failed]) }).sigma.scheduledQueryRuns.results('sqr_1');
  },
  StripeError: () => {
    const pending = example('reporting.report_run', { id: 'frr_1', status: 'pending', result: null });
    return api.createClient({ apiKey: KEY, fetch: scripted([200, pending]) })
      .reporting.reportRuns.createAndWait({ report_type: 'balance.summary.1' }, { pollIntervalMs: 10, timeoutMs: 5 });
  },
};

test('every error class the package exports is thrown by it, as itself and as a StripeError', async () => {
  const exported = Object.keys(api).filter((name) => api[name] === api.StripeError || api[name]?.prototype instanceof api.StripeError);
  assert.deepEqual(Object.keys(cases).sort(), exported.sort(), 'a case for every exported class');
  for (const [name, run] of Object.entries(cases)) {
    const error = await caught(run);
    assert.ok(error instanceof api[name], `${name}: got ${error?.constructor?.name}: ${error?.message}`);
    assert.equal(error.constructor, api[name], `${name}: exactly that class`);
    assert.ok(error instanceof api.StripeError && error instanceof Error, name);
    assert.equal(error.type, name);
    assert.ok(error.message.length > 0, `${name}: a message`);
  }
});

test('errors carry their fields', async () => {
  const card = await caught(cases.StripeCardError);
  assert.deepEqual(
    [card.rawType, card.code, card.decline_code, card.statusCode, card.requestId],
    ['card_error', 'card_declined', 'insufficient_funds', 402, 'req_errors'],
  );
  const signature = await caught(cases.StripeSignatureVerificationError);
  assert.deepEqual([signature.code, signature.header, signature.payload], ['no_matching_signature', FORGED, '{}']);
  const decoded = await caught(cases.StripeDecodeError);
  assert.deepEqual([decoded.code, decoded.path, decoded.resource], ['invalid_json', '', 'invoice']);
  const search = await caught(cases.StripeSearchError);
  assert.deepEqual([search.code, search.start, search.end], ['unexpected_end', 7, 7]);
  const refused = await caught(cases.StripeInvalidRequestError);
  assert.deepEqual([refused.code, refused.param, refused.statusCode], ['parameter_unknown', 'bogus', undefined]);
  const run = await caught(cases.StripeReportRunFailedError);
  assert.deepEqual([run.code, run.run.id, run.message], ['failed', 'sqr_1', 'run sqr_1 ended failed: bad sql']);
  const pending = await caught(cases.StripeError);
  assert.equal(pending.code, 'still_pending');
});

test('pages and result files that do not read are StripeDecodeErrors, not bare Errors', async () => {
  // Customers have no model in the package, so the page is read as it is: an item
  // without an id leaves no cursor to the next page.
  const page = { object: 'list', url: '/v1/customers', has_more: true, data: [{ object: 'customer' }] };
  const client = api.createClient({ apiKey: KEY, fetch: scripted([200, page]) });
  const walk = await caught(() => client.customers.list().autoPagingToArray({ limit: 10 }));
  assert.ok(walk instanceof api.StripeDecodeError, String(walk));
  assert.equal(walk.code, 'invalid_page');
  const run = sigmaRun('completed', { file: example('file', { id: 'file_1' }) });
  const csv = api.createClient({ apiKey: KEY, fetch: scripted([200, run], [200, 'id,amount\n"unterminated\n']) });
  const file = await caught(() => csv.sigma.scheduledQueryRuns.results('sqr_1'));
  assert.ok(file instanceof api.StripeDecodeError, String(file));
  assert.equal(file.code, 'invalid_file');
});

test('misuse of an argument is a TypeError or RangeError, as JavaScript\'s own functions throw', async () => {
  const client = api.createClient({ apiKey: KEY, fetch: scripted([200, { object: 'list', data: [], has_more: false, url: '/v1/customers' }]) });
  assert.ok((await caught(() => client.customers.list().autoPagingToArray({}))) instanceof TypeError);
  assert.ok((await caught(() => client.customers.list().autoPagingToArray({ limit: 10_001 }))) instanceof RangeError);
  assert.ok((await caught(() => api.constructEvent('{}', 't=1', 5))) instanceof TypeError);
});
