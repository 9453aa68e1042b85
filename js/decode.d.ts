// Type declarations of `stripe-edge/decode` (and of the root `stripe-edge`, which
// re-exports it). Written in the CommonJS form: the build copies this file to
// dist/decode.d.cts, and dist/decode.d.ts re-exports it for ESM consumers.

import type { Resources as ModelResources } from './resources.cjs';
import type { V2Event, V2EventNotification } from './webhooks.cjs';

// The resource models (generated: resources.d.ts). The model of the `event` resource
// is `Resources['event']`; `Event` of the root entry is the webhook event.
export * from './resources.cjs';
export * from './errors.cjs';

/**
 * Every resource `decode` has a model of, by name: Stripe's fixture names (`invoice`,
 * `reporting.report_run`, ...), and `v2.core.event` and `v2.core.event_notification`.
 */
export interface Resources extends ModelResources {
  'v2.core.event': V2Event;
  'v2.core.event_notification': V2EventNotification;
}

/** What `decode` reads: JSON text, its UTF-8 bytes, or a parsed object. */
export type DecodeInput = string | Uint8Array | ArrayBuffer | object;

/**
 * Reads `json` with the model of `resource` and returns the object, equal to the input:
 * members and enum values the model does not know are kept. Throws `StripeDecodeError`
 * naming the path of a field that does not fit.
 */
export declare function decode<N extends keyof Resources>(resource: N, json: DecodeInput): Resources[N];
