// The webhook wasm's other half (wasm-webhooks/): its calling convention, written by hand
// instead of wasm-bindgen's glue, to keep a webhook-only bundle small (see
// wasm-webhooks/src/lib.rs). It reads the arguments (delivery.js), copies the payload,
// the header and the secrets into the module's memory, and lets the core verify them;
// an event is parsed here by JSON.parse, once, and the core's envelope rules read the
// parsed value through the imports below. A refusal is the core's code and message.
import { readHeader, readOptions, readPayload, readSecrets, refusal, seconds } from './delivery.js';
import { hostHmac } from './host-mac.js';

/** `kind` of the wasm's `verify` and `envelope`. */
const HEADER = 0;
const SNAPSHOT = 1;
const NOTIFICATION = 2;

let wasm;
/** The host's HMAC being computed, between `mac_begin` and `mac_end`. */
let mac;
/** The parsed event, while the core checks its envelope. */
let event;
/** The envelope rules' keys and texts, decoded once: the rules ask for the same ones, at
 * the same addresses, on every call. */
const names = new Map();
const encoder = new TextEncoder();
// A BOM stays in the text, so that JSON.parse refuses it as it refuses any other.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const memory = () => new Uint8Array(wasm.memory.buffer);
const text = (at, length) => decoder.decode(memory().subarray(at, at + length));

function name(at, length) {
  const id = at + length * 2 ** 32;
  let found = names.get(id);
  if (found === undefined) names.set(id, (found = text(at, length)));
  return found;
}

const child = (value, key) => (typeof value === 'object' && value !== null ? value[key] : undefined);

/** The value at a path of `depth` keys (at most two): undefined when a step is missing
 * or not an object. */
function valueAt(depth, key, keyLength, nested, nestedLength) {
  const value = depth > 0 ? child(event, name(key, keyLength)) : event;
  return depth > 1 ? child(value, name(nested, nestedLength)) : value;
}

/** The index of a JSON.parse value's shape in the wasm's SHAPES (wasm-webhooks/src/parsed.rs):
 * absent, null, text, integer (a whole number an i64 holds), boolean, object, other. */
function shape(value) {
  if (value === undefined) return 0;
  if (value === null) return 1;
  switch (typeof value) {
    case 'string':
      return 2;
    case 'number':
      return Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63 ? 3 : 6;
    case 'boolean':
      return 4;
    default:
      return Array.isArray(value) ? 6 : 5;
  }
}

const imports = {
  host: {
    mac_begin: (key, length) => ((mac = hostHmac(memory().subarray(key, key + length))) ? 1 : 0),
    mac_update: (part, length) => {
      mac.update(memory().subarray(part, part + length));
    },
    mac_end: (out) => {
      const digest = mac.digest();
      mac = undefined;
      memory().set(digest.subarray(0, 32), out);
      return digest.length;
    },
    shape: (depth, key, keyLength, nested, nestedLength) => shape(valueAt(depth, key, keyLength, nested, nestedLength)),
    is_text: (depth, key, keyLength, nested, nestedLength, at, length) =>
      valueAt(depth, key, keyLength, nested, nestedLength) === name(at, length) ? 1 : 0,
  },
};

/** Instantiates the module (compiled, or its bytes) with its imports; returns its exports. */
export function initSync({ module }) {
  const compiled = module instanceof WebAssembly.Module ? module : new WebAssembly.Module(module);
  wasm = new WebAssembly.Instance(compiled, imports).exports;
  return wasm;
}

/** Writes a string (as UTF-8) or bytes at `at` in the module's memory; answers how many
 * bytes it wrote. */
function put(part, at) {
  if (typeof part !== 'string') {
    memory().set(part, at);
    return part.length;
  }
  return encoder.encodeInto(part, memory().subarray(at)).written;
}

/** Room for the parts in the module's memory (a string takes at most 3 bytes per UTF-16
 * unit), the parts written there one after the other; answers their lengths. */
function write(parts) {
  const room = parts.reduce((total, part) => total + (typeof part === 'string' ? 3 * part.length : part.length), 0);
  let at = wasm.input(room);
  if (!at) throw new RangeError(`stripe-edge: the webhook arguments (up to ${room} bytes) do not fit in the wasm's memory`);
  return parts.map((part) => {
    const written = put(part, at);
    at += written;
    return written;
  });
}

/** Throws the refusal an export answered, if any, with the delivery's header and payload. */
function check(answer, header, payload) {
  if (answer) {
    const [code, codeLength, message, messageLength] = new Uint32Array(wasm.memory.buffer, answer, 4);
    throw refusal(text(message, messageLength), text(code, codeLength), header, payload);
  }
}

/** Verifies a delivery as `kind` says: `true` for the signature alone, else the event. */
function run(kind, payload, header, secret, options) {
  const { tolerance = NaN, futureTolerance, maxPayloadBytes = NaN, now } = readOptions(options);
  const body = readPayload(payload, header);
  check(wasm.fits(body.length, maxPayloadBytes), header, payload);
  const [bodyLength, headerLength, ...secrets] = write([body, readHeader(header), ...readSecrets(secret)]);
  for (const length of secrets) wasm.secret(length);
  const future = futureTolerance === undefined ? NaN : (futureTolerance ?? Infinity);
  check(wasm.verify(kind, bodyLength, headerLength, tolerance, future, maxPayloadBytes, seconds(now)), header, payload);
  if (kind === HEADER) return true;
  try {
    event = JSON.parse(typeof body === 'string' ? body : decoder.decode(body));
  } catch (error) {
    check(wasm.unparsed(write([String(error.message)])[0]), header, payload);
  }
  try {
    check(wasm.envelope(kind), header, payload);
    return event;
  } finally {
    event = undefined;
  }
}

/** Verifies a webhook delivery and returns the v1 event, parsed. */
export function constructEvent(payload, header, secret, tolerance) {
  return run(SNAPSHOT, payload, header, secret, tolerance);
}

/** Verifies a v2 thin event notification and returns it, parsed. */
export function parseEventNotification(payload, header, secret, tolerance) {
  return run(NOTIFICATION, payload, header, secret, tolerance);
}

/** Verifies a webhook signature: `true`, or throws. */
export function verifyHeader(payload, header, secret, tolerance) {
  return run(HEADER, payload, header, secret, tolerance);
}
