// Helpers shared by the Node test files and the run command (scripts/dev.mjs): free
// ports, child processes that are always stopped (with everything they started), and
// the servers (wrangler/workerd, the emulator, localstripe), which fail at once with
// their own last lines when they exit before they are ready.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Cargo's output folder: CARGO_TARGET_DIR when set (relative to the checkout), else target/. */
export const targetDir = resolve(root, process.env.CARGO_TARGET_DIR || 'target');

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

/** Whether a TCP port on 127.0.0.1 is free to listen on right now. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes; `stopIf`, when it
 * returns a message, ends the wait at once with that message (a process that exited). */
export async function waitFor(check, { timeoutMs = 30_000, intervalMs = 100, what = 'condition', stopIf = () => undefined } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    const stopped = stopIf();
    if (stopped) throw new Error(stopped);
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

/** `text` without terminal colour codes. */
const plain = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Whether any process of the group `pgid` is still alive (zombies aside). */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process started here that has not exited yet. */
const running = new Set();

/** Stops every process started here that still runs, those still starting included. */
export function stopAll() {
  return Promise.all([...running].map((proc) => proc.stop()));
}

/** Starts a process in its own group; `stop()` ends the whole group (grandchildren such
 * as workerd included). With `show`, its output goes to this process's terminal instead
 * of being collected; `onLine(line)` sees each line of collected output as it comes. */
export function startProcess(command, args, { cwd = root, env = {}, show = false, onLine } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', show ? 'inherit' : 'pipe', show ? 'inherit' : 'pipe'],
  });
  let output = '';
  const partial = { stdout: '', stderr: '' };
  const collect = (stream) => (data) => {
    output += data;
    if (!onLine) return;
    const lines = (partial[stream] + data).split('\n');
    partial[stream] = lines.pop();
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  };
  child.stdout?.on('data', collect('stdout'));
  child.stderr?.on('data', collect('stderr'));
  let status;
  let ended;
  const exited = new Promise((resolve) => (ended = resolve));
  child.once('exit', (code, signal) => {
    status ??= { code, signal };
    ended(status);
  });
  // A process that cannot start (a missing binary) never exits: it ends with its reason.
  child.once('error', (error) => {
    output += `${error.message}\n`;
    if (child.pid !== undefined) return;
    status ??= { code: null, signal: null, error };
    ended(status);
  });
  // Its last `count` lines, after up to 5 earlier lines that look like errors: what a
  // process says last (a crash dump of a helper, say) can bury the reason it gave.
  const lastLines = (count = 15) => {
    const lines = plain(output)
      .split('\n')
      .filter((line) => line.trim() !== '');
    const earlier = lines.slice(0, -count).filter((line) => /error|fatal|panic|cannot|failed|in use/i.test(line)).slice(0, 5);
    return [...earlier, ...(earlier.length > 0 ? ['...'] : []), ...lines.slice(-count)].join('\n');
  };
  const proc = {
    child,
    pid: child.pid,
    output: () => output,
    lastLines,
    /** How it ended (`{ code, signal }`), or undefined while it runs. */
    status: () => status,
    exited,
    async stop() {
      if (!child.pid) return;
      const kill = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {}
      };
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 3000);
      if (!status) await exited;
      // The leader is gone; what it started may still be shutting down.
      const deadline = Date.now() + 3000;
      while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (groupAlive(child.pid)) kill('SIGKILL');
      clearTimeout(timer);
    },
  };
  running.add(proc);
  exited.then(() => running.delete(proc));
  return proc;
}

/** The message for `proc`, started as `name`, once it has exited: how, and its last lines. */
function exitMessage(name, proc) {
  const status = proc.status();
  if (!status) return undefined;
  const how = status.error ? `could not start (${status.error.message})` : status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
  return `${name} ${how}; its last lines:\n${proc.lastLines()}`;
}

/** wrangler's settings for running offline (see ../shared/TOOLCHAIN.md). */
export const wranglerEnv = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_LOG_PATH: join(root, 'tests/.work/wrangler-logs'),
  // Secrets come from the --env-file startWrangler writes, never from this environment.
  CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV: 'true',
  CLOUDFLARE_INCLUDE_PROCESS_ENV: 'false',
};

/** One `NAME='value'` line of a dotenv file as wrangler reads it (dotenv, then
 * dotenv-expand): quoted with a quote the value does not hold, each `$` escaped so that
 * nothing is expanded; a value no quote can carry is refused. */
