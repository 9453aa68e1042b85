// Size: consumers bundled with esbuild for the browser/edge (minified), gzip -9 of the
// JS plus the wasm it loads, per entry of stripe-edge and for stripe-node; and the
// package as each capability landed, against builds of those commits.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { root } from '../../tests/support/harness.mjs';

/** Consumers bundled for the browser: one per capability entry (what a consumer of that
 * entry alone loads), the root entry (everything), and stripe-node's webhook path. */
export const ENTRY_CONSUMERS = {
  'stripe-edge/webhooks': `import { constructEvent } from 'stripe-edge/webhooks';
export const handle = (body, header, secret) => constructEvent(body, header, secret);`,
  'stripe-edge/testing': `import { generateTestHeaderString } from 'stripe-edge/testing';
export const handle = (payload, secret) => generateTestHeaderString({ payload, secret });`,
  'stripe-edge/decode': `import { decode } from 'stripe-edge/decode';
export const handle = (json) => decode('invoice', json);`,
  'stripe-edge/search': `import { search } from 'stripe-edge/search';
export const handle = (status) => search('invoices').where('status').eq(status).build();`,
  'stripe-edge/client': `import { createClient } from 'stripe-edge/client';
export const handle = (apiKey, id) => createClient({ apiKey }).invoices.retrieve(id);`,
  'stripe-edge (root: every entry)': `import { constructEvent } from 'stripe-edge';
export const handle = (body, header, secret) => constructEvent(body, header, secret);`,
  'stripe-node (webhooks, SubtleCrypto)': `import Stripe from 'stripe';
const stripe = new Stripe('sk_unused');
export const handle = (body, header, secret) => stripe.webhooks.constructEventAsync(body, header, secret, undefined, Stripe.createSubtleCryptoProvider());`,
};

/** The webhook-only consumer's budget, JS + wasm, gzip: the goal. */
export const WEBHOOK_BUDGET = 12 * 1024;

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Each consumer bundled by esbuild (minified, ESM, browser): JS and the wasm files its
 * bundle refers to, gzip -9 each. */
export async function benchSize() {
  const dir = mkdtempSync(join(root, 'tests/.size-'));
  try {
    const results = [];
    for (const [name, source] of Object.entries(ENTRY_CONSUMERS)) {
      const entry = join(dir, 'consumer.js');
      writeFileSync(entry, source);
      const outfile = join(dir, 'bundle.js');
      await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', outfile, logLevel: 'error', nodePaths: [join(root, 'node_modules')] });
      const js = readFileSync(outfile);
      const wasmFiles = [...new Set(js.toString().match(/[a-z]+-core_bg\.wasm/g) ?? [])];
      const wasm = wasmFiles.map((file) => readFileSync(join(root, 'dist', file)));
      const wasmBytes = wasm.reduce((sum, bytes) => sum + bytes.length, 0);
      const wasmGzip = wasm.reduce((sum, bytes) => sum + gz(bytes), 0);
      results.push({ name, js: js.length, jsGzip: gz(js), wasm: wasmBytes, wasmGzip, totalGzip: gz(js) + wasmGzip });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Worker's wasm as it is deployed (worker/build, scripts/build-worker.mjs): its
 * bytes and gzip -9 bytes. */
export function benchWorkerSize() {
  const wasm = readFileSync(join(root, 'worker/build/stripe_edge_worker_bg.wasm'));
  return { wasm: wasm.length, wasmGzip: gz(wasm) };
}

/** The package as each capability landed, built from its commit: what each one adds. */
export const CHECKPOINTS = [
  { name: 'webhooks', rev: '9eae427' },
  { name: '+ resource models (decode)', rev: '18ee566' },
];

/** The wasm (every capability's, summed, from the one-wasm checkpoints on) and the
 * packed tarball of a package build in `dir`. */
function packageSize(dir) {
  const files = readdirSync(join(dir, 'dist')).filter((file) => file.endsWith('.wasm'));
  const wasm = Buffer.concat(files.map((file) => readFileSync(join(dir, 'dist', file))));
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: dir }).toString());
  return { wasm: wasm.length, wasmGzip: files.map((file) => gz(readFileSync(join(dir, 'dist', file)))).reduce((a, b) => a + b, 0), tarball: pack.size, unpacked: pack.unpackedSize };
}

/** The package at `rev`, built in a git worktree under target/. */
function packageAt(rev) {
  const dir = join(root, `target/bench-package-${rev}`);
  if (!existsSync(join(dir, '.git'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync('git', ['worktree', 'add', '--force', '--detach', dir, rev], { cwd: root, stdio: 'inherit' });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  }
  execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'inherit', env: { ...process.env, CARGO_TARGET_DIR: join(dir, 'target') } });
  return packageSize(dir);
}

/** The package at every checkpoint, then now (one wasm per capability, the client included). */
export function benchPackageGrowth() {
  const rows = CHECKPOINTS.map(({ name, rev }) => ({ name, rev, ...packageAt(rev) }));
  rows.push({ name: 'now: one wasm per capability (webhooks, decode, search, client)', rev: 'HEAD', ...packageSize(root) });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await benchSize();
  console.table(sizes);
  console.table(benchPackageGrowth());
  // Run alone, the bench fails on the webhook budget as report.mjs does (never the tests).
  const webhook = sizes.find((row) => row.name === 'stripe-edge/webhooks').totalGzip;
  if (webhook > WEBHOOK_BUDGET) {
    console.error(`\n!!! SIZE BUDGET EXCEEDED: a webhook-only consumer (stripe-edge/webhooks, esbuild, JS + wasm) is ${webhook} B gzip, over the ${WEBHOOK_BUDGET} B budget !!!\n`);
    process.exitCode = 1;
  }
}
