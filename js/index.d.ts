// Type declarations of the npm package `stripe-edge`.

import type {
  Resources as ModelResources,
  DeletedWebhookEndpoint,
  ExpandedObject,
  File,
  Invoice,
  List,
  ReportRun,
  ReportType,
  ScheduledQueryRun,
  WebhookEndpoint,
} from './resources.cjs';
import type * as P from './params.cjs';

// The resource models (generated: resources.d.ts). `Event` here is the webhook event
// that `constructEvent` returns; the model of the `event` resource is
// `Resources['event']`.
export * from './resources.cjs';

// The parameters of every endpoint (generated with the core's endpoint table:
// params.d.ts), such as `InvoiceCreateParams`.
export * from './params.cjs';

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
export declare class StripeSignatureVerificationError extends StripeError {
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
  | 'too_many_members'
  | 'unknown_resource'
  /** The client's: a page of a list that does not read as one. */
  | 'invalid_page'
  /** The client's: a result file that does not read as CSV. */
  | 'invalid_file';

/** Thrown by `decode` for a value that does not fit its model, or an unknown resource; and by the client for an answer that does not fit its model. */
export declare class StripeDecodeError extends StripeError {
  readonly name: 'StripeDecodeError';
  readonly type: 'StripeDecodeError';
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
export declare class StripeSearchError extends StripeError {
  readonly name: 'StripeSearchError';
  readonly type: 'StripeSearchError';
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

// ---------------------------------------------------------------------------------------
// The API client: `createClient` gives stripe-node's resource names (`invoices.create`,
// `reporting.reportRuns.list`, ...) over the core's endpoint table. The core builds and
// checks every request before it is sent (an unknown or missing parameter, a missing id:
// `StripeInvalidRequestError`), checks every answer against its model (a misfit:
// `StripeDecodeError`), decides the retries and walks the pages.

/** The `init` the client passes to `fetch`. */
export interface FetchInit {
  method: 'GET' | 'POST' | 'DELETE';
  /** The headers, as name and value pairs. */
  headers: [string, string][];
  /** The form-encoded parameters of a POST; absent for GET and DELETE. */
  body?: string;
  /** Aborted when the attempt times out or the request's `signal` aborts. */
  signal: AbortSignal;
}

/** What the client reads of the answer of `fetch`; a `Response` has all of it. */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** Cancelled when the answer is dropped for a retry. */
  readonly body?: { cancel(): Promise<void> } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

/** A function the client can send requests with: the platform's `fetch`, or a wrapper of it. */
export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** How `createClient` sets a client up; every field is optional. */
export interface ClientConfig {
  /**
   * The secret (`sk_...`) or restricted (`rk_...`) key, sent as `Authorization: Bearer`.
   * Without one no `Authorization` is sent (as for a proxy that adds it). A request's
   * `apiKey` option overrides it.
   */
  apiKey?: string;
  /**
   * Where API requests go: `https://api.stripe.com` by default, or a proxy or an
   * emulator that speaks Stripe's API. A trailing `/` is dropped.
   */
  baseUrl?: string;
  /**
   * Where `files.contents` downloads from: `baseUrl` when that is given, else
   * `https://files.stripe.com`. A trailing `/` is dropped.
   */
  filesUrl?: string;
  /** The `fetch` to send requests with; by default `globalThis.fetch`, looked up at each request. */
  fetch?: FetchFunction;
  /**
   * The `Stripe-Version` sent with every request; none by default, so the account's
   * default version answers. A request's `stripeVersion` option overrides it.
   */
  stripeVersion?: string;
  /**
   * How many times a failed attempt may be retried, when the official SDKs would retry
   * it (no answer; `Stripe-Should-Retry: true`; 409 or 5xx unless the answer says
   * `Stripe-Should-Retry: false`), with their backoff; default 2. A POST is retried with
   * the same `Idempotency-Key`.
   */
  maxRetries?: number;
  /** Milliseconds one attempt may take before it is aborted (and perhaps retried); default 80000. */
  timeoutMs?: number;
}

/** Options of one request, the last argument of every method; each overrides the client's setting. */
export interface RequestOptions {
  /** The key for this request (`Authorization: Bearer`). */
  apiKey?: string;
  /** The `Stripe-Version` of this request. */
  stripeVersion?: string;
  /**
   * The `Idempotency-Key` of a POST. Without one, each POST gets a random key, kept
   * through its retries. GET and DELETE send none.
   */
  idempotencyKey?: string;
  /** The `Stripe-Context` header: the account (or context path) to act in. */
  stripeContext?: string;
  /** The `Stripe-Account` header: the connected account (`acct_...`) to act as. */
  stripeAccount?: string;
  /** Retries of this request (see `ClientConfig.maxRetries`). */
  maxRetries?: number;
  /** Milliseconds each attempt of this request may take. */
  timeoutMs?: number;
  /** Aborts the request, its retries and waits; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A page of a v1 list (`"object": "list"`): what awaiting a list gives. */
export type ListPage<T> = List<T>;

/** A page of a v1 search (`"object": "search_result"`): what awaiting a search gives. */
export interface SearchPage<T> {
  object: 'search_result';
  /** The items on this page. */
  data: T[];
  /** Whether more results follow. */
  has_more: boolean;
  /** The `page` parameter of the next page; `null` on the last. */
  next_page: string | null;
  /** The URL the search is read from. */
  url: string;
  /** The number of results, when `expand: ['total_count']` asked for it. */
  total_count?: number;
  [key: string]: unknown;
}

/** A page of a v2 list: what awaiting a v2 list gives. */
export interface V2Page<T> {
  /** The items on this page. */
  data: T[];
  /** The path of the next page; `null` on the last. */
  next_page_url: string | null;
  /** The path of the previous page; `null` on the first. */
  previous_page_url?: string | null;
  [key: string]: unknown;
}

/**
 * What a list or search method returns. Awaiting it gives the first page (as stripe-node
 * does); iterating it with `for await` gives every item of every page, fetching pages
 * as it goes; `autoPagingToArray({ limit })` collects up to `limit` items.
 */
export interface ListPromise<T, Page = ListPage<T>> extends PromiseLike<Page>, AsyncIterable<T> {
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page | R>;
  /**
   * Every item of every page, up to `limit` (required: a whole number from 1 to
   * 10000; otherwise it rejects with a TypeError or RangeError).
   */
  autoPagingToArray(options: { limit: number }): Promise<T[]>;
}

/**
 * One row of a report's or a Sigma query's result file, by column: money columns as
 * integers of the currency's minor unit (cents; yen for JPY, fils for KWD), other
 * cells as text, empty cells `null`.
 */
export type ReportRow = Record<string, string | number | null>;

/** A report run that succeeded, as `createAndWait` gives it. */
export type ReportRunWithResult = ReportRun & {
  /** Downloads the run's result file and reads it into rows. */
  downloadResult(): Promise<ReportRow[]>;
};

/** The options of `reportRuns.createAndWait`: how to wait, and the requests' options. */
export interface CreateAndWaitOptions extends Omit<RequestOptions, 'timeoutMs'> {
  /** Called with the run after each poll while it is pending, and once with the finished run. */
  onProgress?: (run: ReportRun) => void;
  /** Milliseconds between polls; default 1000. */
  pollIntervalMs?: number;
  /** Milliseconds to wait for the run in all (not per request); default 600000. Then it rejects with a StripeError. */
  timeoutMs?: number;
  /** Stops the requests and the waiting; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * A customer. This build has no model of customers (`decode` does not know them), so
 * their answers are not checked; these are the fields Stripe always sends.
 */
export interface Customer {
  id: string;
  object: 'customer';
  created: number;
  livemode: boolean;
  email: string | null;
  name?: string | null;
  description: string | null;
  metadata: Record<string, string>;
  deleted?: undefined;
  [key: string]: unknown;
}

/** What retrieving a deleted customer gives. */
export interface DeletedCustomer {
  id: string;
  object: 'customer';
  deleted: true;
  [key: string]: unknown;
}

/**
 * An invoice item. This build has no model of invoice items, so their answers are not
 * checked; these are the fields Stripe always sends.
 */
export interface InvoiceItem {
  id: string;
  object: 'invoiceitem';
  amount: number;
  currency: string;
  customer: string | ExpandedObject;
  description: string | null;
  invoice: string | ExpandedObject | null;
  livemode: boolean;
  metadata: Record<string, string> | null;
  [key: string]: unknown;
}

/** `client.reporting.reportRuns`. */
export interface ReportRunsResource {
  /** Starts a report run (`POST /v1/reporting/report_runs`); it is `pending` at first. */
  readonly create: (params: P.ReportRunCreateParams, options?: RequestOptions) => Promise<ReportRun>;
  readonly retrieve: (id: string, params?: P.ReportRunRetrieveParams, options?: RequestOptions) => Promise<ReportRun>;
  readonly list: (params?: P.ReportRunListParams, options?: RequestOptions) => ListPromise<ReportRun>;
  /**
   * Creates a run and polls it until it is no longer `pending`. Resolves with the run
   * that succeeded, with `downloadResult()`; rejects with `StripeReportRunFailedError`
   * (its `run` is the run) when it did not succeed, or a `StripeError` when `timeoutMs`
   * passes first.
   */
  readonly createAndWait: (params: P.ReportRunCreateParams, options?: CreateAndWaitOptions) => Promise<ReportRunWithResult>;
}

/** `client.reporting.reportTypes`. */
export interface ReportTypesResource {
  readonly retrieve: (id: string, params?: P.ReportTypeRetrieveParams, options?: RequestOptions) => Promise<ReportType>;
  readonly list: (params?: P.ReportTypeListParams, options?: RequestOptions) => ListPromise<ReportType>;
}

/** `client.sigma.scheduledQueryRuns`. */
export interface ScheduledQueryRunsResource {
  readonly retrieve: (id: string, params?: P.ScheduledQueryRunRetrieveParams, options?: RequestOptions) => Promise<ScheduledQueryRun>;
  readonly list: (params?: P.ScheduledQueryRunListParams, options?: RequestOptions) => ListPromise<ScheduledQueryRun>;
  /**
   * The rows of a completed run's result file (amounts as Sigma wrote them, in minor
   * units). Rejects with a `StripeError` when the run is not `completed`.
   */
  readonly results: (id: string, options?: RequestOptions) => Promise<ReportRow[]>;
}

/** `client.invoices`. */
export interface InvoicesResource {
  readonly create: (params?: P.InvoiceCreateParams, options?: RequestOptions) => Promise<Invoice>;
  readonly retrieve: (id: string, params?: P.InvoiceRetrieveParams, options?: RequestOptions) => Promise<Invoice>;
  readonly list: (params?: P.InvoiceListParams, options?: RequestOptions) => ListPromise<Invoice>;
  /** Invoices matching a query of Stripe's search language; pages through `next_page`. */
  readonly search: (params: P.InvoiceSearchParams, options?: RequestOptions) => ListPromise<Invoice, SearchPage<Invoice>>;
  readonly finalizeInvoice: (id: string, params?: P.InvoiceFinalizeParams, options?: RequestOptions) => Promise<Invoice>;
  readonly sendInvoice: (id: string, params?: P.InvoiceSendParams, options?: RequestOptions) => Promise<Invoice>;
  readonly voidInvoice: (id: string, params?: P.InvoiceVoidParams, options?: RequestOptions) => Promise<Invoice>;
  readonly pay: (id: string, params?: P.InvoicePayParams, options?: RequestOptions) => Promise<Invoice>;
}

/** `client.invoiceItems`. */
export interface InvoiceItemsResource {
  readonly create: (params: P.InvoiceItemCreateParams, options?: RequestOptions) => Promise<InvoiceItem>;
}

/** `client.webhookEndpoints`. */
export interface WebhookEndpointsResource {
  /** Creates an endpoint; the answer (only this one) carries its `secret`. */
  readonly create: (params: P.WebhookEndpointCreateParams, options?: RequestOptions) => Promise<WebhookEndpoint>;
  readonly retrieve: (id: string, params?: P.WebhookEndpointRetrieveParams, options?: RequestOptions) => Promise<WebhookEndpoint>;
  readonly update: (id: string, params?: P.WebhookEndpointUpdateParams, options?: RequestOptions) => Promise<WebhookEndpoint>;
  readonly list: (params?: P.WebhookEndpointListParams, options?: RequestOptions) => ListPromise<WebhookEndpoint>;
  readonly del: (id: string, params?: P.WebhookEndpointDeleteParams, options?: RequestOptions) => Promise<DeletedWebhookEndpoint>;
}

/** `client.files`. */
export interface FilesResource {
  readonly retrieve: (id: string, params?: P.FileRetrieveParams, options?: RequestOptions) => Promise<File>;
  readonly list: (params?: P.FileListParams, options?: RequestOptions) => ListPromise<File>;
  /** The file's bytes, from `filesUrl` (`GET /v1/files/{id}/contents`). */
  readonly contents: (id: string, params?: P.FileContentsParams, options?: RequestOptions) => Promise<Uint8Array>;
}

/** `client.customers`. */
export interface CustomersResource {
  readonly create: (params?: P.CustomerCreateParams, options?: RequestOptions) => Promise<Customer>;
  /** The customer, or a `DeletedCustomer` (`deleted: true`) if it was deleted. */
  readonly retrieve: (id: string, params?: P.CustomerRetrieveParams, options?: RequestOptions) => Promise<Customer | DeletedCustomer>;
  readonly update: (id: string, params?: P.CustomerUpdateParams, options?: RequestOptions) => Promise<Customer>;
  readonly list: (params?: P.CustomerListParams, options?: RequestOptions) => ListPromise<Customer>;
}

/** `client.v2.core.events`. */
export interface V2EventsResource {
  readonly retrieve: (id: string, params?: P.V2EventRetrieveParams, options?: RequestOptions) => Promise<V2Event>;
  /** The events of one object, newest first; pages through `next_page_url`. */
  readonly list: (params: P.V2EventListParams, options?: RequestOptions) => ListPromise<V2Event, V2Page<V2Event>>;
}

/** A client of Stripe's API, from `createClient`. Its methods may be called unbound. */
export interface StripeClient {
  readonly reporting: {
    readonly reportRuns: ReportRunsResource;
    readonly reportTypes: ReportTypesResource;
  };
  readonly sigma: {
    readonly scheduledQueryRuns: ScheduledQueryRunsResource;
  };
  readonly invoices: InvoicesResource;
  readonly invoiceItems: InvoiceItemsResource;
  readonly webhookEndpoints: WebhookEndpointsResource;
  readonly files: FilesResource;
  readonly customers: CustomersResource;
  readonly v2: {
    readonly core: {
      readonly events: V2EventsResource;
    };
  };
  /**
   * A GET or DELETE of any `/v1/` or `/v2/` path of the API (such as a thin event's
   * `related_object.url`), with the client's key, version and retries; resolves with
   * the parsed JSON answer, which no model checks (`T` is the caller's word for it).
   */
  readonly rawRequest: <T = unknown>(method: 'GET' | 'DELETE', path: string, options?: RequestOptions) => Promise<T>;
}

/** A client for Stripe's API (or anything that speaks it, such as a proxy or an emulator). */
export declare function createClient(config?: ClientConfig): StripeClient;

/** The fields of an error as the core (or Stripe) describes it: what `StripeError#raw` holds. */
export interface StripeRawError {
  message?: string;
  /** Stripe's `type`, such as `invalid_request_error`. */
  type?: string;
  code?: string | null;
  param?: string | null;
  decline_code?: string | null;
  doc_url?: string | null;
  statusCode?: number;
  requestId?: string | null;
  [key: string]: unknown;
}

/** Base class of every error the package throws (argument misuse aside, which is a TypeError or RangeError). */
export declare class StripeError extends Error {
  constructor(raw?: StripeRawError);
  constructor(message: string, raw?: StripeRawError);
  /** The class's name, such as `StripeCardError` (stripe-node's `type`). */
  readonly type: string;
  /** Stripe's `type` of the error, such as `card_error`, when there was one. */
  readonly rawType: string | undefined;
  /** Stripe's error code, such as `resource_missing` or `parameter_unknown`. */
  readonly code: string | undefined;
  /** The parameter at fault. */
  readonly param: string | undefined;
  /** Why the card issuer declined, for card errors. */
  readonly decline_code: string | undefined;
  /** A page about the error's code. */
  readonly doc_url: string | undefined;
  /** The HTTP status of the answer; undefined when no answer was involved. */
  readonly statusCode: number | undefined;
  /** The answer's `Request-Id`. */
  readonly requestId: string | undefined;
  /** The error's fields as they were given. */
  readonly raw: StripeRawError;
}

/** A bad request: a refused or missing parameter (found before sending, too), a missing object, a wrong state. */
export declare class StripeInvalidRequestError extends StripeError {
  readonly type: 'StripeInvalidRequestError';
}
/** A card was declined. */
export declare class StripeCardError extends StripeError {
  readonly type: 'StripeCardError';
}
/** Something went wrong on Stripe's side. */
export declare class StripeAPIError extends StripeError {
  readonly type: 'StripeAPIError';
}
/** The API key is missing or wrong (401). */
export declare class StripeAuthenticationError extends StripeError {
  readonly type: 'StripeAuthenticationError';
}
/** The key may not do this (403). */
export declare class StripePermissionError extends StripeError {
  readonly type: 'StripePermissionError';
}
/** Too many requests (429). */
export declare class StripeRateLimitError extends StripeError {
  readonly type: 'StripeRateLimitError';
}
/** An `Idempotency-Key` reused with other parameters. */
export declare class StripeIdempotencyError extends StripeError {
  readonly type: 'StripeIdempotencyError';
}
/** No answer: the connection failed or timed out, after the retries. */
export declare class StripeConnectionError extends StripeError {
  readonly type: 'StripeConnectionError';
}
/** A report run that `createAndWait` waited for ended without succeeding. */
export declare class StripeReportRunFailedError extends StripeError {
  readonly type: 'StripeReportRunFailedError';
  /** The run, as last retrieved: a report run (`createAndWait`) or a Sigma run (`results`). */
  run: ReportRun | ScheduledQueryRun;
}
