// `npm run bench`: runs the Node, workerd and size benchmarks in one go, adds the Rust
// `cargo bench` lines it is given, and writes BENCHMARKS.md. Results are never asserted.
//   node benches/js/report.mjs CARGO_BENCH_OUTPUT_FILE
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { root } from '../../tests/support/harness.mjs';
import { benchCompileTimes } from '../build/compile-times.mjs';
import { benchProxy, CPU_ROLES } from '../worker/proxy.mjs';
import { benchClient } from './client.mjs';
import { benchBrowser } from './browser.mjs';
import { benchNode } from './node.mjs';
import { benchPipeline } from './pipeline.mjs';
import { benchSearch } from './search.mjs';
import { WEBHOOK_BUDGET, benchSize, benchWorkerSize } from './size.mjs';
import { benchWorkerd } from './workerd.mjs';

const us = (x) => `${x.toFixed(1)} µs`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
// A factor, as `1.23×`.
const times = (x) => `${x.toFixed(2)}×`;
// A speed-up: how many times less time the second takes than the first (> 1: ours faster).
const ratio = (theirs, ours) => times(theirs / ours);

console.log('benchmarks: cold builds of the core');
const builds = benchCompileTimes();
console.log('benchmarks: Node');
const node = await benchNode();
console.log('benchmarks: headless Chromium');
const chromiumRows = await benchBrowser();
console.log('benchmarks: workerd');
const workerd = await benchWorkerd();
console.log('benchmarks: webhook pipeline');
const pipeline = await benchPipeline();
console.log('benchmarks: API client');
const clientRows = await benchClient();
console.log('benchmarks: the proxy and the Rust driver in workerd');
const proxyRows = await benchProxy();
console.log('benchmarks: search language');
const searchJs = benchSearch();
console.log('benchmarks: size');
const size = await benchSize();
const cargo = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('test '))
  .map((line) => /^test (.+) \.\.\. bench:\s+([\d,]+) ns\/iter \(\+\/- ([\d,]+)\)/.exec(line))
  .filter(Boolean)
  .map(([, name, ns, spread]) => ({ name, us: Number(ns.replace(/,/g, '')) / 1000, spread: Number(spread.replace(/,/g, '')) / 1000 }));

const version = (cmd, args) => execFileSync(cmd, args).toString().trim();
const nodeRow = (sz, impl) => node.find((r) => r.size === sz && r.impl.startsWith(impl));
const sizeOf = (name) => size.find((r) => r.name === name);

