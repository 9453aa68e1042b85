// Builds the Cloudflare Worker into worker/build/ (wrangler.toml's `main`): the Rust
// crate compiled to wasm, wasm-bindgen's glue, wasm-opt, and the module entry.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'worker/build');
const built = join(root, 'target/wasm32-unknown-unknown/release/stripe_edge_worker.wasm');
const wasm = join(out, 'stripe_edge_worker_bg.wasm');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'stripe-edge-worker']);
// wasm-bindgen and wasm-opt take seconds: skip them when cargo produced nothing new.
if (!existsSync(wasm) || statSync(wasm).mtimeMs < statSync(built).mtimeMs) {
  mkdirSync(out, { recursive: true });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', out, '--no-typescript', built]);
  run(join(root, 'node_modules/.bin/wasm-opt'), [
    '-Oz', '--strip-debug', '--enable-bulk-memory', '--enable-sign-ext', '--enable-mutable-globals',
    '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-multivalue', '--enable-simd',
    wasm, '-o', wasm,
  ]);
}
copyFileSync(join(root, 'worker/entry.js'), join(out, 'index.js'));
