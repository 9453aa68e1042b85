// Type declarations of the npm package `stripe-edge`: the root entry re-exports every
// capability's entry (`stripe-edge/webhooks`, `/testing`, `/decode`, `/search`,
// `/client`). The build copies this file to dist/index.d.cts and dist/index.d.ts alike.

export * from './webhooks.cjs';
export * from './testing.cjs';
export * from './decode.cjs';
export * from './search.cjs';
export * from './client.cjs';

// `Event` is the webhook event `constructEvent` returns; the model of the `event`
// resource is `Resources['event']`.
export type { Event } from './webhooks.cjs';
