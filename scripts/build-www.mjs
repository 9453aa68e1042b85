// Builds what the browser app in www/ imports into www/vendor/ (git-ignored), so that the
// pages load every module from their own origin (www/_headers allows no other):
//   www/vendor/stripe-edge/  the npm package's browser entries (dist/*.browser.js), the
//                            modules they import and their .wasm files (`npm run build`
//                            makes dist/; this script runs it when dist/ is missing or
//                            older than any of its sources)
//   www/vendor/chart.js      Chart.js bundled into one ES module with esbuild
// Run by `npm start` (scripts/dev.mjs) and the test command (scripts/test.sh).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const vendor = join(root, 'www/vendor');

/** What the package build reads: a change to any of them makes dist/ stale. */
const SOURCES = ['src', 'js', 'wasm', 'wasm-webhooks', 'Cargo.toml', 'Cargo.lock', 'scripts/build-package.mjs'];

/** The latest modification time of `path`, a file or everything under a folder, in ms. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

// The package build writes dist/browser.js once it has read every source.
const built = join(dist, 'browser.js');
if (!existsSync(built) || Math.max(...SOURCES.map((path) => newest(join(root, path)))) > statSync(built).mtimeMs) {
  execFileSync('node', [join(root, 'scripts/build-package.mjs')], { cwd: root, stdio: 'inherit' });
}

// Build beside the served folder, then swap it in whole (wrangler may be serving it).
const next = `${vendor}.next`;
rmSync(next, { recursive: true, force: true });
mkdirSync(join(next, 'stripe-edge'), { recursive: true });

// The browser entries are ES modules that import their glue, the shared modules and the
// wasm from next to themselves; the Node and workerd files are left out.
const browserFile = (file) => file.endsWith('.wasm') || (file.endsWith('.js') && !/\.(node|workerd)\.js$|^(node|workerd)\.js$/.test(file));
for (const file of readdirSync(dist).filter(browserFile)) copyFileSync(join(dist, file), join(next, 'stripe-edge', file));

await build({
  stdin: { contents: "export { Chart, registerables } from 'chart.js';", resolveDir: root, loader: 'js' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  outfile: join(next, 'chart.js'),
  logLevel: 'warning',
});

rmSync(vendor, { recursive: true, force: true });
renameSync(next, vendor);
console.log(`build-www: ${readdirSync(join(vendor, 'stripe-edge')).length} package files and chart.js in www/vendor/`);
