// `decode` through `import ... from 'stripe-edge'` in Node: Stripe's own example objects
// of every resource the package has a model of come back equal, members and enum values
// the models do not know survive, and values that do not fit throw StripeDecodeError
// naming the path. Reads ../shared/stripe-openapi/fixtures3.json and
// ../shared/fixtures/seed-examples.json (the shared reference folder beside the checkout).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { StripeDecodeError, decode } from 'stripe-edge';

const here = dirname(fileURLToPath(import.meta.url));
const shared = (path) => {
  const full = join(here, '../../../shared', path);
  try {
    return JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    throw new Error(`${full} is needed by this test (the shared reference folder must sit beside the checkout): ${error.message}`);
  }
};
const fixtures = shared('stripe-openapi/fixtures3.json').resources;
const seeds = shared('fixtures/seed-examples.json');

/** The resource names the package's declarations promise `decode` knows. */
function declaredResources() {
  const packageDir = dirname(createRequire(import.meta.url).resolve('stripe-edge/package.json'));
  const declarations = readFileSync(join(packageDir, 'dist/resources.d.cts'), 'utf8');
  const block = declarations.match(/export interface Resources \{\n([^}]*)\}/);
  assert.ok(block, 'resources.d.ts declares Resources');
  return [...block[1].matchAll(/^ {2}'?([\w.]+)'?:/gm)].map((m) => m[1]);
}

function refused(fn, { code, path }) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof StripeDecodeError, `not a StripeDecodeError: ${error}`);
    assert.equal(error.name, 'StripeDecodeError');
    assert.equal(error.code, code, error.message);
    if (path !== undefined) assert.equal(error.path, path, error.message);
    assert.ok(error.message.length > 20, error.message);
    return true;
  });
}

test('every declared resource decodes its fixture to an equal value, from text, bytes and objects', () => {
  const names = declaredResources();
  assert.ok(names.includes('invoice') && names.includes('reporting.report_run') && names.includes('webhook_endpoint'));
  for (const name of names) {
    const fixture = fixtures[name];
    assert.ok(fixture, `fixtures3.json has ${name}`);
    const text = JSON.stringify(fixture);
    assert.deepEqual(decode(name, text), fixture, name);
    assert.deepEqual(decode(name, new TextEncoder().encode(text)), fixture, name);
    assert.deepEqual(decode(name, Buffer.from(text)), fixture, name);
    const object = structuredClone(fixture);
    assert.equal(decode(name, object), object, `${name}: a parsed object comes back as given`);
  }
});

test('resources outside the build are refused as unknown, not crashed on', () => {
  const declared = new Set(declaredResources());
  const outside = Object.keys(fixtures).filter((name) => !declared.has(name));
  assert.ok(outside.includes('customer') && outside.includes('issuing.card'));
  for (const name of outside) refused(() => decode(name, JSON.stringify(fixtures[name])), { code: 'unknown_resource', path: '' });
  refused(() => decode('no_such_thing', '{}'), { code: 'unknown_resource' });
});

test('the seed examples decode', () => {
  assert.deepEqual(decode('v2.core.event', JSON.stringify(seeds.v2_core_event_retrieve)), seeds.v2_core_event_retrieve);
  assert.deepEqual(decode('reporting.report_run', seeds.reporting_report_run_create), seeds.reporting_report_run_create);
  for (const run of seeds.reporting_report_run_list.data) assert.deepEqual(decode('reporting.report_run', JSON.stringify(run)), run);
  for (const invoice of [...seeds.invoice_search_result.data, ...seeds.invoice_send_or_void]) {
    assert.deepEqual(decode('invoice', JSON.stringify(invoice)), invoice);
  }
  for (const event of seeds.v2_core_event_list.data) assert.deepEqual(decode('v2.core.event', JSON.stringify(event)), event);
  const thin = { id: 'evt_1', object: 'v2.core.event', type: 'v1.billing.meter.no_meter_found', created: '2024-09-26T17:46:22.134Z', livemode: false };
  assert.deepEqual(decode('v2.core.event_notification', JSON.stringify(thin)), thin);
  refused(() => decode('v2.core.event', JSON.stringify(thin)), { code: 'missing_field', path: 'context' });
});

test('members and enum values the models do not know survive', () => {
  const invoice = structuredClone(fixtures.invoice);
  invoice.status = 'paused_for_review';
  invoice.brand_new_field = { nested: [1, 'two', null], 'odd key ✓': true };
  invoice.lines.data[0].zz_extra = [[[]]];
  invoice.status_transitions.zz_when = 17;
  assert.deepEqual(decode('invoice', JSON.stringify(invoice)), invoice);
  const endpoint = { ...fixtures.webhook_endpoint, status: 'sleeping', enabled_events: ['invoice.teleported'] };
  assert.deepEqual(decode('webhook_endpoint', JSON.stringify(endpoint)), endpoint);
});

