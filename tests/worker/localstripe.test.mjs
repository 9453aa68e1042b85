// Deliveries from the independent Stripe emulator localstripe (PyPI) to the Worker in
// workerd. A recording relay sits between them, so the test sees exactly what
// localstripe signed and what the Worker answered.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { startLocalstripe, startWrangler, waitFor } from '../support/harness.mjs';

const SECRET = 'whsec_localstripe_check';
let worker;
let localstripe;
let relay;
const deliveries = [];

before(async () => {
  worker = await startWrangler({ vars: { STRIPE_WEBHOOK_SECRET: SECRET }, readyPath: '/healthz' });
  localstripe = await startLocalstripe();
  relay = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const signature = req.headers['stripe-signature'];
    const answer = await fetch(`${worker.url}/webhooks/stripe`, { method: 'POST', body, headers: { 'stripe-signature': signature, 'content-type': 'application/json' } });
    const text = await answer.text();
    deliveries.push({ body, signature, status: answer.status, answer: JSON.parse(text) });
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
  });
  await new Promise((r) => relay.listen(0, '127.0.0.1', r));
});

after(async () => {
  relay?.close();
  await localstripe?.stop();
  await worker?.stop();
});

async function stripeApi(path, form) {
  const response = await fetch(localstripe.url + path, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_localstripe', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  assert.ok(response.ok, `${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

test('a customer.created event signed by localstripe is accepted; one changed byte is refused', async () => {
  await stripeApi('/_config/webhooks/stripe-edge', { url: `http://127.0.0.1:${relay.address().port}/`, secret: SECRET });
  const customer = await stripeApi('/v1/customers', { email: 'edge@example.com', description: 'Zoë from stripe-edge' });

  const delivery = await waitFor(
    () => deliveries.find((d) => JSON.parse(d.body).type === 'customer.created' && JSON.parse(d.body).data.object.id === customer.id),
    { timeoutMs: 20_000, what: `localstripe's customer.created delivery\n${localstripe.output()}` },
  );
  const event = JSON.parse(delivery.body);
  assert.match(delivery.signature, /^t=\d+,v1=[0-9a-f]{64}$/);
  assert.equal(delivery.status, 200, JSON.stringify(delivery.answer));
  assert.deepEqual(delivery.answer, { received: true, id: event.id, type: 'customer.created' });

  // The same bytes again still verify (within the tolerance)...
  const again = await fetch(`${worker.url}/webhooks/stripe`, { method: 'POST', body: delivery.body, headers: { 'stripe-signature': delivery.signature } });
  assert.equal(again.status, 200);
  // ...but not with one byte changed anywhere that matters.
  const changed = Buffer.from(delivery.body);
  const at = changed.indexOf('edge@example.com');
  changed[at] = 'E'.charCodeAt(0);
  const tampered = await fetch(`${worker.url}/webhooks/stripe`, { method: 'POST', body: changed, headers: { 'stripe-signature': delivery.signature } });
  assert.equal(tampered.status, 400);
  assert.equal((await tampered.json()).error.code, 'no_matching_signature');
});
