// Reports through the proxy (back-office): report types with their data windows, a run
// with progress and cancel (the client's createAndWait), its typed rows, a Chart.js chart
// of the amounts, the result file as CSV; and Sigma query runs with their results.
import { Chart, registerables } from '/vendor/chart.js';
import { byId, h, showError, table, when } from './dom.js';
import { mountSignIn, proxyClient } from './session.js';

Chart.register(...registerables);

const types = byId('types');
const form = byId('run-form');
const typeSelect = byId('report-type');
const progressArea = byId('progress-area');
const result = byId('result');
const canvas = byId('chart');
let client;
let reportTypes = [];
let running;
let chart;

/** Unix seconds as the value of a datetime-local input, in UTC. */
const toInput = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 19);
/** A datetime-local input's value (UTC) as unix seconds. */
const fromInput = (value) => Math.floor(Date.parse(`${value}Z`) / 1000);

/** Lists the report types and their data windows, and fills the form. */
async function loadTypes() {
  form.hidden = true;
  types.replaceChildren(h('p', {}, 'Loading…'));
  try {
    reportTypes = await client.reporting.reportTypes.list().autoPagingToArray({ limit: 100 });
    types.replaceChildren(
      table('Report types and their data windows', [
        { label: 'id', cell: (t) => h('code', {}, t.id) },
        { label: 'name', cell: (t) => t.name },
        { label: 'data from', cell: (t) => when(t.data_available_start) },
        { label: 'data to', cell: (t) => when(t.data_available_end) },
      ], reportTypes),
    );
    typeSelect.replaceChildren(...reportTypes.map((t) => h('option', { value: t.id }, `${t.name} (${t.id})`)));
    form.hidden = false;
    chooseType();
  } catch (error) {
    showError(types, error);
  }
}

/** Sets the interval to the chosen type's window and lists its columns. */
function chooseType() {
  const type = reportTypes.find((t) => t.id === typeSelect.value);
  if (!type) return;
  byId('interval-start').value = toInput(type.data_available_start);
  byId('interval-end').value = toInput(type.data_available_end);
  const columns = (type.default_columns ?? []).filter(Boolean);
  byId('columns').replaceChildren(
    h('legend', {}, 'Columns'),
    ...columns.map((column) => h('label', {}, h('input', { type: 'checkbox', name: 'column', value: column, checked: true }), column)),
  );
}

/** Runs the report: progress while it is pending, cancel through an AbortSignal. */
async function run() {
  const columns = [...form.querySelectorAll('input[name="column"]:checked')].map((input) => input.value);
  const parameters = { interval_start: fromInput(byId('interval-start').value), interval_end: fromInput(byId('interval-end').value) };
  if (columns.length) parameters.columns = columns;
  const controller = new AbortController();
  running = controller;
  byId('run').disabled = true;
  byId('cancel').disabled = false;
  const started = Date.now();
  let polls = 0;
  const bar = h('progress', { id: 'progress', 'aria-label': 'Report run progress' });
  const status = h('p', { role: 'status', id: 'run-status' }, 'Creating the run…');
  progressArea.replaceChildren(bar, status);
  try {
    const done = await client.reporting.reportRuns.createAndWait(
      { report_type: typeSelect.value, parameters },
      {
        signal: controller.signal,
        pollIntervalMs: 500,
        onProgress: (report) => {
          polls += 1;
          status.textContent = `${report.id} is ${report.status} (checked ${polls} time${polls === 1 ? '' : 's'}, ${((Date.now() - started) / 1000).toFixed(1)} s).`;
        },
      },
    );
    bar.max = 1;
    bar.value = 1;
    status.textContent = `${done.id} ${done.status} in ${((Date.now() - started) / 1000).toFixed(1)} s.`;
    await showResult(done);
  } catch (error) {
    bar.max = 1;
    bar.value = 0;
    if (controller.signal.aborted) status.textContent = 'Cancelled: the page stopped waiting for the run.';
    else showError(progressArea, error, 'The run failed');
  } finally {
    running = undefined;
    byId('run').disabled = false;
    byId('cancel').disabled = true;
  }
}

