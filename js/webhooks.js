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
export const parseEventNotification = raising(core.parseEventNotification);
export const verifyHeader = raising(core.verifyHeader);
export { generateTestHeaderString } from './stripe_edge.js';

export async function constructEventAsync(payload, header, secret, tolerance) {
  return constructEvent(payload, header, secret, tolerance);
}
