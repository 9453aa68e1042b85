// Every error the package throws about a webhook, a value, a query or a call, as in
// stripe-node: one base class, `StripeError`, and a subclass per kind. The wasm module
// imports these classes and constructs them itself (wasm/src/errors.rs), so an error
// is raised once, as its real class, wherever it starts; misuse of an argument is a
// TypeError or RangeError, as JavaScript's own functions throw.

/** Base class of every error the package throws. */
export class StripeError extends Error {
  /** `new StripeError(message, fields)`, or `new StripeError(raw)` as in stripe-node. */
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

/** A report run or Sigma run ended without a result; `run` is the run. */
export class StripeReportRunFailedError extends StripeError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.run = fields.run;
  }
}

/** A refused webhook; `code` says which check refused it. */
export class StripeSignatureVerificationError extends StripeError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.header = fields.header;
    this.payload = fields.payload;
  }
}

/** A value that does not fit its resource model; `path` names the field. */
export class StripeDecodeError extends StripeError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.path = fields.path ?? '';
    this.resource = fields.resource;
  }
}

/** A search query that breaks a rule; `start`/`end` are the bytes at fault. */
export class StripeSearchError extends StripeError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.start = fields.start ?? 0;
    this.end = fields.end ?? 0;
    this.expected = fields.expected ?? '';
  }
}
