// The proxy's policy is checked when the Worker is built (worker/build.rs): a policy
// file (STRIPE_EDGE_POLICY overrides worker/policy.toml) that names an unknown scope
// setting, endpoint or parameter, or is not TOML, stops the build with a message that
// names the file and what is wrong. Each case builds the Worker crate's build script
// with cargo, as `npm start` and a deployment do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { root } from '../support/harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'policy-build-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `cargo check` of the Worker with `policy` as its policy file: exit code and output. */
function build(name, policy) {
  const file = join(dir, `${name}.toml`);
  writeFileSync(file, policy);
  const result = spawnSync('cargo', ['check', '--quiet', '--locked', '-p', 'stripe-edge-worker', '--target', 'wasm32-unknown-unknown'], {
    cwd: root,
    env: { ...process.env, STRIPE_EDGE_POLICY: file },
    encoding: 'utf8',
  });
  return { file, status: result.status, output: `${result.stdout}${result.stderr}` };
}

const shipped = readFileSync(join(root, 'worker/policy.toml'), 'utf8');

test('the shipped policy, given by path, builds', () => {
  const { status, output } = build('shipped', shipped);
  assert.equal(status, 0, output);
});

for (const [what, policy, message] of [
  ['an unknown endpoint', `${shipped}\n[scopes.extra.endpoints."invoices.frobnicate"]\n`, /invoices\.frobnicate/],
  ['an unknown parameter', `${shipped}\n[scopes.extra.endpoints."invoices.list"]\nparams = ["status", "colour"]\n`, /colour/],
  ['an unknown scope setting', `${shipped}\n[scopes.extra]\nendpoint = {}\n`, /unknown setting `endpoint`/],
  ['a file that is not TOML', 'scopes = [unclosed', /not TOML/],
]) {
  test(`${what} stops the build, naming the file and what is wrong`, () => {
    const { file, status, output } = build(what.replace(/\W+/g, '-'), policy);
    assert.notEqual(status, 0, `the build passed with ${what}:\n${output}`);
    assert.ok(output.includes(file), `the message names ${file}:\n${output}`);
    assert.match(output, message);
  });
}
