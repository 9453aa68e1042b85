// Each capability entry of the packed package in Node, as ESM and as CommonJS: every
// entry works alone, `import` and `require` share one set of error classes (Node's ESM
// entries read the CommonJS build), the webhook MAC is node:crypto's, and with no
// native HMAC to find (process.getBuiltinModule removed before the package loads) the
// wasm computes it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { ENTRIES, failures, runEntryChecks } from './entry-checks.js';

const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(require.resolve('stripe-edge/package.json'), 'utf8'));

test('package.json exports a subpath per capability, each with every runtime', () => {
  for (const name of ENTRIES) {
    const entry = packageJson.exports[`./${name}`];
    assert.ok(entry, `./${name} is exported`);
    assert.deepEqual(Object.keys(entry), ['workerd', 'worker', 'browser', 'node', 'default'], name);
    assert.ok(entry.node.import.types && entry.node.require.types, `${name} has declarations for ESM and CommonJS`);
  }
});

test('each entry as ESM', async () => {
  const entries = Object.fromEntries(await Promise.all(ENTRIES.map(async (name) => [name, await import(`stripe-edge/${name}`)])));
  assert.equal(failures(runEntryChecks(entries, { expectedMac: 'node:crypto' })), '');
});

test('each entry as CommonJS (require)', () => {
  const entries = Object.fromEntries(ENTRIES.map((name) => [name, require(`stripe-edge/${name}`)]));
  assert.equal(failures(runEntryChecks(entries, { expectedMac: 'node:crypto' })), '');
  assert.ok(require.resolve('stripe-edge/webhooks').endsWith('webhooks.node.cjs'));
});

test('import and require, root and subpaths, share the error classes and the wasm', async () => {
  const root = await import('stripe-edge');
  const webhooks = require('stripe-edge/webhooks');
  for (const name of ['StripeError', 'StripeSignatureVerificationError', 'StripeDecodeError']) {
    assert.equal(root[name], webhooks[name], name);
    assert.equal(require('stripe-edge')[name], (await import('stripe-edge/client'))[name], name);
  }
  assert.equal(root.constructEvent, webhooks.constructEvent);
});

test('without a native HMAC to find, the webhook entry computes the MAC in wasm', () => {
  const script = `
    import { ENTRIES, failures, runEntryChecks } from './entry-checks.js';
    const entries = {};
    for (const name of ENTRIES) entries[name] = await import('stripe-edge/' + name);
    process.stdout.write(JSON.stringify({ mac: entries.webhooks.macProvider, failed: failures(runEntryChecks(entries, { expectedMac: 'wasm' })) }));`;
  const output = execFileSync(process.execPath, ['--import', 'data:text/javascript,process.getBuiltinModule=undefined', '--input-type=module', '-e', script], { cwd: import.meta.dirname, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(output), { mac: 'wasm', failed: '' });
});
