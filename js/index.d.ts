// Type declarations of the npm package `stripe-edge`.

import type { Resources as ModelResources } from './resources.cjs';

// The resource models (generated: resources.d.ts). `Event` here is the webhook event
// that `constructEvent` returns; the model of the `event` resource is
// `Resources['event']`.
export * from './resources.cjs';

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

/** A v2 event (`GET /v2/core/events/{id}`): a small, unversioned record of a change. */
export interface V2Event {
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

/**
 * Every resource `decode` has a model of, by name: Stripe's fixture names (`invoice`,
 * `reporting.report_run`, ...), and `v2.core.event` and `v2.core.event_notification`.
 */
export interface Resources extends ModelResources {
  'v2.core.event': V2Event;
  'v2.core.event_notification': V2EventNotification;
}

/** What `decode` reads: JSON text, its UTF-8 bytes, or a parsed object. */
export type DecodeInput = string | Uint8Array | ArrayBuffer | object;

/** The stable code of each way `decode` can refuse a value. */
export type DecodeErrorCode =
  | 'invalid_json'
  | 'missing_field'
  | 'invalid_type'
  | 'wrong_object'
  | 'too_deep'
  | 'unknown_resource';

/** Thrown by `decode` for a value that does not fit its model, or an unknown resource. */
export declare class StripeDecodeError extends Error {
  readonly name: 'StripeDecodeError';
  readonly code: DecodeErrorCode;
  /** The field that does not fit, as in `lines.data[0].amount`; empty for the whole value. */
  readonly path: string;
  /** The resource name `decode` was given. */
  readonly resource: string;
}

/**
 * Reads `json` with the model of `resource` and returns the object, equal to the input:
 * members and enum values the model does not know are kept. Throws `StripeDecodeError`
 * naming the path of a field that does not fit.
 */
export declare function decode<N extends keyof Resources>(resource: N, json: DecodeInput): Resources[N];

/** A resource with a search endpoint (`/v1/{resource}/search`); the singular object name works too. */
export type SearchResource =
  | 'charges'
  | 'customers'
  | 'invoices'
  | 'payment_intents'
  | 'prices'
  | 'products'
  | 'subscriptions'
  | 'charge'
  | 'customer'
  | 'invoice'
  | 'payment_intent'
  | 'price'
  | 'product'
  | 'subscription';

/** A comparison operator of Stripe's search language. */
export type SearchOperator = ':' | '~' | '>' | '<' | '>=' | '<=';

/** One clause of a parsed query. */
export interface SearchClause {
  /** Whether the clause is negated with `-`. */
  negated: boolean;
  /** The field's path, such as `status` or `metadata`. */
  field: string;
  /** The key of a metadata field: `metadata["key"]`. */
  key?: string;
  operator: SearchOperator;
  /** A string, an integer, or null for "has no value". */
  value: string | number | null;
  /** The byte offsets of the clause in the query text. */
  start: number;
  end: number;
}

/** A query that follows the language's rules and the resource's query fields. */
export interface SearchQuery {
  resource: string;
  /** How the clauses combine; Stripe's language uses one throughout. */
  joiner: 'and' | 'or';
  clauses: SearchClause[];
  /** The canonical text of the query. */
  query: string;
}

/** The stable code of each rule a query can break. */
export type SearchErrorCode =
  | 'empty_query'
  | 'unexpected_character'
  | 'unexpected_end'
  | 'unterminated_string'
  | 'unquoted_value'
  | 'invalid_number'
  | 'parentheses_not_supported'
  | 'mixed_and_or'
  | 'too_many_clauses'
  | 'substring_too_short'
  | 'unknown_field'
  | 'invalid_operator'
  | 'invalid_value'
  | 'unknown_resource'
  | 'cannot_restrict';

/** Thrown for a query that breaks a rule of the language or of the resource's fields. */
export declare class StripeSearchError extends Error {
  readonly name: 'StripeSearchError';
  readonly code: SearchErrorCode;
  /** The first byte at fault. */
  readonly start: number;
  /** One past the last byte at fault. */
  readonly end: number;
  /** What would have been accepted there. */
  readonly expected: string;
}

/** Parses and checks `query` for `resource`; throws StripeSearchError with the bytes at fault. */
export declare function parseSearchQuery(query: string, resource: SearchResource): SearchQuery;

/** Whether `object` (parsed, or JSON text or bytes) matches `query`, with Stripe's semantics. */
export declare function matchesSearchQuery(query: string, resource: SearchResource, object: DecodeInput): boolean;

/** `query` restricted to objects whose token field `field` equals `value` (ignoring case, as Stripe compares tokens); throws `cannot_restrict` when the language cannot say it. */
export declare function restrictSearchQuery(query: string, resource: SearchResource, field: string, value: string): string;

/** A clause waiting for its operator and value. */
export interface SearchCondition {
  /** Negates the clause (`-field:value`). */
  not(): SearchCondition;
  /** Tests one key of a metadata field: `metadata["key"]`. */
  key(key: string): SearchCondition;
  eq(value: string | number | boolean | null): SearchBuilder;
  /** Contains `text` (at least 3 characters). */
  contains(text: string): SearchBuilder;
  gt(number: number): SearchBuilder;
  lt(number: number): SearchBuilder;
  gte(number: number): SearchBuilder;
  lte(number: number): SearchBuilder;
  /** Has no value (`field:null`). */
  isNull(): SearchBuilder;
  compare(operator: SearchOperator, value: string | number | boolean | null): SearchBuilder;
}

/** A query being built; every step returns a new builder. */
export interface SearchBuilder {
  where(field: string): SearchCondition;
  and(field: string): SearchCondition;
  or(field: string): SearchCondition;
  /** The canonical query text, quoted and escaped; throws StripeSearchError when a rule is broken. */
  build(): string;
  toString(): string;
}

/** Starts a query: `search('invoices').where('status').eq('open').and('total').gt(1000).build()`. */
export declare function search(resource: SearchResource): SearchBuilder;
