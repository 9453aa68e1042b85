// A TypeScript (ESM) consumer of the API client's declarations, compiled by
// types.test.mjs with `tsc --strict`: every use here is correct and must compile.
// Nothing runs it; the runtime behaviour is client-suite.js's.
import {
  createClient,
  generateTestHeaderString,
  parseEventNotification,
  search,
  StripeError,
  StripeAPIError,
  StripeAuthenticationError,
  StripeCardError,
  StripeConnectionError,
  StripeDecodeError,
  StripeIdempotencyError,
  StripeInvalidRequestError,
  StripePermissionError,
  StripeRateLimitError,
  StripeReportRunFailedError,
  type ClientConfig,
  type CreateAndWaitOptions,
  type Customer,
  type DeletedCustomer,
  type DeletedWebhookEndpoint,
  type FetchFunction,
  type File,
  type Invoice,
  type InvoiceItem,
  type ListPage,
  type ListPromise,
  type ParsedEventNotification,
  type ReportRow,
  type ReportRun,
  type ReportRunWithResult,
  type ReportType,
  type RequestOptions,
  type ScheduledQueryRun,
  type SearchPage,
  type StripeClient,
  type StripeRawError,
  type V2Event,
  type V2Page,
  type WebhookEndpoint,
} from 'stripe-edge';

// Configuration: every field, the platform's fetch, and a wrapper of it.
const recording: FetchFunction = async (url, init) => {
  const headers: Record<string, string> = Object.fromEntries(init.headers);
  const method: 'GET' | 'POST' | 'DELETE' = init.method;
  const body: string | undefined = init.body;
  const aborted: boolean = init.signal.aborted;
  void headers; void method; void body; void aborted;
  return fetch(url, init);
};
const config: ClientConfig = {
  apiKey: 'sk_test_1',
  baseUrl: 'http://127.0.0.1:12111',
  filesUrl: 'http://127.0.0.1:12111',
  fetch: recording,
  stripeVersion: '2023-08-16',
  maxRetries: 0,
  timeoutMs: 5_000,
};
const client: StripeClient = createClient(config);
const plain: StripeClient = createClient();
const platform: StripeClient = createClient({ fetch: globalThis.fetch });
const wrapped: StripeClient = createClient({ fetch: (url, init) => fetch(url, init) });
void plain; void platform; void wrapped;

const controller = new AbortController();
const options: RequestOptions = {
  apiKey: 'sk_test_2',
  stripeVersion: '2024-06-20',
  idempotencyKey: 'key-1',
  stripeContext: 'acct_1',
  stripeAccount: 'acct_2',
  maxRetries: 1,
  timeoutMs: 1_000,
  signal: controller.signal,
};

// Customers: create (no parameter is required), retrieve (maybe deleted), update, list.
const customer: Customer = await client.customers.create({ email: 'a@example.com', name: 'A', metadata: { tier: 'gold', gone: null } });
const customerAgain: Customer = await client.customers.create();
const retrieved: Customer | DeletedCustomer = await client.customers.retrieve(customer.id, { expand: ['default_source'] }, options);
if (retrieved.deleted) {
  const gone: true = retrieved.deleted;
  void gone;
} else {
  const email: string | null = retrieved.email;
  void email;
}
const updated: Customer = await client.customers.update(customer.id, { name: 'B', metadata: '' });
const tier: string | undefined = updated.metadata.tier;
const customers: ListPage<Customer> = await client.customers.list({ email: 'a@example.com', limit: 3, created: { gte: 1 } });
const firstCustomer: Customer | undefined = customers.data[0];
const more: boolean = customers.has_more;
const listUrl: string = customers.url;
void customerAgain; void tier; void firstCustomer; void more; void listUrl;

