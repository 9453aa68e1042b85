// The emulator cross-checked against localstripe, the independent Stripe emulator from
// PyPI, on what both serve: customers create / retrieve / list, paged with `limit`,
// `starting_after` and `ending_before`. The same calls go to both servers through
// stripe-node; nothing here is an expected output taken from either server. The
// responses must have the same top-level keys with the same JSON types, and paging
// must return every customer exactly once on each server. The only differences
// tolerated are in the allow-lists below; an entry that no longer occurs fails the run
// (so the lists cannot go stale), and where Stripe's own example objects are at hand
// (../shared/stripe-openapi) each entry's claim of which side matches Stripe is checked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { root, startEmulator, startLocalstripe } from '../../support/harness.mjs';

const SIDES = ['emulator', 'localstripe'];
const ABSENT = 'absent';

// ---------------------------------------------------------------------------------------
// Allow-list: the known differences. For each top-level key, the JSON type each server
// gives it (or ABSENT), and `stripe`: the side whose type matches Stripe's example
// customer (fixtures3.json, key `customer`) or list (the 2023-08-16 OpenAPI spec).
// ---------------------------------------------------------------------------------------

/** Top-level fields of a customer. */
const CUSTOMER_DIFFERENCES = {
  // Fields of Stripe's customer object that localstripe never added.
  balance: { emulator: 'number', localstripe: ABSENT, stripe: 'emulator' },
  invoice_prefix: { emulator: 'string', localstripe: ABSENT, stripe: 'emulator' },
  next_invoice_sequence: { emulator: 'number', localstripe: ABSENT, stripe: 'emulator' },
  tax_exempt: { emulator: 'string', localstripe: ABSENT, stripe: 'emulator' },
  test_clock: { emulator: 'null', localstripe: ABSENT, stripe: 'emulator' },
  // localstripe's name for `balance` before API version 2019-10-17 renamed it.
  account_balance: { emulator: ABSENT, localstripe: 'number', stripe: 'emulator' },
  // An old field Stripe has since replaced with tax IDs.
  business_vat_id: { emulator: ABSENT, localstripe: 'null', stripe: 'emulator' },
  // Lists that Stripe stopped including by default in API version 2020-08-27; they
  // come only with expand[] (which the emulator does not serve for them).
  sources: { emulator: ABSENT, localstripe: 'object', stripe: 'emulator' },
  subscriptions: { emulator: ABSENT, localstripe: 'object', stripe: 'emulator' },
  tax_ids: { emulator: ABSENT, localstripe: 'object', stripe: 'emulator' },
  // localstripe makes up 'eur' for every customer (an "arbitrary default" in its
  // source). Stripe's example customer has been billed, so it shows a string; a new
  // customer's currency is null in Stripe (nullable in the spec) until it is first
  // billed, which is what the emulator sends.
  currency: { emulator: 'null', localstripe: 'string', stripe: 'localstripe' },
  // localstripe echoes the parameter (null when not sent); Stripe sends [].
  preferred_locales: { emulator: 'array', localstripe: 'null', stripe: 'emulator' },
};

/** Top-level fields of a list (GET /v1/customers), `data` aside. */
const LIST_DIFFERENCES = {
  // Stripe leaves `total_count` out of lists unless asked with include[]=total_count.
  total_count: { emulator: ABSENT, localstripe: 'number', stripe: 'emulator' },
};

/** Behaviour of the list endpoint; `stripe` is the side that pages as Stripe does. */
const BEHAVIOUR_DIFFERENCES = {
  // localstripe lists in creation order; Stripe lists newest first, as the emulator does.
  order: { emulator: 'newest first', localstripe: 'oldest first', stripe: 'emulator' },
  // localstripe refuses `ending_before` (400 "Unexpected ending_before"), so it pages
  // forward only.
  ending_before: { emulator: 'pages', localstripe: 'refused (400)', stripe: 'emulator' },
};

// ---------------------------------------------------------------------------------------

const servers = {};
const clients = {};
const observed = new Set();
/** The comparisons that ran to their end (the stale-entry check needs them all). */
const finished = new Set();
const LIMITS = [1, 2, 3, 4, 10];