test('a value that does not fit names the path of the field', () => {
  const invoice = () => structuredClone(fixtures.invoice);
  const bad = invoice();
  bad.lines.data[0].amount = '12';
  refused(() => decode('invoice', JSON.stringify(bad)), { code: 'invalid_type', path: 'lines.data[0].amount' });
  assert.throws(() => decode('invoice', bad), /lines\.data\[0\]\.amount`: expected an integer, found a string/);
  const missing = invoice();
  delete missing.amount_due;
  refused(() => decode('invoice', missing), { code: 'missing_field', path: 'amount_due' });
  refused(() => decode('invoice', { ...invoice(), object: 'customer' }), { code: 'wrong_object', path: 'object' });
  refused(() => decode('invoice', { ...invoice(), livemode: null }), { code: 'invalid_type', path: 'livemode' });
  refused(() => decode('invoice', { ...invoice(), metadata: { a: 1 } }), { code: 'invalid_type', path: 'metadata.a' });
  refused(() => decode('invoice', '[]'), { code: 'invalid_type', path: '' });
  refused(() => decode('reporting.report_run', { ...fixtures['reporting.report_run'], parameters: { columns: ['a', 2] } }), {
    code: 'invalid_type',
    path: 'parameters.columns[1]',
  });
});

test('hostile input is an error, never a crash or a hang', () => {
  refused(() => decode('invoice', '{"amount_due": 1,'), { code: 'invalid_json', path: '' });
  refused(() => decode('invoice', ''), { code: 'invalid_json' });
  refused(() => decode('invoice', new Uint8Array([0x7b, 0xff, 0x7d])), { code: 'invalid_json' });
  const deep = '['.repeat(200_000) + ']'.repeat(200_000);
  const text = JSON.stringify(fixtures.invoice);
  refused(() => decode('invoice', text.replace('"data":[', `"data":[${deep},`)), { code: 'invalid_type', path: 'lines.data[0]' });
  const kept = decode('invoice', text.replace('{', `{"zz_deep":${deep},`));
  assert.equal(kept.zz_deep.length, 1, 'unknown members keep any valid JSON, however deep');
  const tree = { ...fixtures.invoice, metadata: {} };
  let at = tree.metadata;
  for (let i = 0; i < 500; i += 1) at = at.x = {};
  refused(() => decode('invoice', tree), { code: 'invalid_type', path: 'metadata.x' });
  const cycle = { ...fixtures.invoice };
  cycle.self = cycle;
  assert.throws(() => decode('invoice', cycle), TypeError);
  assert.throws(() => decode('invoice', null), TypeError);
  assert.throws(() => decode('invoice', undefined), TypeError);
  assert.throws(() => decode(42, '{}'), TypeError);
  assert.throws(() => decode('invoice', { big: 10n }), TypeError);
});

test('random damage anywhere is refused or kept, with the path of the damage', () => {
  let seed = 42;
  const random = (n) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const replacements = [null, true, 0, -1.5, '', 'x', [], {}, [1], { a: 'b' }];
  const names = declaredResources();
  for (let round = 0; round < 500; round += 1) {
    const name = names[random(names.length)];
    const value = structuredClone(fixtures[name]);
    const places = [];
    const walk = (node, path) => {
      if (node === null || typeof node !== 'object') return;
      for (const key of Object.keys(node)) {
        places.push([node, key, path === '' ? key : Array.isArray(node) ? `${path}[${key}]` : `${path}.${key}`]);
        walk(node[key], places.at(-1)[2]);
      }
    };
    walk(value, '');
    const [parent, key, path] = places[random(places.length)];
    parent[key] = replacements[random(replacements.length)];
    const text = JSON.stringify(value);
    try {
      assert.deepEqual(decode(name, text), JSON.parse(text), `${name} kept ${path}`);
    } catch (error) {
      assert.ok(error instanceof StripeDecodeError, `${name} ${path}: ${error}`);
      // Damage to `object` or `deleted` can choose another model for the object around it.
      const within = ['object', 'deleted'].includes(key) ? path.slice(0, -key.length - 1) : path;
      const inside = error.path === within || within === '' || error.path.startsWith(`${within}.`) || error.path.startsWith(`${within}[`);
      assert.ok(inside, `${name}: damage at ${path}, error at ${error.path}`);
      assert.equal(error.resource, name);
    }
  }
});
