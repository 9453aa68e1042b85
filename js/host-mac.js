// The host's native, synchronous HMAC-SHA256, when it has one: `node:crypto` in Node
// (20.16 and later) and in workerd with `nodejs_compat`, found once at load through
// `process.getBuiltinModule`. Elsewhere (browsers, workerd without `nodejs_compat`,
// older Node) the webhook wasm computes the MAC itself. The wasm imports this module
// (wasm-webhooks/src/host_mac.rs, through webhooks-core.js); every check but the MAC
// stays in the core either way.
const crypto = globalThis.process?.getBuiltinModule?.('node:crypto');

/** Which provider computes the webhook MAC here: `'node:crypto'` or `'wasm'`. */
export const macProvider = typeof crypto?.createHmac === 'function' ? 'node:crypto' : 'wasm';

/** The host's HMAC-SHA256 keyed with `key`, or undefined when the wasm computes it. */
export const hostHmac = macProvider === 'wasm' ? () => undefined : (key) => crypto.createHmac('sha256', key);
