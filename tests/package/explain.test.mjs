// explainSignature (for debugging tools such as the www app's webhook debugger), from the
// packed package: the signing time and age, and which secret each v1 of a header
// matches, against signatures computed here with node:crypto (Stripe's scheme: an
// HMAC-SHA256 of "{t}.{payload}" keyed with the whole secret), not with the package.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { explainSignature } from 'stripe-edge/testing';
import { StripeSignatureVerificationError } from 'stripe-edge/webhooks';

const payload = JSON.stringify({ id: 'evt_explain', object: 'event', type: 'invoice.paid', created: 1_700_000_000, livemode: false, data: { object: {} } });
const sign = (secret, t) => createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
const T = 1_700_000_000;

test('each v1 in header order gets the index of the secret it matches, or null; the age is now - t', () => {
  const header = `t=${T},v1=${sign('whsec_old', T)},v0=ignored,v1=${sign('whsec_other', T)},v1=${sign('whsec_new', T)}`;
  const explained = explainSignature(payload, header, ['whsec_new', 'whsec_old'], { now: T + 42 });
  assert.deepEqual(explained, {
    timestamp: T,
    age: 42,
    signatures: [
      { index: 0, secret: 1 },
      { index: 1, secret: null },
      { index: 2, secret: 0 },
    ],
  });
  // Dated in the future: a negative age; the tolerance is not checked here.
  assert.equal(explainSignature(payload, `t=${T},v1=${sign('whsec_new', T)}`, 'whsec_new', { now: T - 7 }).age, -7);
  assert.equal(explainSignature(payload, `t=${T},v1=${sign('whsec_new', T)}`, 'whsec_new', { now: T + 86_400 }).signatures[0].secret, 0);
  // A tampered payload matches nothing.
  assert.equal(explainSignature(`${payload} `, `t=${T},v1=${sign('whsec_new', T)}`, 'whsec_new', { now: T }).signatures[0].secret, null);
});

test('a header it cannot read throws as verifyHeader does', () => {
  for (const [header, code] of [
    ['', 'missing_header'],
    [`v1=${sign('whsec_a', T)}`, 'malformed_header'],
    [`t=${T}`, 'no_v1_signature'],
  ]) {
    assert.throws(() => explainSignature(payload, header, 'whsec_a'), (error) => error instanceof StripeSignatureVerificationError && error.code === code, header);
  }
  assert.throws(() => explainSignature(payload, `t=${T},v1=${sign('whsec_a', T)}`, ' '), { code: 'empty_secret' });
  assert.throws(() => explainSignature('', `t=${T},v1=${sign('whsec_a', T)}`, 'whsec_a'), { code: 'missing_payload' });
});
