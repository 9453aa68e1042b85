// Browsers and bundlers: the module is fetched and compiled while this module loads
// (top-level await), so every function is synchronous once imported.
import init from './stripe_edge.js';

await init({ module_or_path: new URL('./stripe_edge_bg.wasm', import.meta.url) });

export * from './webhooks.js';
export * from './decode.js';
export * from './search.js';
export * from './client.js';
export * from './errors.js';