let md = `# Benchmarks

Written by \`npm run bench\` (never asserted in tests). One run, on ${cpus().length} × ${cpus()[0].model};
${version('node', ['--version'])}, ${version('rustc', ['--version'])}, workerd from wrangler ${JSON.parse(readFileSync(join(root, 'node_modules/wrangler/package.json'))).version};
${new Date().toISOString().slice(0, 10)}. Payloads: pretty-printed \`invoice.paid\` events (\`benches/js/payloads.mjs\`).
Timings are medians of interleaved rounds; expect a few percent of noise on a shared machine.

## Node: µs per verified and parsed event

The floor is the least any verifier does: node:crypto's HMAC-SHA256 of the signed
payload and \`JSON.parse\`. stripe-edge computes its MAC with node:crypto too (the
host provider); the header, the windows, the comparison and the envelope are the core's.

| payload | floor | stripe-edge \`constructEvent\` | × floor | stripe-node \`constructEvent\` (sync) | stripe-node \`constructEventAsync\` (SubtleCrypto) | ours vs sync | ours vs async |
|---|---|---|---|---|---|---|---|
`;
for (const sz of ['3 KB', '30 KB']) {
  const floor = nodeRow(sz, 'floor').us;
  const ours = nodeRow(sz, 'stripe-edge').us;
  const sync = nodeRow(sz, 'stripe-node constructEvent ').us;
  const async = nodeRow(sz, 'stripe-node constructEventAsync').us;
  md += `| ${sz} (${nodeRow(sz, 'stripe-edge').bytes} B) | ${us(floor)} | ${us(ours)} | ${(ours / floor).toFixed(2)} | ${us(sync)} | ${us(async)} | ${ratio(sync, ours)} | ${ratio(async, ours)} |\n`;
}
md += `
## workerd (nodejs_compat): µs per verified and parsed event inside the Cloudflare runtime

Measured over HTTP as (T(n) − T(0)) / n, because workerd's clock stands still while code
runs, after a long warm-up (V8 tiers wasm up late in workerd). The client, wrangler's
proxy and workerd share the machine: these figures move by about ±20% between runs.

The floor: node:crypto's HMAC (nodejs_compat) and \`JSON.parse\`; stripe-edge uses that
HMAC as its provider.

| payload | floor | stripe-edge \`constructEvent\` | × floor | stripe-node \`constructEventAsync\` (its edge path) | our speed-up |
|---|---|---|---|---|---|
`;
for (const row of workerd.loops) md += `| ${row.size} (${row.bytes} B) | ${us(row.floor)} | ${us(row.ours)} | ${(row.ours / row.floor).toFixed(2)} | ${us(row.stripe)} | ${ratio(row.stripe, row.ours)} |\n`;
md += `
One 3 KB webhook delivery through \`wrangler dev\`, client-side latency (the local proxy
dominates; compare against the pass-through anchor):

| Worker | median | p90 |
|---|---|---|
`;
for (const row of workerd.latency) md += `| ${row.target} | ${us(row.median)} | ${us(row.p90)} |\n`;
md += `
## Headless Chromium ${chromiumRows[0].version}: µs per verified and parsed event in a page

\`benches/js/browser.mjs\`: a page loads the package's browser entry
(\`dist/webhooks.browser.js\`, its wasm fetched from beside it) and stripe-node bundled
by esbuild. A browser has no synchronous native HMAC: the floor is SubtleCrypto's
(asynchronous) HMAC-SHA256 of the signed payload and \`JSON.parse\`; stripe-edge's
\`constructEvent\` is synchronous, its MAC in wasm; stripe-node's browser path is
\`constructEventAsync\` with its SubtleCrypto provider. Interleaved rounds, medians.

| payload | floor | stripe-edge \`constructEvent\` | × floor | stripe-node \`constructEventAsync\` (SubtleCrypto) | our speed-up |
|---|---|---|---|---|---|
${chromiumRows.map((row) => `| ${row.size} (${row.bytes} B) | ${us(row.floor)} | ${us(row.ours)} | ${(row.ours / row.floor).toFixed(2)} | ${us(row.stripe)} | ${ratio(row.stripe, row.ours)} |`).join('\n')}
`;
const ms = (x) => `${x.toFixed(1)} ms`;
md += `
## Webhook pipeline: the Rust Worker in \`wrangler dev\` under ${pipeline.senders} concurrent senders

${pipeline.count} deliveries of a 3 KB event each (\`benches/js/pipeline.mjs\`), local Durable
Objects and Queue. "Verify only" is the route's work before the pipeline: a delivery
signed with another secret is verified and refused, nothing is recorded.

| POST /webhooks/stripe | answers per second | p50 | p99 |
|---|---|---|---|
${pipeline.rows.map((row) => `| ${row.name} | ${row.perSecond.toFixed(0)} | ${ms(row.p50)} | ${ms(row.p99)} |`).join('\n')}

From the 200 to the event's arrival, re-signed, at a local destination (${pipeline.endToEnd.arrived} of
${pipeline.count} arrived; the queue's backlog of the burst included): p50 ${ms(pipeline.endToEnd.p50)},
p99 ${ms(pipeline.endToEnd.p99)}.
`;
md += `
## Size: consumers bundled with esbuild (browser/edge, minified), per entry

Each entry loads its own wasm, so a consumer pays for what it imports: the wasm files
a bundle refers to are counted with it. The webhook entry's budget is ${kb(WEBHOOK_BUDGET)} gzip
(standardwebhooks: 4.9 KB; stripe-node: see its row). Its wasm (\`wasm-webhooks/\`) has a
calling convention written by hand (\`js/webhooks-core.js\`) instead of wasm-bindgen's,
whose glue, reference table and argument conversions kept this consumer at 14.5 KB; the
other entries use wasm-bindgen.

| consumer | JS | JS gzip | wasm | wasm gzip | total gzip |
|---|---|---|---|---|---|
`;
for (const row of size) md += `| ${row.name} | ${kb(row.js)} | ${kb(row.jsGzip)} | ${row.wasm ? kb(row.wasm) : '–'} | ${row.wasm ? kb(row.wasmGzip) : '–'} | **${kb(row.totalGzip)}** |\n`;

