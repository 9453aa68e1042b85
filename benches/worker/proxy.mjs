// The policy proxy's overhead per allowed request: a customer token retrieving its own
// invoice through the Rust Worker (token, rate limit, policy, the core's call machine,
// ownership check of the answer, a log line), against a plain pass-through JS Worker
// and the emulator directly, at 8 concurrent clients, in one run. Beside them, the
// Worker crate's Rust driver alone (tests/worker-driver: one Call of invoices.retrieve,
// its answer checked against the invoice model). Latency is client-side (p50, p99);
// throughput is requests per second over the whole run. Needs the Worker and the
// driver's test Worker built (scripts/build-worker.mjs, with `driver` for the second).
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { root, startEmulator, startWrangler } from '../../tests/support/harness.mjs';

const SECRET_KEY = 'sk_test_bench_proxy';
const TOKEN_SECRET = 'bench-proxy-token-secret-0123456789';

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** `clients` concurrent loops of `perClient` requests made by `request()`. */
async function load(request, { clients = 8, perClient = 250 } = {}) {
  const latencies = [];
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
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps: latencies.length / seconds };
}

export async function benchProxy({ rounds = 3 } = {}) {
  const emulator = await startEmulator({ args: ['--seed', 'demo'] });
  const dir = join(root, 'benches/worker');
  const vars = { STRIPE_SECRET_KEY: SECRET_KEY, PROXY_TOKEN_SECRET: TOKEN_SECRET, STRIPE_API_BASE: emulator.url, STRIPE_WEBHOOK_SECRET: 'whsec_bench' };
  // Each Worker twice: as `wrangler dev` runs by default, printing a line per request
  // (and the proxy's own log line), and with `--log-level error`, where the lines are
  // still written but not printed. The proxy compares with the pass-through run alike.
  const quiet = ['--log-level', 'error'];
  const proxy = await startWrangler({ config: join(dir, 'proxy.toml'), cwd: dir, vars, readyPath: '/healthz' });
  const passthrough = await startWrangler({ config: join(dir, 'passthrough.toml'), cwd: dir, vars, readyPath: '/v1/customers' });
  const quietProxy = await startWrangler({ config: join(dir, 'proxy.toml'), cwd: dir, vars, readyPath: '/healthz', extraArgs: quiet });
  const quietPassthrough = await startWrangler({ config: join(dir, 'passthrough.toml'), cwd: dir, vars, readyPath: '/v1/customers', extraArgs: quiet });
  const driverDir = join(root, 'tests/worker-driver');
  const driver = await startWrangler({ config: join(driverDir, 'wrangler.toml'), cwd: driverDir, vars: {} });
  try {
    const auth = { authorization: `Bearer ${SECRET_KEY}` };
    const invoices = await (await fetch(`${emulator.url}/v1/invoices?limit=1`, { headers: auth })).json();
    const { id, customer } = invoices.data[0];
    const token = await new SignJWT({ scope: 'customer' }).setProtectedHeader({ alg: 'HS256' }).setSubject(customer)
      .setAudience('stripe-edge').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(TOKEN_SECRET));
    const customerGet = (worker) => () => fetch(`${worker.url}/v1/invoices/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const targets = {
      'emulator directly (no Worker)': () => fetch(`${emulator.url}/v1/invoices/${id}`, { headers: auth }),
      'plain pass-through JS Worker': () => fetch(`${passthrough.url}/v1/invoices/${id}`),
      'stripe-edge proxy (Rust Worker)': customerGet(proxy),
      'plain pass-through JS Worker, wrangler dev --log-level error': () => fetch(`${quietPassthrough.url}/v1/invoices/${id}`),
      'stripe-edge proxy (Rust Worker), wrangler dev --log-level error': customerGet(quietProxy),
      'Rust driver alone (a test Worker: one Call, answer checked)': () =>
        fetch(`${driver.url}/call?base=${encodeURIComponent(emulator.url)}&endpoint=invoices.retrieve&id=${id}`, { method: 'POST', body: '{}' }),
    };
    for (const request of Object.values(targets)) await load(request, { perClient: 100 });
    const results = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const [name, request] of Object.entries(targets)) results[name].push(await load(request));
    }
    // The median round of each, by throughput.
    return Object.entries(results).map(([target, runs]) => ({ target, ...[...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)] }));
  } finally {
    await proxy.stop();
    await passthrough.stop();
    await quietProxy.stop();
    await quietPassthrough.stop();
    await driver.stop();
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchProxy(), null, 2));
