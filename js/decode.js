// The public resource API: `decode`, with values that do not fit their model raised as
// StripeDecodeError. The models and every check live in the Rust core.
import * as core from './stripe_edge.js';

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
  try {
    return core.decode(resource, json);
  } catch (error) {
    if (error instanceof Error && error.name === 'StripeDecodeError') {
      throw new StripeDecodeError(error.message, { code: error.code, path: error.path, resource });
    }
    throw error;
  }
}
