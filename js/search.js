// The search query language: parse, match, restrict, and a builder that records its
// steps for the core to check, quote and print. Every rule lives in the Rust core.
import * as core from './search-core.js';

/** Parses and checks `query` for `resource`; returns its clauses and canonical text. */
export const parseSearchQuery = (query, resource) => JSON.parse(core.parseSearchQuery(query, resource));

/** Whether `object` (parsed, or JSON text or bytes) matches `query` with Stripe's semantics. */
export const matchesSearchQuery = (query, resource, object) => core.matchesSearchQuery(query, resource, object);

/** `query` restricted to objects whose token field `field` is `value`. */
export const restrictSearchQuery = (query, resource, field, value) => core.restrictSearchQuery(query, resource, field, value);

/** A query being built: each step returns a new builder, so a builder can be reused. */
class SearchBuilder {
  constructor(resource, steps) {
    this.resource = resource;
    this.steps = steps;
  }

  where(field) {
    return new Condition(this, { joiner: 'and', field });
  }

  and(field) {
    return new Condition(this, { joiner: 'and', field });
  }

  or(field) {
    return new Condition(this, { joiner: 'or', field });
  }

  /** The canonical query text; throws StripeSearchError when a rule is broken. */
  build() {
    return core.buildSearchQuery(this.resource, this.steps);
  }

  toString() {
    return this.build();
  }
}

/** A clause waiting for its operator and value. */
class Condition {
  constructor(builder, step) {
    this.builder = builder;
    this.step = step;
  }

  not() {
    return new Condition(this.builder, { ...this.step, negated: !this.step.negated });
  }

  key(key) {
    return new Condition(this.builder, { ...this.step, key });
  }

  compare(operator, value) {
    return new SearchBuilder(this.builder.resource, [...this.builder.steps, { ...this.step, operator, value }]);
  }

  eq(value) {
    return this.compare(':', value);
  }

  contains(text) {
    return this.compare('~', text);
  }

  gt(number) {
    return this.compare('>', number);
  }

  lt(number) {
    return this.compare('<', number);
  }

  gte(number) {
    return this.compare('>=', number);
  }

  lte(number) {
    return this.compare('<=', number);
  }

  isNull() {
    return this.compare(':', null);
  }
}

/** Starts a query for a searchable resource (`'invoices'`, `'charges'`, ...). */
export const search = (resource) => new SearchBuilder(resource, []);
