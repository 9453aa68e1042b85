// Long-lived use of the webhook wasm: a process verifies deliveries for as long as it
// runs, so the module's allocator must reuse what each call freed. Thousands of calls
// of many sizes, refused and accepted, must not grow its memory once every size has
// been seen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { generateTestHeaderString } from 'stripe-edge/testing';

const dist = join(dirname(createRequire(import.meta.url).resolve('stripe-edge/package.json')), 'dist');
// The glue on its own, with a wasm instance of its own whose memory the test can read.
const glue = await import(pathToFileURL(join(dist, 'webhooks-core.js')).href);
const exports = glue.initSync({ module: readFileSync(join(dist, 'webhooks-core_bg.wasm')) });
const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);

const SECRET = 'whsec_memory';
const T = 1_700_000_000;

/** One round of deliveries of sizes from a few bytes to ~200 KB, each verified twice:
 * once accepted, once refused (a wrong secret). */
function round() {
  for (let size = 1; size < 200_000; size = Math.ceil(size * 1.7)) {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', created: T, livemode: false, data: { object: { pad: 'x'.repeat(size) } } });
    const header = generateTestHeaderString({ payload, secret: [SECRET, 'whsec_other'], timestamp: T });
    assert.equal(glue.constructEvent(payload, header, SECRET, { now: T }).id, 'evt_1');
    assert.throws(() => glue.constructEvent(new TextEncoder().encode(payload), header, 'whsec_wrong', { now: T }));
  }
}

test('the webhook wasm reuses freed memory: no growth after the first rounds', () => {
  assert.ok(memory, 'the wasm exports its memory');
  round();
  round();
  const settled = memory.buffer.byteLength;
  for (let i = 0; i < 30; i++) round();
  assert.equal(memory.buffer.byteLength, settled, `grew from ${settled} to ${memory.buffer.byteLength} bytes`);
});

test('a payload over the size limit is refused before it is copied into the wasm memory', () => {
  const huge = 64 << 20;
  const before = memory.buffer.byteLength;
  const bytes = new Uint8Array(huge);
  const header = generateTestHeaderString({ payload: '{}', secret: SECRET, timestamp: T });
  for (const payload of [bytes, bytes.buffer, 'x'.repeat(huge / 2 + 1)]) {
    assert.throws(() => glue.constructEvent(payload, header, SECRET, { now: T }), { code: 'payload_too_large' });
  }
  // The limit can be raised per call; what is then over it is refused the same way.
  assert.throws(() => glue.verifyHeader('x'.repeat(2000), header, SECRET, { now: T, maxPayloadBytes: 1000 }), {
    code: 'payload_too_large',
    message: /2000 bytes, more than the limit of 1000 bytes/,
  });
  const grown = memory.buffer.byteLength - before;
  assert.ok(grown < 1 << 20, `the wasm memory grew by ${grown} bytes`);
});
