// The policy proxy's overhead per allowed request: a customer token retrieving its own
// invoice through the Rust Worker (token, rate limit, policy, the core's call machine,
// ownership check of the answer, a log line), against a plain pass-through JS Worker
// and the emulator directly, at 8 concurrent clients, in one run. Each phase also runs
// the pass-through writing one log line per request, as the proxy must: a control that
// tells the log line's cost from the proxy's own. Beside them, the Worker crate's Rust
// driver alone (tests/worker-driver: one Call of invoices.retrieve, its answer checked
// against the invoice model). Latency is client-side (p50, p99);
// throughput is requests per second over the whole run. In the default `wrangler dev`
// phase it also counts the CPU time each process of a Worker's dev server spends per
// request (from /proc): the workerd that runs the Worker, the workerd of wrangler's own
// proxy and inspector Workers, and wrangler's Node process. Needs the Worker and the
// driver's test Worker built (scripts/build-worker.mjs, with `driver` for the second).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { freePort, root, startEmulator, startProcess, startWrangler, waitFor, wranglerEnv } from '../../tests/support/harness.mjs';

const SECRET_KEY = 'sk_test_bench_proxy';
const TOKEN_SECRET = 'bench-proxy-token-secret-0123456789';

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** The process roles of a `wrangler dev` server whose CPU time is counted. */
export const CPU_ROLES = ['the Worker\'s workerd', 'wrangler\'s proxy workerd', 'wrangler\'s Node'];

/** The length of a /proc clock tick, in ms (read once). */
let tickMs;

/** CPU time (user + system, in ms) so far of each role's processes in process group
 * `group` (a dev server started by the harness); undefined without /proc. The Worker's
 * workerd is the one wrangler inspects (`--inspector-addr`). */
function cpuOf(group) {
  if (group === undefined || !existsSync('/proc/self/stat')) return undefined;
  tickMs ??= 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  const ms = Object.fromEntries(CPU_ROLES.map((role) => [role, 0]));
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat, cmdline;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // it ended meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== group) continue;
    const role = comm.startsWith('workerd') ? CPU_ROLES[cmdline.includes('--inspector-addr') ? 0 : 1] : comm === 'node' ? CPU_ROLES[2] : undefined;
    if (role) ms[role] += (Number(fields[11]) + Number(fields[12])) * tickMs;
  }
  return ms;
}

/** `clients` concurrent loops of `perClient` requests made by `request()`; with `group`,
 * the CPU time its dev server's processes spent per request, in µs. */
async function load(request, { clients = 8, perClient = 250, group } = {}) {
  const latencies = [];
  const cpuBefore = cpuOf(group);
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = 0; i < perClient; i++) {
      const t = process.hrtime.bigint();
      const response = await request();
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      latencies.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuAfter = cpuOf(group);
  const cpu = cpuBefore && Object.fromEntries(CPU_ROLES.map((role) => [role, ((cpuAfter[role] - cpuBefore[role]) * 1000) / latencies.length]));
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps: latencies.length / seconds, ...(cpu && { cpu }) };
}

/** The median round of each target, by throughput, with its targets' loads interleaved,
 * and all its rounds in order (`rounds`: round i of every target ran together).
 * A target is a request function, or `[request, group]` to count its dev server's CPU. */
async function measure(targets, rounds) {
  const runs = Object.entries(targets).map(([name, target]) => [name, ...[target].flat()]);
  for (const [, request] of runs) await load(request, { perClient: 100 });
  const results = Object.fromEntries(runs.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, request, group] of runs) results[name].push(await load(request, { group }));
  }
  return Object.entries(results).map(([target, runs]) => ({ target, ...[...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)], rounds: runs }));
}

/** Runs a Worker in wrangler's dev server with the devtools inspector off
 * (dev-server.mjs); resolves once `readyPath` answers. */
async function startWithoutInspector({ config, cwd, vars, readyPath }) {
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), 'stripe-edge-bench-'));
  const proc = startProcess(process.execPath, [join(root, 'benches/worker/dev-server.mjs')], {
    cwd,
    env: { ...wranglerEnv, DEV_SERVER: JSON.stringify({ config, vars, port, persist }) },
  });
  proc.exited.then(() => rmSync(persist, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(url + readyPath, { signal: AbortSignal.timeout(2_000) })).status > 0, {
      timeoutMs: 120_000,
      what: `the dev server on ${url}`,
      stopIf: () => proc.status() && `the dev server exited; its last lines:\n${proc.lastLines()}`,
    });
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, stop: proc.stop };
}

