// The packed npm package carries its README for package users and the license texts
// that its `license` field names, as `npm pack --dry-run --json` lists them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../support/harness.mjs';

test('npm pack lists the package README and both license texts of "MIT OR Apache-2.0"', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: root, encoding: 'utf8' }));
  const files = packed.files.map((file) => file.path);
  for (const file of ['js/README.md', 'LICENSE-MIT', 'LICENSE-APACHE']) assert.ok(files.includes(file), `${file} is packed: ${files.join(', ')}`);
  assert.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).license, 'MIT OR Apache-2.0');
  assert.match(readFileSync(join(root, 'LICENSE-MIT'), 'utf8'), /^MIT License\n[^]*Permission is hereby granted, free of charge/);
  assert.match(readFileSync(join(root, 'LICENSE-APACHE'), 'utf8'), /^\s*Apache License\s+Version 2\.0, January 2004[^]*END OF TERMS AND CONDITIONS/);
  const readme = readFileSync(join(root, 'js/README.md'), 'utf8');
  for (const section of ['## Install', '### Node (ESM)', '### Node (CommonJS)', '### Cloudflare Workers', '### Browsers, without a bundler', '### Bundlers']) {
    assert.ok(readme.includes(section), `the package README has "${section}"`);
  }
  for (const name of ['webhooks', 'decode', 'search', 'client']) assert.ok(files.includes(`dist/${name}-core_bg.wasm`) && files.includes(`dist/${name}.node.cjs`), `the ${name} entry's build is packed too`);
});
