// The public resource API: `decode`, with values that do not fit their model raised as
// StripeDecodeError. The models and every check live in the Rust core.
import * as core from './stripe_edge.js';
import { raisingAs } from './errors.js';

/** Thrown when a value does not fit its resource model; `path` names the field. */
export class StripeDecodeError extends Error {
  constructor(message, { code, path = '', resource } = {}) {
    super(message);
    this.name = 'StripeDecodeError';
    this.code = code;
    this.path = path;
    this.resource = resource;
  }
}

/** Checks `json` (text, UTF-8 bytes or a parsed object) against the model of `resource`. */
export function decode(resource, json) {
  const fields = (error) => ({ code: error.code, path: error.path, resource });
  return raisingAs('StripeDecodeError', StripeDecodeError, () => core.decode(resource, json), fields);
}