function dotenvLine(name, value) {
  const quote = ["'", '"', '`'].find((q) => !value.includes(q) && (q !== '"' || !/\\[nr]/.test(value)));
  if (quote === undefined || /[\r\n]/.test(value)) {
    throw new Error(`${name} cannot be passed to wrangler dev: its value holds a line break, or all three quotes ' " \``);
  }
  return `${name}=${quote}${value.replaceAll('$', '\\$')}${quote}\n`;
}

/** Runs a Worker locally in workerd through `wrangler dev`; resolves once `readyPath`
 * answers and `ready(response)` (any answer by default) holds. Fails at once, with
 * wrangler's last lines, if wrangler exits first. Its local state (Durable Objects,
 * alarms) lives in `persistTo`, kept when it stops; by default in a fresh temporary
 * folder of its own, removed when it exits, so that no run sees another's state.
 * `vars` go on wrangler's command line; `secrets` go in a file only this user can read
 * (`--env-file`, removed when wrangler exits), so no other user sees them in `ps`; no
 * `.dev.vars` or `.env` of the checkout, and nothing of this environment, is read. */
export async function startWrangler({
  config = join(root, 'wrangler.toml'),
  vars = {},
  secrets = {},
  persistTo,
  readyPath = '/',
  ready = () => true,
  cwd = root,
  port,
  show = false,
  onLine,
  extraArgs = [],
} = {}) {
  port ??= await freePort();
  const inspectorPort = await freePort();
  const args = ['dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false', '--inspector-port', String(inspectorPort)];
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`);
  const lines = Object.entries(secrets).map(([name, value]) => dotenvLine(name, value));
  const secretsDir = mkdtempSync(join(tmpdir(), 'stripe-edge-secrets-'));
  const envFile = join(secretsDir, '.env');
  writeFileSync(envFile, lines.join(''), { mode: 0o600 });
  args.push('--env-file', envFile);
  args.push(...extraArgs);
  const state = persistTo ?? mkdtempSync(join(tmpdir(), 'stripe-edge-wrangler-'));
  args.push('--persist-to', state);
  const proc = startProcess(join(root, 'node_modules/.bin/wrangler'), args, { cwd, env: wranglerEnv, show, onLine });
  if (persistTo === undefined) proc.exited.then(() => rmSync(state, { recursive: true, force: true }));
  proc.exited.then(() => rmSync(secretsDir, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${port}`;
  try {
    // Each try is short: a server that accepts and never answers must not stall the wait.
    await waitFor(async () => ready(await fetch(url + readyPath, { signal: AbortSignal.timeout(2_000) })), {
      timeoutMs: 120_000,
      what: `wrangler dev on ${url}\n${proc.output()}`,
      stopIf: () => exitMessage(`wrangler dev (port ${port})`, proc),
    });
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, port, inspectorPort, pid: proc.pid, output: proc.output, lastLines: proc.lastLines, status: proc.status, exited: proc.exited, stop: proc.stop };
}

/** Runs localstripe on 127.0.0.1; resolves once it answers. */
export async function startLocalstripe({ port } = {}) {
  port ??= await freePort();
  const proc = startProcess(join(root, '.venv/bin/python'), [join(root, 'tests/support/localstripe_server.py'), String(port)]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(url + '/v1/customers', { headers: { authorization: 'Bearer sk_test_x' }, signal: AbortSignal.timeout(2_000) })).ok, {
      timeoutMs: 30_000,
      what: `localstripe on ${url}\n${proc.output()}`,
      stopIf: () => exitMessage(`localstripe (port ${port})`, proc),
    });
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, port, output: proc.output, stop: proc.stop };
}

/** Runs the local Stripe emulator (tests/emulator, built by the test command) on
 * 127.0.0.1; resolves once it says where it listens (it says so only after binding the
 * port, so the URL is its own). Fails at once, with its last lines, if it exits first. */
export async function startEmulator({ port = 0, args = [], onLine } = {}) {
  const proc = startProcess(join(targetDir, 'debug/stripe-emulator'), ['--port', String(port), ...args], { onLine });
  const url = await waitFor(() => proc.output().match(/listening on (http:\/\/\S+)/)?.[1], {
    timeoutMs: 30_000,
    what: `the emulator to listen\n${proc.output()}`,
    stopIf: () => exitMessage(`the emulator (port ${port})`, proc),
  }).catch(async (error) => {
    await proc.stop();
    throw error;
  });
  return { url, port: Number(new URL(url).port), pid: proc.pid, output: proc.output, lastLines: proc.lastLines, status: proc.status, exited: proc.exited, stop: proc.stop };
}
