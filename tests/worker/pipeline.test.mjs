// The webhook pipeline end to end in workerd (`wrangler dev`, local Durable Objects and
// Queues, state persisted to a temporary folder): Stripe-signed deliveries, each sent
// twice and out of order, are recorded, enqueued and relayed, re-signed, to destinations
// served by this test. One destination fails for a while (500s, timeouts, dropped
// connections) and then recovers, and wrangler dev is restarted in the middle: every
// acknowledged event still arrives, once per webhook-id. Another does not recover: its
// deliveries end in the dead letters, and one replay after it is back delivers them;
// the admin's journal of recent deliveries shows each attempt as it answered it. A
// third answers 410 Gone: it is disabled and its deliveries wait. A v2 thin notification
// is expanded for a destination that wants snapshots, against the local Stripe emulator,
// and reconciliation finds an event whose delivery from the emulator failed.
// Each delivery is checked with stripe-node's `constructEvent` (`parseEventNotification`
// for v2 events) and the `standardwebhooks` package, with the destination's secret.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { startEmulator, startWrangler, waitFor } from '../support/harness.mjs';

const STRIPE_SECRET = 'whsec_stripe_endpoint_of_the_worker';
const secret = () => `whsec_${randomBytes(32).toString('base64')}`;
const FLAKY_SECRET = secret();
const GONE_SECRET = secret();
const RETIRED_SECRET = secret();
const SNAPSHOTS_SECRET = secret();
const EMULATOR_KEY = 'sk_test_pipeline';
const TOKEN_SECRET = 'pipeline-test-token-secret-of-32-bytes!';
const EVENTS = 200;
const MAX_ATTEMPTS = 3;
const stripe = new Stripe('sk_test_pipeline');

const persist = mkdtempSync(join(tmpdir(), 'stripe-edge-pipeline-'));
let worker;
/** Whether wrangler dev is being restarted: an attempt then may be made but not journaled. */
let restarting = false;
let destination;
let emulator;

/** What each destination saw: every request, the failures it answered with, the events
 * it accepted (by webhook-id, as a service de-duplicates), and verification failures. */
const seen = {
  flaky: { requests: 0, failed: 0, byId: new Map(), repeats: 0 },
  gone: { requests: 0, healthy: false, byId: new Map(), answered: new Map() },
  retired: { requests: 0, healthy: false, byId: new Map() },
  snapshots: { requests: 0, healthy: true, byId: new Map(), bodies: [] },
  notifications: { requests: 0, healthy: true, byId: new Map(), bodies: [] },
  paused: { requests: 0, healthy: false, byId: new Map() },
  signatures: new Set(),
  problems: [],
};
/** The flaky destination fails its first this many requests, cycling through the ways. */
const FLAKY_FAILURES = 45;

function verify(name, body, headers, secretOf) {
  const signature = headers['stripe-signature'];
  if (seen.signatures.has(signature)) seen.problems.push(`${name}: Stripe's own signature was passed on`);
  try {
    // stripe-node checks a v2 event with its own function, the same signature scheme.
    const event = JSON.parse(body).object === 'v2.core.event' ? stripe.parseEventNotification(body, signature, secretOf) : stripe.webhooks.constructEvent(body, signature, secretOf);
    const payload = new Webhook(secretOf).verify(body, {
      'webhook-id': headers['webhook-id'],
      'webhook-timestamp': headers['webhook-timestamp'],
      'webhook-signature': headers['webhook-signature'],
    });
    if (headers['webhook-id'] !== event.id || payload.id !== event.id) seen.problems.push(`${name}: webhook-id ${headers['webhook-id']} is not ${event.id}`);
    return event;
  } catch (error) {
    seen.problems.push(`${name}: ${error.message}`);
    return undefined;
  }
}

