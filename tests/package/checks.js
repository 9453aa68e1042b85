// Checks of the built package that run unchanged in every runtime: Chromium without a
// bundler, an esbuild bundle, and workerd. Each runtime imports `stripe-edge` its own
// way and passes the module here. Uses stripe-node's verdicts from
// ../shared/vectors/stripe-signature.json and the seed examples of
// ../shared/fixtures/seed-examples.json, embedded when the module is loaded or bundled.
import vectors from '../../../shared/vectors/stripe-signature.json' with { type: 'json' };
import seeds from '../../../shared/fixtures/seed-examples.json' with { type: 'json' };

const SECRET = 'whsec_runtime_check';
const T = 1_700_000_000;

export function runChecks(api) {
  const results = [];
  const check = (name, fn) => {
    try {
      const detail = fn();
      results.push({ name, ok: detail === true, detail: detail === true ? '' : String(detail) });
    } catch (error) {
      results.push({ name, ok: false, detail: `${error?.name}: ${error?.message}` });
    }
  };
  const refusedWith = (fn, code) => {
    try {
      fn();
      return 'accepted';
    } catch (error) {
      if (!(error instanceof api.StripeSignatureVerificationError)) return `not a StripeSignatureVerificationError: ${error}`;
      return error.code === code || `code ${error.code}`;
    }
  };
  const event = JSON.stringify({ id: 'evt_rt', object: 'event', type: 'invoice.paid', created: T, livemode: false, data: { object: { id: 'in_1', note: 'Zoë 😀' } } });
  const notification = JSON.stringify({ id: 'evt_thin', object: 'v2.core.event', type: 'v1.billing.meter.no_meter_found', created: '2024-09-26T17:46:22.134Z', livemode: false });
  const header = (payload, secret = SECRET) => api.generateTestHeaderString({ payload, secret, timestamp: T });

  check('stripe-node verdicts', () => {
    for (const c of vectors.stripe_node_cases) {
      let ok;
      try {
        ok = api.verifyHeader(c.payload, c.header, c.secret, { tolerance: c.tolerance, now: c.now }) === true;
      } catch {
        ok = false;
      }
      if (ok !== (c.expect === 'ok')) return `case ${c.name}: ${ok}`;
    }
    return vectors.stripe_node_cases.length > 0;
  });
  check('header vectors', () =>
    vectors.header_vectors.every((v) => api.generateTestHeaderString({ payload: v.payload, secret: v.secret, timestamp: v.t }) === v.header),
  );
  check('constructEvent returns the event, synchronously', () => {
    const result = api.constructEvent(event, header(event), SECRET, { now: T });
    return (result.id === 'evt_rt' && result.data.object.note === 'Zoë 😀' && typeof result.then === 'undefined') || JSON.stringify(result);
  });
  check('bytes payload', () => api.constructEvent(new TextEncoder().encode(event), header(event), SECRET, { now: T }).id === 'evt_rt');
  check('wrong secret', () => refusedWith(() => api.constructEvent(event, header(event, 'whsec_other'), SECRET, { now: T }), 'no_matching_signature'));
  check('stale', () => refusedWith(() => api.constructEvent(event, header(event), SECRET, { now: T + 301 }), 'timestamp_outside_tolerance'));
  check('future', () => refusedWith(() => api.constructEvent(event, header(event), SECRET, { now: T - 301 }), 'timestamp_outside_tolerance'));
  check('rotation', () => api.verifyHeader(event, header(event, 'whsec_new'), ['whsec_old', 'whsec_new'], { now: T }));
  check('thin event', () => api.parseEventNotification(notification, header(notification), SECRET, { now: T }).id === 'evt_thin');
  check('wrong kind', () => refusedWith(() => api.constructEvent(notification, header(notification), SECRET, { now: T }), 'wrong_event_kind'));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const invoice = seeds.invoice_search_result.data[0];
  check('decode: seed examples come back equal', () =>
    same(api.decode('v2.core.event', JSON.stringify(seeds.v2_core_event_retrieve)), seeds.v2_core_event_retrieve) &&
    same(api.decode('reporting.report_run', seeds.reporting_report_run_create), seeds.reporting_report_run_create) &&
    same(api.decode('invoice', new TextEncoder().encode(JSON.stringify(invoice))), invoice),
  );
  check('decode: unknown members survive', () => {
    const newer = { ...invoice, status: 'paused_for_review', zz_new: [{ a: 1 }] };
    return same(api.decode('invoice', JSON.stringify(newer)), newer);
  });
  check('decode: the path of the bad field', () => {
    const bad = structuredClone(invoice);
    bad.status_transitions.paid_at = '12';
    try {
      api.decode('invoice', JSON.stringify(bad));
      return 'accepted';
    } catch (error) {
      const ok = error instanceof api.StripeDecodeError && error.code === 'invalid_type' && error.path === 'status_transitions.paid_at';
      return ok || `${error?.name} ${error?.code} ${error?.path}`;
    }
  });
  check('search: builder, parser and matcher', () => {
    const text = api.search('invoices').where('status').eq('" OR x').and('total').gt(1000).build();
    const query = api.parseSearchQuery(text, 'invoices');
    return (query.clauses.length === 2 && query.clauses[0].value === '" OR x' && api.matchesSearchQuery(text, 'invoices', { status: '" OR x', total: 1001 })) || text;
  });
  check('search: errors name the bytes', () => {
    try {
      api.parseSearchQuery("customer~'cus_123'", 'invoices');
      return 'accepted';
    } catch (error) {
      return (error instanceof api.StripeSearchError && error.code === 'invalid_operator' && error.start === 8 && error.end === 9) || String(error);
    }
  });
  return results;
}
