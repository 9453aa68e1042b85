// Helpers shared by the Node test files: free ports, child processes that are always
// stopped, and the servers the tests run (wrangler/workerd, localstripe).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(check, { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** Starts a process in its own group; `stop()` ends the whole group. With `show`, its
 * output goes to this process's terminal instead of being collected. */
export function startProcess(command, args, { cwd = root, env = {}, show = false } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', show ? 'inherit' : 'pipe', show ? 'inherit' : 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {}
        }, 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** wrangler's settings for running offline (see ../shared/TOOLCHAIN.md). */
export const wranglerEnv = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_LOG_PATH: join(root, 'tests/.work/wrangler-logs'),
};

/** Runs a Worker locally in workerd through `wrangler dev`; resolves once it answers. */
export async function startWrangler({ config = join(root, 'wrangler.toml'), vars = {}, readyPath = '/', cwd = root, port, show = false } = {}) {
  port ??= await freePort();
  const args = ['dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false', '--inspector-port', String(await freePort())];
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`);
  const proc = startProcess(join(root, 'node_modules/.bin/wrangler'), args, { cwd, env: wranglerEnv, show });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(url + readyPath)).status > 0, { timeoutMs: 120_000, what: `wrangler dev on ${url}\n${proc.output()}` });
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, port, output: proc.output, stop: proc.stop };
}

/** Runs localstripe on 127.0.0.1; resolves once it answers. */
export async function startLocalstripe({ port } = {}) {
  port ??= await freePort();
  const proc = startProcess(join(root, '.venv/bin/python'), [join(root, 'tests/support/localstripe_server.py'), String(port)]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(url + '/v1/customers', { headers: { authorization: 'Bearer sk_test_x' } })).ok, {
      timeoutMs: 30_000,
      what: `localstripe on ${url}\n${proc.output()}`,
    });
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, port, output: proc.output, stop: proc.stop };
}

/** Runs the local Stripe emulator (tests/emulator, built by the test command) on
 * 127.0.0.1; resolves once it says where it listens. */
export async function startEmulator({ port = 0, args = [] } = {}) {
  const proc = startProcess(join(root, 'target/debug/stripe-emulator'), ['--port', String(port), ...args]);
  const url = await waitFor(() => proc.output().match(/listening on (http:\/\/\S+)/)?.[1], {
    timeoutMs: 30_000,
    what: `the emulator to listen\n${proc.output()}`,
  }).catch(async (error) => {
    await proc.stop();
    throw error;
  });
  return { url, port: Number(new URL(url).port), output: proc.output, stop: proc.stop };
}
