// The interop suite against stripe-node (interop.test.mjs) with the MAC computed by the
// wasm's own HMAC in Node: without process.getBuiltinModule the package finds no native
// HMAC at load, as in a browser or in workerd without nodejs_compat.
process.getBuiltinModule = undefined;
await import('./interop.test.mjs');
