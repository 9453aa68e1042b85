// Type declarations of `stripe-edge/search` (and of the root `stripe-edge`, which
// re-exports it). Written in the CommonJS form: the build copies this file to
// dist/search.d.cts, and dist/search.d.ts re-exports it for ESM consumers.

import type { DecodeInput } from './decode.cjs';

export * from './errors.cjs';

/** A resource with a search endpoint (`/v1/{resource}/search`); the singular object name works too. */
export type SearchResource =
  | 'charges'
  | 'customers'
  | 'invoices'
  | 'payment_intents'
  | 'prices'
  | 'products'
  | 'subscriptions'
  | 'charge'
  | 'customer'
  | 'invoice'
  | 'payment_intent'
  | 'price'
  | 'product'
  | 'subscription';

/** A comparison operator of Stripe's search language. */
export type SearchOperator = ':' | '~' | '>' | '<' | '>=' | '<=';

/** One clause of a parsed query. */
export interface SearchClause {
  /** Whether the clause is negated with `-`. */
  negated: boolean;
  /** The field's path, such as `status` or `metadata`. */
  field: string;
  /** The key of a metadata field: `metadata["key"]`. */
  key?: string;
  operator: SearchOperator;
  /** A string, an integer, or null for "has no value". */
  value: string | number | null;
  /** The byte offsets of the clause in the query text. */
  start: number;
  end: number;
}

/** A query that follows the language's rules and the resource's query fields. */
export interface SearchQuery {
  resource: string;
  /** How the clauses combine; Stripe's language uses one throughout. */
  joiner: 'and' | 'or';
  clauses: SearchClause[];
  /** The canonical text of the query. */
  query: string;
}

/** Parses and checks `query` for `resource`; throws StripeSearchError with the bytes at fault. */
export declare function parseSearchQuery(query: string, resource: SearchResource): SearchQuery;

/** Whether `object` (parsed, or JSON text or bytes) matches `query`, with Stripe's semantics. */
export declare function matchesSearchQuery(query: string, resource: SearchResource, object: DecodeInput): boolean;

/** `query` restricted to objects whose token field `field` equals `value` (ignoring case, as Stripe compares tokens); throws `cannot_restrict` when the language cannot say it. */
export declare function restrictSearchQuery(query: string, resource: SearchResource, field: string, value: string): string;

/** A clause waiting for its operator and value. */
export interface SearchCondition {
  /** Negates the clause (`-field:value`). */
  not(): SearchCondition;
  /** Tests one key of a metadata field: `metadata["key"]`. */
  key(key: string): SearchCondition;
  eq(value: string | number | boolean | null): SearchBuilder;
  /** Contains `text` (at least 3 characters). */
  contains(text: string): SearchBuilder;
  gt(number: number): SearchBuilder;
  lt(number: number): SearchBuilder;
  gte(number: number): SearchBuilder;
  lte(number: number): SearchBuilder;
  /** Has no value (`field:null`). */
  isNull(): SearchBuilder;
  compare(operator: SearchOperator, value: string | number | boolean | null): SearchBuilder;
}

/** A query being built; every step returns a new builder. */
export interface SearchBuilder {
  where(field: string): SearchCondition;
  and(field: string): SearchCondition;
  or(field: string): SearchCondition;
  /** The canonical query text, quoted and escaped; throws StripeSearchError when a rule is broken. */
  build(): string;
  toString(): string;
}

/** Starts a query: `search('invoices').where('status').eq('open').and('total').gt(1000).build()`. */
export declare function search(resource: SearchResource): SearchBuilder;
