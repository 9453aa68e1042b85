// A TypeScript CommonJS consumer of the API client's declarations (index.d.cts),
// compiled by types.test.mjs with `tsc --strict`; it must compile.
import stripeEdge = require('stripe-edge');
import type { Invoice, ListPage, ReportRow, StripeClient, V2Event } from 'stripe-edge';

const { createClient, parseEventNotification, StripeError, StripeReportRunFailedError } = stripeEdge;

async function main(): Promise<void> {
  const client: StripeClient = createClient({ apiKey: 'sk_test_1', baseUrl: 'http://127.0.0.1:12111', maxRetries: 0 });
  const customer = await client.customers.create({ email: 'cjs@example.com' });
  const invoice: Invoice = await client.invoices.create({ customer: customer.id });
  const page: ListPage<Invoice> = await client.invoices.list({ customer: customer.id, limit: 2 });
  const all: Invoice[] = await client.invoices.search({ query: `customer:"${customer.id}"` }).autoPagingToArray({ limit: 100 });
  for await (const event of client.v2.core.events.list({ object_id: customer.id })) {
    const type: string = event.type;
    void type;
  }
  try {
    const run = await client.reporting.reportRuns.createAndWait({ report_type: 'balance.summary.1' }, { pollIntervalMs: 50 });
    const rows: ReportRow[] = await run.downloadResult();
    void rows;
  } catch (error) {
    if (error instanceof StripeReportRunFailedError) {
      const status: string = error.run.status;
      void status;
    } else if (error instanceof StripeError) {
      const status: number | undefined = error.statusCode;
      void status;
    }
  }
  const bytes: Uint8Array = await client.files.contents('file_1');
  const notification = parseEventNotification('{}', 'header', 'whsec_1');
  const event: V2Event = await notification.fetchEvent(client);
  const related: unknown = await notification.fetchRelatedObject(client);
  void invoice; void page; void all; void bytes; void event; void related;
}

void main();
