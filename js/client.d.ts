// Type declarations of `stripe-edge/client` (and of the root `stripe-edge`, which
// re-exports it). Written in the CommonJS form: the build copies this file to
// dist/client.d.cts, and dist/client.d.ts re-exports it for ESM consumers.

import type {
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
import type { V2Event } from './webhooks.cjs';

// The parameters of every endpoint (generated with the core's endpoint table:
// params.d.ts), such as `InvoiceCreateParams`.
export * from './params.cjs';
export * from './errors.cjs';

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
  /**
   * The `fetch` to send requests with. By default, in Node: Node's own HTTP client with
   * keep-alive connections, as stripe-node does (faster there than Node's `fetch`);
   * elsewhere (browsers, workerd, Deno): `globalThis.fetch`, looked up at each request.
   */
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

/** What `mintProxyToken` signs. */
export interface ProxyTokenOptions {
  /** The Worker's `PROXY_TOKEN_SECRET` (during a rotation, the new one). */
  secret: string;
  /** Who calls: a customer id (`cus_...`, whose own objects the `customer` scope shows) or a service name. */
  sub: string;
  /** The policy scope the caller acts in (`customer`, `back-office`, ...). */
  scope: string;
  /** How long the token is valid, in seconds (900 by default; the Worker refuses more than its `PROXY_MAX_TOKEN_LIFETIME`). */
  ttlSeconds?: number;
  /** The issue time in unix seconds (the clock by default). */
  now?: number;
}

/**
 * A token for the stripe-edge Worker's proxy (a JWT signed HS256, audience `stripe-edge`),
 * which a browser app sends as its `apiKey`. Mint it on your server, never in a browser.
 * A missing or empty `secret`, `sub` or `scope` is a TypeError; a `ttlSeconds` under 1 a RangeError.
 */
export declare function mintProxyToken(options: ProxyTokenOptions): string;