before(async () => {
  const [emulator, localstripe] = await Promise.all([startEmulator(), startLocalstripe()]);
  Object.assign(servers, { emulator, localstripe });
  for (const side of SIDES) {
    clients[side] = new Stripe('sk_test_crosscheck', { host: '127.0.0.1', port: servers[side].port, protocol: 'http' });
  }
});
after(() => Promise.all(SIDES.map((side) => servers[side]?.stop())));

/** The JSON type of a value: string, number, boolean, null, object or array. */
const jsonType = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** A response as plain JSON, without what stripe-node adds (lastResponse, pagers). */
const plain = (value) => JSON.parse(JSON.stringify(value));

/** Runs `call(stripe, side)` on both servers; the responses as plain JSON, by side. */
async function onBoth(call) {
  const out = {};
  for (const side of SIDES) out[side] = plain(await call(clients[side], side));
  return out;
}

/** Keys whose presence or JSON type differs between the two responses. */
function shapeDifferences(bySide, ignore = []) {
  const keys = new Set(SIDES.flatMap((side) => Object.keys(bySide[side])));
  const out = {};
  for (const key of [...keys].sort()) {
    if (ignore.includes(key)) continue;
    const types = Object.fromEntries(SIDES.map((side) => [side, key in bySide[side] ? jsonType(bySide[side][key]) : ABSENT]));
    if (types.emulator !== types.localstripe) out[key] = types;
  }
  return out;
}

/** Fails on a difference that the allow-list `table` (named `name`) does not hold. */
function assertSameShape(what, name, table, bySide, ignore) {
  const unexpected = [];
  for (const [key, types] of Object.entries(shapeDifferences(bySide, ignore))) {
    const known = table[key];
    if (known && SIDES.every((side) => known[side] === types[side])) observed.add(`${name}.${key}`);
    else unexpected.push(`${key}: emulator ${types.emulator}, localstripe ${types.localstripe}`);
  }
  assert.deepEqual(unexpected, [], `${what}: differences not in ${name} allow-list`);
}

const assertSameCustomerShape = (what, bySide) => assertSameShape(what, 'CUSTOMER_DIFFERENCES', CUSTOMER_DIFFERENCES, bySide);
const assertSameListShape = (what, bySide) => assertSameShape(what, 'LIST_DIFFERENCES', LIST_DIFFERENCES, bySide, ['data']);

/** Fails unless the two sides behave alike, or differ exactly as the allow-list says. */
function assertSameBehaviour(name, bySide) {
  if (bySide.emulator === bySide.localstripe) return;
  const known = BEHAVIOUR_DIFFERENCES[name];
  assert.ok(
    known && SIDES.every((side) => known[side] === bySide[side]),
    `${name}: emulator ${bySide.emulator}, localstripe ${bySide.localstripe}, not in BEHAVIOUR_DIFFERENCES`,
  );
  observed.add(`BEHAVIOUR_DIFFERENCES.${name}`);
}

/** Each id of `wanted` exactly once in `ids`, and no id of `ids` twice. */
function assertEachOnce(side, how, ids, wanted) {
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(twice, [], `${side}, ${how}: ids listed more than once`);
  const missing = wanted.filter((id) => !ids.includes(id));
  assert.deepEqual(missing, [], `${side}, ${how}: created customers not listed`);
}

/** Pages through the customers from the start with `starting_after`. */
async function pageForward(stripe, limit) {
  const pages = [];
  let cursor;
  for (;;) {
    const page = plain(await stripe.customers.list({ limit, ...(cursor ? { starting_after: cursor } : {}) }));
    pages.push(page);
    if (!page.has_more) return pages;
    assert.ok(page.data.length > 0, 'a page with has_more has items');
    cursor = page.data.at(-1).id;
    assert.ok(pages.length < 100, 'paging forward ends');
  }
}

/** Pages back from `anchor` with `ending_before`: each page is the `limit` items listed
 * just before the cursor, and the next cursor is the page's first item. */
