// The API client in Node, against the local Stripe emulator: the shared client suite,
// over Node's fetch and over the client's own transport (node:http).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as api from 'stripe-edge';
import { startEmulator } from '../support/harness.mjs';
import { runClientSuite } from './client-suite.js';

let emulator;
before(async () => {
  emulator = await startEmulator({ args: ['--report-delay-ms', '300'] });
});
after(() => emulator?.stop());

for (const transport of ['recording', 'default']) {
  const over = transport === 'default' ? "the client's own transport (node:http)" : "Node's fetch, recorded";
  test(`the client suite passes in Node, over ${over}`, async () => {
    const results = await runClientSuite(api, { baseUrl: emulator.url, transport });
    assert.ok(results.length >= 14, JSON.stringify(results));
    for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}`);
  });
}
