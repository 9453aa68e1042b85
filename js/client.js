// The API client: stripe-node's resource names over the core's requests, answer checks,
// retry decisions and page walks. This file only moves bytes through `fetch`; every
// decision is the core's (wasm), so Node, browsers and Workers behave the same.
import * as core from './stripe_edge.js';
import { StripeConnectionError, StripeError, StripeInvalidRequestError, StripeReportRunFailedError, errorFrom } from './api-errors.js';
import { raisingAs } from './errors.js';
import { StripeDecodeError } from './decode.js';

const DEFAULT_BASE = 'https://api.stripe.com';
const DEFAULT_FILES = 'https://files.stripe.com';

/** A client for Stripe's API (or anything that speaks it, such as a proxy or an emulator). */
export function createClient(config = {}) {
  const settings = {
    apiKey: config.apiKey,
    baseUrl: (config.baseUrl ?? DEFAULT_BASE).replace(/\/$/, ''),
    filesUrl: (config.filesUrl ?? config.baseUrl ?? DEFAULT_FILES).replace(/\/$/, ''),
    fetch: config.fetch ?? ((...args) => globalThis.fetch(...args)),
    stripeVersion: config.stripeVersion,
    maxRetries: config.maxRetries ?? 2,
    timeoutMs: config.timeoutMs ?? 80_000,
  };
  const client = {};
  for (const endpoint of JSON.parse(core.apiEndpoints())) {
    const path = endpoint.nodeName.split('.');
    const method = path.pop();
    let namespace = client;
    for (const part of path) namespace = namespace[part] ??= {};
    namespace[method] = bind(settings, endpoint);
  }
  client.reporting.reportRuns.createAndWait = (params, options) => createAndWait(client, params, options);
  client.sigma.scheduledQueryRuns.results = async (id, options) => {
    const run = await client.sigma.scheduledQueryRuns.retrieve(id, undefined, options);
    if (run.status !== 'completed' || !run.file) {
      throw new StripeError({ message: `scheduled query run ${id} is ${run.status}: ${run.error?.message ?? 'no result file'}` });
    }
    return rows(await client.files.contents(run.file.id, undefined, options), { sigma: true });
  };
  client.rawRequest = (method, path, options) => send(settings, rawCall(method, path), options);
  return client;
}

function bind(settings, endpoint) {
  const call = (id, params, options) => {
    if (endpoint.pages) return pages(settings, endpoint, id, params, options);
    return send(settings, endpointCall(endpoint, id, params), options);
  };
  return endpoint.takesId ? call : (params, options) => call(undefined, params, options);
}

/** 16 random bytes for an `Idempotency-Key`, from the platform's secure source. */
const entropy = () => globalThis.crypto.getRandomValues(new Uint8Array(16));

/** A call of an endpoint of the core's table: the core plans it and checks its answer. */
const endpointCall = (endpoint, id, params) => ({
  plan: (options) => core.apiRequest(endpoint.name, id, JSON.stringify(params ?? {}), options, entropy()),
  check: (status, requestId, text) => core.apiAnswer(endpoint.name, status, requestId, text),
});

/** A GET or DELETE of any API path; only the status of its answer is checked. */
const rawCall = (method, path) => ({
  plan: (options) => core.apiRawRequest(method, path, options),
  check: (status, requestId, text) => core.apiError(status, requestId, text),
});

/** The parsed answer of `call`: an object, a page, or a file's bytes. */
async function send(settings, call, options) {
  const { text, bytes } = await exchange(settings, call, options);
  return bytes ?? JSON.parse(text);
}

