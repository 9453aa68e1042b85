// The Worker's module entry: workerd compiles the imported .wasm ahead of time; the
// Rust `fetch` and `#[event(queue)]` exports handle requests and queue
// batches, and the Durable Object classes are the webhook ledger and registry.
import module from './stripe_edge_worker_bg.wasm';
import { initSync, fetch, queue } from './stripe_edge_worker.js';

initSync({ module });

export { Ledger, Registry } from './stripe_edge_worker.js';
export default { fetch, queue };
