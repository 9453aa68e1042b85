// The TypeScript declarations: a consumer file that uses every export compiles with
// `tsc --noEmit` under strict settings, and misuse fails to compile.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(here, '../../node_modules/.bin/tsc');
const TSC_FLAGS = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node'];

/** tsc's errors for `paths` (one program), or '' when they compile. */
function typeCheck(paths) {
  try {
    execFileSync(tsc, [...TSC_FLAGS, ...paths], { cwd: here, stdio: 'pipe' });
    return '';
  } catch (error) {
    return String(error.stdout);
  }
}

/** tsc's errors for files written from `sources` (name to text) into one scratch folder. */
function compileAll(sources) {
  const dir = mkdtempSync(join(here, '.tsc-'));
  try {
    for (const [file, source] of Object.entries(sources)) writeFileSync(join(dir, file), source);
    return typeCheck(Object.keys(sources).map((file) => join(dir, file)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function compile(source, file = 'consumer.ts') {
  return compileAll({ [file]: source });
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
const paid: number | undefined = event.data?.object.amount_paid;
const created: number | undefined = event.created;
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

test('a v2 event is a union discriminated by type, as in stripe-node', () => {
  const errors = compile(`
import { decode, type V2Event, type V2EventBase, type V2BillingMeterErrorReport } from 'stripe-edge';
const event: V2Event = decode('v2.core.event', '{}');
switch (event.type) {
  case 'v1.billing.meter.error_report_triggered': {
    const meter: 'billing.meter' = event.related_object.type;
    const url: string = event.related_object.url;
    const identifier: string | undefined = event.data.reason.error_types[0]?.sample_errors[0]?.request.identifier;
    void meter; void url; void identifier;
    break;
  }
  case 'v1.billing.meter.no_meter_found': {
    const report: V2BillingMeterErrorReport = event.data;
    const window: string = report.validation_start + report.validation_end;
    const related: string | undefined = event.related_object?.id;
    void window; void related;
    break;
  }
}
// Any event, of a type listed or not.
const any: V2EventBase = event;
const data: unknown = any.data;
void data;
`);
  assert.equal(errors, '');
  for (const [source, message] of [
    // No narrowing: the type may be either.
    [`const t: 'v1.billing.meter.no_meter_found' = decode('v2.core.event', '{}').type;`, 'TS2322'],
    // Only the triggered event is sure to have its meter.
    [`const e = decode('v2.core.event', '{}'); if (e.type === 'v1.billing.meter.no_meter_found') { const id: string = e.related_object.id; void id; }`, 'TS18047'],
    [`const e = decode('v2.core.event', '{}'); if (e.type === 'v1.billing.meter.error_report_triggered') { const n: string = e.data.reason.error_count; void n; }`, 'TS2322'],
  ]) {
    assert.match(compile(`import { decode } from 'stripe-edge';\n${source}`), new RegExp(message), source);
  }
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

// The API client. Fixtures beside this file: client-types.ts (ESM) and client-types.cts
// (CommonJS) use it correctly; client-misuse.ts holds misuses, each under a
// `// @ts-expect-error TSnnnn why` line.

test('client consumers (ESM and CommonJS) type-check', () => {
  assert.equal(typeCheck([join(here, 'client-types.ts'), join(here, 'client-types.cts')]), '');
});

test('each misuse of the client fails to compile, where and as its @ts-expect-error says', () => {
  const source = readFileSync(join(here, 'client-misuse.ts'), 'utf8');
  // As written: every expectation is met (an unmet one is TS2578: too loose a declaration).
  assert.equal(typeCheck([join(here, 'client-misuse.ts')]), '');
  // Without the directives: an error on each line after one, of the code it names, and
  // nowhere else (so no misuse compiles for a reason other than the one it names).
  const lines = source.split('\n');
  const expected = [];
  const stripped = lines.map((line, index) => {
    const directive = line.match(/^\s*\/\/ @ts-expect-error (TS\d+) \S/);
    if (!directive) {
      assert.doesNotMatch(line, /^\s*\/\/ @ts-expect-error/, `line ${index + 1} names no error code`);
      return line;
    }
    expected.push(`${index + 2} ${directive[1]}`);
    return '';
  });
  assert.ok(expected.length >= 30, `${expected.length} misuses`);
  const output = compile(stripped.join('\n'), 'misuse.ts');
  const found = [...output.matchAll(/^\S*misuse\.ts\((\d+),\d+\): error (TS\d+)/gm)].map(([, line, code]) => `${line} ${code}`);
  assert.deepEqual(found, expected, output);
});

const Equal = `type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Missing<A, B> = [Exclude<A, B>] extends [never] ? true : Exclude<A, B>;`;
const union = (names) => names.map((name) => JSON.stringify(name)).join(' | ');

/** Every method path of a client (`invoices.create`, ..., `rawRequest`), from the runtime. */
function runtimeMethods(client) {
  const walk = (object, prefix) => Object.entries(object).flatMap(([key, value]) =>
    typeof value === 'function' ? [prefix + key] : walk(value, `${prefix}${key}.`));
  return walk(client, '').sort();
}

test('the declarations name exactly the runtime exports and client methods, ESM and CommonJS', async () => {
  const esm = Object.keys(await import('stripe-edge')).sort();
  const cjs = Object.keys(createRequire(join(here, 'package.json'))('stripe-edge')).sort();
  assert.deepEqual(cjs, esm);
  const api = await import('stripe-edge');
  const methods = runtimeMethods(api.createClient());
  // The client's errors: `type` is the class name, in both builds (declared as that literal).
  const errors = esm.filter((name) => api[name] === api.StripeError || api[name].prototype instanceof api.StripeError);
  assert.ok(errors.length >= 10, errors.join());
  for (const module of [api, createRequire(join(here, 'package.json'))('stripe-edge')]) {
    for (const name of errors) assert.equal(new module[name]().type, name);
  }
  const errorTypes = errors.filter((name) => name !== 'StripeError')
    .map((name) => `const type${name}: Equal<InstanceType<typeof api.${name}>['type'], '${name}'> = true;\nvoid type${name};`)
    .join('\n');
  assert.ok(methods.includes('reporting.reportRuns.createAndWait') && methods.includes('rawRequest'), methods.join());
  // `Missing<Runtime, Declared>` is `true`, or the names missing, which tsc then prints.
  const checks = (api) => `${Equal}
type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends (...args: any) => any ? \`\${P}\${K}\` : Paths<T[K], \`\${P}\${K}.\`>;
}[keyof T & string];
type RuntimeExports = ${union(esm)};
type RuntimeMethods = ${union(methods)};
const undeclaredExports: Missing<RuntimeExports, keyof typeof ${api}> = true;
const declaredNotExported: Missing<keyof typeof ${api}, RuntimeExports> = true;
const undeclaredMethods: Missing<RuntimeMethods, Paths<StripeClient>> = true;
const declaredNotRuntime: Missing<Paths<StripeClient>, RuntimeMethods> = true;
const sameMethods: Equal<Paths<StripeClient>, RuntimeMethods> = true;
void [undeclaredExports, declaredNotExported, undeclaredMethods, declaredNotRuntime, sameMethods];
${errorTypes}
`;
  assert.equal(compileAll({
    'exports.ts': `import * as api from 'stripe-edge';\nimport type { StripeClient } from 'stripe-edge';\n${checks('api')}`,
    'exports.cts': `import api = require('stripe-edge');\nimport type { StripeClient } from 'stripe-edge';\n${checks('api')}`,
  }), '');
});

/**
 * What the declarations say of each client method, read with the TypeScript compiler:
 * whether it takes an id, its parameters' names (and which are required), whether the
 * parameters argument is optional, and whether it answers with a ListPromise.
 */
function declaredMethods() {
  const ts = createRequire(join(here, '../../package.json'))('typescript');
  const dir = mkdtempSync(join(here, '.tsc-'));
  try {
    const file = join(dir, 'client.ts');
    writeFileSync(file, `import type { StripeClient } from 'stripe-edge';\nexport declare const client: StripeClient;\n`);
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, types: ['node'], target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    });
    const checker = program.getTypeChecker();
    const node = program.getSourceFile(file).statements[1].declarationList.declarations[0].name;
    const typeOf = (symbol) => checker.getTypeOfSymbolAtLocation(symbol, node);
    const methods = {};
    const walk = (type, prefix) => {
      for (const property of checker.getPropertiesOfType(type)) {
        const [signature] = typeOf(property).getCallSignatures();
        if (!signature) {
          walk(typeOf(property), `${prefix}${property.name}.`);
          continue;
        }
        const parameters = signature.getParameters();
        const takesId = parameters[0]?.name === 'id';
        const params = parameters[takesId ? 1 : 0];
        const fields = params ? checker.getPropertiesOfType(checker.getNonNullableType(typeOf(params))) : [];
        // A value of each field's declared type (the core checks values too).
        const sample = (field) => {
          const type = checker.getNonNullableType(typeOf(field));
          if (checker.isArrayLikeType(type)) return ['x'];
          if (type.flags & ts.TypeFlags.NumberLike) return 1;
          if (type.flags & ts.TypeFlags.BooleanLike) return true;
          return 'x';
        };
        methods[prefix + property.name] = {
          takesId,
          idType: takesId ? checker.typeToString(typeOf(parameters[0])) : null,
          names: fields.map((field) => field.name).sort(),
          required: fields.filter((field) => !(field.flags & ts.SymbolFlags.Optional)).map((field) => field.name).sort(),
          samples: Object.fromEntries(fields.map((field) => [field.name, sample(field)])),
          paramsOptional: params ? checker.isOptionalParameter(params.valueDeclaration) : null,
          pages: checker.typeToString(signature.getReturnType()).startsWith('ListPromise<'),
        };
      }
    };
    walk(checker.getTypeAtLocation(node), '');
    return methods;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('each endpoint method is declared with the id, parameters and answer the runtime has', async () => {
  const api = await import('stripe-edge');
  const sent = [];
  // Nothing leaves: a request the core built reaches this fetch and fails as a connection.
  const client = api.createClient({
    apiKey: 'sk_test_probe', baseUrl: 'http://probe.invalid', maxRetries: 0,
    fetch: async (url) => {
      sent.push(url);
      throw new Error('probe: not sent');
    },
  });
  const outcome = async (promise) => {
    try {
      await promise;
      return 'answered';
    } catch (error) {
      if (error instanceof api.StripeConnectionError) return 'sent';
      if (error instanceof api.StripeInvalidRequestError) return error.code;
      throw error;
    }
  };
  const declared = declaredMethods();
  const special = ['reporting.reportRuns.createAndWait', 'sigma.scheduledQueryRuns.results', 'rawRequest'];
  const endpoints = runtimeMethods(client).filter((path) => !special.includes(path));
  assert.equal(endpoints.length, 30);
  const candidates = [...new Set([...Object.values(declared).flatMap((method) => method.names), 'bogus', 'id', 'object', 'page_size'])];
  const problems = [];
  for (const path of endpoints) {
    const method = path.split('.').reduce((object, key) => object[key], client);
    const { takesId, idType, names, required, samples, paramsOptional, pages } = declared[path];
    const call = (params) => (takesId ? method('probe_1', params) : method(params));
    const base = Object.fromEntries(required.map((name) => [name, samples[name]]));
    const problem = (what) => problems.push(`${path}: ${what}`);

    // The id: a method declared with one sends it in the path; one without refuses it.
    const withId = await outcome(method('probe_1', base));
    if (takesId !== (withId === 'sent' && sent.at(-1).includes('/probe_1'))) problem(`takesId ${takesId}, but an id gives ${withId}`);
    if (takesId && idType !== 'string') problem(`id: ${idType}`);
    // The answer: lists and searches (and only they) are ListPromises.
    const answer = call(base);
    if (pages !== (typeof answer.autoPagingToArray === 'function')) problem(`declared ${pages ? '' : 'not '}to page`);
    if ((await outcome(answer)) !== 'sent') problem(`the required parameters alone are refused`);
    // Parameters: each declared one accepted, each required one required, no other accepted.
    if (paramsOptional !== (required.length === 0)) problem(`params argument optional: ${paramsOptional}, required: ${required}`);
    for (const name of required) {
      const { [name]: _, ...rest } = base;
      if ((await outcome(call(rest))) !== 'parameter_missing') problem(`${name} is declared required, but the runtime does not require it`);
    }
    // A name is taken when the core does not refuse it as unknown: a value of another
    // shape than 'x' is refused as such (`parameter_invalid`), after the names are checked.
    for (const name of candidates) {
      const result = await outcome(call({ ...base, [name]: Object.hasOwn(samples, name) ? samples[name] : 'x' }));
      const accepted = result !== 'parameter_unknown';
      if (accepted !== names.includes(name)) problem(`${name}: declared ${names.includes(name)}, runtime ${result}`);
      if (accepted && !['sent', 'parameter_invalid', 'parameter_missing'].includes(result)) problem(`${name}: ${result}`);
    }
  }
  assert.deepEqual(problems, []);
});

/** Source that uses every capability entry, importing each `stripe-edge/NAME` as `how` says. */
const entryConsumer = (how) => `
${how('webhooks', 'constructEvent, macProvider, StripeSignatureVerificationError, type Event')}
${how('testing', 'generateTestHeaderString, explainSignature, type SignatureExplanation')}
${how('decode', 'decode, StripeDecodeError, type Resources')}
${how('search', 'search, parseSearchQuery, type SearchQuery')}
${how('client', 'createClient, StripeError, type StripeClient')}
const header: string = generateTestHeaderString({ payload: '{}', secret: 'whsec_a' });
const explained: SignatureExplanation = explainSignature('{}', header, 'whsec_a');
const event: Event = constructEvent('{}', header, 'whsec_a');
const mac: 'node:crypto' | 'wasm' = macProvider;
const run: Resources['reporting.report_run'] = decode('reporting.report_run', '{}');
const query: SearchQuery = parseSearchQuery(search('invoices').where('status').eq('open').build(), 'invoices');
const client: StripeClient = createClient({ apiKey: 'sk_test' });
const same: typeof StripeError = StripeSignatureVerificationError.prototype instanceof StripeDecodeError ? StripeError : StripeError;
// @ts-expect-error: decode's entry has no webhook functions.
import('stripe-edge/decode').then((m) => m.constructEvent);
// @ts-expect-error: the webhook entry leaves the test helpers to stripe-edge/testing.
import('stripe-edge/webhooks').then((m) => m.generateTestHeaderString);
void explained; void event; void mac; void run; void query; void client; void same;
`;

test('each entry type-checks for consumers with "moduleResolution": "node16" (ESM and CommonJS) and "bundler"', () => {
  const esm = entryConsumer((name, names) => `import { ${names} } from 'stripe-edge/${name}';`);
  const cjs = entryConsumer((name, names) => `import { ${names} } from 'stripe-edge/${name}';`).replace(/import\('stripe-edge\/decode'\)\.then\(\(m\) => m\.constructEvent\);/, "require('stripe-edge/decode').constructEvent;").replace('// @ts-expect-error: decode', '// (require: any) decode');
  const dir = mkdtempSync(join(here, '.tsc-'));
  try {
    writeFileSync(join(dir, 'consumer.mts'), esm);
    writeFileSync(join(dir, 'consumer.cts'), `${cjs}\nexport {};\n`);
    writeFileSync(join(dir, 'bundled.ts'), `${esm}\nexport {};\n`);
    const run = (flags, files) => {
      try {
        execFileSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--types', 'node', ...flags, ...files.map((f) => join(dir, f))], { cwd: here, stdio: 'pipe' });
        return '';
      } catch (error) {
        return String(error.stdout);
      }
    };
    assert.equal(run(['--module', 'node16', '--moduleResolution', 'node16'], ['consumer.mts', 'consumer.cts']), '');
    assert.equal(run(['--module', 'esnext', '--moduleResolution', 'bundler'], ['bundled.ts']), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
