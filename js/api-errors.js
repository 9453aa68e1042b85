// The client's errors, with stripe-node's classes and fields: `type` is the class name,
// `rawType` Stripe's `type`; `code`, `param`, `decline_code`, `doc_url`, `statusCode`,
// `requestId`. Which class an answer becomes is decided by the core.

/** Base class of every error the client raises. */
export class StripeError extends Error {
  /** `new StripeError(raw)`, or `(message, raw)` as the package's other errors take it. */
  constructor(messageOrRaw = {}, fields = {}) {
    const raw = typeof messageOrRaw === 'string' ? { ...fields, message: messageOrRaw } : messageOrRaw;
    super(raw.message ?? 'Stripe request failed');
    this.name = new.target.name;
    this.type = new.target.name;
    this.rawType = raw.type;
    this.code = raw.code ?? undefined;
    this.param = raw.param ?? undefined;
    this.decline_code = raw.decline_code ?? undefined;
    this.doc_url = raw.doc_url ?? undefined;
    this.statusCode = raw.statusCode;
    this.requestId = raw.requestId ?? undefined;
    this.raw = raw;
  }
}

/** A bad request: a refused parameter, a missing object, a wrong state. */
export class StripeInvalidRequestError extends StripeError {}
/** A card was declined. */
export class StripeCardError extends StripeError {}
/** Something went wrong on Stripe's side. */
export class StripeAPIError extends StripeError {}
/** The API key is missing or wrong (401). */
export class StripeAuthenticationError extends StripeError {}
/** The key may not do this (403). */
export class StripePermissionError extends StripeError {}
/** Too many requests (429). */
export class StripeRateLimitError extends StripeError {}
/** An `Idempotency-Key` reused with other parameters. */
export class StripeIdempotencyError extends StripeError {}
/** No answer: the connection failed or timed out, after the retries. */
export class StripeConnectionError extends StripeError {}
/** A report run ended `failed`; `run` is the run. */
export class StripeReportRunFailedError extends StripeError {}

const CLASSES = {
  StripeInvalidRequestError,
  StripeCardError,
  StripeAPIError,
  StripeAuthenticationError,
  StripePermissionError,
  StripeRateLimitError,
  StripeIdempotencyError,
};

/** The error for the core's description of a failed answer (`class` names the class). */
export function errorFrom(raw) {
  const Class = CLASSES[raw.class] ?? StripeAPIError;
  return new Class(raw);
}