/** The run's rows, a chart of an amount column, and its result file as a CSV download. */
async function showResult(done) {
  const rows = await done.downloadResult();
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const bytes = await client.files.contents(done.result.id);
  const link = h('a', { href: URL.createObjectURL(new Blob([bytes], { type: 'text/csv' })), download: `${done.id}.csv`, id: 'csv' }, `Download the CSV (${bytes.length} bytes)`);
  result.replaceChildren(
    h('p', {}, `${rows.length} row${rows.length === 1 ? '' : 's'} from ${done.result.id}. `, link),
    table('Report rows', columns.map((column) => ({ label: column, cell: (row) => (row[column] === null ? '' : String(row[column])) })), rows, { empty: 'The report has no rows for this interval.' }),
  );
  drawChart(rows, columns);
}

/** A bar chart of the first amount column (numbers), labelled by the first text column. */
function drawChart(rows, columns) {
  chart?.destroy();
  chart = undefined;
  byId('chart-box').hidden = true;
  const amount = columns.find((c) => /amount|net|gross|fee/.test(c) && rows.some((r) => typeof r[c] === 'number')) ?? columns.find((c) => rows.some((r) => typeof r[c] === 'number'));
  if (!amount) {
    canvas.setAttribute('aria-label', 'No chart: the rows have no amount column');
    return;
  }
  const labelColumn = columns.find((c) => c !== amount && c !== 'currency' && rows.some((r) => typeof r[c] === 'string'));
  // Amounts of several currencies are not comparable: each bar names its currency.
  const currency = columns.includes('currency') ? (row) => ` (${String(row.currency ?? '').toUpperCase()})` : () => '';
  const labels = rows.map((row, index) => `${labelColumn ? row[labelColumn] : `row ${index + 1}`}${currency(row)}`);
  canvas.setAttribute('aria-label', `Bar chart of ${amount} by ${labelColumn ?? 'row'} (${rows.length} bars, in minor units)`);
  byId('chart-box').hidden = false;
  chart = new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: `${amount} (minor units)`, data: rows.map((row) => row[amount] ?? 0), backgroundColor: '#3b3ad6' }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false },
  });
  canvas.dataset.column = amount;
  canvas.dataset.bars = String(rows.length);
}

/** Lists the Sigma scheduled query runs, each with a button for its results. */
async function loadSigma() {
  const sigma = byId('sigma');
  try {
    const runs = await client.sigma.scheduledQueryRuns.list().autoPagingToArray({ limit: 100 });
    sigma.replaceChildren(
      table('Sigma scheduled query runs', [
        { label: 'title', cell: (r) => r.title },
        { label: 'status', cell: (r) => r.status },
        { label: 'created', cell: (r) => when(r.created) },
        { label: 'SQL', cell: (r) => h('code', {}, r.sql) },
        { label: 'results', cell: (r) => h('button', { type: 'button', 'data-sigma': r.id, onclick: () => sigmaResults(r) }, `Show results of ${r.id}`) },
      ], runs, { empty: 'No Sigma runs.' }),
    );
  } catch (error) {
    showError(sigma, error);
  }
}

/** One Sigma run's rows. */
async function sigmaResults(run) {
  const out = byId('sigma-result');
  out.replaceChildren(h('p', {}, 'Loading…'));
  try {
    const rows = await client.sigma.scheduledQueryRuns.results(run.id);
    const columns = rows.length ? Object.keys(rows[0]) : [];
    out.replaceChildren(
      h('p', {}, `${rows.length} row${rows.length === 1 ? '' : 's'} of ${run.title}.`),
      table(`Results of ${run.id}`, columns.map((column) => ({ label: column, cell: (row) => (row[column] === null ? '' : String(row[column])) })), rows),
    );
  } catch (error) {
    showError(out, error);
  }
}

typeSelect.addEventListener('change', chooseType);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!running) run();
});
byId('cancel').addEventListener('click', () => running?.abort(new DOMException('Cancelled by the user', 'AbortError')));
mountSignIn(byId('session'), ['back-office'], (session) => {
  client = proxyClient(session.token);
  loadTypes();
  loadSigma();
});
