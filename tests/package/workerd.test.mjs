// The package inside workerd: a Worker that imports it from npm (the `workerd` export
// condition), run by `wrangler dev`, reports the shared checks over HTTP.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startWrangler } from '../support/harness.mjs';

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