function serveDestinations() {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    // The emulator's own deliveries, which always fail: for reconciliation.
    if (req.url === '/stripe-down') return res.writeHead(500).end('down');
    for (const [name, secretOf, failure] of [
      ['gone', GONE_SECRET, 503],
      ['retired', RETIRED_SECRET, 410],
      ['snapshots', SNAPSHOTS_SECRET, 500],
      ['notifications', FLAKY_SECRET, 500],
      ['paused', FLAKY_SECRET, 503],
    ]) {
      if (req.url !== `/${name}`) continue;
      const state = seen[name];
      state.requests++;
      const event = verify(name, body, req.headers, secretOf);
      // Every answer, by event: the journal of recent deliveries must show the same.
      state.answered?.set(event?.id, [...(state.answered.get(event?.id) ?? []), { status: state.healthy ? 204 : failure, restarting }]);
      if (!state.healthy) return res.writeHead(failure).end('not now');
      state.byId.set(event?.id, (state.byId.get(event?.id) ?? 0) + 1);
      state.bodies?.push(body);
      return res.writeHead(204).end();
    }
    const flaky = seen.flaky;
    const request = flaky.requests++;
    if (request < FLAKY_FAILURES) {
      flaky.failed++;
      switch (request % 3) {
        case 0:
          return res.writeHead(500).end('failing');
        case 1:
          return req.socket.destroy();
        default:
          // Longer than the Worker waits: a timeout, then the connection is dropped.
          return setTimeout(() => req.socket.destroy(), 2_500);
      }
    }
    const event = verify('flaky', body, req.headers, FLAKY_SECRET);
    if (!event) return res.writeHead(400).end('bad signature');
    const id = req.headers['webhook-id'];
    if (flaky.byId.has(id)) flaky.repeats++;
    else flaky.byId.set(id, { event, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const origin = () => `http://127.0.0.1:${destination.address().port}`;

/** Starts wrangler dev on the persisted state, with every destination but `without`. */
async function start({ without } = {}) {
  const routes = {
    destinations: [
      { name: 'flaky', url: `${origin()}/flaky`, events: ['*'], secret: 'DESTINATION_FLAKY_SECRET' },
      { name: 'gone', url: `${origin()}/gone`, events: ['invoice.*'], secret: 'DESTINATION_GONE_SECRET' },
      { name: 'retired', url: `${origin()}/retired`, events: ['customer.*'], secret: 'DESTINATION_RETIRED_SECRET' },
      { name: 'snapshots', url: `${origin()}/snapshots`, events: ['v1.customer.*', 'customer.created'], secret: 'DESTINATION_SNAPSHOTS_SECRET', related_object: true },
      { name: 'notifications', url: `${origin()}/notifications`, events: ['v1.customer.*'], payload: 'thin', secret: 'DESTINATION_FLAKY_SECRET' },
      { name: 'paused', url: `${origin()}/paused`, events: ['charge.refunded'], secret: 'DESTINATION_FLAKY_SECRET' },
    ].filter((destination) => destination.name !== without),
  };
  return startWrangler({
    vars: {
      STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
      PIPELINE_ROUTES: JSON.stringify(routes),
      DESTINATION_FLAKY_SECRET: FLAKY_SECRET,
      DESTINATION_GONE_SECRET: GONE_SECRET,
      DESTINATION_RETIRED_SECRET: RETIRED_SECRET,
      DESTINATION_SNAPSHOTS_SECRET: SNAPSHOTS_SECRET,
      STRIPE_API_BASE: emulator.url,
      PIPELINE_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      PIPELINE_REDELIVER_AFTER_SECONDS: '8',
      PIPELINE_DELIVERY_TIMEOUT_MS: '1000',
      STRIPE_SECRET_KEY: EMULATOR_KEY,
      PROXY_TOKEN_SECRET: TOKEN_SECRET,
      DEV_TOKENS: 'true',
    },
    persistTo: persist,
    readyPath: '/healthz',
  });
}

before(async () => {
  destination = await serveDestinations();
  emulator = await startEmulator();
  worker = await start();
});
after(async () => {
  await worker?.stop();
  await emulator?.stop();
  destination?.close();
  destination?.closeAllConnections();
  rmSync(persist, { recursive: true, force: true });
});

const now = () => Math.floor(Date.now() / 1000);
const eventOf = (index) =>
  JSON.stringify({
    id: `evt_pipeline_${String(index).padStart(4, '0')}`,
    object: 'event',
    type: index % 2 === 0 ? 'invoice.paid' : 'customer.created',
    created: now(),
    livemode: false,
    pending_webhooks: 1,
    data: { object: { id: `obj_${index}` } },
  });

/** Posts `payload` as Stripe would, signed with the Worker's endpoint secret. */
async function deliver(payload) {
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
  seen.signatures.add(signature);
  const response = await fetch(`${worker.url}/webhooks/stripe`, { method: 'POST', body: payload, headers: { 'stripe-signature': signature, 'content-type': 'application/json' } });
  return { status: response.status, json: await response.json() };
}

/** Every payload twice, in a shuffled order (a seeded shuffle: out of order, reproducibly). */
function twiceShuffled(payloads) {
  const list = [...payloads, ...payloads];
  let seed = 42;
  for (let i = list.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** Sends every payload with 8 senders at once; the answers by event id. */
async function send(payloads) {
  const answers = new Map();
  const queue = [...payloads];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (queue.length > 0) {
        const payload = queue.shift();
        const { id } = JSON.parse(payload);
        const answer = await deliver(payload);
        assert.equal(answer.status, 200, `${id}: ${JSON.stringify(answer.json)}`);
        answers.set(id, [...(answers.get(id) ?? []), answer.json]);
      }
    }),
  );
  return answers;
}

/** A handler for a failed wait that adds what was seen and wrangler's last lines. */
const explain = (state) => async (error) => {
  throw new Error(`${error.message} (${await state()})\nwrangler dev said:\n${worker.lastLines(40)}`);
};

async function adminToken(scope = 'admin') {
  const response = await fetch(`${worker.url}/_dev/tokens?scope=${scope}`);
  assert.equal(response.status, 200);
  return (await response.json()).token;
}

test('every acknowledged event arrives once per webhook-id, through failures and a restart', { timeout: 240_000 }, async () => {
  const payloads = Array.from({ length: EVENTS }, (_, index) => eventOf(index));
  const half = EVENTS / 2;
  const first = await send(twiceShuffled(payloads.slice(0, half)));
  // A restart with the state persisted: the local queue's messages are gone, the ledger is not.
  restarting = true;
  await worker.stop();
  worker = await start();
  restarting = false;
  const second = await send(twiceShuffled(payloads.slice(half)));
  for (const [id, answers] of [...first, ...second]) {
    assert.equal(answers.length, 2, id);
    assert.ok(answers.every((answer) => answer.received === true && answer.id === id), `${id}: ${JSON.stringify(answers)}`);
    assert.ok(answers.some((answer) => answer.duplicate !== true), `${id} was accepted once: ${JSON.stringify(answers)}`);
  }
  await waitFor(() => seen.flaky.byId.size === EVENTS, { timeoutMs: 150_000, intervalMs: 500, what: `${EVENTS} events at the flaky destination` }).catch(explain(() => `${seen.flaky.byId.size} arrived`));
  assert.deepEqual(seen.problems, []);
  assert.equal(seen.flaky.failed, FLAKY_FAILURES, 'the destination failed for a while');
  for (const payload of payloads) {
    const { id } = JSON.parse(payload);
    assert.equal(seen.flaky.byId.get(id)?.body, payload, `${id} arrived as Stripe sent it`);
  }
  // Stripe delivers again after all: acknowledged as duplicates, nothing is enqueued.
  const requests = seen.flaky.requests;
  const again = await send(payloads.slice(0, 20));
  for (const [id, [answer]] of again) assert.deepEqual(answer, { received: true, duplicate: true, id, type: JSON.parse(payloads[Number(id.slice(-4))]).type });
  await new Promise((r) => setTimeout(r, 2_000));
  assert.equal(seen.flaky.requests, requests, 'a duplicate is not delivered again');
  // The journal of recent deliveries shows the failures: answers, and none at all.
  const journal = (await admin('deliveries?destination=flaky&limit=1000')).data;
  assert.ok(journal.some((attempt) => attempt.outcome === 'failed' && attempt.status === 500 && /answered 500; again in \d+ s/.test(attempt.reason)), 'a 500');
  assert.ok(journal.some((attempt) => attempt.outcome === 'failed' && attempt.status === null && attempt.reason !== ''), 'no answer');
  assert.ok(journal.some((attempt) => attempt.status === null && /no answer within 1000 ms/.test(attempt.reason)), 'a timeout');
});

const idsOf = (type) =>
  Array.from({ length: EVENTS }, (_, index) => JSON.parse(eventOf(index)))
    .filter((event) => event.type === type)
    .map((event) => event.id)
    .sort();

/** Calls an admin route with an admin token; its JSON answer. */
async function admin(path, method = 'GET') {
  const response = await fetch(`${worker.url}/_admin/${path}`, { method, headers: { authorization: `Bearer ${await adminToken()}` } });
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  return body;
}

const deadLetters = async (destination) => (await admin('dead-letters?limit=1000')).data.filter((letter) => letter.destination === destination);

test('a destination that does not recover ends in the dead letters; one replay delivers them', { timeout: 240_000 }, async () => {
  const invoices = idsOf('invoice.paid');
  const letters = await waitFor(async () => {
    const letters = await deadLetters('gone');
    return letters.length === invoices.length && letters;
  }, { timeoutMs: 150_000, intervalMs: 1_000, what: `${invoices.length} dead letters for the destination that does not recover` }).catch(explain(async () => `${(await deadLetters('gone')).length} so far`));
  assert.deepEqual(letters.map((letter) => letter.event).sort(), invoices);
  for (const letter of letters) {
    assert.equal(letter.type, 'invoice.paid');
    assert.equal(letter.attempts, MAX_ATTEMPTS, JSON.stringify(letter));
  }
  assert.ok(seen.gone.requests >= invoices.length * MAX_ATTEMPTS, `${seen.gone.requests} attempts at the destination that does not recover`);
  assert.equal(seen.gone.byId.size, 0);
  // It is back: one replay of every dead letter delivers each event once.
  seen.gone.healthy = true;
  const replay = await admin('replay', 'POST');
  assert.ok(replay.replayed >= invoices.length, JSON.stringify(replay));
  await waitFor(() => seen.gone.byId.size === invoices.length, { timeoutMs: 60_000, what: 'the replayed events' }).catch(explain(() => `${seen.gone.byId.size} arrived`));
  assert.deepEqual([...seen.gone.byId.keys()].sort(), invoices);
  assert.ok([...seen.gone.byId.values()].every((count) => count === 1), 'each replayed event arrived once');
  assert.deepEqual(await deadLetters('gone'), []);
  assert.deepEqual(seen.problems, []);
  // The journal of recent deliveries shows each event's attempts as the destination
  // answered them: failed, then the dead letter, then the replay delivered.
  let compared = 0;
  for (const event of invoices) {
    const { data } = await admin(`deliveries?event=${event}&destination=gone&limit=1000`);
    const answered = seen.gone.answered.get(event);
    const statuses = (attempts) => attempts.map((attempt) => attempt.status).sort();
    if (answered.every((answer) => !answer.restarting)) {
      assert.deepEqual(statuses(data), statuses(answered), `${event}: ${JSON.stringify(data)}`);
      compared++;
    }
    assert.ok(data.every((attempt) => attempt.event === event && attempt.destination === 'gone' && attempt.type === 'invoice.paid'), JSON.stringify(data));
    assert.deepEqual([data[0].outcome, data[0].status, data[0].attempt], ['delivered', 204, 1], `${event}: the newest attempt is the replay's`);
    const dead = data.find((attempt) => attempt.outcome === 'dead_letter');
    assert.ok(dead?.status === 503 && dead.attempt === MAX_ATTEMPTS && /spent/.test(dead.reason), JSON.stringify(data));
    assert.ok(data.slice(1).every((attempt) => attempt.outcome !== 'delivered' && attempt.at <= data[0].at), JSON.stringify(data));
  }
  assert.ok(compared >= invoices.length / 2, `${compared} events compared attempt by attempt`);
  // Across events, newest first, at most the limit asked for.
  const recent = (await admin('deliveries?limit=50')).data;
  assert.equal(recent.length, 50);
  assert.ok(recent.every((attempt, i) => i === 0 || recent[i - 1].at >= attempt.at), 'newest first');
});

test('a destination that answers 410 Gone is disabled; its deliveries wait for a replay', { timeout: 120_000 }, async () => {
  const customers = idsOf('customer.created');
  const letters = await waitFor(async () => {
    const letters = await deadLetters('retired');
    return letters.length === customers.length && letters;
  }, { timeoutMs: 60_000, intervalMs: 1_000, what: `${customers.length} parked deliveries` }).catch(explain(async () => `${(await deadLetters('retired')).length} so far`));
  assert.deepEqual(letters.map((letter) => letter.event).sort(), customers);
  assert.ok(letters.every((letter) => /410/.test(letter.reason)), JSON.stringify(letters[0]));
  assert.ok(seen.retired.requests < customers.length / 2, `${seen.retired.requests} requests: a disabled destination is not called`);
  const retired = () => admin('destinations').then(({ data }) => data.find((destination) => destination.name === 'retired'));
  assert.deepEqual(await retired(), { name: 'retired', url: `${origin()}/retired`, events: ['customer.*'], disabled: true });
  // Enabled again, one event replayed: it arrives; the others still wait.
  seen.retired.healthy = true;
  assert.equal((await admin('destinations/retired/enable', 'POST')).data.find((destination) => destination.name === 'retired').disabled, false);
  assert.deepEqual(await admin(`replay?event=${customers[0]}`, 'POST'), { replayed: 1, dropped: 0 });
  await waitFor(() => seen.retired.byId.get(customers[0]) === 1, { timeoutMs: 30_000, what: 'the replayed event' });
  assert.equal((await deadLetters('retired')).length, customers.length - 1);
  // The ledger shows each delivery of an event: the parked one, and the others delivered.
  const shown = await admin(`events/${customers[1]}`);
  assert.equal(shown.type, 'customer.created');
  assert.equal(shown.expires_at - shown.accepted_at, 4 * 86_400_000, 'kept 4 days by default');
  const states = Object.fromEntries(shown.deliveries.map((delivery) => [delivery.destination, [delivery.state, delivery.last_status]]));
  assert.equal(states.retired[0], 'disabled');
  assert.ok([null, 410].includes(states.retired[1]), 'parked, or the attempt that met the 410');
  assert.equal(states.flaky[0], 'delivered');
  assert.deepEqual(states.snapshots, ['delivered', 204]);
  assert.deepEqual(seen.problems, []);
});

/** Calls the emulator's API. */
async function call(method, path, form) {
  const response = await fetch(emulator.url + path, { method, headers: { authorization: `Bearer ${EMULATOR_KEY}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  assert.ok(response.ok, `${method} ${path}: ${response.status}`);
  return response.json();
}

test('a thin notification is expanded for a destination that wants snapshots, through the API', { timeout: 60_000 }, async () => {
  const customer = await call('POST', '/v1/customers', 'email=thin@example.com');
  const notification = (await call('GET', `/v2/core/events?object_id=${customer.id}`)).data[0];
  assert.equal(notification.type, 'v1.customer.created');
  const payload = JSON.stringify({ id: notification.id, object: 'v2.core.event', type: notification.type, created: notification.created, livemode: false, related_object: notification.related_object });
  assert.equal((await deliver(payload)).status, 200);
  await waitFor(() => seen.snapshots.byId.get(notification.id) === 1 && seen.notifications.byId.get(notification.id) === 1, { timeoutMs: 30_000, what: 'the expanded event and the thin notification' }).catch(
    explain(() => `${seen.snapshots.requests} + ${seen.notifications.requests} requests; problems: ${seen.problems.join('; ')}`),
  );
  const expanded = seen.snapshots.bodies.map((body) => JSON.parse(body)).find((event) => event.id === notification.id);
  assert.deepEqual(expanded, { ...(await call('GET', `/v2/core/events/${notification.id}`)), related_object_data: await call('GET', `/v1/customers/${customer.id}`) });
  // The destination that wants thin notifications gets the notification as Stripe sent it.
  assert.deepEqual(seen.notifications.bodies, [payload]);
  assert.deepEqual(seen.problems, []);
});

test('reconciliation feeds in an event whose delivery from Stripe failed, once', { timeout: 60_000 }, async () => {
  // The endpoint Stripe (the emulator) delivers to is down: the event stays undelivered.
  await call('POST', '/v1/webhook_endpoints', new URLSearchParams({ url: `${origin()}/stripe-down`, 'enabled_events[]': 'customer.created' }).toString());
  const customer = await call('POST', '/v1/customers', 'email=missed@example.com');
  const missed = await waitFor(async () => (await call('GET', '/v1/events?delivery_success=false&type=customer.created')).data.find((event) => event.data.object.id === customer.id), { what: 'the undelivered event in the emulator' });
  assert.equal(seen.snapshots.byId.has(missed.id), false);
  const first = await admin('reconcile', 'POST');
  assert.ok(first.listed >= 1 && first.accepted >= 1, JSON.stringify(first));
  await waitFor(() => seen.snapshots.byId.get(missed.id) === 1, { timeoutMs: 30_000, what: 'the reconciled event at the destination' });
  const body = seen.snapshots.bodies.map((text) => JSON.parse(text)).find((event) => event.id === missed.id);
  assert.equal(body.type, 'customer.created');
  assert.equal(body.data.object.id, customer.id);
  // Again: the ledger holds every listed event, nothing new is accepted.
  assert.deepEqual(await admin('reconcile', 'POST'), { listed: first.listed, accepted: 0 });
  assert.deepEqual(seen.problems, []);
});

test('the admin routes refuse tokens that are missing, bad or not of scope admin', async () => {
  const url = `${worker.url}/_admin/dead-letters`;
  const missing = await fetch(url);
  assert.equal(missing.status, 401);
  const unknown = await fetch(`${worker.url}/_admin/events/evt_never_seen`, { headers: { authorization: `Bearer ${await adminToken()}` } });
  assert.equal(unknown.status, 404);
  const forged = await fetch(url, { headers: { authorization: `Bearer ${(await adminToken()).slice(0, -2)}xx` } });
  assert.equal(forged.status, 401);
  const customer = await fetch(url, { headers: { authorization: `Bearer ${await adminToken('customer')}` } });
  assert.equal(customer.status, 403);
  const body = await customer.json();
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
  const replay = await fetch(`${worker.url}/_admin/replay`, { method: 'POST', headers: { authorization: `Bearer ${await adminToken('customer')}` } });
  assert.equal(replay.status, 403);
  assert.equal((await fetch(`${worker.url}/_admin/deliveries`, { headers: { authorization: `Bearer ${await adminToken('customer')}` } })).status, 403);
  const badLimit = await fetch(`${worker.url}/_admin/deliveries?limit=0`, { headers: { authorization: `Bearer ${await adminToken()}` } });
  assert.equal(badLimit.status, 400);
  assert.equal((await badLimit.json()).error.param, 'limit');
  const allowed = await fetch(url, { headers: { authorization: `Bearer ${await adminToken()}` } });
  const text = await allowed.text();
  assert.equal(allowed.status, 200);
  const destinations = await fetch(`${worker.url}/_admin/destinations`, { headers: { authorization: `Bearer ${await adminToken()}` } });
  const deliveries = await fetch(`${worker.url}/_admin/deliveries?limit=1000`, { headers: { authorization: `Bearer ${await adminToken()}` } });
  assert.equal(deliveries.status, 200);
  const all = text + (await destinations.text()) + (await deliveries.text());
  assert.equal(destinations.status, 200);
  for (const secretValue of [FLAKY_SECRET, GONE_SECRET, RETIRED_SECRET, STRIPE_SECRET, TOKEN_SECRET, 'DESTINATION_']) assert.ok(!all.includes(secretValue), secretValue);
});

test('a delivery owed to a destination the routes no longer name ends in the dead letters', { timeout: 90_000 }, async () => {
  const payload = JSON.stringify({ id: 'evt_pipeline_removed', object: 'event', type: 'charge.refunded', created: now(), livemode: false, data: { object: { id: 'ch_1' } } });
  assert.equal((await deliver(payload)).status, 200);
  await waitFor(() => seen.paused.requests >= 1, { what: 'a first, failed attempt' });
  await worker.stop();
  worker = await start({ without: 'paused' });
  const letters = await waitFor(async () => {
    const letters = await deadLetters('paused');
    return letters.length === 1 && letters;
  }, { timeoutMs: 60_000, intervalMs: 1_000, what: 'the dead letter of the removed destination' }).catch(explain(async () => `${(await deadLetters('paused')).length} so far`));
  assert.equal(letters[0].event, 'evt_pipeline_removed');
  assert.match(letters[0].reason, /no longer name/);
  const shown = await admin('events/evt_pipeline_removed');
  assert.equal(shown.deliveries.find((delivery) => delivery.destination === 'paused').state, 'dead');
});
