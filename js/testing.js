// What tests and debugging tools need and a webhook receiver does not, in a wasm of its
// own so that a receiver's bundle carries none of it: test signature headers
// (stripe-node's generateTestHeaderString) and what a delivery's signature says.
import { explainSignature as explain } from './testing-core.js';

export { generateTestHeaderString } from './testing-core.js';

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