/** One request with its retries; the answer as text (or bytes), checked by the core. */
async function exchange(settings, call, options = {}) {
  const requestOptions = JSON.stringify({ apiKey: settings.apiKey, stripeVersion: settings.stripeVersion, ...options });
  const refused = (error) => ({ type: 'invalid_request_error', code: error.code, param: error.param ?? undefined });
  const plan = JSON.parse(raisingAs('StripeRequestError', StripeInvalidRequestError, () => call.plan(requestOptions), refused));
  const base = plan.host === 'files' ? settings.filesUrl : settings.baseUrl;
  const maxRetries = options.maxRetries ?? settings.maxRetries;
  for (let retries = 0; ; retries++) {
    let response;
    let failure;
    try {
      response = await fetchOnce(settings, base + plan.path, plan, options);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      failure = error;
    }
    const header = (name) => response?.headers.get(name) ?? undefined;
    const delay = core.retryDelay(retries, maxRetries, response?.status ?? 0, header('stripe-should-retry'), header('retry-after'), Math.random());
    if (delay >= 0) {
      await response?.body?.cancel();
      await sleep(delay, options.signal);
      continue;
    }
    if (failure) {
      throw new StripeConnectionError({ message: `no answer from ${base}: ${failure.message ?? failure}`, type: 'api_connection_error' });
    }
    const requestId = header('request-id');
    if (plan.answer === 'bytes' && response.ok) return { bytes: new Uint8Array(await response.arrayBuffer()) };
    const text = await response.text();
    const problem = call.check(response.status, requestId, text);
    if (problem) throw raise(JSON.parse(problem));
    return { text };
  }
}

function raise(raw) {
  if (raw.class === 'StripeDecodeError') return new StripeDecodeError(raw.message, raw);
  return errorFrom(raw);
}

function fetchOnce(settings, url, plan, options) {
  // A native timeout signal: cheaper per request than a controller and a timer.
  const timeout = AbortSignal.timeout(options.timeoutMs ?? settings.timeoutMs);
  const signal = options.signal ? anySignal([options.signal, timeout]) : timeout;
  return settings.fetch(url, { method: plan.method, headers: plan.headers, body: plan.body ?? undefined, signal });
}

function anySignal(signals) {
  if (AbortSignal.any) return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
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
 */
function pages(settings, endpoint, id, params = {}, options) {
  const first = exchange(settings, endpointCall(endpoint, id, params), options);
  async function* items() {
    const pager = new core.Pager(endpoint.pages, params.ending_before !== undefined);
    let { text } = await first;
    let query = { ...params };
    for (;;) {
      yield* JSON.parse(pager.read(text));
      const next = JSON.parse(pager.next());
      if (next.done) return;
      if (next.url) query = Object.fromEntries(new URL(next.url, settings.baseUrl).searchParams);
      else query = { ...query, [next.param]: next.value };
      ({ text } = await exchange(settings, endpointCall(endpoint, id, query), options));
    }
  }
  const page = first.then(({ text }) => JSON.parse(text));
  // Awaited or iterated, a failure reaches the caller; left alone, it is not unhandled.
  page.catch(() => {});
  return {
    then: (resolve, reject) => page.then(resolve, reject),
    catch: (reject) => page.catch(reject),
    [Symbol.asyncIterator]: items,
    async autoPagingToArray({ limit } = {}) {
      const max = core.autoPagingLimit(limit);
      const out = [];
      for await (const item of items()) {
        out.push(item);
        if (out.length >= max) break;
      }
      return out;
    },
  };
}

/** Typed rows of a CSV result file: money columns in minor units, the rest as text. */
function rows(bytes, { sigma = false } = {}) {
  return JSON.parse(core.csvRows(new TextDecoder().decode(bytes), sigma));
}

async function createAndWait(client, params, { onProgress, pollIntervalMs = 1000, timeoutMs = 600_000, signal, ...options } = {}) {
  let run = await client.reporting.reportRuns.create(params, { ...options, signal });
  const deadline = Date.now() + timeoutMs;
  while (run.status === 'pending') {
    onProgress?.(run);
    if (Date.now() + pollIntervalMs > deadline) {
      throw new StripeError({ message: `report run ${run.id} still pending after ${timeoutMs} ms` });
    }
    await sleep(pollIntervalMs, signal);
    run = await client.reporting.reportRuns.retrieve(run.id, undefined, { ...options, signal });
  }
  onProgress?.(run);
  if (run.status !== 'succeeded') {
    const failed = new StripeReportRunFailedError({ message: `report run ${run.id} ${run.status}: ${run.error ?? 'no reason given'}` });
    failed.run = run;
    throw failed;
  }
  Object.defineProperty(run, 'downloadResult', {
    value: async () => rows(await client.files.contents(run.result.id, undefined, { ...options, signal })),
    enumerable: false,
  });
  return run;
}
