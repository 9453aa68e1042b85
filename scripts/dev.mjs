// The run command (`npm start` → scripts/dev.sh → here): the Worker in workerd through
// `wrangler dev` (with www/ as its static assets) on 127.0.0.1:$PORT (8787), and the
// local Stripe emulator (tests/emulator, with its demo data) as the Stripe upstream on
// 127.0.0.1:$STRIPE_EMULATOR_PORT (12111), set to deliver its webhooks to the Worker, and
// a demo destination (scripts/demo-destination.mjs) that the Worker's webhook pipeline
// relays every event to, re-signed with the destination's own secret.
//
// It checks its settings and ports before starting anything, sets up and builds, then
// supervises: the Worker must answer /healthz with this run's nonce, a child that exits
// ends the run with its last lines, and SIGINT, SIGTERM, SIGHUP (or the npm process
// going away) stop every child and what it started (workerd) before the run exits.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, portIsFree, root, startEmulator, startProcess, startWrangler, stopAll, targetDir, waitFor } from '../tests/support/harness.mjs';

/** Used when STRIPE_WEBHOOK_SECRET is not set; printed below. Local use only. */
const DEV_SECRET = 'whsec_stripe_edge_local_development_only';

/** The emulator's key, which the Worker's proxy calls it with when STRIPE_SECRET_KEY is not set. */
const EMULATOR_KEY = 'sk_test_stripe_edge_local';

/** Signs the proxy's tokens when PROXY_TOKEN_SECRET is not set. Local use only. */
const DEV_TOKEN_SECRET = 'stripe_edge_local_development_token_secret';

/** A problem the user can fix, said in one line without a stack trace. */
class RunError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

const say = (line) => console.log(`npm start: ${line}`);

/** An environment variable, with an empty value taken as unset. */
const setting = (name) => (process.env[name] ?? '') || undefined;

/** The port in `name`, or `fallback` when unset; anything but 1 to 65535 is refused. */
function portSetting(name, fallback) {
  const text = setting(name);
  if (text === undefined) return fallback;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new RunError(`${name} must be a port number from 1 to 65535, not '${text}'`, 2);
  return port;
}

/** STRIPE_WEBHOOK_SECRET: comma-separated `whsec_` secrets (a rotation), or the
 * development default. The value itself is never printed. */
function secretSetting() {
  const text = setting('STRIPE_WEBHOOK_SECRET');
  if (text === undefined) return { secret: DEV_SECRET, isDefault: true };
  const entries = text.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    if (!/^whsec_\S+$/.test(entry)) {
      const which = entries.length > 1 ? `entry ${index + 1} of ${entries.length}` : 'its value';
      throw new RunError(
        `STRIPE_WEBHOOK_SECRET must hold webhook signing secrets (whsec_...), comma-separated during a rotation; ${which} ${entry === '' ? 'is empty' : 'does not start with whsec_'}`,
        2,
      );
    }
  });
  return { secret: entries.join(','), isDefault: false };
}

/** The run's settings, all checked before anything starts. */
function settings() {
  const port = portSetting('PORT', 8787);
  const upstreamPort = portSetting('STRIPE_EMULATOR_PORT', 12111);
  if (port === upstreamPort) {
    throw new RunError(`PORT and STRIPE_EMULATOR_PORT are both ${port}; set one of them to another port`, 2);
  }
  const stripeKey = setting('STRIPE_SECRET_KEY');
  if (stripeKey !== undefined && !/^(sk|rk)_(test|live)_\S+$/.test(stripeKey)) {
    throw new RunError('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_..., rk_test_..., sk_live_...)', 2);
  }
  const tokenSecret = setting('PROXY_TOKEN_SECRET') ?? DEV_TOKEN_SECRET;
  if (/[\r\n]/.test(tokenSecret)) throw new RunError('PROXY_TOKEN_SECRET must be a single line', 2);
  return { port, upstreamPort, stripeKey, tokenSecret, ...secretSetting() };
}

/** Refuses a port another program holds, naming it and the variable that moves it. */
async function checkPorts(config) {
  for (const [name, port] of [
    ['PORT', config.port],
    ['STRIPE_EMULATOR_PORT', config.upstreamPort],
  ]) {
    if (!(await portIsFree(port))) {
      throw new RunError(
        `port ${port} on 127.0.0.1 is in use by another program; stop it, or set ${name} to a free port (for example ${name}=${await freePort()} npm start)`,
      );
    }
  }
}

