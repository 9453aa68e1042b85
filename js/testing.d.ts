// Type declarations of `stripe-edge/testing` (and of the root `stripe-edge`, which
// re-exports it): what tests and debugging tools need and a webhook receiver does not.
// Written in the CommonJS form: the build copies this file to dist/testing.d.cts, and
// dist/testing.d.ts re-exports it for ESM consumers.

import type { SignatureHeader, ToleranceOrOptions, WebhookPayload, WebhookSecret } from './webhooks.cjs';

export * from './errors.cjs';

/** What `explainSignature` finds in a delivery's signature. */
export interface SignatureExplanation {
  /** When the header says the payload was signed, in unix seconds (its `t`). */
  timestamp: number;
  /** Seconds from signing to now (`options.now`, or the clock); negative when dated in the future. */
  age: number;
  /** Each well-formed `v1` of the header, in its order, with the index of the first secret it matches (`null`: none). */
  signatures: { index: number; secret: number | null }[];
}

/**
 * For debugging tools: the signing time, its age, and which secret each `v1` matches.
 * Throws `StripeSignatureVerificationError` as `verifyHeader` does for a missing payload,
 * a header it cannot read or a blank secret; the age is not checked against a tolerance.
 */
export declare function explainSignature(
  payload: WebhookPayload,
  header: SignatureHeader | null | undefined,
  secret: WebhookSecret,
  options?: ToleranceOrOptions,
): SignatureExplanation;

/** Builds a `Stripe-Signature` header for tests; one `v1` per secret. */
export declare function generateTestHeaderString(options: {
  payload: WebhookPayload;
  secret: WebhookSecret;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
}): string;
