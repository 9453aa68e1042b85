// The TypeScript declarations: a consumer file that uses every export compiles with
// `tsc --noEmit` under strict settings, and misuse fails to compile.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(here, '../../node_modules/.bin/tsc');

function compile(source, file = 'consumer.ts') {
  const dir = mkdtempSync(join(here, '.tsc-'));
  try {
    writeFileSync(join(dir, file), source);
    execFileSync(tsc, ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', join(dir, file)], { cwd: here, stdio: 'pipe' });
    return '';
  } catch (error) {
    return String(error.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a consumer using every export type-checks', () => {
  const errors = compile(`
import {
  constructEvent, constructEventAsync, parseEventNotification, verifyHeader,
  generateTestHeaderString, StripeSignatureVerificationError,
  type Event, type EventNotification, type VerifyOptions, type SignatureVerificationErrorCode,
} from 'stripe-edge';

interface Invoice { id: string; amount_paid: number }
const payload: string = '{}';
const header: string = generateTestHeaderString({ payload, secret: ['whsec_a', 'whsec_b'], timestamp: 1 });
const options: VerifyOptions = { tolerance: 300, now: 1, futureTolerance: null, maxPayloadBytes: 1024 };
const event: Event<Invoice> = constructEvent<Invoice>(Buffer.from(payload), header, 'whsec_a', options);
const paid: number = event.data.object.amount_paid;
const created: number = event.created;
const later: Promise<Event> = constructEventAsync(new Uint8Array(), header, 'whsec_a', 300);
const thin: EventNotification = parseEventNotification(payload, header, 'whsec_a');
const url: string | undefined = thin.related_object?.url;
const ok: true = verifyHeader(new ArrayBuffer(0), header, 'whsec_a');
try { constructEvent(payload, undefined, 'whsec_a'); } catch (error) {
  if (error instanceof StripeSignatureVerificationError) {
    const code: SignatureVerificationErrorCode = error.code;
    const message: string = error.message;
    void code; void message;
  }
}
void paid; void created; void later; void url; void ok;
`);
  assert.equal(errors, '');
});

test('misuse does not type-check', () => {
  for (const [source, message] of [
    [`import { constructEvent } from 'stripe-edge'; constructEvent({}, 'h', 's');`, 'TS2345'],
    [`import { constructEvent } from 'stripe-edge'; constructEvent('p', 'h', 42);`, 'TS2345'],
    [`import { constructEvent } from 'stripe-edge'; constructEvent('p', 'h', 's', { tolerence: 3 });`, 'TS2561'],
    [`import { generateTestHeaderString } from 'stripe-edge'; generateTestHeaderString({ payload: 'p' });`, 'TS2345'],
    [`import { parseEventNotification } from 'stripe-edge'; const n: number = parseEventNotification('p', 'h', 's').created;`, 'TS2322'],
    [`import { decode } from 'stripe-edge'; decode('invoices', '{}');`, 'TS2345'],
    [`import { search } from 'stripe-edge'; search('refunds');`, 'TS2345'],
    [`import { search } from 'stripe-edge'; search('invoices').where('total').gt('1000');`, 'TS2345'],
    [`import { search } from 'stripe-edge'; search('invoices').where('status').build();`, 'TS2339'],
    [`import { parseSearchQuery } from 'stripe-edge'; const n: number = parseSearchQuery('q', 'invoices').query;`, 'TS2322'],
    [`import { decode } from 'stripe-edge'; decode('customer', '{}');`, 'TS2345'],
    [`import { decode } from 'stripe-edge'; const s: string = decode('invoice', '{}').amount_due;`, 'TS2322'],
    [`import { decode } from 'stripe-edge'; const n: number = decode('invoice', '{}').customer;`, 'TS2322'],
    [`import { decode } from 'stripe-edge'; decode('reporting.report_run', '{}').status.toFixed();`, 'TS2551'],
    [`import { decode } from 'stripe-edge'; const t: 'void' = decode('invoice', '{}').status!;`, 'TS2322'],
  ]) {
    assert.match(compile(source), new RegExp(message), source);
  }
});

const DECODING = `
const json: string = '{}';
const invoice: Invoice = decode('invoice', json);
const due: number = invoice.amount_due;
const customer: string | null = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id ?? null;
const lines: List<LineItem> = invoice.lines;
const first: number | undefined = lines.data[0]?.amount;
const status: InvoiceStatus | null | undefined = invoice.status;
const newer: string = invoice.status === 'paid' ? 'paid' : String(invoice.status);
const extra: unknown = invoice['field_from_a_newer_api'];
const run = decode('reporting.report_run', new Uint8Array());
const runStatus: string = run.status;
const event: Resources['v2.core.event'] = decode('v2.core.event', {});
const related: string | undefined = event.related_object?.url;
try { decode('webhook_endpoint', json); } catch (error) {
  if (error instanceof StripeDecodeError) {
    const code: DecodeErrorCode = error.code;
    const where: string = error.path;
    void code; void where;
  }
}
void due; void customer; void first; void status; void newer; void extra; void runStatus; void related;
`;

test('decode returns the model of the resource it is given, in ESM and CommonJS consumers', () => {
  const names = 'decode, StripeDecodeError, type Invoice, type LineItem, type InvoiceStatus, type List, type Resources, type DecodeErrorCode';
  assert.equal(compile(`import { ${names} } from 'stripe-edge';\n${DECODING}`), '');
  assert.equal(compile(`import { ${names} } from 'stripe-edge';\n${DECODING}`, 'consumer.cts'), '');
});

test('the search language is typed', () => {
  const errors = compile(`
import { search, parseSearchQuery, matchesSearchQuery, restrictSearchQuery, StripeSearchError,
  type SearchQuery, type SearchClause, type SearchErrorCode, type SearchResource } from 'stripe-edge';
const resource: SearchResource = 'invoices';
const text: string = search(resource).where('status').eq('open').and('total').gt(1000).and('metadata').key('k').not().isNull().build();
const query: SearchQuery = parseSearchQuery(text, 'invoice');
const first: SearchClause | undefined = query.clauses[0];
const value: string | number | null | undefined = first?.value;
const joiner: 'and' | 'or' = query.joiner;
const hit: boolean = matchesSearchQuery(text, resource, { status: 'open' });
const scoped: string = restrictSearchQuery(text, resource, 'customer', 'cus_1');
try { parseSearchQuery('(', resource); } catch (error) {
  if (error instanceof StripeSearchError) {
    const code: SearchErrorCode = error.code;
    const at: number = error.start + error.end;
    const expected: string = error.expected;
    void code; void at; void expected;
  }
}
void value; void joiner; void hit; void scoped;
`);
  assert.equal(errors, '');
});