// Invoices: every method, with the generated Invoice model.
// (The model's `id` is optional: Stripe's upcoming invoices have none.)
const invoice: Invoice = await client.invoices.create({ customer: customer.id, currency: 'usd', collection_method: 'send_invoice', days_until_due: 7 });
if (!invoice.id) throw new Error('a created invoice has an id');
const item: InvoiceItem = await client.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 1234, currency: 'usd' });
const itemAmount: number = item.amount;
const finalized: Invoice = await client.invoices.finalizeInvoice(invoice.id, { auto_advance: false });
const sent: Invoice = await client.invoices.sendInvoice(invoice.id);
const paid: Invoice = await client.invoices.pay(invoice.id, { paid_out_of_band: true }, { idempotencyKey: 'pay-1' });
const voided: Invoice = await client.invoices.voidInvoice(invoice.id, undefined, options);
const again: Invoice = await client.invoices.retrieve(invoice.id, { expand: ['customer'] });
const amountPaid: number = again.amount_paid;
void finalized; void sent; void paid; void voided; void itemAmount; void amountPaid;

// Pages: awaiting gives the first page; `for await` every item; autoPagingToArray collects.
const listing: ListPromise<Invoice> = client.invoices.list({ customer: customer.id, status: 'open', limit: 17 });
const page: ListPage<Invoice> = await listing;
const pageObject: 'list' = page.object;
for await (const each of client.invoices.list({ customer: customer.id })) {
  const id: string | undefined = each.id;
  void id;
}
const upTo: Invoice[] = await client.invoices.list({ ending_before: 'in_1' }).autoPagingToArray({ limit: 1000 });
const viaThen: number = await client.invoices.list().then((p) => p.data.length);
const viaCatch: ListPage<Invoice> | null = await client.invoices.list().catch(() => null);
void pageObject; void upTo; void viaThen; void viaCatch;

const query: string = search('invoices').where('customer').eq(customer.id).build();
const searching: ListPromise<Invoice, SearchPage<Invoice>> = client.invoices.search({ query, limit: 23 });
const results: SearchPage<Invoice> = await searching;
const nextPage: string | null = results.next_page;
const searchMore: boolean = results.has_more;
const found: Invoice[] = await client.invoices.search({ query, page: 'page_2' }).autoPagingToArray({ limit: 100 });
void nextPage; void searchMore; void found;

// Reporting: types, runs, createAndWait with progress, rows of the result.
const type: ReportType = await client.reporting.reportTypes.retrieve('balance.summary.1');
const types: ListPage<ReportType> = await client.reporting.reportTypes.list();
const started: ReportRun = await client.reporting.reportRuns.create({
  report_type: type.id,
  parameters: { interval_start: type.data_available_start, interval_end: type.data_available_end, columns: ['currency', 'net'] },
});
const polled: ReportRun = await client.reporting.reportRuns.retrieve(started.id);
const runs: ReportRun[] = await client.reporting.reportRuns.list({ created: { gt: 0 } }).autoPagingToArray({ limit: 10 });
const statuses: string[] = [];
const waitOptions: CreateAndWaitOptions = {
  onProgress: (run) => statuses.push(run.status),
  pollIntervalMs: 100,
  timeoutMs: 60_000,
  signal: controller.signal,
  stripeAccount: 'acct_1',
};
const finished: ReportRunWithResult = await client.reporting.reportRuns.createAndWait({ report_type: type.id }, waitOptions);
const succeededAt: number | null | undefined = finished.succeeded_at;
const rows: ReportRow[] = await finished.downloadResult();
const cell: string | number | null | undefined = rows[0]?.gross;
const alone: ReportRun & { downloadResult(): Promise<ReportRow[]> } = await client.reporting.reportRuns.createAndWait({ report_type: 'balance.summary.1' });
void types; void polled; void runs; void succeededAt; void cell; void alone;

// Sigma and files.
const queryRun: ScheduledQueryRun = await client.sigma.scheduledQueryRuns.retrieve('sqr_1');
const queryRuns: ListPage<ScheduledQueryRun> = await client.sigma.scheduledQueryRuns.list({ limit: 5 });
const sigmaRows: ReportRow[] = await client.sigma.scheduledQueryRuns.results(queryRun.id);
const sigmaRowsAs: ReportRow[] = await client.sigma.scheduledQueryRuns.results(queryRun.id, { stripeAccount: 'acct_1' });
const file: File = await client.files.retrieve('file_1');
const files: File[] = await client.files.list({ purpose: 'finance_report_run' }).autoPagingToArray({ limit: 50 });
const bytes: Uint8Array = await client.files.contents(file.id);
const text: string = new TextDecoder().decode(await client.files.contents(file.id, undefined, { timeoutMs: 60_000 }));
void queryRuns; void sigmaRows; void sigmaRowsAs; void files; void bytes; void text;

