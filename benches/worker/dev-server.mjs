// Runs one Worker in wrangler's dev server through its `unstable_startWorker` API (what
// `wrangler dev` runs: the same bundling, Miniflare and workerd) with the devtools
// inspector off, for benches/worker/proxy.mjs. With the inspector on, `wrangler dev`
// forwards every console line and every subrequest's network events from workerd to
// its Node process, one HTTP request each, and appends each to its debug log: a cost
// per event that a deployed Worker never pays. Settings come as JSON in DEV_SERVER:
// `{ config, vars, port, persist }`; it prints `ready <url>` and stops on SIGTERM.
import { unstable_startWorker } from 'wrangler';

const { config, vars, port, persist } = JSON.parse(process.env.DEV_SERVER);
const bindings = Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text', value }]));
const worker = await unstable_startWorker({
  config,
  bindings,
  dev: { inspector: false, server: { hostname: '127.0.0.1', port }, logLevel: 'error', persist, watch: false, liveReload: false },
});
await worker.ready;
console.log(`ready ${await worker.url}`);
const stop = async () => {
  await worker.dispose();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
