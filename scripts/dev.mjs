// The run command's body (`npm start` → scripts/dev.sh): the Worker in workerd through
// `wrangler dev` (with www/ as its static assets) on 127.0.0.1:$PORT (8787), and the
// local Stripe emulator (tests/emulator, with its demo data) as the Stripe upstream on
// 127.0.0.1:$STRIPE_EMULATOR_PORT (12111), set to deliver its webhooks to the Worker.
import { startEmulator, startWrangler } from '../tests/support/harness.mjs';

/** Used when STRIPE_WEBHOOK_SECRET is not set; printed below. Local use only. */
const DEV_SECRET = 'whsec_stripe_edge_local_development_only';

const port = Number(process.env.PORT ?? 8787);
const secret = process.env.STRIPE_WEBHOOK_SECRET || DEV_SECRET;
const upstreamPort = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);

const upstream = await startEmulator({ port: upstreamPort, args: ['--seed', 'demo'] });
const worker = await startWrangler({ port, vars: { STRIPE_WEBHOOK_SECRET: secret }, readyPath: '/healthz', show: true });
const stop = async () => {
  await worker.stop();
  await upstream.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const register = await fetch(`${upstream.url}/_emulator/webhook_endpoints`, {
  method: 'POST',
  body: JSON.stringify({ url: `${worker.url}/webhooks/stripe`, secret: secret.split(',')[0].trim(), enabled_events: ['*'] }),
});
if (!register.ok) console.error(`could not register the Worker with the emulator: ${register.status} ${await register.text()}`);

console.log(`
stripe-edge is running.
  Worker (workerd):     ${worker.url}   POST /webhooks/stripe, GET /healthz, www/ at /
  Webhook secret:       ${secret === DEV_SECRET ? `${secret} (development default; set STRIPE_WEBHOOK_SECRET to change)` : '(from STRIPE_WEBHOOK_SECRET)'}
  Local Stripe (emulator): ${upstream.url}   demo data; delivers its webhooks to the Worker

Try it:
  curl -s -u sk_test_local: ${upstream.url}/v1/customers -d email=you@example.com
  curl -s -u sk_test_local: ${upstream.url}/v1/invoices/search --get --data-urlencode "query=status:'paid'"
  (the emulator signs customer.created and the Worker verifies it; see the log above)
Ctrl-C stops everything.
`);
