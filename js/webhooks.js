// The public webhook API: the wasm functions (every check is the Rust core's; a refusal
// is thrown as StripeSignatureVerificationError by the core), plus the thin event's
// fetchers, which go through a client.
import { parseEventNotification as parse, constructEvent, explainSignature as explain } from './webhooks-core.js';

export { constructEvent, verifyHeader, generateTestHeaderString } from './webhooks-core.js';
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

/** What a delivery's signature says, for debugging tools: the signing time, its age, and
 * which secret (if any) each `v1` of the header matches. Throws as verifyHeader does for
 * a header it cannot read; the age is not checked against a tolerance here. */
export function explainSignature(payload, header, secret, options) {
  const [timestamp, now, ...matches] = explain(payload, header, secret, options).split(' ');
  return {
    timestamp: Number(timestamp),
    age: Number(now) - Number(timestamp),
    signatures: matches.map((match, index) => ({ index, secret: match === '-' ? null : Number(match) })),
  };
}
