// The search query language through `import ... from 'stripe-edge'` in Node: parsing to
// clauses with byte offsets, errors a person can act on, the builder quoting hostile
// values, matching objects, and restricting a query to one customer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StripeSearchError, matchesSearchQuery, parseSearchQuery, restrictSearchQuery, search } from 'stripe-edge';

function refused(fn, { code, start, end }) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof StripeSearchError, `not a StripeSearchError: ${error}`);
    assert.equal(error.code, code, error.message);
    if (start !== undefined) assert.deepEqual([error.start, error.end], [start, end], error.message);
    assert.equal(typeof error.expected, 'string');
    return true;
  });
}

test('parseSearchQuery gives the clauses, their offsets and the canonical text', () => {
  const text = "amount>999 AND metadata['order_id']:'6735' AND -status:\"failed\"";
  const query = parseSearchQuery(text, 'charges');
  assert.equal(query.resource, 'charges');
  assert.equal(query.joiner, 'and');
  assert.equal(query.query, 'amount>999 AND metadata["order_id"]:"6735" AND -status:"failed"');
  assert.deepEqual(
    query.clauses.map((c) => [c.negated, c.field, c.key, c.operator, c.value, text.slice(c.start, c.end)]),
    [
      [false, 'amount', undefined, '>', 999, 'amount>999'],
      [false, 'metadata', 'order_id', ':', '6735', "metadata['order_id']:'6735'"],
      [true, 'status', undefined, ':', 'failed', '-status:"failed"'],
    ],
  );
  assert.equal(parseSearchQuery('email~"amy" OR name:null', 'customer').joiner, 'or');
  for (const resource of ['charges', 'customers', 'invoices', 'payment_intents', 'prices', 'products', 'subscriptions']) {
    assert.equal(parseSearchQuery("metadata['k']:'v'", resource).clauses.length, 1, resource);
  }
});

test('errors carry a code, the bytes at fault and what was expected', () => {
  assert.throws(
    () => parseSearchQuery("customer~'cus_123'", 'invoices'),
    (error) =>
      error instanceof StripeSearchError &&
      error.message === "invalid operator '~' for token field 'customer' at 8..9" &&
      error.code === 'invalid_operator' &&
      error.start === 8 &&
      error.end === 9 &&
      error.expected === '`:`',
  );
  refused(() => parseSearchQuery('', 'invoices'), { code: 'empty_query', start: 0, end: 0 });
  refused(() => parseSearchQuery("status:'open' AND total>1 OR total<5", 'invoices'), { code: 'mixed_and_or', start: 26, end: 28 });
  refused(() => parseSearchQuery("(status:'open')", 'invoices'), { code: 'parentheses_not_supported', start: 0, end: 1 });
  refused(() => parseSearchQuery("email~'am'", 'customers'), { code: 'substring_too_short', start: 6, end: 10 });
  refused(() => parseSearchQuery(Array(11).fill('total>1').join(' '), 'invoices'), { code: 'too_many_clauses', start: 80, end: 87 });
  refused(() => parseSearchQuery('status:open', 'invoices'), { code: 'unquoted_value', start: 7, end: 11 });
  refused(() => parseSearchQuery("emial:'x'", 'customers'), { code: 'unknown_field', start: 0, end: 5 });
  refused(() => parseSearchQuery("amount:'x'", 'charges'), { code: 'invalid_value', start: 7, end: 10 });
  refused(() => parseSearchQuery("status:'open'", 'refunds'), { code: 'unknown_resource' });
  assert.throws(() => parseSearchQuery(42, 'invoices'), TypeError);
  assert.throws(() => parseSearchQuery("status:'open'", undefined), TypeError);
});

test('the builder quotes and escapes values, so input cannot change the query', () => {
  const hostile = `" OR customer:"cus_evil" \\ ' -status:'x'`;
  const text = search('invoices').where('status').eq(hostile).and('total').gt(1000).and('metadata').key('a"]:x').eq('y').build();
  const query = parseSearchQuery(text, 'invoices');
  assert.equal(query.clauses.length, 3);
  assert.equal(query.clauses[0].value, hostile);
  assert.equal(query.clauses[2].key, 'a"]:x');
  assert.equal(String(search('invoices').where('status').eq('open').and('total').gt(1000)), 'status:"open" AND total>1000');
  const base = search('customers').where('email').contains('amy');
  assert.equal(base.or('name').eq('Amy').build(), 'email~"amy" OR name:"Amy"');
  assert.equal(base.and('created').gte(1).build(), 'email~"amy" AND created>=1', 'a builder is reusable');
  assert.equal(search('prices').where('active').eq(true).and('lookup_key').not().isNull().build(), 'active:"true" AND -lookup_key:null');
  refused(() => search('invoices').where('status:"x" OR total').gt(1).build(), { code: 'unknown_field' });
  refused(() => search('invoices').where('customer').contains('cus').build(), { code: 'invalid_operator' });
  refused(() => search('invoices').where('total').gt(1).and('total').lt(5).or('status').eq('open').build(), { code: 'mixed_and_or' });
  refused(() => search('invoices').build(), { code: 'empty_query' });
  assert.throws(() => search('invoices').where('total').gt(1.5).build(), TypeError);
  assert.throws(() => search('invoices').where('total').gt(2 ** 60).build(), TypeError);
});

test('matchesSearchQuery decides with Stripe semantics, on objects, text and bytes', () => {
  const invoice = { status: 'open', currency: 'usd', total: 1500, customer: { id: 'cus_A', object: 'customer' }, number: 'ABCD-0001', subscription: null, metadata: { order: '42' } };
  const table = [
    ["status:'open' total>1000", true],
    ["status:'OPEN'", true],
    ["currency:'USD'", true],
    ["customer:'CUS_a'", true],
    ["customer:'cus_B'", false],
    ["number:'abcd-0001'", true],
    ["number:'0001'", true],
    ["number:'0001 abcd'", false],
    ["number~'cd-0'", true],
    ["customer:'cus_A'", true],
    ['subscription:null', true],
    ["-metadata['order']:null", true],
    ["status:'draft' OR total<=1500", true],
    ["metadata['order']:'4'", false],
  ];
  for (const [query, expected] of table) {
    assert.equal(matchesSearchQuery(query, 'invoices', invoice), expected, query);
    assert.equal(matchesSearchQuery(query, 'invoices', JSON.stringify(invoice)), expected, query);
    assert.equal(matchesSearchQuery(query, 'invoices', new TextEncoder().encode(JSON.stringify(invoice))), expected, query);
  }
  assert.throws(() => matchesSearchQuery("status:'open'", 'invoices', '{"status":'), TypeError);
});

test('restrictSearchQuery scopes a query to one customer, or refuses', () => {
  assert.equal(restrictSearchQuery("status:'open'", 'invoices', 'customer', 'cus_A'), 'status:"open" AND customer:"cus_A"');
  const escaped = restrictSearchQuery("status:'open'", 'invoices', 'customer', 'cus_A" OR customer:"cus_B');
  assert.equal(parseSearchQuery(escaped, 'invoices').clauses.length, 2);
  assert.equal(matchesSearchQuery(escaped, 'invoices', { status: 'open', customer: 'cus_B' }), false);
  refused(() => restrictSearchQuery("status:'open' OR status:'draft'", 'invoices', 'customer', 'cus_A'), { code: 'cannot_restrict' });
  refused(() => restrictSearchQuery("status:'open'", 'invoices', 'number', 'x'), { code: 'cannot_restrict' });
});
