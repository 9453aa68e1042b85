// The webhook functions' arguments, read and type-checked with stripe-node's leniency (a
// payload as string, Uint8Array, Buffer or ArrayBuffer; a tolerance as a number or in
// an options object) before the wasm gets them; anything else is a TypeError, or for a
// parsed payload stripe-node's StripeSignatureVerificationError. Every check of the
// delivery itself is the core's.
import { StripeSignatureVerificationError } from './errors.js';

/** A refused delivery, carrying its header and payload as stripe-node's error does. */
export function refusal(message, code, header, payload) {
  const error = new StripeSignatureVerificationError(message, { code });
  error.header = header;
  error.payload = payload;
  return error;
}

const NOT_RAW =
  'Webhook payload must be provided as a string or a Buffer (https://nodejs.org/api/buffer.html) instance representing the _raw_ request body. ' +
  'Payload was provided as a parsed JavaScript object instead. Signature verification is impossible without access to the original signed material.\n' +
  'Learn more about webhook signing at https://docs.stripe.com/webhooks/signature';

/** The raw body: a string or bytes; `null` and `undefined` are an empty payload, which
 * the core refuses. */
export function readPayload(payload, header) {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (payload == null) return '';
  throw refusal(NOT_RAW, 'payload_not_raw', header, payload);
}

/** The `Stripe-Signature` header: a string or its bytes; empty when none was given. */
export function readHeader(header) {
  if (typeof header === 'string' || header instanceof Uint8Array) return header;
  if (header == null) return '';
  if (Array.isArray(header)) {
    throw new TypeError('Unexpected: An array was passed as a header, which should not be possible for the stripe-signature header.');
  }
  throw new TypeError('the stripe-signature header must be a string or a Uint8Array');
}

/** The endpoint secrets: one string or a list of them. */
export function readSecrets(secret) {
  if (typeof secret === 'string') return [secret];
  if (secret == null) return [];
  if (!Array.isArray(secret)) throw new TypeError('the webhook secret must be a string or an array of strings');
  const secrets = [];
  for (let index = 0; index < secret.length; index++) {
    if (typeof secret[index] !== 'string') throw new TypeError('every webhook secret in the list must be a string');
    secrets.push(secret[index]);
  }
  return secrets;
}

/** An optional finite, non-negative number (up to Number.MAX_SAFE_INTEGER); anything
 * else is a TypeError, where stripe-node would turn its check off. */
export function readNumber(value, name) {
  if (value == null) return undefined;
  if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER) return value;
  throw new TypeError(`${name} must be a finite, non-negative number`);
}

/** The 4th argument: a tolerance in seconds or `{ tolerance, futureTolerance,
 * maxPayloadBytes, now }`; `futureTolerance` is `null` for any distance. */
export function readOptions(options) {
  if (options == null) return {};
  if (typeof options === 'number') return { tolerance: readNumber(options, 'tolerance') };
  if (typeof options !== 'object') throw new TypeError('the 4th argument must be a tolerance in seconds or an options object');
  const tolerance = readNumber(options.tolerance, 'options.tolerance');
  const future = options.futureTolerance;
  const futureTolerance = future === undefined ? undefined : (readNumber(future, 'options.futureTolerance') ?? null);
  const maxPayloadBytes = readNumber(options.maxPayloadBytes, 'options.maxPayloadBytes');
  return { tolerance, futureTolerance, maxPayloadBytes, now: readNumber(options.now, 'options.now') };
}

/** Now in unix seconds, or `now` when the caller gave one. */
export const seconds = (now) => Math.floor(now ?? Date.now() / 1000);
