// The public resource API: `decode`, which checks a value against its resource model in
// the Rust core; a misfit is thrown as StripeDecodeError by the core.
export { decode } from './decode-core.js';
