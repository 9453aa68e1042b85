// Small DOM helpers shared by the pages: elements, tables, dates, amounts and errors.

/** An element `tag` with `attrs` (properties, `on*` listeners, `class`, `aria-*`/`data-*` attributes) and children. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name.includes('-') || name === 'for' || name === 'role' || name === 'scope') element.setAttribute(name, value === true ? '' : value);
    else element[name] = value;
  }
  element.append(...children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false));
  return element;
}

/** The element with id `id`; throws when the page lacks it. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/** A table in a keyboard-scrollable region: `columns` are `{ label, cell(row) }`, `caption` names it. */
export function table(caption, columns, rows, { empty = 'Nothing to show.' } = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  const head = h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column.label)));
  // Each cell carries its column's name: narrow screens show a row as a card of labelled cells.
  const body = rows.map((row) => h('tr', {}, columns.map((column) => h('td', { 'data-label': column.label }, column.cell(row)))));
  return h(
    'div',
    { class: 'table-wrap', tabIndex: 0, role: 'region', 'aria-label': caption },
    h('table', {}, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, body)),
  );
}

/** Unix seconds as a UTC date and time (`2026-11-30 07:13 UTC`). */
export function when(seconds) {
  if (typeof seconds !== 'number') return '';
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** An amount in the currency's minor unit (cents, yen), written with its currency. */
export function money(amount, currency) {
  if (typeof amount !== 'number' || !currency) return amount == null ? '' : String(amount);
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() });
  return format.format(amount / 10 ** format.resolvedOptions().maximumFractionDigits);
}

/** Shows `error` in `container` as Stripe (or the package) gave it: status, type, code, message, param, request id. */
export function showError(container, error, heading = 'Refused') {
  const fields = [
    ['HTTP status', error?.statusCode],
    ['class', error?.type],
    ['Stripe type', error?.rawType],
    ['code', error?.code],
    ['param', error?.param],
    ['request id', error?.requestId],
  ].filter(([, value]) => value !== undefined && value !== null && value !== '');
  container.replaceChildren(
    h(
      'div',
      { class: 'error', role: 'alert' },
      h('p', {}, h('strong', {}, `${heading}: `), String(error?.message ?? error)),
      fields.length ? h('dl', { class: 'facts' }, fields.map(([name, value]) => [h('dt', {}, name), h('dd', {}, h('code', {}, String(value)))])) : null,
    ),
  );
}

/** A definition list of `[name, value]` pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value ?? '')]));
}

/** Pretty JSON in a labelled, keyboard-scrollable block. */
export function json(label, value) {
  return h('pre', { class: 'json', tabIndex: 0, role: 'region', 'aria-label': label }, JSON.stringify(value, null, 2));
}
