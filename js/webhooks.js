// The public webhook API: the wasm functions, with verification failures raised as
// StripeSignatureVerificationError. All checks happen in the Rust core.
import * as core from './stripe_edge.js';
import { raisingAs } from './errors.js';

/** Thrown for every refused webhook; `code` says which check refused it. */
export class StripeSignatureVerificationError extends Error {
  constructor(message, { code, header, payload } = {}) {
    super(message);
    this.name = 'StripeSignatureVerificationError';
    this.type = 'StripeSignatureVerificationError';
    this.code = code;
    this.header = header;
    this.payload = payload;
  }
}

/** Wraps a core function so its refusals become StripeSignatureVerificationError. */
function raising(verify) {
  return (payload, header, secret, tolerance) => {
    const fields = (error) => ({ code: error.code, header, payload });
    const run = () => verify(payload, header, secret, tolerance);
    return raisingAs('StripeSignatureVerificationError', StripeSignatureVerificationError, run, fields);
  };
}

export const constructEvent = raising(core.constructEvent);
/** A thin event notification, verified, with `fetchEvent(client)` and
 * `fetchRelatedObject(client)`, which send its `context` as `Stripe-Context`. */
export function parseEventNotification(payload, header, secret, tolerance) {
  const notification = raising(core.parseEventNotification)(payload, header, secret, tolerance);
  const options = notification.context ? { stripeContext: notification.context } : {};
  return Object.defineProperties(notification, {
    fetchEvent: { value: (client) => client.v2.core.events.retrieve(notification.id, undefined, options) },
    fetchRelatedObject: {
      value: async (client) => (notification.related_object ? client.rawRequest('GET', notification.related_object.url, options) : null),
    },
  });
}
export const verifyHeader = raising(core.verifyHeader);
export { generateTestHeaderString } from './stripe_edge.js';

export async function constructEventAsync(payload, header, secret, tolerance) {
  return constructEvent(payload, header, secret, tolerance);
}
