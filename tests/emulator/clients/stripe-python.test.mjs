// The emulator through Stripe's official Python client (the `stripe` package from PyPI,
// pinned in tests/support/requirements.txt and installed into .venv by
// scripts/setup.sh): stripe_python.py drives every endpoint the emulator serves and
// exits non-zero on the first step that fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root, startEmulator } from '../../support/harness.mjs';

let emulator;

before(async () => {
  emulator = await startEmulator({ args: ['--report-delay-ms', '200'] });
});
after(() => emulator?.stop());

/** Runs `command` to its end; resolves with its exit code and its combined output. */
function run(command, args, { timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

test('stripe-python drives every endpoint of the emulator', async () => {
  const python = join(root, '.venv/bin/python');
  const script = join(root, 'tests/emulator/clients/stripe_python.py');
  const { code, signal, output } = await run(python, [script, emulator.url], { timeoutMs: 60_000 });
  assert.equal(
    code,
    0,
    `stripe_python.py exited ${code ?? signal}:\n${output}\n--- emulator output ---\n${emulator.output()}`,
  );
  assert.match(output, /^all steps passed$/m, output);
});
