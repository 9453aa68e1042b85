// Invoices through the proxy: as the demo customer (the Worker shows them their own
// invoices only) or as back-office (any invoice; send and void after a confirmation).
// A thin UI over the package's client; refusals are shown as Stripe (or the proxy) gave them.
import { byId, facts, h, money, showError, table, when } from './dom.js';
import { mountSignIn, proxyClient } from './session.js';

const list = byId('list');
const detail = byId('detail');
const actions = byId('actions');
const timeline = byId('timeline');
let client;
let session;

/** Shows a page of invoices, each id a button that opens it. */
function showInvoices(invoices, note) {
  list.replaceChildren(
    h('p', {}, note),
    table('Invoices', [
      { label: 'invoice', cell: (i) => h('button', { type: 'button', class: 'link', 'data-invoice': i.id, onclick: () => open(i.id) }, i.id) },
      { label: 'customer', cell: (i) => String(i.customer ?? '') },
      { label: 'status', cell: (i) => h('span', { 'data-status': i.id }, i.status ?? '') },
      { label: 'amount due', cell: (i) => money(i.amount_due, i.currency) },
      { label: 'created', cell: (i) => when(i.created) },
    ], invoices, { empty: 'No invoices.' }),
  );
}

/** Lists the invoices (every page, up to 1000), or those matching the search box. */
async function load() {
  if (!client) return;
  const query = byId('invoice-query').value.trim();
  list.replaceChildren(h('p', {}, 'Loading…'));
  try {
    const invoices = query
      ? await client.invoices.search({ query, limit: 100 }).autoPagingToArray({ limit: 1000 })
      : await client.invoices.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
    const who = session.scope === 'customer' ? `customer ${session.sub}` : 'back-office';
    showInvoices(invoices, `${invoices.length} invoice${invoices.length === 1 ? '' : 's'} visible to ${who}${query ? ` matching ${query}` : ''}.`);
  } catch (error) {
    showError(list, error);
  }
}

/** Opens one invoice: its detail, its actions (back-office) and its v2 events. */
async function open(id) {
  detail.replaceChildren(h('p', {}, 'Loading…'));
  actions.replaceChildren();
  timeline.replaceChildren();
  byId('detail-heading').focus();
  try {
    const invoice = await client.invoices.retrieve(id);
    showDetail(invoice);
  } catch (error) {
    showError(detail, error);
    return;
  }
  try {
    const events = await client.v2.core.events.list({ object_id: id, limit: 20 }).autoPagingToArray({ limit: 100 });
    timeline.replaceChildren(
      events.length === 0
        ? h('p', { class: 'empty' }, 'No events.')
        : h('ol', { class: 'timeline', 'aria-label': `Events of ${id}` }, events.map((event) => h('li', {}, h('code', {}, event.type), ` at ${event.created.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (${event.id})`))),
    );
  } catch (error) {
    showError(timeline, error);
  }
}

/** The invoice's facts, and send / void for back-office. */
function showDetail(invoice) {
  detail.replaceChildren(
    facts([
      ['id', h('code', { id: 'invoice-id' }, invoice.id)],
      ['customer', String(invoice.customer ?? '')],
      ['status', h('strong', { id: 'invoice-status' }, invoice.status ?? '')],
      ['amount due', money(invoice.amount_due, invoice.currency)],
      ['amount paid', money(invoice.amount_paid, invoice.currency)],
      ['collection', invoice.collection_method ?? ''],
      ['due', when(invoice.due_date)],
      ['created', when(invoice.created)],
      ['description', invoice.description ?? ''],
    ]),
  );
  if (session.scope !== 'back-office') return;
  actions.replaceChildren(
    h('div', { class: 'buttons' },
      h('button', { type: 'button', id: 'send', onclick: () => askFirst(invoice, 'send') }, 'Send invoice…'),
      h('button', { type: 'button', id: 'void', class: 'danger', onclick: () => askFirst(invoice, 'void') }, 'Void invoice…'),
    ),
  );
}

/** Asks before sending or voiding; focus goes to the confirming button. */
function askFirst(invoice, action) {
  const text = action === 'void' ? `Void ${invoice.id}? A void invoice cannot be paid or reopened.` : `Send ${invoice.id} to its customer by email?`;
  const yes = h('button', { type: 'button', id: 'confirm', class: action === 'void' ? 'danger' : '', onclick: () => act(invoice.id, action) }, action === 'void' ? 'Yes, void it' : 'Yes, send it');
  actions.replaceChildren(
    h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm' },
      h('p', {}, text),
      h('div', { class: 'buttons' }, yes, h('button', { type: 'button', id: 'cancel', onclick: () => showDetailAgain(invoice.id) }, 'Cancel')),
    ),
  );
  yes.focus();
}

/** Sends or voids, then shows the invoice as Stripe now has it. */
async function act(id, action) {
  actions.replaceChildren(h('p', {}, action === 'void' ? 'Voiding…' : 'Sending…'));
  try {
    const invoice = action === 'void' ? await client.invoices.voidInvoice(id) : await client.invoices.sendInvoice(id);
    showDetail(invoice);
    actions.prepend(h('p', { class: 'ok', role: 'status' }, `${action === 'void' ? 'Voided' : 'Sent'}: ${invoice.id} is now ${invoice.status}.`));
    const status = list.querySelector(`[data-status="${id}"]`);
    if (status) status.textContent = invoice.status;
  } catch (error) {
    showError(actions, error, `Stripe refused to ${action} it`);
  }
}

/** Back to the invoice's detail after a cancelled confirmation. */
async function showDetailAgain(id) {
  try {
    showDetail(await client.invoices.retrieve(id));
    byId(actions.querySelector('#void') ? 'void' : 'detail-heading').focus();
  } catch (error) {
    showError(detail, error);
  }
}

byId('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
mountSignIn(byId('session'), ['customer', 'back-office'], (next) => {
  session = next;
  client = proxyClient(next.token);
  detail.replaceChildren(h('p', { class: 'empty' }, 'Choose an invoice.'));
  actions.replaceChildren();
  timeline.replaceChildren(h('p', { class: 'empty' }, 'No invoice chosen.'));
  load();
});
