// Deliveries (admin): the pipeline's destinations (disable / enable), recent deliveries
// and attempts, dead letters with replay, and one event's deliveries.
import { admin } from './admin.js';
import { byId, h, json, showError, table } from './dom.js';
import { mountSignIn } from './session.js';

const notice = byId('notice');
let token;

/** Milliseconds or seconds since the epoch as a UTC time. */
const at = (value) => (typeof value === 'number' ? `${new Date(value > 1e11 ? value : value * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC` : '');

/** Reloads every section. */
async function refresh() {
  await Promise.all([destinations(), recent(), deadLetters()]);
}

/** The routes' destinations, each with a Disable / Enable button. */
async function destinations() {
  const out = byId('destinations');
  try {
    const { data } = await admin(token, 'GET', 'destinations');
    out.replaceChildren(
      table('Destinations', [
        { label: 'name', cell: (d) => h('code', {}, d.name) },
        { label: 'url', cell: (d) => d.url },
        { label: 'events', cell: (d) => d.events.join(', ') },
        { label: 'state', cell: (d) => h('span', { 'data-destination-state': d.name }, d.disabled ? 'disabled' : 'enabled') },
        {
          label: 'action',
          cell: (d) =>
            h('button', { type: 'button', 'data-toggle': d.name, onclick: () => toggle(d) }, `${d.disabled ? 'Enable' : 'Disable'} ${d.name}`),
        },
      ], data),
    );
  } catch (error) {
    showError(out, error);
  }
}

/** Disables an enabled destination, or enables a disabled one. */
async function toggle(destination) {
  try {
    await admin(token, 'POST', `destinations/${encodeURIComponent(destination.name)}/${destination.disabled ? 'enable' : 'disable'}`);
    notice.replaceChildren(h('p', { class: 'ok', role: 'status' }, `${destination.name} ${destination.disabled ? 'enabled' : 'disabled'}.`));
    await destinations();
    byId('destinations').querySelector(`[data-toggle="${destination.name}"]`)?.focus();
  } catch (error) {
    showError(notice, error);
  }
}

/** The recent delivery attempts (GET /_admin/deliveries). */
async function recent() {
  const out = byId('recent');
  try {
    const { data } = await admin(token, 'GET', 'deliveries?limit=100');
    out.replaceChildren(
      table('Recent delivery attempts, newest first', [
        { label: 'event', cell: (d) => h('code', {}, d.event) },
        { label: 'type', cell: (d) => d.type },
        { label: 'destination', cell: (d) => d.destination },
        { label: 'attempt', cell: (d) => String(d.attempt) },
        { label: 'outcome', cell: (d) => d.outcome },
        { label: 'status', cell: (d) => (d.status === null ? '—' : String(d.status)) },
        { label: 'reason', cell: (d) => d.reason ?? '' },
        { label: 'at', cell: (d) => at(d.at) },
      ], data, { empty: 'No deliveries yet.' }),
    );
  } catch (error) {
    showError(out, error);
  }
}

/** The dead letters, each with a Replay button. */
async function deadLetters() {
  const out = byId('dead');
  try {
    const { data } = await admin(token, 'GET', 'dead-letters?limit=100');
    byId('replay-all').disabled = data.length === 0;
    out.replaceChildren(
      table('Dead letters, newest first', [
        { label: 'event', cell: (d) => h('code', {}, d.event) },
        { label: 'type', cell: (d) => d.type },
        { label: 'destination', cell: (d) => d.destination },
        { label: 'attempts', cell: (d) => String(d.attempts) },
        { label: 'reason', cell: (d) => d.reason },
        { label: 'at', cell: (d) => at(d.at) },
        { label: 'replay', cell: (d) => h('button', { type: 'button', 'data-replay': d.event, onclick: () => replay(d.event) }, `Replay ${d.event}`) },
      ], data, { empty: 'No dead letters.' }),
    );
  } catch (error) {
    showError(out, error);
  }
}

/** Replays one event's dead letters, or every one. */
async function replay(event) {
  try {
    const answer = await admin(token, 'POST', event ? `replay?event=${encodeURIComponent(event)}` : 'replay');
    notice.replaceChildren(h('p', { class: 'ok', role: 'status', id: 'replayed' }, `Replayed ${answer.replayed} (dropped ${answer.dropped}: their events had expired).`));
    await refresh();
    byId('refresh').focus();
  } catch (error) {
    showError(notice, error);
  }
}

byId('refresh').addEventListener('click', refresh);
byId('replay-all').addEventListener('click', () => replay());
byId('lookup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = byId('lookup-result');
  const id = byId('event-id').value.trim();
  if (!token || !id) return;
  try {
    out.replaceChildren(json(`Deliveries of ${id}`, await admin(token, 'GET', `events/${encodeURIComponent(id)}`)));
  } catch (error) {
    showError(out, error);
  }
});
mountSignIn(byId('session'), ['admin'], (session) => {
  token = session.token;
  byId('refresh').disabled = false;
  refresh();
});
