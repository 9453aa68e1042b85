// The package inside workerd: Workers that import it from npm (the `workerd` export
// condition), run by `wrangler dev`, report the shared checks, the checks of each
// capability entry with and without nodejs_compat (the MAC provider each finds), and
// the API client suite (against the local Stripe emulator) over HTTP.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startEmulator, startWrangler } from '../support/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let worker;

before(async () => {
  worker = await startWrangler({ config: join(here, 'workerd/wrangler.toml'), cwd: join(here, 'workerd') });
});
after(() => worker?.stop());

test('the shared checks pass inside workerd', async () => {
  const response = await fetch(worker.url + '/');
  assert.equal(response.status, 200, worker.output());
  const results = await response.json();
  assert.ok(results.length >= 15, JSON.stringify(results));
  for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}`);
});

for (const [config, mac] of [['entries.wrangler.toml', 'wasm'], ['entries-compat.wrangler.toml', 'node:crypto']]) {
  test(`each capability entry inside workerd${mac === 'wasm' ? '' : ' with nodejs_compat'}: the MAC by ${mac}`, async () => {
    const entries = await startWrangler({ config: join(here, 'workerd', config), cwd: join(here, 'workerd') });
    try {
      const response = await fetch(`${entries.url}/?mac=${encodeURIComponent(mac)}`);
      const text = await response.text();
      assert.equal(response.status, 200, `${text}\n${entries.output()}`);
      const results = JSON.parse(text);
      assert.ok(results.length >= 7, text);
      for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}`);
    } finally {
      await entries.stop();
    }
  });
}

test('the API client suite passes inside workerd, against the emulator', async () => {
  const emulator = await startEmulator({ args: ['--report-delay-ms', '300'] });
  const client = await startWrangler({ config: join(here, 'workerd/client.wrangler.toml'), cwd: join(here, 'workerd') });
  try {
    const response = await fetch(`${client.url}/?emulator=${encodeURIComponent(emulator.url)}`);
    const text = await response.text();
    assert.equal(response.status, 200, `${text}\n${client.output()}`);
    const results = JSON.parse(text);
    assert.ok(results.length >= 14, text);
    for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}`);
  } finally {
    await client.stop();
    await emulator.stop();
  }
});
