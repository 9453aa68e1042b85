// Builds the npm package in place (dist/): the core compiled to wasm, wasm-bindgen's
// glue, wasm-opt, and the thin JS entries for Node (ESM and CommonJS), browsers and
// workerd. Run through `npm run build`; needs the toolchain that scripts/setup.sh installs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'stripe-edge-wasm']);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
run('wasm-bindgen', [
  '--target', 'web', '--out-dir', dist, '--out-name', 'stripe_edge', '--no-typescript',
  '--remove-name-section', '--remove-producers-section',
  join(root, 'target/wasm32-unknown-unknown/release/stripe_edge_wasm.wasm'),
]);
// The glue imports the error classes from its copy of js/errors.js (a wasm-bindgen
// snippet); it imports the package's own errors.js instead, so that every entry and the
// wasm share one set of classes and `instanceof` holds across them.
const glue = join(dist, 'stripe_edge.js');
const shared = readFileSync(glue, 'utf8').replace(/from '\.\/snippets\/[^']*\/errors\.js'/, "from './errors.js'");
if (shared.includes('./snippets/')) throw new Error('the wasm glue imports a snippet other than errors.js');
writeFileSync(glue, shared);
rmSync(join(dist, 'snippets'), { recursive: true });
const wasm = join(dist, 'stripe_edge_bg.wasm');
run(join(root, 'node_modules/.bin/wasm-opt'), [
  '-Oz', '--strip-debug', '--enable-bulk-memory', '--enable-sign-ext', '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-multivalue', '--enable-simd',
  wasm, '-o', wasm,
]);

for (const file of ['errors.js', 'client.js', 'webhooks.js', 'decode.js', 'search.js', 'node.js', 'browser.js', 'workerd.js']) {
  copyFileSync(join(root, 'js', file), join(dist, file));
}
copyFileSync(join(root, 'js/index.d.ts'), join(dist, 'index.d.ts'));
copyFileSync(join(root, 'js/index.d.ts'), join(dist, 'index.d.cts'));
// The models' and the parameters' declarations are types only: one CommonJS-format
// copy serves the ESM and the CommonJS entry's declarations alike.
copyFileSync(join(root, 'js/resources.d.ts'), join(dist, 'resources.d.cts'));
copyFileSync(join(root, 'js/params.d.ts'), join(dist, 'params.d.cts'));
// CommonJS cannot import the ESM glue, so that entry is one bundled file.
const cjsSource = join(dist, 'node-cjs.js');
copyFileSync(join(root, 'js/node-cjs.js'), cjsSource);
await build({
  entryPoints: [cjsSource],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  outfile: join(dist, 'node.cjs'),
  // The glue's default loader (unused here) reads import.meta.url.
  define: { 'import.meta.url': 'undefined' },
  logLevel: 'warning',
});
rmSync(cjsSource);

for (const file of readdirSync(dist)) {
  console.log(`dist/${file.padEnd(22)} ${statSync(join(dist, file)).size} bytes`);
}
