// The search playground: a thin UI over the package's parseSearchQuery (checked as you
// type, the bytes at fault highlighted), its query builder, and invoices.search through
// the proxy.
import { parseSearchQuery, search } from '/vendor/stripe-edge/search.browser.js';
import { byId, h, money, showError, table, when } from './dom.js';
import { mountSignIn, proxyClient } from './session.js';

const resourceInput = byId('resource');
const queryInput = byId('query');
const check = byId('query-check');
const results = byId('results');
const builderStatus = byId('builder-status');
let client;
let steps = [];

/** `text`'s UTF-16 index of UTF-8 byte offset `bytes` (the package's spans are byte offsets). */
function charIndex(text, bytes) {
  const encoded = new TextEncoder().encode(text);
  return new TextDecoder().decode(encoded.slice(0, bytes)).length;
}

/** The query with the bytes `start..end` marked, or a marker at the end for an empty span. */
function highlighted(text, start, end) {
  const [from, to] = [charIndex(text, start), charIndex(text, end)];
  const mark = from === to ? h('mark', { class: 'at-end', id: 'fault' }, '\u2038') : h('mark', { id: 'fault' }, text.slice(from, to));
  return h('pre', { class: 'query-view', 'aria-label': 'The query with the part at fault marked' }, text.slice(0, from), mark, text.slice(to));
}

/** Checks the query as typed and shows the canonical form or the error. */
function validate() {
  const text = queryInput.value;
  try {
    const parsed = parseSearchQuery(text, resourceInput.value);
    queryInput.removeAttribute('aria-invalid');
    check.replaceChildren(
      h('div', { class: 'ok', 'data-valid': 'true' },
        h('p', {}, 'Valid. Canonical form: ', h('code', { id: 'canonical' }, parsed.query)),
        table('Clauses', [
          { label: 'field', cell: (c) => (c.key ? `${c.field}["${c.key}"]` : c.field) },
          { label: 'operator', cell: (c) => `${c.negated ? '-' : ''}${c.operator}` },
          { label: 'value', cell: (c) => JSON.stringify(c.value) },
          { label: 'bytes', cell: (c) => `${c.start}..${c.end}` },
        ], parsed.clauses),
      ),
    );
    return parsed;
  } catch (error) {
    if (error.start === undefined) throw error;
    queryInput.setAttribute('aria-invalid', 'true');
    check.replaceChildren(
      h('div', { class: 'error', 'data-valid': 'false' },
        h('p', {}, h('code', { id: 'error-code' }, error.code), ': ', error.message),
        h('p', {}, 'Expected here: ', h('code', { id: 'expected' }, error.expected || '(nothing more)'), ` (bytes ${error.start}..${error.end})`),
        highlighted(text, error.start, error.end),
      ),
    );
    return undefined;
  }
}

/** Adds the builder form's clause to the steps and writes the built query into the query box. */
function addClause() {
  const value = byId('b-value').value;
  const operator = byId('b-operator').value;
  const step = {
    joiner: byId('b-joiner').value,
    field: byId('b-field').value.trim(),
    key: byId('b-key').value.trim(),
    negated: byId('b-not').checked,
    operator,
    value: operator === 'null' ? null : byId('b-number').checked ? Number(value) : value,
  };
  const next = [...steps, step];
  try {
    const built = next.reduce((builder, s, index) => {
      let condition = index === 0 ? builder.where(s.field) : s.joiner === 'or' ? builder.or(s.field) : builder.and(s.field);
      if (s.key) condition = condition.key(s.key);
      if (s.negated) condition = condition.not();
      return s.operator === 'null' ? condition.isNull() : condition.compare(s.operator, s.value);
    }, search(resourceInput.value)).build();
    steps = next;
    queryInput.value = built;
    builderStatus.replaceChildren(h('p', { class: 'ok' }, `${steps.length} clause${steps.length === 1 ? '' : 's'}: written into the query box.`));
    validate();
  } catch (error) {
    builderStatus.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Not added: ${error.code ?? ''} ${error.message}`));
  }
}

/** Runs the query through the proxy (invoices: the endpoint the policy allows). */
async function run() {
  const parsed = validate();
  if (!parsed) return;
  if (!client) {
    results.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Sign in first (above).'));
    return;
  }
  if (resourceInput.value !== 'invoices') {
    results.replaceChildren(h('p', { class: 'note' }, "The proxy's policy and the client search invoices only; the other resources can be checked here, not run."));
    return;
  }
  results.replaceChildren(h('p', {}, 'Searching…'));
  try {
    const page = await client.invoices.search({ query: parsed.query, limit: 100 });
    results.replaceChildren(
      h('p', {}, `${page.data.length} invoice${page.data.length === 1 ? '' : 's'}${page.has_more ? ' (more on later pages)' : ''}.`),
      table('Invoices found', [
        { label: 'id', cell: (i) => i.id },
        { label: 'customer', cell: (i) => String(i.customer ?? '') },
        { label: 'status', cell: (i) => i.status ?? '' },
        { label: 'total', cell: (i) => money(i.total, i.currency) },
        { label: 'created', cell: (i) => when(i.created) },
      ], page.data, { empty: 'No invoice matches.' }),
    );
  } catch (error) {
    showError(results, error);
  }
}

queryInput.addEventListener('input', validate);
resourceInput.addEventListener('change', () => {
  steps = [];
  validate();
});
byId('query-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
byId('builder').addEventListener('submit', (event) => {
  event.preventDefault();
  addClause();
});
byId('b-clear').addEventListener('click', () => {
  steps = [];
  builderStatus.replaceChildren(h('p', {}, 'The next clause starts a new query.'));
});
mountSignIn(byId('session'), ['customer', 'back-office'], (session) => {
  client = proxyClient(session.token);
  if (results.querySelector('.empty')) results.replaceChildren(h('p', { class: 'empty' }, 'Run the query to see what it finds.'));
});
validate();
