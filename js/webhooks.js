// The public webhook API: the wasm functions (every check is the Rust core's; a refusal
// is thrown as StripeSignatureVerificationError by the core), plus the thin event's
// fetchers, which go through a client.
import { parseEventNotification as parse, constructEvent } from './webhooks-core.js';

export { constructEvent, verifyHeader } from './webhooks-core.js';
export { macProvider } from './host-mac.js';

/** A thin event notification, verified, with `fetchEvent(client)` and
 * `fetchRelatedObject(client)`, which send its `context` as `Stripe-Context`. */
export function parseEventNotification(payload, header, secret, tolerance) {
  const notification = parse(payload, header, secret, tolerance);
  const options = notification.context ? { stripeContext: notification.context } : {};
  return Object.defineProperties(notification, {
    fetchEvent: { value: (client) => client.v2.core.events.retrieve(notification.id, undefined, options) },
    fetchRelatedObject: {
      value: async (client) => (notification.related_object ? client.rawRequest('GET', notification.related_object.url, options) : null),
    },
  });
}

/** constructEvent, as a promise: stripe-node's asynchronous name, for code that uses it. */
export async function constructEventAsync(payload, header, secret, tolerance) {
  return constructEvent(payload, header, secret, tolerance);
}
