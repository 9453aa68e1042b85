// Size: consumers bundled with esbuild for the browser/edge (minified), gzip -9 of the
// JS plus the wasm it loads, stripe-edge against stripe-node; and what the resource
// models added to the package, against a build of the commit before them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
  'stripe-edge, webhooks and decode': `import { constructEvent, decode } from 'stripe-edge';
export const handle = (body, header, secret) => decode('invoice', constructEvent(body, header, secret).data.object);`,
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
      const wasm = name.startsWith('stripe-edge') ? readFileSync(join(root, 'dist/stripe_edge_bg.wasm')) : Buffer.alloc(0);
      results.push({ name, js: js.length, jsGzip: gz(js), wasm: wasm.length, wasmGzip: wasm.length ? gz(wasm) : 0, totalGzip: gz(js) + (wasm.length ? gz(wasm) : 0) });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The package as each capability landed, built from its commit: what each one adds. */
export const CHECKPOINTS = [
  { name: 'webhooks', rev: '9eae427' },
  { name: '+ resource models (decode)', rev: '18ee566' },
];

/** The wasm and the packed tarball of a package build in `dir`. */
function packageSize(dir) {
  const wasm = readFileSync(join(dir, 'dist/stripe_edge_bg.wasm'));
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: dir }).toString());
  return { wasm: wasm.length, wasmGzip: gz(wasm), tarball: pack.size, unpacked: pack.unpackedSize };
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

/** The package at every checkpoint, then now (the current build, with the search language). */
export function benchPackageGrowth() {
  const rows = CHECKPOINTS.map(({ name, rev }) => ({ name, rev, ...packageAt(rev) }));
  rows.push({ name: '+ search language (now)', rev: 'HEAD', ...packageSize(root) });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchSize());
  console.table(benchPackageGrowth());
}