let stopping = false;

/** Stops every child, running or still starting (with what each started), then exits
 * with `code`. */
async function shutdown(code, reason) {
  if (stopping) return;
  stopping = true;
  if (reason) say(reason);
  await stopAll();
  if (code === 0) say('stopped; nothing of this run is left running');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => shutdown(0, `${signal}: stopping the Worker (wrangler, workerd) and the emulator`));
}
// `npm start` runs this as its direct child: when npm is killed without passing the
// signal on (SIGHUP, SIGKILL), this process is handed to another parent; stop then too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown(0, 'the process that started this run has exited: stopping');
}, 250);

/** Runs one set-up or build step in the foreground; a failure ends the run. */
async function step(what, command, args) {
  const { code, signal, error } = await startProcess(command, args, { show: true }).exited;
  if (stopping) await new Promise(() => {});
  if (error) throw new RunError(`${what}: cannot run ${command} (${error.message})`);
  if (code !== 0) throw new RunError(`${what} failed (${signal ?? `exit code ${code}`}); its output is above`);
}

/** Prints a child's line under its name, so the run's output says who said what. */
const lines = (name) => (line) => console.log(`${name.padEnd(8)} | ${line}`);

/** Ends the run when `child` exits by itself, with its own last lines. */
function supervise(name, child) {
  child.exited.then(({ code, signal }) => {
    if (stopping) return;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    shutdown(1, `${name} ${how}; its last lines:\n${child.lastLines()}\nStopping the rest of the run.`);
  });
}

