// The run command's demo destination (`npm start` starts it): a local service behind the
// Worker's webhook pipeline. It verifies each delivery as a service would, with
// stripe-node and the destination secret the Worker re-signs with (DEMO_DESTINATION_SECRET),
// and prints one line per event; a delivery it cannot verify is refused with 400.
//   DEMO_DESTINATION_SECRET=whsec_... node scripts/demo-destination.mjs [port]
import { createServer } from 'node:http';
import Stripe from 'stripe';

const secret = process.env.DEMO_DESTINATION_SECRET ?? '';
if (!secret.startsWith('whsec_')) {
  console.error('demo-destination: DEMO_DESTINATION_SECRET must be the destination secret (whsec_...)');
  process.exit(2);
}
const stripe = new Stripe('sk_test_demo_destination_verifies_only');
const seen = new Set();

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString('utf8');
  const signature = req.headers['stripe-signature'] ?? '';
  let event;
  try {
    const v2 = JSON.parse(body).object === 'v2.core.event';
    event = v2 ? stripe.parseEventNotification(body, signature, secret) : stripe.webhooks.constructEvent(body, signature, secret);
  } catch (error) {
    console.log(`refused a delivery: ${error.message.split('\n')[0]}`);
    return res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"signature"}');
  }
  const id = req.headers['webhook-id'];
  const again = seen.has(id) ? ' (again: already handled)' : '';
  seen.add(id);
  console.log(`received ${event.id} ${event.type}, verified with constructEvent and re-signed by the Worker${again}`);
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
});

server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
