// Node (CommonJS): bundled into dist/node.cjs; the module is compiled synchronously.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './stripe_edge.js';

initSync({ module: readFileSync(join(__dirname, 'stripe_edge_bg.wasm')) });

export * from './webhooks.js';
export * from './decode.js';
export * from './search.js';
export * from './client.js';
export * from './errors.js';