async function main() {
  const config = settings();
  await checkPorts(config);

  const firstRun = [join(root, 'node_modules'), join(root, 'worker/build/index.js'), join(targetDir, 'debug/stripe-emulator')].some((path) => !existsSync(path));
  if (firstRun) say('first run: installing the tools and building the Worker and the emulator takes a few minutes; later runs start in seconds');
  await step('set-up (scripts/setup.sh --run)', 'sh', ['scripts/setup.sh', '--run']);
  await step('the Worker build (scripts/build-worker.mjs)', 'node', ['scripts/build-worker.mjs']);
  await step('the emulator build', 'cargo', ['build', '-p', 'stripe-emulator', '--locked']);
  await step('the www app build (scripts/build-www.mjs)', 'node', ['scripts/build-www.mjs']);
  // The build may have taken minutes: look again before starting.
  await checkPorts(config);

  const upstream = await startEmulator({ port: config.upstreamPort, args: ['--seed', 'demo'], onLine: lines('emulator') });
  supervise('the emulator', upstream);
  const demo = await startDemoDestination();
  supervise('the demo destination', demo.proc);
  const nonce = randomUUID();
  // The proxy calls the emulator, or Stripe itself when STRIPE_SECRET_KEY is set.
  const demoCustomer = await firstDemoCustomer(upstream.url);
  const proxyVars = config.stripeKey ? {} : { STRIPE_API_BASE: upstream.url, DEV_DEMO_CUSTOMER: demoCustomer };
  const worker = await startWrangler({
    port: config.port,
    // In a file of their own, not on a command line that every user of the machine sees.
    secrets: {
      STRIPE_WEBHOOK_SECRET: config.secret,
      PROXY_TOKEN_SECRET: config.tokenSecret,
      STRIPE_SECRET_KEY: config.stripeKey ?? EMULATOR_KEY,
      DESTINATION_DEMO_SECRET: demo.secret,
    },
    vars: {
      STRIPE_EDGE_RUN_ID: nonce,
      DEV_TOKENS: 'true',
      ...(setting('ALLOWED_ORIGINS') ? { ALLOWED_ORIGINS: setting('ALLOWED_ORIGINS') } : {}),
      ...proxyVars,
      // The pipeline relays every event to the demo destination; thin notifications are
      // expanded through the emulator (with Stripe itself they are sent as they came).
      PIPELINE_ROUTES: JSON.stringify({
        destinations: [{ name: 'demo', url: demo.url, events: ['*'], payload: config.stripeKey ? 'thin' : 'snapshot', secret: 'DESTINATION_DEMO_SECRET' }],
      }),
    },
    readyPath: '/healthz',
    // Only this run's Worker knows the nonce: any other server on the port is not it.
    ready: async (response) => response.ok && (await response.json()).run === nonce,
    onLine: lines('worker'),
  });
  supervise('wrangler dev (the Worker)', worker);

  const register = await fetch(`${upstream.url}/_emulator/webhook_endpoints`, {
    method: 'POST',
    body: JSON.stringify({ url: `${worker.url}/webhooks/stripe`, secret: config.secret.split(',')[0], enabled_events: ['*'] }),
  });
  if (!register.ok) throw new RunError(`the emulator refused the Worker's webhook endpoint: ${register.status} ${await register.text()}`);

  const customer = config.stripeKey ? undefined : await devToken(worker.url, 'customer');
  const office = await devToken(worker.url, 'back-office');
  console.log(`
stripe-edge is running.
  Worker (workerd):        ${worker.url}   POST /webhooks/stripe, /v1 and /v2 (the proxy), GET /healthz, www/ at /
  Browser app:             ${worker.url}/   open it: webhooks, search, invoices, reports, deliveries (sign in with demo tokens)
  Webhook secret:          ${config.isDefault ? `${DEV_SECRET} (development default; set STRIPE_WEBHOOK_SECRET to change)` : '(from STRIPE_WEBHOOK_SECRET)'}
  Local Stripe (emulator): ${upstream.url}   demo data; delivers its webhooks to the Worker
  Demo destination:        ${demo.url}   the pipeline relays each event there, re-signed
  The proxy calls:         ${config.stripeKey ? 'Stripe itself (https://api.stripe.com), with STRIPE_SECRET_KEY' : `the emulator, with its key ${EMULATOR_KEY}`}

Proxy tokens (one hour; minted by the Worker because npm start sets DEV_TOKENS=true):
${customer ? `  customer ${customer.sub}:\n    ${customer.token}\n` : '  (no customer token: with STRIPE_SECRET_KEY set there is no demo customer; mint one with mintProxyToken)\n'}  back-office:
    ${office.token}

Try it:
${customer ? `  curl -s -H "Authorization: Bearer ${customer.token}" ${worker.url}/v1/invoices\n` : ''}
  curl -s -u sk_test_local: ${upstream.url}/v1/customers -d email=you@example.com
  curl -s -u sk_test_local: ${upstream.url}/v1/events --get -d type=customer.created -d limit=1
  Each delivery prints one line here: "emulator | webhook <event id> <type> to <url>: accepted (200)",
  or "refused (<status> <code>)" when the Worker refuses it; then the Worker relays the event:
  "demo     | received <event id> <type>, verified with constructEvent and re-signed by the Worker".
Ctrl-C stops everything.
`);
}

/** Starts the demo destination with a fresh secret; its URL once it listens. */
async function startDemoDestination() {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const proc = startProcess('node', [join(root, 'scripts/demo-destination.mjs')], { env: { DEMO_DESTINATION_SECRET: secret }, onLine: lines('demo') });
  const url = await waitFor(() => proc.output().match(/listening on (http:\/\/\S+)/)?.[1], {
    timeoutMs: 15_000,
    what: `the demo destination to listen\n${proc.output()}`,
    stopIf: () => proc.status() && `the demo destination exited: ${proc.lastLines()}`,
  });
  return { url, secret, proc };
}

/** The id of the emulator's first demo customer, for the customer token. */
async function firstDemoCustomer(emulator) {
  const response = await fetch(`${emulator}/v1/customers?limit=100`, { headers: { authorization: `Bearer ${EMULATOR_KEY}` } });
  const customers = (await response.json()).data ?? [];
  return customers.filter((customer) => customer.metadata?.tier === 'demo').at(-1)?.id ?? customers[0]?.id ?? '';
}

/** A development token for `scope` from the Worker's `/_dev/tokens`. */
async function devToken(worker, scope) {
  const response = await fetch(`${worker}/_dev/tokens?scope=${scope}`);
  if (!response.ok) throw new RunError(`the Worker did not mint a ${scope} token: ${response.status} ${await response.text()}`);
  return response.json();
}

main().catch((error) => {
  if (stopping) return;
  const message = error instanceof RunError ? error.message : `could not start: ${error.message}`;
  shutdown(error.exitCode ?? 1, message);
});