async function pageBackward(stripe, limit, anchor) {
  const pages = [];
  let cursor = anchor;
  for (;;) {
    const page = plain(await stripe.customers.list({ limit, ending_before: cursor }));
    pages.push(page);
    if (!page.has_more) return pages;
    assert.ok(page.data.length > 0, 'a page with has_more has items');
    cursor = page.data[0].id;
    assert.ok(pages.length < 100, 'paging backward ends');
  }
}

/** How the listing orders the customers made in `made` (in creation order). */
function listOrder(ids, made) {
  const listed = ids.filter((id) => made.includes(id));
  if (listed.join() === made.join()) return 'oldest first';
  if (listed.join() === [...made].reverse().join()) return 'newest first';
  return `other (${listed.join(' ')})`;
}

const pageShape = (pages) => pages.map((page) => `${page.data.length}${page.has_more ? '+' : ''}`).join(' ');

test('create: the same fields with the same types, with every shared parameter and with none', async () => {
  const full = await onBoth((stripe) =>
    stripe.customers.create({ email: 'full@example.com', name: 'Full Name', phone: '+15555550100', description: 'every shared parameter', metadata: { order: '1' } }),
  );
  assertSameCustomerShape('create with parameters', full);
  for (const side of SIDES) {
    assert.equal(full[side].object, 'customer', side);
    assert.equal(full[side].email, 'full@example.com', side);
    assert.deepEqual(full[side].metadata, { order: '1' }, side);
  }
  const empty = await onBoth((stripe) => stripe.customers.create());
  assertSameCustomerShape('create without parameters', empty);
  finished.add('create');
});

test('retrieve: the same fields with the same types as each other, and as create on each', async () => {
  const made = await onBoth((stripe) => stripe.customers.create({ email: 'retrieve@example.com', metadata: { k: 'v' } }));
  const fetched = await onBoth((stripe, side) => stripe.customers.retrieve(made[side].id));
  assertSameCustomerShape('retrieve', fetched);
  for (const side of SIDES) assert.deepEqual(fetched[side], made[side], `${side}: retrieve returns what create returned`);
  const statuses = {};
  for (const side of SIDES) {
    const error = await clients[side].customers.retrieve('cus_NoSuchCustomer0').then(
      () => assert.fail(`${side}: an unknown customer was found`),
      (error) => error,
    );
    statuses[side] = `${error.statusCode} ${error.type}`;
  }
  assert.equal(statuses.emulator, statuses.localstripe, 'an unknown customer is refused alike');
  finished.add('retrieve');
});

test('list: paging forward and backward returns every customer exactly once on each server', async (t) => {
  const made = { emulator: [], localstripe: [] };
  for (let i = 0; i < 7; i++) {
    const customers = await onBoth((stripe) => stripe.customers.create({ email: `page${i}@example.com`, metadata: { i: String(i) } }));
    for (const side of SIDES) made[side].push(customers[side].id);
  }

  const all = await onBoth((stripe) => stripe.customers.list({ limit: 100 }));
  assertSameListShape('one page of all', all);
  // Each customer made here as listed by each server, matched by creation order (the
  // servers list in different orders, see BEHAVIOUR_DIFFERENCES.order).
  for (let i = 0; i < made.emulator.length; i++) {
    const pair = Object.fromEntries(SIDES.map((side) => [side, all[side].data.find((c) => c.id === made[side][i])]));
    for (const side of SIDES) assert.ok(pair[side], `${side}: customer ${i} listed`);
    assertSameCustomerShape(`list item ${i}`, pair);
  }
  const order = Object.fromEntries(SIDES.map((side) => [side, listOrder(all[side].data.map((c) => c.id), made[side])]));
  assertSameBehaviour('order', order);

  finished.add('list');

  // Several limits, so that the last page is full for some and short for others.
  for (const limit of LIMITS) {
    await t.test(`limit ${limit}`, async () => {
      const forward = await onBoth((stripe) => pageForward(stripe, limit));
      assertSameListShape('first page', { emulator: forward.emulator[0], localstripe: forward.localstripe[0] });
      for (const side of SIDES) {
        const ids = forward[side].flatMap((page) => page.data.map((c) => c.id));
        assertEachOnce(side, 'paging forward', ids, made[side]);
        assert.deepEqual(ids, all[side].data.map((c) => c.id), `${side}: paging forward lists what one page of 100 lists, in its order`);
        for (const page of forward[side]) assert.ok(page.data.length <= limit, `${side}: a page holds at most limit items`);
      }
      // Both servers hold the same number of customers (every call went to both), so
      // the pages must come out the same sizes with the same has_more.
      assert.equal(pageShape(forward.emulator), pageShape(forward.localstripe), 'page sizes and has_more (+) paging forward');

      // Back from the last customer listed: it and the pages before it are all of them.
      const backward = {};
      const outcome = {};
      for (const side of SIDES) {
        const anchor = forward[side].at(-1).data.at(-1).id;
        try {
          backward[side] = await pageBackward(clients[side], limit, anchor);
          outcome[side] = 'pages';
        } catch (error) {
          if (!(error instanceof Stripe.errors.StripeError)) throw error;
          outcome[side] = `refused (${error.statusCode})`;
          continue;
        }
        const pages = backward[side].map((page) => page.data.map((c) => c.id));
        const ids = [...pages.toReversed().flat(), anchor];
        assertEachOnce(side, 'paging backward', ids, made[side]);
        assert.deepEqual(ids, all[side].data.map((c) => c.id), `${side}: paging backward lists what paging forward lists, in its order`);
        for (const page of backward[side]) assert.ok(page.data.length <= limit, `${side}: a page holds at most limit items`);
      }
      assertSameBehaviour('ending_before', outcome);
      if (backward.emulator && backward.localstripe) {
        assertSameListShape('page before a cursor', { emulator: backward.emulator[0], localstripe: backward.localstripe[0] });
        assert.equal(pageShape(backward.emulator), pageShape(backward.localstripe), 'page sizes and has_more (+) paging backward');
      }
      finished.add(`limit ${limit}`);
    });
  }
});

