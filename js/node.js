// Node (ESM): the module is compiled synchronously at import.
import { readFileSync } from 'node:fs';
import { initSync } from './stripe_edge.js';

initSync({ module: readFileSync(new URL('./stripe_edge_bg.wasm', import.meta.url)) });

export * from './webhooks.js';
export * from './decode.js';
export * from './search.js';
export * from './client.js';
export * from './errors.js';
