// Size: a webhook-only consumer bundled with esbuild for the browser/edge (minified),
// gzip -9 of the JS plus the wasm it loads; stripe-edge against stripe-node.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { root } from '../../tests/support/harness.mjs';

const consumers = {
  'stripe-edge': `import { constructEvent } from 'stripe-edge';
export const handle = (body, header, secret) => constructEvent(body, header, secret);`,
  'stripe-node': `import Stripe from 'stripe';
const stripe = new Stripe('sk_unused');
export const handle = (body, header, secret) => stripe.webhooks.constructEventAsync(body, header, secret, undefined, Stripe.createSubtleCryptoProvider());`,
};

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

export async function benchSize() {
  const dir = mkdtempSync(join(root, 'tests/.size-'));
  try {
    const results = [];
    for (const [name, source] of Object.entries(consumers)) {
      const entry = join(dir, `${name}.js`);
      writeFileSync(entry, source);
      const outfile = join(dir, `${name}.bundle.js`);
      await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', outfile, logLevel: 'error', nodePaths: [join(root, 'node_modules')] });
      const js = readFileSync(outfile);
      const wasm = name === 'stripe-edge' ? readFileSync(join(root, 'dist/stripe_edge_bg.wasm')) : Buffer.alloc(0);
      results.push({ name, js: js.length, jsGzip: gz(js), wasm: wasm.length, wasmGzip: wasm.length ? gz(wasm) : 0, totalGzip: gz(js) + (wasm.length ? gz(wasm) : 0) });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchSize());