md += `
## Rust core, native (\`cargo bench\`, criterion)

| benchmark | time | ± |
|---|---|---|
`;
for (const row of cargo) md += `| ${row.name} | ${us(row.us)} | ${us(row.spread)} |\n`;

const parseRow = cargo.find((row) => row.name === 'search 10 clauses/parse');
const perSecond = (micros) => `${Math.round(1e6 / micros).toLocaleString('en-US')} queries/s`;
md += `
## API client: µs per request against the local emulator

One GET of the same object from the emulator (\`tests/emulator\`) on 127.0.0.1, in one
Node process: a raw \`fetch\` + \`JSON.parse\` is the floor; a client's overhead is its
time minus that. stripe-node's client is the second anchor. In Node both clients send
through \`node:http\` with keep-alive by default (Node's \`fetch\` costs more per
request), so a raw \`node:http\` GET + \`JSON.parse\` is shown too, and our client given
Node's \`fetch\` (as in browsers and workerd, where \`fetch\` is the transport).

| object | raw fetch + JSON.parse | raw node:http + JSON.parse | stripe-edge client (overhead) | stripe-node client (overhead) | stripe-edge client over fetch (overhead) |
|---|---|---|---|---|---|
`;
const clientOverhead = (prefix, impl) => {
  const row = (i) => clientRows.find((r) => r.target.startsWith(prefix) && r.impl === i).us;
  return row(impl) - row('raw fetch + JSON.parse');
};
for (const target of [...new Set(clientRows.map((r) => r.target))]) {
  const row = (impl) => clientRows.find((r) => r.target === target && r.impl === impl).us;
  const floor = row('raw fetch + JSON.parse');
  const cell = (impl) => `${us(row(impl))} (${us(row(impl) - floor)})`;
  md += `| ${target} | ${us(floor)} | ${us(row('raw node:http + JSON.parse'))} | ${cell('stripe-edge client')} | ${cell('stripe-node client')} | ${cell('stripe-edge client over fetch')} |\n`;
}
const workerSize = benchWorkerSize();
const proxyRowNamed = (name) => proxyRows.find((r) => r.target === name);
/** A proxy-bench row's CPU time per request summed over `roles`, less `anchor`'s. */
const cpuOver = (row, anchor, roles = CPU_ROLES) => roles.reduce((sum, role) => sum + row.cpu[role] - (anchor?.cpu[role] ?? 0), 0);
const [direct, pass, ours, loggingPass, quietPass, quietRow, quietLogging, barePass, bareRow, bareLogging, driverRow] = [
  'emulator directly (no Worker)', 'plain pass-through JS Worker', 'stripe-edge proxy (Rust Worker)',
  'pass-through JS Worker writing one log line per request',
  'plain pass-through JS Worker, wrangler dev --log-level error', 'stripe-edge proxy (Rust Worker), wrangler dev --log-level error',
  'pass-through JS Worker writing one log line per request, wrangler dev --log-level error',
  'plain pass-through JS Worker, no inspector', 'stripe-edge proxy (Rust Worker), no inspector',
  'pass-through JS Worker writing one log line per request, no inspector',
  'Rust driver alone (a test Worker: one Call, answer checked)',
].map(proxyRowNamed);
// The proxy against the pass-through, in each of the three ways both run, with the
// logging pass-through (the control) of the same phase.
const proxySettings = [
  ['`wrangler dev`', ours, pass, loggingPass],
  ['`--log-level error`', quietRow, quietPass, quietLogging],
  ['no inspector', bareRow, barePass, bareLogging],
];
/** A value of each phase's rows (`of({ proxy, anchor, logging })`), as `phase 1.23×`
 * (or as `show` writes it), joined. */