test('every allow-list entry still occurs', (t) => {
  if (finished.size < 3 + LIMITS.length) {
    t.skip('an earlier comparison did not finish');
    return;
  }
  const listed = [
    ...Object.keys(CUSTOMER_DIFFERENCES).map((key) => `CUSTOMER_DIFFERENCES.${key}`),
    ...Object.keys(LIST_DIFFERENCES).map((key) => `LIST_DIFFERENCES.${key}`),
    ...Object.keys(BEHAVIOUR_DIFFERENCES).map((key) => `BEHAVIOUR_DIFFERENCES.${key}`),
  ];
  assert.deepEqual(
    listed.filter((entry) => !observed.has(entry)),
    [],
    'allow-list entries that no longer occur: take them out',
  );
});

const openapi = join(root, '../shared/stripe-openapi');
const fixtures = join(openapi, 'fixtures3.json');
const spec = join(openapi, 'spec3.2023-08-16.json');

test("the allow-list says rightly which side matches Stripe's example objects", { skip: !existsSync(fixtures) || !existsSync(spec) }, async () => {
  const example = JSON.parse(readFileSync(fixtures, 'utf8')).resources.customer;
  for (const [key, entry] of Object.entries(CUSTOMER_DIFFERENCES)) {
    const stripeType = key in example ? jsonType(example[key]) : ABSENT;
    assert.deepEqual(SIDES.filter((side) => entry[side] === stripeType), [entry.stripe], `customer.${key}: Stripe's example has ${stripeType}`);
  }
  const listSchema = JSON.parse(readFileSync(spec, 'utf8')).paths['/v1/customers'].get.responses['200'].content['application/json'].schema;
  for (const [key, entry] of Object.entries(LIST_DIFFERENCES)) {
    const stripeType = key in listSchema.properties ? (listSchema.properties[key].type === 'integer' ? 'number' : listSchema.properties[key].type) : ABSENT;
    assert.deepEqual(SIDES.filter((side) => entry[side] === stripeType), [entry.stripe], `list.${key}: Stripe's spec has ${stripeType}`);
  }
  // And no field of Stripe's example customer is missing from the emulator's.
  const customer = plain(await clients.emulator.customers.create());
  assert.deepEqual(
    Object.keys(example).filter((key) => !(key in customer)),
    [],
    "fields of Stripe's example customer the emulator leaves out",
  );
});