// Webhook endpoints.
const endpoint: WebhookEndpoint = await client.webhookEndpoints.create({ url: 'https://example.com/hook', enabled_events: ['invoice.paid'] });
const secret: string | undefined = endpoint.secret;
const renamed: WebhookEndpoint = await client.webhookEndpoints.update(endpoint.id, { description: 'x', disabled: true });
const fetchedEndpoint: WebhookEndpoint = await client.webhookEndpoints.retrieve(renamed.id);
const endpoints: ListPage<WebhookEndpoint> = await client.webhookEndpoints.list();
const deleted: DeletedWebhookEndpoint = await client.webhookEndpoints.del(fetchedEndpoint.id);
const isDeleted: boolean = deleted.deleted;
void secret; void endpoints; void isDeleted;

// v2 events, raw requests and thin events.
const events: V2Page<V2Event> = await client.v2.core.events.list({ object_id: customer.id, limit: 20 });
const nextUrl: string | null = events.next_page_url;
for await (const event of client.v2.core.events.list({ object_id: customer.id })) {
  const related: string | undefined = event.related_object?.id;
  void related;
}
const event: V2Event = await client.v2.core.events.retrieve('evt_1', undefined, { stripeContext: 'acct_1' });
const raw: unknown = await client.rawRequest('GET', '/v1/customers/cus_1');
const typed: Customer = await client.rawRequest<Customer>('GET', '/v1/customers/cus_1', { stripeAccount: 'acct_1' });
const removed: unknown = await client.rawRequest('DELETE', '/v1/webhook_endpoints/we_1');
void nextUrl; void event; void raw; void typed; void removed;

const payload = JSON.stringify({ id: 'evt_1', object: 'v2.core.event', type: 'v1.customer.updated', created: '2024-01-01T00:00:00Z', livemode: false });
const header = generateTestHeaderString({ payload, secret: 'whsec_1' });
const notification: ParsedEventNotification = parseEventNotification(payload, header, 'whsec_1');
const created: string = notification.created;
const full: V2Event = await notification.fetchEvent(client);
const relatedObject: unknown = await notification.fetchRelatedObject(client);
void created; void full; void relatedObject;

// Errors: the classes, their fields, narrowing by class and by `type`.
try {
  await client.invoices.retrieve('in_missing');
} catch (error) {
  if (error instanceof StripeReportRunFailedError) {
    const run: ReportRun | ScheduledQueryRun = error.run;
    void run;
  } else if (error instanceof StripeError) {
    const type: string = error.type;
    const rawType: string | undefined = error.rawType;
    const code: string | undefined = error.code;
    const param: string | undefined = error.param;
    const declineCode: string | undefined = error.decline_code;
    const docUrl: string | undefined = error.doc_url;
    const status: number | undefined = error.statusCode;
    const requestId: string | undefined = error.requestId;
    const rawError: StripeRawError = error.raw;
    const message: string = error.message;
    void type; void rawType; void code; void param; void declineCode; void docUrl; void status; void requestId; void rawError; void message;
  } else if (error instanceof StripeDecodeError) {
    const path: string = error.path;
    void path;
  }
}
const subclasses: (typeof StripeError)[] = [
  StripeInvalidRequestError, StripeCardError, StripeAPIError, StripeAuthenticationError, StripePermissionError,
  StripeRateLimitError, StripeIdempotencyError, StripeConnectionError,
  StripeReportRunFailedError,
];
const card = new StripeCardError({ message: 'declined', type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' });
const cardType: 'StripeCardError' = card.type;
const byMessage: StripeError = new StripeError('failed', { code: 'x' });
class MyError extends StripeInvalidRequestError {}
const mine: StripeError = new MyError({ message: 'mine' });
void subclasses; void cardType; void byMessage; void mine;

// Methods may be called unbound.
const { list } = client.customers;
const unbound: ListPage<Customer> = await list();
void unbound;
