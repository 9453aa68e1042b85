// The webhook debugger: a thin UI over the package's verifyHeader, constructEvent,
// parseEventNotification, generateTestHeaderString and decode. Nothing is sent anywhere.
import { constructEvent, parseEventNotification, verifyHeader } from '/vendor/stripe-edge/webhooks.browser.js';
import { explainSignature, generateTestHeaderString } from '/vendor/stripe-edge/testing.browser.js';
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

/** The signature's details from the package: signing time, age, which secret each v1 matches; undefined when the header cannot be read. */
function explain(payload, header, list) {
  try {
    return explainSignature(payload, header, list);
  } catch {
    return undefined;
  }
}

/** The age in words. */
const ago = (age) => (age >= 0 ? `${age} s ago` : `${-age} s in the future`);

/** One line per v1 of the header: which secret it matches. */
function signatureLines(details, list) {
  return h('ul', { id: 'signatures' }, details.signatures.map((s) =>
    h('li', {}, `v1 #${s.index + 1}: `, s.secret === null ? 'matches none of the secrets' : h('strong', {}, `matches secret ${s.secret + 1} of ${list.length}`))));
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
  const details = explain(payload, header, list);
  const timing = details
    ? [['signed', `${ago(details.age)} (t=${details.timestamp})`], ['tolerance', options.tolerance === 0 ? 'off (0)' : `${options.tolerance} s`]]
    : [['tolerance', options.tolerance === 0 ? 'off (0)' : `${options.tolerance} s`]];
  try {
    verifyHeader(payload, header, list, options);
    verdict = h(
      'div',
      { class: 'ok', 'data-verdict': 'valid' },
      h('p', { class: 'verdict' }, 'Valid: a v1 signature matches, within the tolerance.'),
      facts(timing),
      signatureLines(details, list),
    );
  } catch (error) {
    verdict = h(
      'div',
      { class: 'error', 'data-verdict': 'invalid' },
      h('p', { class: 'verdict' }, 'Refused.'),
      facts([['code', h('code', { 'data-code': error.code ?? '' }, error.code ?? error.name)], ['message', error.message], ...timing]),
      details ? signatureLines(details, list) : null,
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