const perPhase = (of, show = times) => proxySettings.map(([name, proxy, anchor, logging]) => `${name} ${show(of({ proxy, anchor, logging }))}`).join(', ');
/** The goal's ratio `of(proxy, anchor)` per phase, and whether each is `met`. */
const proxyGoal = (of, met) => [
  perPhase(({ proxy, anchor }) => of(proxy, anchor)),
  perPhase(({ proxy, anchor }) => met(of(proxy, anchor)), (yes) => (yes ? 'yes' : 'no')),
];
const [throughputMeasured, throughputMet] = proxyGoal((proxy, anchor) => proxy.rps / anchor.rps, (ratio) => ratio >= 0.8);
const [latencyMeasured, latencyMet] = proxyGoal((proxy, anchor) => proxy.p50 / anchor.p50, (ratio) => ratio <= 1.2);
/** The lowest and highest ratio `of(proxyRound, anchorRound)` of the rounds the proxy and
 * the pass-through ran together, per phase: how far one round is from the next. */
const roundSpread = (of) => perPhase(
  ({ proxy, anchor }) => proxy.rounds.map((round, i) => of(round, anchor.rounds[i])),
  (ratios) => `${Math.min(...ratios).toFixed(2)}–${times(Math.max(...ratios))}`,
);
md += `
## Worker: the policy proxy and the Rust driver, per allowed request

One GET of a customer's own invoice at 8 concurrent clients (\`benches/worker/proxy.mjs\`),
each Worker in a dev server of its own, the emulator as upstream, in one run of three
phases (median of ${pass.rounds.length} interleaved rounds of 2,000 requests each; only the phase's Workers
run). The proxy checks the token, counts the subject's rate limit, plans the call
against the policy, drives the core's call machine, checks the answer's owner and logs
one line; the pass-through forwards with the key, checks nothing and logs nothing.
Each phase also runs the pass-through writing one JSON log line per request, as the
proxy must: a control, not the goal's anchor, that tells what the log line costs in the
dev server from what the proxy's own work costs. The driver row is the Worker crate's
Rust driver alone, with the answer checked against the invoice model, in a test Worker
that wraps it in \`{"ok": true, ...}\`.

The three phases run both Workers the same way:
- as \`wrangler dev\` runs by default, printing a line per request (the proxy has two:
  wrangler's and its own log line);
- with \`--log-level error\`: wrangler prints neither line, but still receives both;
- without the devtools inspector (\`benches/worker/dev-server.mjs\`: wrangler's
  \`startWorker\` API, the dev server \`wrangler dev\` runs, with \`inspector: false\`).
  With the inspector, wrangler forwards every console line and every subrequest's
  network events from workerd to its Node process, one HTTP request each, and appends
  each to its debug log: four events per request for the pass-through, five for the
  proxy. A deployed Worker pays for none of that. The proxy still writes its log line
  here (wrangler reads it from workerd's output).

| path | p50 | p99 | req/s |
|---|---|---|---|
${proxyRows.map((r) => `| ${r.target} | ${us(r.p50)} | ${us(r.p99)} | ${Math.round(r.rps).toLocaleString('en-US')} |`).join('\n')}

The log line alone, the logging pass-through against the plain one: p50 ${perPhase(({ logging, anchor }) => logging.p50 / anchor.p50)}; req/s ${perPhase(({ logging, anchor }) => logging.rps / anchor.rps)}.

The goal's ratios round by round (the proxy's against the pass-through's of the same
round), lowest to highest: p50 ${roundSpread((proxy, anchor) => proxy.p50 / anchor.p50)};
req/s ${roundSpread((proxy, anchor) => proxy.rps / anchor.rps)}. The goal rows below take
the median round of each, as the table does.

The proxy against the logging pass-through (the control): p50 ${perPhase(({ proxy, logging }) => proxy.p50 / logging.p50)}; req/s ${perPhase(({ proxy, logging }) => proxy.rps / logging.rps)}.

The proxy's overhead over the pass-through at p50: ${us(ours.p50 - pass.p50)} (${us(quietRow.p50 - quietPass.p50)} with \`--log-level error\` for both, ${us(bareRow.p50 - barePass.p50)} without the inspector); the Rust driver's: ${us(driverRow.p50 - pass.p50)}. The emulator alone answers in ${us(direct.p50)}.

The Worker's wasm: ${kb(workerSize.wasm)}, ${kb(workerSize.wasmGzip)} gzip, optimized for speed
(wasm-opt \`-O3\`; the package's wasm is optimized for size, \`-Oz\`).
${ours.cpu && pass.cpu ? `
Where the CPU goes, in the default \`wrangler dev\` phase: CPU time per request of each
process of a Worker's dev server (user + system, from \`/proc\`, in the same median
rounds). The Worker's workerd runs the Worker (and the local stand-ins of its
bindings); wrangler's proxy workerd runs the Workers in front of it (the dev server's
proxy, and the inspector proxy that receives every console line and network event);
wrangler's Node process prints and records what that inspector proxy sends it.

| Worker | ${CPU_ROLES.join(' | ')} | all three |
|---|---|---|---|---|
${[['plain pass-through JS Worker', pass], ['stripe-edge proxy (Rust Worker)', ours], ['pass-through writing one log line per request', loggingPass]].map(([name, row]) => `| ${name} | ${CPU_ROLES.map((role) => us(row.cpu[role])).join(' | ')} | ${us(cpuOver(row))} |`).join('\n')}

The proxy costs ${us(cpuOver(ours, pass, CPU_ROLES.slice(0, 1)))} of CPU per request more than the pass-through in the process that runs it (its log line included); wrangler's processes spend ${us(cpuOver(ours, pass, CPU_ROLES.slice(1)))} more on the proxy's requests than on the pass-through's. One log line per request, added to the pass-through, costs it ${us(cpuOver(loggingPass, pass))} across the three processes.
` : ''}`;
md += `
## Search language: parsing and checking a 10-clause query

