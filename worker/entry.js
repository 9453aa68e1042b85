// The Worker's module entry: workerd compiles the imported .wasm ahead of time, and
// the Rust `#[event(fetch)]` export handles every request.
import module from './stripe_edge_worker_bg.wasm';
import { initSync, fetch } from './stripe_edge_worker.js';

initSync({ module });

export default { fetch };
