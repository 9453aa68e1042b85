// Type declarations of the error classes every entry of `stripe-edge` exports: one
// set of classes, whichever entry they come from (see errors.js). Copied to
// dist/errors.d.cts by the build.

import type { ReportRun, ScheduledQueryRun } from './resources.cjs';

/** The fields of an error as the core (or Stripe) describes it: what `StripeError#raw` holds. */
export interface StripeRawError {
  message?: string;
  /** Stripe's `type`, such as `invalid_request_error`. */
  type?: string;
  code?: string | null;
  param?: string | null;
  decline_code?: string | null;
  doc_url?: string | null;
  statusCode?: number;
  requestId?: string | null;
  [key: string]: unknown;
}

/** Base class of every error the package throws (argument misuse aside, which is a TypeError or RangeError). */
export declare class StripeError extends Error {
  constructor(raw?: StripeRawError);
  constructor(message: string, raw?: StripeRawError);
  /** The class's name, such as `StripeCardError` (stripe-node's `type`). */
  readonly type: string;
  /** Stripe's `type` of the error, such as `card_error`, when there was one. */
  readonly rawType: string | undefined;
  /** Stripe's error code, such as `resource_missing` or `parameter_unknown`. */
  readonly code: string | undefined;
  /** The parameter at fault. */
  readonly param: string | undefined;
  /** Why the card issuer declined, for card errors. */
  readonly decline_code: string | undefined;
  /** A page about the error's code. */
  readonly doc_url: string | undefined;
  /** The HTTP status of the answer; undefined when no answer was involved. */
  readonly statusCode: number | undefined;
  /** The answer's `Request-Id`. */
  readonly requestId: string | undefined;
  /** The error's fields as they were given. */
  readonly raw: StripeRawError;
}

/** A bad request: a refused or missing parameter (found before sending, too), a missing object, a wrong state. */
export declare class StripeInvalidRequestError extends StripeError {
  readonly type: 'StripeInvalidRequestError';
}
/** A card was declined. */
export declare class StripeCardError extends StripeError {
  readonly type: 'StripeCardError';
}
/** Something went wrong on Stripe's side. */
export declare class StripeAPIError extends StripeError {
  readonly type: 'StripeAPIError';
}
/** The API key is missing or wrong (401). */
export declare class StripeAuthenticationError extends StripeError {
  readonly type: 'StripeAuthenticationError';
}
/** The key may not do this (403). */
export declare class StripePermissionError extends StripeError {
  readonly type: 'StripePermissionError';
}
/** Too many requests (429). */
export declare class StripeRateLimitError extends StripeError {
  readonly type: 'StripeRateLimitError';
}
/** An `Idempotency-Key` reused with other parameters. */
export declare class StripeIdempotencyError extends StripeError {
  readonly type: 'StripeIdempotencyError';
}
/** No answer: the connection failed or timed out, after the retries. */
export declare class StripeConnectionError extends StripeError {
  readonly type: 'StripeConnectionError';
}
/** A report run that `createAndWait` waited for ended without succeeding. */
export declare class StripeReportRunFailedError extends StripeError {
  readonly type: 'StripeReportRunFailedError';
  /** The run, as last retrieved: a report run (`createAndWait`) or a Sigma run (`results`). */
  run: ReportRun | ScheduledQueryRun;
}

/** The stable code of each way a webhook can be refused. */
export type SignatureVerificationErrorCode =
  | 'missing_payload'
  | 'payload_not_raw'
  | 'payload_too_large'
  | 'missing_header'
  | 'malformed_header'
  | 'no_v1_signature'
  | 'empty_secret'
  | 'no_matching_signature'
  | 'timestamp_outside_tolerance'
  | 'invalid_json'
  | 'invalid_event'
  | 'wrong_event_kind';

/** Thrown for every refused webhook. */
export declare class StripeSignatureVerificationError extends StripeError {
  readonly name: 'StripeSignatureVerificationError';
  readonly type: 'StripeSignatureVerificationError';
  readonly code: SignatureVerificationErrorCode;
  /** The header as it was passed. */
  readonly header: unknown;
  /** The payload as it was passed. */
  readonly payload: unknown;
}

/** The stable code of each way `decode` can refuse a value. */
export type DecodeErrorCode =
  | 'invalid_json'
  | 'missing_field'
  | 'invalid_type'
  | 'wrong_object'
  | 'too_deep'
  | 'too_many_members'
  | 'unknown_resource'
  /** The client's: a page of a list that does not read as one. */
  | 'invalid_page'
  /** The client's: a result file that does not read as CSV. */
  | 'invalid_file';

/** Thrown by `decode` for a value that does not fit its model, or an unknown resource; and by the client for an answer that does not fit its model. */
export declare class StripeDecodeError extends StripeError {
  readonly name: 'StripeDecodeError';
  readonly type: 'StripeDecodeError';
  readonly code: DecodeErrorCode;
  /** The field that does not fit, as in `lines.data[0].amount`; empty for the whole value. */
  readonly path: string;
  /** The resource name `decode` was given. */
  readonly resource: string;
}

/** The stable code of each rule a query can break. */
export type SearchErrorCode =
  | 'empty_query'
  | 'unexpected_character'
  | 'unexpected_end'
  | 'unterminated_string'
  | 'unquoted_value'
  | 'invalid_number'
  | 'parentheses_not_supported'
  | 'mixed_and_or'
  | 'too_many_clauses'
  | 'substring_too_short'
  | 'unknown_field'
  | 'invalid_operator'
  | 'invalid_value'
  | 'unknown_resource'
  | 'cannot_restrict';

/** Thrown for a query that breaks a rule of the language or of the resource's fields. */
export declare class StripeSearchError extends StripeError {
  readonly name: 'StripeSearchError';
  readonly type: 'StripeSearchError';
  readonly code: SearchErrorCode;
  /** The first byte at fault. */
  readonly start: number;
  /** One past the last byte at fault. */
  readonly end: number;
  /** What would have been accepted there. */
  readonly expected: string;
}
