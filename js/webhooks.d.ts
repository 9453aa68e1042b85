// Type declarations of `stripe-edge/webhooks` (and of the root `stripe-edge`, which
// re-exports it). Written in the CommonJS form: the build copies this file to
// dist/webhooks.d.cts, and dist/webhooks.d.ts re-exports it for ESM consumers.

import type { StripeClient } from './client.cjs';

export * from './errors.cjs';

/** Which provider computes the webhook MAC here: the host's native `node:crypto` (Node,
 * and workerd with `nodejs_compat`) or the core's own in the wasm. */
export declare const macProvider: 'node:crypto' | 'wasm';

/** A raw webhook body, exactly as received: a string, a Buffer/Uint8Array or an ArrayBuffer. */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

/** The `Stripe-Signature` header value. */
export type SignatureHeader = string | Uint8Array;

/** An endpoint secret (`whsec_...`), or several while a secret is being rotated. */
export type WebhookSecret = string | readonly string[];

/** How strict verification is. */
export interface VerifyOptions {
  /**
   * The oldest a signature may be, in seconds (default 300). Exactly `0` turns the age
   * check off, as in stripe-node: use it only to replay stored events. A fraction
   * refuses what stripe-node refuses (`0.5`: older than this second); NaN, negative
   * and non-numbers are a TypeError.
   */
  tolerance?: number;
  /**
   * How far in the future a signature may be dated, in seconds. Defaults to the past
   * window (none when `tolerance` is `0`); `null` allows any distance, as stripe-node
   * does. Set apart from `tolerance`: `{ tolerance: 0, futureTolerance: 60 }` checks
   * only the future.
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

/**
 * A v1 snapshot event (`object: "event"`). Stripe always sends `type`, `created`,
 * `livemode` and `data`; they are optional because a hand-made test payload such as
 * stripe-node's `{ id: 'evt_test_webhook', object: 'event' }` verifies without them.
 */
export interface Event<T = Record<string, unknown>> {
  id: string;
  object: 'event';
  type?: string;
  created?: number;
  livemode?: boolean;
  api_version?: string | null;
  pending_webhooks?: number;
  request?: EventRequest | string | null;
  account?: string;
  data?: {
    object: T;
    previous_attributes?: Partial<T> | null;
  };
  [field: string]: unknown;
}

/**
 * A v2 thin event notification (`object: "v2.core.event"`), as `parseEventNotification`
 * returns it: the `v2.core.event_notification` model, and `data` when Stripe sends it.
 */
export interface EventNotification extends V2EventNotification {
  data?: Record<string, unknown> | null;
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

/**
 * A verified thin event notification, as `parseEventNotification` returns it: the
 * notification's fields, and two (non-enumerable) methods that fetch what it points at
 * with a client, sending the notification's `context` as `Stripe-Context`.
 */
export interface ParsedEventNotification extends EventNotification {
  /** The full event: `client.v2.core.events.retrieve(id)`. */
  fetchEvent(client: StripeClient): Promise<V2Event>;
  /**
   * The object the event is about (a GET of `related_object.url`, through
   * `client.rawRequest`), or `null` when the event has no related object.
   */
  fetchRelatedObject(client: StripeClient): Promise<unknown>;
}

/** Verifies a v2 thin event notification and returns it, with `fetchEvent` and `fetchRelatedObject`. */
export declare function parseEventNotification(
  payload: WebhookPayload,
  header: SignatureHeader | null | undefined,
  secret: WebhookSecret,
  tolerance?: ToleranceOrOptions,
): ParsedEventNotification;

/** Verifies a signature only: returns `true` or throws. */
export declare function verifyHeader(
  payload: WebhookPayload,
  header: SignatureHeader | null | undefined,
  secret: WebhookSecret,
  tolerance?: ToleranceOrOptions,
): true;

/** Why a v2 event happened (the `v2.core.event` model). */
export interface V2EventReason {
  /** The kind of reason, such as `request`. */
  type?: string;
  /** The API request that caused the event, when one did. */
  request?: V2EventReasonRequest;
  [key: string]: unknown;
}

/** The API request that caused a v2 event. */
export interface V2EventReasonRequest {
  /** The request's id. */
  id?: string;
  /** The idempotency key the request was sent with. */
  idempotency_key?: string;
  [key: string]: unknown;
}

/** A reference to the API resource a v2 event is about. */
export interface V2RelatedObject {
  /** The object's id. */
  id: string;
  /** The object's type, such as `billing.meter`. */
  type: string;
  /** The API path to fetch the object from. */
  url: string;
  [key: string]: unknown;
}

/** What every v2 event (`GET /v2/core/events/{id}`) has: a small, unversioned record of a change. */
export interface V2EventBase {
  /** Authentication context needed to fetch the event or related object. */
  context: string | null;
  /** Time at which the event was created, in RFC 3339 (`2024-09-26T17:46:22.134Z`). */
  created: string;
  /** Additional data about the event; its shape depends on `type`. */
  data: unknown;
  /** Unique identifier for the event. */
  id: string;
  /** Whether the event happened in live mode. */
  livemode: boolean;
  object: 'v2.core.event';
  /** Reason for the event. */
  reason: V2EventReason | null;
  /** The API resource the event is about. */
  related_object: V2RelatedObject | null;
  /** The type of the event, such as `v1.billing.meter.error_report_triggered`. */
  type: string;
  [key: string]: unknown;
}

/** `data` of the billing meter error events: the asynchronous usage events refused in a validation window. */
export interface V2BillingMeterErrorReport {
  /** A sentence for developers, such as `There is 1 invalid event`. */
  developer_message_summary: string;
  /** The errors, by type. */
  reason: V2BillingMeterErrorReason;
  /** The end of the validation window, in RFC 3339. */
  validation_end: string;
  /** The start of the validation window, in RFC 3339. */
  validation_start: string;
  [key: string]: unknown;
}

/** The errors of a `V2BillingMeterErrorReport`. */
export interface V2BillingMeterErrorReason {
  /** How many errors the window had. */
  error_count: number;
  /** The errors, one entry per type. */
  error_types: V2BillingMeterErrorType[];
  [key: string]: unknown;
}

/** One type of meter event error and samples of it. */
export interface V2BillingMeterErrorType {
  /** The error's code, such as `meter_event_no_customer_defined` (an open set). */
  code: string;
  /** How many errors of this type the window had. */
  error_count: number;
  /** Some of the errors. */
  sample_errors: V2BillingMeterSampleError[];
  [key: string]: unknown;
}

/** One meter event Stripe refused. */
export interface V2BillingMeterSampleError {
  /** Why it was refused. */
  error_message: string;
  /** The request that sent it: `identifier` is its idempotency key. */
  request: { identifier: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** `v1.billing.meter.error_report_triggered`: a meter refused asynchronous usage events. */
export interface V2BillingMeterErrorReportTriggeredEvent extends V2EventBase {
  type: 'v1.billing.meter.error_report_triggered';
  data: V2BillingMeterErrorReport;
  /** The meter (`billing.meter`). */
  related_object: V2RelatedObject & { type: 'billing.meter' };
}

/** `v1.billing.meter.no_meter_found`: asynchronous usage events named no meter that exists. */
export interface V2BillingMeterNoMeterFoundEvent extends V2EventBase {
  type: 'v1.billing.meter.no_meter_found';
  data: V2BillingMeterErrorReport;
}

/**
 * A v2 event, discriminated by `type` as stripe-node's typed v2 events are: narrow on
 * `type` to read `data`. Stripe adds event types over time, and an event of a type not
 * listed here arrives too, with the shape of `V2EventBase` (the type to handle any).
 */
export type V2Event = V2BillingMeterErrorReportTriggeredEvent | V2BillingMeterNoMeterFoundEvent;

/** A v2 thin event notification as the `v2.core.event_notification` model reads it. */
export interface V2EventNotification {
  /** Authentication context needed to fetch the event or related object. */
  context?: string | null;
  /** Time at which the event was created, in RFC 3339. */
  created: string;
  /** Unique identifier for the event. */
  id: string;
  /** Whether the event happened in live mode. */
  livemode: boolean;
  object: 'v2.core.event';
  /** Reason for the event, when Stripe gives one. */
  reason?: V2EventReason | null;
  /** The API resource the event is about, when there is one. */
  related_object?: V2RelatedObject | null;
  /** The type of the event. */
  type: string;
  [key: string]: unknown;
}
