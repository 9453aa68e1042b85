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

function compile(source) {
  const dir = mkdtempSync(join(here, '.tsc-'));
  try {
    writeFileSync(join(dir, 'consumer.ts'), source);
    execFileSync(tsc, ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', join(dir, 'consumer.ts')], { cwd: here, stdio: 'pipe' });
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
  ]) {
    assert.match(compile(source), new RegExp(message), source);
  }
});
