// Builds the npm package in place (dist/): one wasm per capability, wasm-opt'd, with its
// glue and thin JS entries per capability and runtime: Node (ESM and CommonJS), browsers
// and workerd. The root entries re-export every capability's. Run through `npm run
// build`; needs the toolchain that scripts/setup.sh installs.
//
// Most capabilities are the bindings crate wasm/ built with that capability's feature
// alone, with wasm-bindgen's glue (the wasm's import and export names shortened, and the
// glue's to match). The webhook wasm is its own crate, wasm-webhooks/, whose glue is
// written by hand (js/webhooks-core.js), for size (see HAND_WRITTEN).
//
// To add a capability: a feature and its module in wasm/ (see wasm/src/lib.rs), its JS
// API in js/NAME.js (importing the glue from './NAME-core.js') and its declarations in
// js/NAME.d.ts, its name in CAPABILITIES below, and its subpath in package.json's
// `exports` (tests/package/entries.test.mjs checks that every capability has one).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { targetDir } from '../tests/support/harness.mjs';

/** The package's capabilities: each is a wasm, a subpath (`stripe-edge/NAME`) and a
 * part of the root entry. */
export const CAPABILITIES = ['webhooks', 'testing', 'decode', 'search', 'client'];

/** The capabilities whose wasm is a crate of its own with a calling convention written by
 * hand instead of wasm-bindgen's (its glue is js/NAME-core.js): the webhook wasm, whose
 * bundle has a size budget that wasm-bindgen's glue and reference table took a fifth of. */
const HAND_WRITTEN = { webhooks: 'stripe-edge-wasm-webhooks' };

/** The JS modules the wasm imports as wasm-bindgen snippets (`module = "/../js/..."`):
 * every glue imports the package's one copy of each instead, so that the error classes
 * are the same objects whichever entry throws them. */
const SHARED = ['errors.js'];

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const write = (file, text) => writeFileSync(join(dist, file), text);

/** The entry of capability `name` for each runtime; each loads the wasm once, at import. */
const entries = {
  // Browsers and bundlers: fetches and compiles `NAME-core_bg.wasm` from next to itself
  // (`new URL(..., import.meta.url)`, which bundlers follow) during the import, then
  // instantiates it with the glue's `initSync`: the glue's own asynchronous loader (its
  // streaming and MIME-type fallbacks) stays out of the bundle.
  browser: (name) => `import { initSync } from './${name}-core.js';
import { loadWasm } from './load-wasm.js';

initSync({ module: await loadWasm(new URL('./${name}-core_bg.wasm', import.meta.url)) });

export * from './${name}.js';
export * from './errors.js';
`,
  // workerd: the runtime compiles imported .wasm files ahead of time; compiling bytes at
  // run time is not allowed there.
  workerd: (name) => `import module from './${name}-core_bg.wasm';\nimport { initSync } from './${name}-core.js';\n\ninitSync({ module });\n\nexport * from './${name}.js';\nexport * from './errors.js';\n`,
  // Node, CommonJS (bundled into NAME.node.cjs, errors.cjs left shared): compiled
  // synchronously at require.
  cjs: (name) => `import { readFileSync } from 'node:fs';\nimport { createRequire } from 'node:module';
import { join } from 'node:path';\nimport { initSync } from './${name}-core.js';\n\ninitSync({ module: readFileSync(join(__dirname, '${name}-core_bg.wasm')) });\n\nexport * from './${name}.js';\nexport * from './errors.js';\n`,
  // Node, ESM: the CommonJS module itself, so that `import` and `require` in one process
  // share one wasm instance and one set of error classes. Its own names are listed (a
  // star export of several CommonJS modules would make their shared names ambiguous);
  // the error classes come from one module.
  node: (name, names) => `export { ${names.join(', ')} } from './${name}.node.cjs';\nexport * from './errors.node.js';\n`,
};

/** Renames the wasm's imports, exports and import module to a letter or two each
 * (wasm-opt's --minify-imports-and-exports-and-modules) and the glue's uses of them to
 * match: wasm-bindgen's names carry a 16-digit hash each, which gzip cannot shrink,
 * twice (in the wasm and in the glue). */
function shortenNames(wasm, glue, features) {
  const before = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)));
  const mapping = JSON.parse(
    execFileSync(join(root, 'node_modules/.bin/wasm-opt'), ['--minify-imports-and-exports-and-modules', ...features, wasm, '-o', wasm], { cwd: root }).toString(),
  );
  const after = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)));
  const modules = (list) => [...new Set(list.map((entry) => entry.module))];
  if (modules(before).length !== 1 || modules(after).length !== 1) throw new Error(`${wasm}: the glue expects one import module`);
  const word = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let text = readFileSync(glue, 'utf8');
  const replace = (pattern, by) => {
    if (!pattern.test(text)) throw new Error(`${glue}: nothing matches ${pattern}`);
    text = text.replace(pattern, by);
  };
  replace(new RegExp(`"${word(modules(before)[0])}": import0`), `"${modules(after)[0]}": import0`);
  for (const [, from, to] of mapping.imports) replace(new RegExp(`(?<![\\w$])${word(from)}:`, 'g'), `${to}:`);
  for (const [from, to] of mapping.exports) {
    // Exports the glue never calls (wasm-bindgen's abort hooks) need no renaming.
    const pattern = new RegExp(`\\bwasm\\.${word(from)}(?![\\w$])`, 'g');
    if (pattern.test(text)) text = text.replace(pattern, `wasm.${to}`);
  }
  writeFileSync(glue, text);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
