// The API client: a driver of the core's call machines over a transport (`fetch`, or
// Node's HTTP client in Node: ./transport.js). A machine says what to do next (send
// this, sleep this long, here are items, done, failed); this file only does it and
// hands the answers back. Retries, checks, paging and polling are the core's (wasm), so
// Node, browsers and Workers behave the same.
import { Client, StepKind, apiEndpoints, mintToken } from './client-core.js';
import { defaultTransport, fetchTransport } from './transport.js';

const { Send, Sleep, Items, Progress, Done, Fail } = StepKind;

/** A client for Stripe's API (or anything that speaks it, such as a proxy or an emulator). */
export function createClient(config = {}) {
  const { fetch, ...settings } = config;
  const send = fetch ? fetchTransport(fetch) : defaultTransport();
  const core = new Client(JSON.stringify(settings));
  const client = {};
  for (const endpoint of JSON.parse(apiEndpoints())) {
    const path = endpoint.nodeName.split('.');
    const method = path.pop();
    let namespace = client;
    for (const part of path) namespace = namespace[part] ??= {};
    const call = endpoint.pages
      ? (id, params, options) => pages(core, send, endpoint.name, id, params, options)
      : (id, params, options) => run(send, options, (o) => core.call(endpoint.name, id, json(params), o, entropy()));
    namespace[method] = endpoint.takesId ? call : (params, options) => call(undefined, params, options);
  }
  client.reporting.reportRuns.createAndWait = (params, { onProgress, pollIntervalMs, timeoutMs, ...options } = {}) =>
    createAndWait(core, send, params, JSON.stringify({ pollIntervalMs, timeoutMs }), onProgress, options);
  client.sigma.scheduledQueryRuns.results = (id, options) => run(send, options, (o) => core.sigmaRows(id, o, entropy()));
  client.rawRequest = (method, path, options) => run(send, options, (o) => core.raw(method, path, o, entropy()));
  return client;
}

/** A token for the stripe-edge Worker's proxy: `sub` (a customer id or a service name)
 * acting in the policy's `scope`, signed with `secret` (the Worker's PROXY_TOKEN_SECRET),
 * valid for `ttlSeconds` (900 by default). Mint it on your server, never in a browser. */
export function mintProxyToken({ secret, sub, scope, ttlSeconds, now } = {}) {
  return mintToken(secret, sub, scope, ttlSeconds, now);
}

const json = (params) => JSON.stringify(params ?? {});

/** 32 random bytes for an `Idempotency-Key` and retry jitter, from the platform's
 * secure source, drawn 4 KiB at a time (one draw per call costs more than the call). */
let pool = new Uint8Array(0);
function entropy() {
  if (pool.length < 32) pool = globalThis.crypto.getRandomValues(new Uint8Array(4096));
  const bytes = pool.subarray(0, 32);
  pool = pool.subarray(32);
  return bytes;
}

/** The per-call options the core reads; `signal` stays with the driver. */
function split(options) {
  if (options === undefined) return { signal: undefined, core: '{}' };
  const { signal, ...rest } = options;
  return { signal, core: JSON.stringify(rest) };
}

/** Makes a machine with `make(options)` and drives it to its value. */
async function run(send, options, make) {
  const { signal, core } = split(options);
  const driver = new Driver(make(core), send, signal);
  return driver.value(await driver.until(Done));
}

/** Drives one machine: sends, sleeps and hands answers back, until a step it stops at. */
class Driver {
  constructor(machine, send, signal) {
    this.machine = machine;
    this.transport = send;
    this.signal = signal;
    /** The body last handed back: the value of `Done`, a page, a run in progress. */
    this.last = undefined;
  }

  /** Runs until the machine reaches one of `stops` (or `Done`); throws its failure. */
  async until(...stops) {
    for (;;) {
      const kind = this.machine.poll(Date.now());
      if (kind === Send) await this.send();
      else if (kind === Sleep) await sleep(this.machine.sleepMs(), this.signal);
      else if (kind === Fail) throw this.machine.error();
      else if (kind === Done || stops.includes(kind)) return kind;
    }
  }

  /** The machine's value once `Done`: its own output, or the body last handed back. */
  value() {
    const output = this.machine.output();
    return output === undefined ? this.parsed() : JSON.parse(output);
  }

  parsed() {
    return typeof this.last === 'string' ? JSON.parse(this.last) : this.last;
  }

  async send() {
    const request = JSON.parse(this.machine.request());
    let answer;
    try {
      answer = await this.transport(request, this.signal);
    } catch (error) {
      if (this.signal?.aborted) throw error;
      this.machine.connectionError(String(error?.message ?? error));
      return;
    }
    this.last = answer.body;
    if (request.binary) this.machine.responseBytes(answer.status, answer.headers, answer.body);
    else this.machine.response(answer.status, answer.headers, answer.body);
  }
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/**
 * A list or search: awaiting it gives the first page, as stripe-node does; iterating it
 * (`for await`) gives every item of every page; `autoPagingToArray({ limit })` collects.
 * The first request goes out at once; the walks start from its answer.
 */
function pages(core, send, name, id, params, options) {
  const { signal, core: coreOptions } = split(options);
  // A refused call rejects (as stripe-node's do), it does not throw.
  const first = (async () => {
    const call = new Driver(core.call(name, id, json(params), coreOptions, entropy()), send, signal);
    await call.until(Done);
    return call.last;
  })();
  const page = first.then(JSON.parse);
  // Awaited or iterated, a failure reaches the caller; left alone, it is not unhandled.
  page.catch(() => {});
  async function* walk(limit) {
    const pager = core.pages(name, id, json(params), coreOptions, entropy(), limit, await first);
    const driver = new Driver(pager, send, signal);
    while ((await driver.until(Items)) === Items) yield* JSON.parse(pager.items());
  }
  return {
    then: (resolve, reject) => page.then(resolve, reject),
    catch: (reject) => page.catch(reject),
    [Symbol.asyncIterator]: () => walk(undefined),
    async autoPagingToArray({ limit } = {}) {
      const out = [];
      for await (const item of walk(limit ?? null)) out.push(item);
      return out;
    },
  };
}

/** Creates a report run and waits for it; the run gains `downloadResult()`: its rows. */
async function createAndWait(core, send, params, wait, onProgress, options) {
  const { signal, core: coreOptions } = split(options);
  const driver = new Driver(core.reportRun(json(params), coreOptions, wait, entropy()), send, signal);
  while ((await driver.until(Progress)) === Progress) onProgress?.(driver.parsed());
  const report = driver.value();
  const text = driver.last;
  Object.defineProperty(report, 'downloadResult', {
    value: () => run(send, options, (o) => core.reportRows(text, o, entropy())),
    enumerable: false,
  });
  return report;
}
