// Type declarations of the npm package `stripe-edge`.

/** A raw webhook body, exactly as received: a string, a Buffer/Uint8Array or an ArrayBuffer. */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

/** The `Stripe-Signature` header value. */
export type SignatureHeader = string | Uint8Array;

/** An endpoint secret (`whsec_...`), or several while a secret is being rotated. */
export type WebhookSecret = string | readonly string[];

/** How strict verification is. */
export interface VerifyOptions {
  /**
   * The oldest a signature may be, in seconds (default 300). `0` turns the time check
   * off, as in stripe-node: use it only to replay stored events.
   */
  tolerance?: number;
  /**
   * How far in the future a signature may be dated, in seconds. Defaults to
   * `tolerance`; `null` allows any distance, as stripe-node does.
   */
  futureTolerance?: number | null;
  /** The current time in unix seconds; defaults to `Date.now()`. */
  now?: number;
  /** Payloads larger than this are refused before any work (default 1 MiB). */
  maxPayloadBytes?: number;
}

/** The 4th argument: a tolerance in seconds (stripe-node style) or options. */
export type ToleranceOrOptions = number | VerifyOptions;

/** The API request behind an event. */
export interface EventRequest {
  id: string | null;
  idempotency_key: string | null;
}

/** A v1 snapshot event (`object: "event"`). */
export interface Event<T = Record<string, unknown>> {
  id: string;
  object: 'event';
  type: string;
  created: number;
  livemode: boolean;
  api_version?: string | null;
  pending_webhooks?: number;
  request?: EventRequest | string | null;
  account?: string;
  data: {
    object: T;
    previous_attributes?: Partial<T> | null;
  };
  [field: string]: unknown;
}

/** A v2 thin event notification (`object: "v2.core.event"`). */
export interface EventNotification {
  id: string;
  object: 'v2.core.event';
  type: string;
  /** RFC 3339 timestamp. */
  created: string;
  livemode: boolean;
  context?: string | null;
  reason?: { type: string; request?: { id: string; idempotency_key: string | null } } | null;
  related_object?: { id: string; type: string; url: string } | null;
  data?: Record<string, unknown> | null;
  [field: string]: unknown;
}

/** The stable code of each way a webhook can be refused. */
export type SignatureVerificationErrorCode =
  | 'missing_payload'
  | 'payload_not_raw'
  | 'payload_too_large'
  | 'missing_header'
  | 'malformed_header'
  | 'no_v1_signature'
  | 'empty_secret'
  | 'no_matching_signature'
  | 'timestamp_outside_tolerance'
  | 'invalid_json'
  | 'invalid_event'
  | 'wrong_event_kind';

/** Thrown for every refused webhook. */
export declare class StripeSignatureVerificationError extends Error {
  readonly name: 'StripeSignatureVerificationError';
  readonly type: 'StripeSignatureVerificationError';
  readonly code: SignatureVerificationErrorCode;
  /** The header as it was passed. */
  readonly header: unknown;
  /** The payload as it was passed. */
  readonly payload: unknown;
}

/** Verifies a webhook delivery and returns its v1 event. Throws `StripeSignatureVerificationError`. */
export declare function constructEvent<T = Record<string, unknown>>(
  payload: WebhookPayload,
  header: SignatureHeader | null | undefined,
  secret: WebhookSecret,
  tolerance?: ToleranceOrOptions,
): Event<T>;

/** `constructEvent` as a Promise, for code written against stripe-node's edge path. */
export declare function constructEventAsync<T = Record<string, unknown>>(
  payload: WebhookPayload,
  header: SignatureHeader | null | undefined,
  secret: WebhookSecret,
  tolerance?: ToleranceOrOptions,
): Promise<Event<T>>;

/** Verifies a v2 thin event notification and returns it. */
export declare function parseEventNotification(
  payload: WebhookPayload,
  header: SignatureHeader | null | undefined,
  secret: WebhookSecret,
  tolerance?: ToleranceOrOptions,
): EventNotification;

/** Verifies a signature only: returns `true` or throws. */
export declare function verifyHeader(
  payload: WebhookPayload,
  header: SignatureHeader | null | undefined,
  secret: WebhookSecret,
  tolerance?: ToleranceOrOptions,
): true;

/** Builds a `Stripe-Signature` header for tests; one `v1` per secret. */
export declare function generateTestHeaderString(options: {
  payload: WebhookPayload;
  secret: WebhookSecret;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
}): string;
