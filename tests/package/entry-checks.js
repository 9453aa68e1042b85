// Checks of each capability entry (`stripe-edge/webhooks`, `/testing`, `/decode`,
// `/search`, `/client`), given as the modules a runtime imported, that run unchanged in Node (ESM
// and CommonJS), workerd, browsers and bundles: each entry works alone, and the error
// classes are the same objects whichever entry they come from. `expectedMac` is the MAC
// provider the runtime should have found. Synchronous, with no JSON imports, so that
// every bundler takes it as it is.

const SECRET = 'whsec_entry_check';
const T = 1_700_000_000;

export const ENTRIES = ['webhooks', 'testing', 'decode', 'search', 'client'];

const ERROR_CLASSES = [
  'StripeError', 'StripeInvalidRequestError', 'StripeCardError', 'StripeAPIError', 'StripeAuthenticationError',
  'StripePermissionError', 'StripeRateLimitError', 'StripeIdempotencyError', 'StripeConnectionError',
  'StripeReportRunFailedError', 'StripeSignatureVerificationError', 'StripeDecodeError', 'StripeSearchError',
];

export function runEntryChecks(entries, { expectedMac }) {
  const { webhooks, testing, decode, search, client } = entries;
  const results = [];
  const check = (name, fn) => {
    try {
      const detail = fn();
      results.push({ name, ok: detail === true, detail: detail === true ? '' : String(detail) });
    } catch (error) {
      results.push({ name, ok: false, detail: `${error?.name}: ${error?.message}` });
    }
  };
  const thrown = (fn) => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  check('every entry exports every error class, the same objects', () => {
    for (const name of ERROR_CLASSES) {
      const classes = ENTRIES.map((entry) => entries[entry][name]);
      if (typeof classes[0] !== 'function') return `${name} is not exported by webhooks`;
      if (!classes.every((c) => c === classes[0])) return `${name} differs between entries`;
    }
    return true;
  });

  const event = JSON.stringify({ id: 'evt_entry', object: 'event', type: 'invoice.paid', created: T, livemode: false, data: { object: { id: 'in_1', note: 'Zoë 😀' } } });
  const header = testing.generateTestHeaderString({ payload: event, secret: SECRET, timestamp: T });
  check('webhooks: the MAC provider', () => webhooks.macProvider === expectedMac || `macProvider ${webhooks.macProvider}, expected ${expectedMac}`);
  check('webhooks: a signed event verifies, synchronously', () => {
    const result = webhooks.constructEvent(new TextEncoder().encode(event), header, SECRET, { now: T });
    return (result.id === 'evt_entry' && result.data.object.note === 'Zoë 😀') || JSON.stringify(result);
  });
  check('webhooks: a forged one is refused, as every entry\'s class', () => {
    const forged = testing.generateTestHeaderString({ payload: event, secret: 'whsec_other', timestamp: T });
    const error = thrown(() => webhooks.constructEvent(event, forged, SECRET, { now: T }));
    return (error instanceof decode.StripeSignatureVerificationError && error instanceof client.StripeError && error.code === 'no_matching_signature') || String(error);
  });
  check('testing: explainSignature names the secret that signed, refusals as every entry\'s class', () => {
    const explained = testing.explainSignature(event, header, ['whsec_other', SECRET], { now: T + 5 });
    if (explained.age !== 5 || explained.signatures[0]?.secret !== 1) return JSON.stringify(explained);
    const error = thrown(() => testing.explainSignature(event, 't=x', SECRET));
    return (error instanceof webhooks.StripeSignatureVerificationError && error.code === 'malformed_header') || String(error);
  });
  check('decode: a value that fits comes back; one that does not is refused', () => {
    const run = { id: 'frr_1', object: 'reporting.report_run', created: 1, error: null, livemode: false, parameters: {}, report_type: 'balance.summary.1', result: null, status: 'pending', succeeded_at: null };
    if (decode.decode('reporting.report_run', JSON.stringify(run)).id !== 'frr_1') return 'not decoded';
    const error = thrown(() => decode.decode('reporting.report_run', { ...run, created: 'yesterday' }));
    return (error instanceof webhooks.StripeDecodeError && error.path === 'created') || String(error);
  });
  check('search: the builder, the parser and its errors', () => {
    const text = search.search('invoices').where('status').eq('open').and('total').gt(1000).build();
    if (search.parseSearchQuery(text, 'invoices').clauses.length !== 2) return text;
    const error = thrown(() => search.parseSearchQuery("customer~'cus_123'", 'invoices'));
    return (error instanceof webhooks.StripeSearchError && error.code === 'invalid_operator') || String(error);
  });
  check('client: a client with stripe-node\'s resource names', () => {
    const stripe = client.createClient({ apiKey: 'sk_test_entry', fetch: () => Promise.reject(new Error('no network here')) });
    return (typeof stripe.invoices.retrieve === 'function' && typeof stripe.reporting.reportRuns.createAndWait === 'function') || 'no methods';
  });
  return results;
}

/** The failed checks of `results`, as one message; '' when all passed. */
export function failures(results) {
  return results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail}`).join('\n');
}
