// The API client in Node, against the local Stripe emulator: the shared client suite.
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

test('the client suite passes in Node', async () => {
  const results = await runClientSuite(api, { baseUrl: emulator.url });
  assert.ok(results.length >= 14, JSON.stringify(results));
  for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}`);
});