/** Runs `targets(workers)` against the Workers `configs` start (each in a dev server of
 * its own, started by `start`), then stops them: an idle dev server still takes some
 * of the machine, so only the Workers compared run at a time. */
async function phase(configs, targets, rounds, start = startWrangler) {
  const workers = [];
  try {
    for (const config of configs) workers.push(await start(config));
    return await measure(targets(workers), rounds);
  } finally {
    for (const worker of workers) await worker.stop();
  }
}

export async function benchProxy({ rounds = 5 } = {}) {
  const emulator = await startEmulator({ args: ['--seed', 'demo'] });
  const dir = join(root, 'benches/worker');
  const vars = { STRIPE_SECRET_KEY: SECRET_KEY, PROXY_TOKEN_SECRET: TOKEN_SECRET, STRIPE_API_BASE: emulator.url, STRIPE_WEBHOOK_SECRET: 'whsec_bench' };
  const driverDir = join(root, 'tests/worker-driver');
  const proxy = (extraArgs = []) => ({ config: join(dir, 'proxy.toml'), cwd: dir, vars, readyPath: '/healthz', extraArgs });
  const passthrough = (extraArgs = []) => ({ config: join(dir, 'passthrough.toml'), cwd: dir, vars, readyPath: '/v1/customers', extraArgs });
  const loggingPassthrough = (extraArgs = []) => ({ ...passthrough(extraArgs), vars: { ...vars, LOG_EACH_REQUEST: 'true' } });
  const driver = { config: join(driverDir, 'wrangler.toml'), cwd: driverDir, vars: {} };
  try {
    const auth = { authorization: `Bearer ${SECRET_KEY}` };
    const invoices = await (await fetch(`${emulator.url}/v1/invoices?limit=1`, { headers: auth })).json();
    const { id, customer } = invoices.data[0];
    const token = await new SignJWT({ scope: 'customer' }).setProtectedHeader({ alg: 'HS256' }).setSubject(customer)
      .setAudience('stripe-edge').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(TOKEN_SECRET));
    const viaProxy = (worker) => () => fetch(`${worker.url}/v1/invoices/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const viaPassthrough = (worker) => () => fetch(`${worker.url}/v1/invoices/${id}`);
    // As `wrangler dev` runs by default: it prints a line per request (and the proxy's
    // own log line).
    const printing = await phase([passthrough(), proxy(), driver, loggingPassthrough()], ([pass, ours, rust, logging]) => ({
      'emulator directly (no Worker)': () => fetch(`${emulator.url}/v1/invoices/${id}`, { headers: auth }),
      'plain pass-through JS Worker': [viaPassthrough(pass), pass.pid],
      'stripe-edge proxy (Rust Worker)': [viaProxy(ours), ours.pid],
      'pass-through JS Worker writing one log line per request': [viaPassthrough(logging), logging.pid],
      'Rust driver alone (a test Worker: one Call, answer checked)': () =>
        fetch(`${rust.url}/call?base=${encodeURIComponent(emulator.url)}&endpoint=invoices.retrieve&id=${id}`, { method: 'POST', body: '{}' }),
    }), rounds);
    // With `--log-level error`: the proxy still writes its line; wrangler prints none.
    const quiet = ['--log-level', 'error'];
    const quietly = await phase([passthrough(quiet), proxy(quiet), loggingPassthrough(quiet)], ([pass, ours, logging]) => ({
      'plain pass-through JS Worker, wrangler dev --log-level error': viaPassthrough(pass),
      'stripe-edge proxy (Rust Worker), wrangler dev --log-level error': viaProxy(ours),
      'pass-through JS Worker writing one log line per request, wrangler dev --log-level error': viaPassthrough(logging),
    }), rounds);
    // Without the devtools inspector (dev-server.mjs): what is left is the Workers' own
    // work, the proxy's log line included, as a deployed Worker runs them.
    const bare = await phase([passthrough(), proxy(), loggingPassthrough()], ([pass, ours, logging]) => ({
      'plain pass-through JS Worker, no inspector': viaPassthrough(pass),
      'stripe-edge proxy (Rust Worker), no inspector': viaProxy(ours),
      'pass-through JS Worker writing one log line per request, no inspector': viaPassthrough(logging),
    }), rounds, startWithoutInspector);
    return [...printing, ...quietly, ...bare];
  } finally {
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchProxy(), null, 2));