The query of \`benches/search-query.txt\` (token, string, substring, numeric, metadata,
negated and null clauses), parsed and checked against the invoice fields.

| where | per query | throughput |
|---|---|---|
| Rust core, native | ${parseRow ? us(parseRow.us) : '–'} | ${parseRow ? perSecond(parseRow.us) : '–'} |
| Node, \`parseSearchQuery\` from the npm package (wasm, result as a JS object) | ${us(searchJs.us)} | ${perSecond(searchJs.us)} |
`;

md += `
## Compile time: cold release build of the core crate, 2 jobs

An empty target folder each time, so the dependencies (hmac, sha2, ...) are built too.

| features | seconds |
|---|---|
`;
for (const row of builds) md += `| ${row.name} | ${row.seconds.toFixed(1)} s |\n`;

const edge3 = workerd.loops.find((r) => r.size === '3 KB');
const chromium3 = chromiumRows.find((r) => r.size === '3 KB');
const webhookSize = sizeOf('stripe-edge/webhooks').totalGzip;
const node3 = { ours: nodeRow('3 KB', 'stripe-edge').us, sync: nodeRow('3 KB', 'stripe-node constructEvent ').us };
md += `
## Against the goals

| goal | measured | met |
|---|---|---|
| ≥ 4× faster than stripe-node's async path on the edge (workerd, 3 KB) | speed-up ${ratio(edge3.stripe, edge3.ours)} | ${edge3.stripe / edge3.ours >= 4 ? 'yes' : 'no'} |
| no slower than stripe-node's sync \`constructEvent\` in Node (3 KB) | speed-up ${ratio(node3.sync, node3.ours)} | ${node3.ours <= node3.sync ? 'yes' : 'no'} |
| default-features cold build ≤ 30 s | ${builds[0].seconds.toFixed(1)} s | ${builds[0].seconds <= 30 ? 'yes' : 'no'} |
| all 176 resources cold build ≤ 3 min | ${builds[1].seconds.toFixed(1)} s | ${builds[1].seconds <= 180 ? 'yes' : 'no'} |
| webhook-only bundle ≤ ${kb(WEBHOOK_BUDGET)} gzip | ${kb(webhookSize)} (stripe-node: ${kb(sizeOf('stripe-node (webhooks, SubtleCrypto)').totalGzip)}) | ${webhookSize <= WEBHOOK_BUDGET ? 'yes' : 'no'} |
${['3 KB', '30 KB'].map((sz) => `| Node, ${sz}: within 1.25× of the floor | ${times(nodeRow(sz, 'stripe-edge').us / nodeRow(sz, 'floor').us)} | ${nodeRow(sz, 'stripe-edge').us <= 1.25 * nodeRow(sz, 'floor').us ? 'yes' : 'no'} |`).join('\n')}
${workerd.loops.map((row) => `| workerd (nodejs_compat), ${row.size}: within 1.25× of the floor; ≥ 2× stripe-node's async path | ${times(row.ours / row.floor)} the floor; ${ratio(row.stripe, row.ours)} | ${row.ours <= 1.25 * row.floor ? 'yes' : 'no'}; ${row.stripe / row.ours >= 2 ? 'yes' : 'no'} |`).join('\n')}
| headless Chromium, 3 KB: ≥ 1.0× stripe-node's async path | ${ratio(chromium3.stripe, chromium3.ours)} | ${chromium3.stripe >= chromium3.ours ? 'yes' : 'no'} |
| proxy: ≥ 0.8× the pass-through Worker's req/s at 8 clients | ${throughputMeasured} | ${throughputMet} |
| proxy: p50 within 1.2× of the pass-through's | ${latencyMeasured} | ${latencyMet} |
| API client: overhead per GET over raw fetch + JSON.parse no larger than stripe-node's (invoice, model-checked) | ours ${us(clientOverhead('invoice', 'stripe-edge client'))}, stripe-node ${us(clientOverhead('invoice', 'stripe-node client'))} | ${clientOverhead('invoice', 'stripe-edge client') <= clientOverhead('invoice', 'stripe-node client') ? 'yes' : 'no'} |

Where the time goes: SHA-256 in wasm runs at a few
hundred MB/s, while stripe-node reaches native SHA-NI through node:crypto in Node and
through WebCrypto (BoringSSL) in workerd, whose promise costs little there. Both pay
\`JSON.parse\`; the core then checks the envelope on the parsed object (a few field
reads), and our MAC reads a copy of the payload in wasm memory.
`;
// Sections measured by hand (their text says how) are kept as they were.
const previous = readFileSync(join(root, 'BENCHMARKS.md'), 'utf8');
const kept = previous.indexOf('\n## Decoding many distinct keys');
if (kept >= 0) md += previous.slice(kept);
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log(md);
// The size goal fails the bench, loudly (never the tests): BENCHMARKS.md is written first.
if (webhookSize > WEBHOOK_BUDGET) {
  console.error(`\n!!! SIZE BUDGET EXCEEDED: a webhook-only consumer (stripe-edge/webhooks, esbuild, JS + wasm) is ${kb(webhookSize)} gzip, over the ${kb(WEBHOOK_BUDGET)} budget !!!\n`);
  process.exitCode = 1;
}