const modules = [...SHARED, 'delivery.js', 'host-mac.js', 'transport.js', 'load-wasm.js', ...CAPABILITIES.map((name) => `${name}.js`)];
for (const file of modules) copyFileSync(join(root, 'js', file), join(dist, file));

/** The wasm-bindgen capability `name`: its wasm and glue in dist/, the glue importing the
 * shared modules from the package. */
function bindgen(name) {
  run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'stripe-edge-wasm', '--no-default-features', '--features', name]);
  run('wasm-bindgen', [
    '--target', 'web', '--out-dir', dist, '--out-name', `${name}-core`, '--no-typescript',
    '--remove-name-section', '--remove-producers-section',
    join(targetDir, 'wasm32-unknown-unknown/release/stripe_edge_wasm.wasm'),
  ]);
  const glue = join(dist, `${name}-core.js`);
  const shared = readFileSync(glue, 'utf8').replace(/from '\.\/snippets\/[^']*\/([^/']+)'/g, (found, file) => {
    if (!SHARED.includes(file)) throw new Error(`the ${name} glue imports a snippet that is not shared: ${found}`);
    return `from './${file}'`;
  });
  writeFileSync(glue, shared);
}

/** The capability `name` with a hand-written glue, built from `crate`. */
function handWritten(name, crate) {
  run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', crate]);
  copyFileSync(join(targetDir, `wasm32-unknown-unknown/release/${crate.replaceAll('-', '_')}.wasm`), join(dist, `${name}-core_bg.wasm`));
  copyFileSync(join(root, 'js', `${name}-core.js`), join(dist, `${name}-core.js`));
}

for (const name of CAPABILITIES) {
  if (HAND_WRITTEN[name]) handWritten(name, HAND_WRITTEN[name]);
  else bindgen(name);
  const wasm = join(dist, `${name}-core_bg.wasm`);
  const features = [
    '--enable-bulk-memory', '--enable-sign-ext', '--enable-mutable-globals',
    '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-multivalue', '--enable-simd',
  ];
  run(join(root, 'node_modules/.bin/wasm-opt'), ['-Oz', '--converge', '--strip-debug', '--strip-producers', '--strip-target-features', ...features, wasm, '-o', wasm]);
  if (!HAND_WRITTEN[name]) shortenNames(wasm, join(dist, `${name}-core.js`), features);
  write(`${name}.browser.js`, entries.browser(name));
  write(`${name}.workerd.js`, entries.workerd(name));
  write(`${name}-cjs.js`, entries.cjs(name));
  copyFileSync(join(root, 'js', `${name}.d.ts`), join(dist, `${name}.d.cts`));
  write(`${name}.d.ts`, `export * from './${name}.cjs';\n`);
}
rmSync(join(dist, 'snippets'), { recursive: true, force: true });

// The root entries: every capability's, per runtime.
const every = (suffix) => CAPABILITIES.map((name) => `export * from './${name}.${suffix}';\n`).join('');
write('browser.js', every('browser.js'));
write('workerd.js', every('workerd.js'));
write('node.js', every('node.js'));
write('node-cjs.js', every('node.cjs'));

// Declarations: every file is in the CommonJS form, which ESM consumers read too.
for (const file of ['errors', 'resources', 'params']) copyFileSync(join(root, 'js', `${file}.d.ts`), join(dist, `${file}.d.cts`));
copyFileSync(join(root, 'js/index.d.ts'), join(dist, 'index.d.ts'));
copyFileSync(join(root, 'js/index.d.ts'), join(dist, 'index.d.cts'));

// CommonJS: errors.js as errors.cjs (one copy that every CommonJS entry requires), each
// capability bundled with its glue, and the root requiring them.
const shareErrors = {
  name: 'share-errors',
  setup(context) {
    context.onResolve({ filter: /^\.\/(errors\.js|[a-z]+\.node\.cjs)$/ }, ({ path, importer }) =>
      importer.endsWith('errors.js') ? undefined : { path: path.replace(/\.js$/, '.cjs'), external: true },
    );
  },
};
const cjs = (entry, outfile) =>
  build({
    entryPoints: [join(dist, entry)],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    outfile: join(dist, outfile),
    // The glue's default loader (unused here) reads import.meta.url.
    define: { 'import.meta.url': 'undefined' },
    plugins: [shareErrors],
    logLevel: 'warning',
  });
await build({ entryPoints: [join(dist, 'errors.js')], format: 'cjs', platform: 'node', outfile: join(dist, 'errors.cjs'), logLevel: 'warning' });
write('errors.node.js', "export * from './errors.cjs';\n");
const require = createRequire(import.meta.url);
const errorNames = Object.keys(require(join(dist, 'errors.cjs')));
for (const name of CAPABILITIES) {
  await cjs(`${name}-cjs.js`, `${name}.node.cjs`);
  rmSync(join(dist, `${name}-cjs.js`));
  const names = Object.keys(require(join(dist, `${name}.node.cjs`))).filter((n) => !errorNames.includes(n));
  write(`${name}.node.js`, entries.node(name, names));
}
await cjs('node-cjs.js', 'node.cjs');
rmSync(join(dist, 'node-cjs.js'));

for (const file of readdirSync(dist).sort()) console.log(`dist/${file.padEnd(26)} ${statSync(join(dist, file)).size} bytes`);
