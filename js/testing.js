// What tests and debugging tools need and a webhook receiver does not, in a wasm of its
// own so that a receiver's bundle carries none of it: test signature headers
// (stripe-node's generateTestHeaderString) and what a delivery's signature says. The
// arguments are read as the webhook functions read theirs (delivery.js).
import { readHeader, readNumber, readOptions, readPayload, readSecrets, seconds } from './delivery.js';
import { StripeSignatureVerificationError } from './errors.js';
import { explainSignature as explain, generateTestHeaderString as generate } from './testing-core.js';

const encoder = new TextEncoder();
const bytes = (value) => (typeof value === 'string' ? encoder.encode(value) : value);

/** A `Stripe-Signature` header for tests, as stripe-node's function of the same name:
 * `{ payload, secret, timestamp? }`, where `secret` may be a list. */
export function generateTestHeaderString(options) {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('generateTestHeaderString takes an options object: { payload, secret, timestamp? }');
  }
  const { payload } = options;
  if (payload == null) throw new TypeError('options.payload is required');
  const { timestamp } = options;
  const body = readPayload(payload);
  const secrets = readSecrets(options.secret);
  return generate(bytes(body), secrets, seconds(readNumber(timestamp, 'options.timestamp')));
}

/** What a delivery's signature says, for debugging tools: the signing time, its age, and
 * which secret (if any) each `v1` of the header matches. Throws as verifyHeader does for
 * a header it cannot read; the age is not checked against a tolerance here. */
export function explainSignature(payload, header, secret, options) {
  const { maxPayloadBytes, now } = readOptions(options);
  let words;
  try {
    words = explain(bytes(readPayload(payload, header)), bytes(readHeader(header)), readSecrets(secret), maxPayloadBytes);
  } catch (error) {
    if (error instanceof StripeSignatureVerificationError) Object.assign(error, { header, payload });
    throw error;
  }
  const [timestamp, ...matches] = words.split(' ');
  return {
    timestamp: Number(timestamp),
    age: seconds(now) - Number(timestamp),
    signatures: matches.map((match, index) => ({ index, secret: match === '-' ? null : Number(match) })),
  };
}
