// Cloudflare Workers (workerd): the runtime compiles imported .wasm files ahead of time;
// compiling bytes at run time is not allowed there.
import module from './stripe_edge_bg.wasm';
import { initSync } from './stripe_edge.js';

initSync({ module });

export * from './webhooks.js';
export * from './decode.js';
export * from './search.js';
export * from './client.js';
export * from './errors.js';
