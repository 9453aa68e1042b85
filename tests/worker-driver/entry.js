// The test Worker's module entry (see ../../worker/entry.js).
import module from './stripe_edge_driver_tests_bg.wasm';
import { initSync, fetch } from './stripe_edge_driver_tests.js';

initSync({ module });

export default { fetch };
