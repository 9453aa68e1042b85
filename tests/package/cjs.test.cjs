// The package through require() in Node (CommonJS).
const assert = require('node:assert/strict');
const { test } = require('node:test');
const stripeEdge = require('stripe-edge');

test('require() gives the same synchronous API', () => {
  const payload = JSON.stringify({ id: 'evt_cjs', object: 'event', type: 'invoice.paid', created: 1, livemode: false, data: { object: {} } });
  const header = stripeEdge.generateTestHeaderString({ payload, secret: 'whsec_cjs', timestamp: 1000 });
  assert.equal(stripeEdge.constructEvent(payload, header, 'whsec_cjs', { now: 1000 }).id, 'evt_cjs');
  assert.throws(
    () => stripeEdge.constructEvent(payload, header, 'whsec_other', { now: 1000 }),
    (error) => error instanceof stripeEdge.StripeSignatureVerificationError && error.code === 'no_matching_signature',
  );
  assert.equal(require.resolve('stripe-edge').endsWith('node.cjs'), true);
});

test('require() gives decode too', () => {
  const run = { id: 'frr_cjs', object: 'reporting.report_run', created: 1, error: null, livemode: false, parameters: {}, report_type: 'balance.summary.1', result: null, status: 'pending', succeeded_at: null };
  assert.deepEqual(stripeEdge.decode('reporting.report_run', JSON.stringify(run)), run);
  assert.throws(
    () => stripeEdge.decode('reporting.report_run', { ...run, created: 'yesterday' }),
    (error) => error instanceof stripeEdge.StripeDecodeError && error.code === 'invalid_type' && error.path === 'created',
  );
});
