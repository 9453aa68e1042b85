// Misuses of the API client that must not compile. Each `@ts-expect-error` names the
// error TypeScript must report on the next line; types.test.mjs compiles this file as is
// (an expectation that no longer fails to compile is an error: the declarations became
// too loose) and once without the directives (each must then fail there, with that code).
import { createClient, parseEventNotification, StripeError, StripeCardError, StripeReportRunFailedError, type Invoice, type ReportRow } from 'stripe-edge';

const client = createClient({ apiKey: 'sk_test_1' });

// Resource and method names.
// @ts-expect-error TS2339 a resource the client does not have
await client.charges.list();
// @ts-expect-error TS2551 a resource name in the wrong form
await client.invoice_items.create({ customer: 'cus_1' });
// @ts-expect-error TS2339 stripe-node's `del`, not `delete`
await client.webhookEndpoints.delete('we_1');
// @ts-expect-error TS2339 a method the resource does not have
await client.customers.del('cus_1');
// @ts-expect-error TS2339 search is only on invoices here
client.customers.search({ query: 'email:"a@example.com"' });

// Ids.
// @ts-expect-error TS2554 retrieve without an id
await client.invoices.retrieve();
// @ts-expect-error TS2345 an id that is not a string
await client.invoices.finalizeInvoice(42);
// @ts-expect-error TS2559 an id given to a method that takes none
await client.invoices.create('in_1', { customer: 'cus_1' });
// @ts-expect-error TS2554 results without an id
await client.sigma.scheduledQueryRuns.results();

// Parameters.
// @ts-expect-error TS2345 a required parameter missing
await client.webhookEndpoints.create({ url: 'https://example.com/hook' });
// @ts-expect-error TS2554 parameters required and absent
await client.v2.core.events.list();
// @ts-expect-error TS2353 a parameter the endpoint does not take
await client.invoices.create({ customer: 'cus_1', bogus: 1 });
// @ts-expect-error TS2353 list parameters of another resource
await client.webhookEndpoints.list({ customer: 'cus_1' });
// @ts-expect-error TS2322 contents takes no parameters
await client.files.contents('file_1', { expand: ['links'] });
// @ts-expect-error TS2322 a wrongly typed parameter
await client.invoices.pay('in_1', { paid_out_of_band: 'yes' });
// @ts-expect-error TS2345 rawRequest only GETs or DELETEs
await client.rawRequest('POST', '/v1/customers');

// Options.
// @ts-expect-error TS2353 an unknown client setting
createClient({ apiKey: 'sk_test_1', retries: 3 });
// @ts-expect-error TS2561 an unknown request option (did you mean idempotencyKey?)
await client.customers.list({}, { idempotency_key: 'k' });
// @ts-expect-error TS2322 a wrongly typed fetch
createClient({ fetch: (url: number) => url });
// @ts-expect-error TS2322 onProgress gets a report run
await client.reporting.reportRuns.createAndWait({ report_type: 'balance.summary.1' }, { onProgress: (run: Invoice) => run.amount_due });

// Pages and results.
// @ts-expect-error TS2554 autoPagingToArray without its limit
await client.invoices.list().autoPagingToArray();
// @ts-expect-error TS2345 autoPagingToArray without a limit in its options
await client.invoices.list().autoPagingToArray({});
// @ts-expect-error TS2322 a limit that is not a number
await client.invoices.list().autoPagingToArray({ limit: '10' });
// @ts-expect-error TS2322 a list page has no next_page (a search page does): it is unknown
const token: string | null = (await client.invoices.list()).next_page;
// @ts-expect-error TS2322 a v2 page has no has_more: it is unknown
const more: boolean = (await client.v2.core.events.list({ object_id: 'cus_1' })).has_more;
// @ts-expect-error TS2322 file contents are bytes, not text
const text: string = await client.files.contents('file_1');
// @ts-expect-error TS2322 a report row's cells are not all numbers
const cells: Record<string, number> = (await client.sigma.scheduledQueryRuns.results('sqr_1'))[0]!;
// @ts-expect-error TS2571 rows come only after waiting: create gives a run without downloadResult
const rows: ReportRow[] = await (await client.reporting.reportRuns.create({ report_type: 'balance.summary.1' })).downloadResult();
// @ts-expect-error TS2339 only lists and searches page
await client.customers.retrieve('cus_1').autoPagingToArray({ limit: 1 });
// @ts-expect-error TS2339 a list is not an array
client.invoices.list().map((invoice: Invoice) => invoice.id);
void token; void more; void text; void cells; void rows;

// Errors.
const error: StripeError = new StripeCardError({ message: 'declined' });
// @ts-expect-error TS2551 a field stripe-node does not have (statusCode)
const status: number | undefined = error.status_code;
// @ts-expect-error TS2322 the status is a number
const statusText: string = error.statusCode;
// @ts-expect-error TS2322 the request id is text
const requestNumber: number | undefined = error.requestId;
// @ts-expect-error TS2339 only a report run failure has a run
const run = error.run;
// @ts-expect-error TS2322 StripeError's type is the class name, not Stripe's type
const cardType: 'card_error' = new StripeCardError().type;
// @ts-expect-error TS2322 codes are strings
const code: number | undefined = new StripeReportRunFailedError().code;
void status; void statusText; void requestNumber; void run; void cardType; void code;

// Thin events.
const notification = parseEventNotification('{}', 'header', 'whsec_1');
// @ts-expect-error TS2554 fetchEvent needs the client
await notification.fetchEvent();
// @ts-expect-error TS2353 the client, not its config
await notification.fetchRelatedObject({ apiKey: 'sk_test_1' });
