// The public webhook API: the wasm functions, with verification failures raised as
// StripeSignatureVerificationError. All checks happen in the Rust core.
import * as core from './stripe_edge.js';

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

function lift(error, header, payload) {
  if (error instanceof Error && error.name === 'StripeSignatureVerificationError') {
    return new StripeSignatureVerificationError(error.message, { code: error.code, header, payload });
  }
  return error;
}

export function constructEvent(payload, header, secret, tolerance) {
  try {
    return core.constructEvent(payload, header, secret, tolerance);
  } catch (error) {
    throw lift(error, header, payload);
  }
}

export async function constructEventAsync(payload, header, secret, tolerance) {
  return constructEvent(payload, header, secret, tolerance);
}

export function parseEventNotification(payload, header, secret, tolerance) {
  try {
    return core.parseEventNotification(payload, header, secret, tolerance);
  } catch (error) {
    throw lift(error, header, payload);
  }
}

export function verifyHeader(payload, header, secret, tolerance) {
  try {
    return core.verifyHeader(payload, header, secret, tolerance);
  } catch (error) {
    throw lift(error, header, payload);
  }
}

export function generateTestHeaderString(options) {
  return core.generateTestHeaderString(options);
}
