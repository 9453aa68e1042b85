// The webhook debugger: a thin UI over the package's verifyHeader, constructEvent,
// parseEventNotification, generateTestHeaderString and decode. Nothing is sent anywhere.
import { constructEvent, generateTestHeaderString, parseEventNotification, verifyHeader } from '/vendor/stripe-edge/webhooks.browser.js';
import { decode } from '/vendor/stripe-edge/decode.browser.js';
import { byId, facts, h, json } from './dom.js';

const payloadInput = byId('payload');
const headerInput = byId('header');
const secretsInput = byId('secrets');
const toleranceInput = byId('tolerance');
const verdictOut = byId('verdict');
const eventOut = byId('event');

/** The secrets typed, one per line (or comma-separated). */
const secrets = () => secretsInput.value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);

/** The tolerance typed, in seconds. */
const tolerance = () => Number(toleranceInput.value === '' ? 300 : toleranceInput.value);

/** Which of `list` verifies the delivery (1-based), asking the package with each secret alone. */
function matchingSecret(payload, header, list, options) {
  return list.findIndex((secret) => {
    try {
      return verifyHeader(payload, header, secret, options);
    } catch {
      return false;
    }
  }) + 1;
}

/** The signature's age in seconds (negative: dated in the future), found by asking the
 * package's own check with narrowing tolerances: the page never reads the header itself. */
function signatureAge(payload, header, secret) {
  const holds = (options) => {
    try {
      return verifyHeader(payload, header, secret, options);
    } catch {
      return false;
    }
  };
  /** The smallest whole number from `low` for which `within` holds (it holds from there on). */
  const smallest = (low, within) => {
    let high = 2 ** 40;
    if (!within(high)) return undefined;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (within(middle)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  // Only the past counts with `futureTolerance: 0`; only the future with `tolerance: 0`.
  const past = smallest(1, (seconds) => holds({ tolerance: seconds, futureTolerance: 0 }));
  if (past !== undefined) return past === 1 && holds({ tolerance: 0.5, futureTolerance: 0 }) ? 0 : past;
  const future = smallest(0, (seconds) => holds({ tolerance: 0, futureTolerance: seconds }));
  return future === undefined ? undefined : -future;
}

/** The event's typed decode: the envelope's model, then its object's when the package knows it. */
function typedDecode(payload) {
  const parts = [];
  let envelope;
  for (const resource of ['event', 'v2.core.event_notification']) {
    try {
      envelope = decode(resource, payload);
      parts.push(h('p', { class: 'ok', 'data-decode': 'ok' }, `The payload decodes with the ${resource} model.`));
      break;
    } catch (error) {
      if (error.code === 'wrong_object' && resource === 'event') continue;
      parts.push(h('p', { class: 'error', 'data-decode': 'error' }, `The payload does not decode as ${resource}: ${error.code} ${error.path ? `at ${error.path}` : ''}: ${error.message}`));
      return { parts };
    }
  }
  const object = envelope?.data?.object;
  if (object && typeof object.object === 'string') {
    try {
      decode(object.object, object);
      parts.push(h('p', { class: 'ok' }, `data.object decodes with the ${object.object} model.`));
    } catch (error) {
      parts.push(h('p', { class: 'note' }, `data.object (${object.object}): ${error.code}${error.path ? ` at ${error.path}` : ''}: ${error.message}`));
    }
  }
  return { parts, envelope };
}

/** Verifies what the form holds and shows the verdict and the event. */
function verify() {
  const payload = payloadInput.value;
  const header = headerInput.value;
  const list = secrets();
  const options = { tolerance: tolerance() };
  let verdict;
  try {
    verifyHeader(payload, header, list, options);
    const which = matchingSecret(payload, header, list, options);
    const age = signatureAge(payload, header, list[which - 1]);
    verdict = h(
      'div',
      { class: 'ok', 'data-verdict': 'valid' },
      h('p', { class: 'verdict' }, 'Valid: a v1 signature matches.'),
      facts([
        ['secret', `number ${which} of ${list.length}`],
        ['signed', age === undefined ? 'unknown' : age >= 0 ? `${age} s ago` : `${-age} s in the future`],
        ['tolerance', options.tolerance === 0 ? 'off (0)' : `${options.tolerance} s`],
      ]),
    );
  } catch (error) {
    verdict = h(
      'div',
      { class: 'error', 'data-verdict': 'invalid' },
      h('p', { class: 'verdict' }, 'Refused.'),
      facts([
        ['code', h('code', { 'data-code': error.code ?? '' }, error.code ?? error.name)],
        ['message', error.message],
        ['tolerance', options.tolerance === 0 ? 'off (0)' : `${options.tolerance} s`],
      ]),
    );
  }
  verdictOut.replaceChildren(verdict);
  showEvent(payload, header, list, options);
}

/** The event's type, its verified form (or why not) and its typed decode. */
function showEvent(payload, header, list, options) {
  if (payload.trim() === '') {
    eventOut.replaceChildren(h('p', { class: 'empty' }, 'No payload.'));
    return;
  }
  let event;
  let refusal;
  try {
    event = constructEvent(payload, header, list, options);
  } catch (error) {
    if (error.code === 'wrong_event_kind') {
      try {
        event = parseEventNotification(payload, header, list, options);
      } catch (again) {
        refusal = again;
      }
    } else refusal = error;
  }
  const { parts, envelope } = typedDecode(payload);
  const shown = event ?? envelope;
  eventOut.replaceChildren(
    facts([
      ['type', h('code', { id: 'event-type' }, shown?.type ?? '(none)')],
      ['id', shown?.id ?? ''],
      ['verified', event ? 'yes' : `no (${refusal?.code ?? 'refused'}): shown as decoded, unverified`],
    ]),
    ...parts,
    shown ? json('The event', shown) : null,
  );
}

/** A test event signed with the first secret (a new random one when none is typed). */
function signTestEvent() {
  if (secrets().length === 0) {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    secretsInput.value = `whsec_${btoa(String.fromCharCode(...bytes))}`;
  }
  const now = Math.floor(Date.now() / 1000);
  const payload = JSON.stringify(
    {
      id: `evt_test_${now.toString(36)}`,
      object: 'event',
      api_version: '2023-08-16',
      created: now,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'reporting.report_type.updated',
      data: {
        object: {
          id: 'balance.summary.1',
          object: 'reporting.report_type',
          name: 'Balance summary',
          data_available_start: now - 86_400 * 30,
          data_available_end: now - 3600,
          default_columns: ['category', 'currency', 'net_amount'],
          livemode: false,
          updated: now,
          version: 1,
        },
      },
    },
    null,
    2,
  );
  payloadInput.value = payload;
  headerInput.value = generateTestHeaderString({ payload, secret: secrets()[0] });
  verify();
}

byId('verify-form').addEventListener('submit', (event) => {
  event.preventDefault();
  verify();
});
byId('sign').addEventListener('click', signTestEvent);
