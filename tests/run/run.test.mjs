// The two commands as a user meets them: `npm start` refuses bad settings and busy ports
// at once, in one line, before starting anything; once running it prints one line per
// webhook delivery and has no secret on any command line; SIGTERM, SIGINT or SIGHUP to
// the npm process leave nothing running or listening; a child that dies takes the run
// down with its last lines. `npm test` without the reference folder says so before
// installing anything.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import { freePort, portIsFree, root, startEmulator, startWrangler, waitFor } from '../support/harness.mjs';

/** Starts `npm start` as a user would, with the run's settings from `env` only (not
 * from this process's environment); its output is collected. */
function npmStart(env) {
  const inherited = { ...process.env };
  for (const name of ['PORT', 'STRIPE_EMULATOR_PORT', 'STRIPE_WEBHOOK_SECRET']) delete inherited[name];
  const child = spawn('npm', ['start'], { cwd: root, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

/** Runs `npm start` with `env` to its end: exit code, output, and how long it took. */
async function npmStartToEnd(env, { timeoutMs = 15_000 } = {}) {
  const started = Date.now();
  const run = npmStart(env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs);
  const { code } = await run.exited;
  clearTimeout(timer);
  return { code, output: run.output(), ms: Date.now() - started };
}

/** pid → { ppid, pgid, state, cmdline } for every process now (Linux /proc). */
function processes() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      table.set(Number(name), { ppid: Number(ppid), pgid: Number(pgid), state, cmdline });
    } catch {
      // It ended while we looked.
    }
  }
  return table;
}

/** Every live descendant of `pid`, with its command line. */
function descendants(pid) {
  const table = processes();
  const found = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const [child, info] of table) {
      if (info.ppid === parent && info.state !== 'Z') {
        found.push({ pid: child, cmdline: info.cmdline });
        queue.push(child);
      }
    }
  }
  return found;
}

/** Whether `pid` is still a live process (a zombie is not). */
function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Ends whatever a failed test left behind, by pid. */
function killAll(pids) {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

/** `npm start` on free ports, once it says it is running, with its process tree. */
async function runningSystem(env = {}) {
  const [port, upstreamPort] = [await freePort(), await freePort()];
  const run = npmStart({ PORT: String(port), STRIPE_EMULATOR_PORT: String(upstreamPort), ...env });
  await waitFor(() => run.output().includes('stripe-edge is running.'), {
    timeoutMs: 240_000,
    what: `npm start to be running\n${run.output()}`,
    stopIf: () => (run.child.exitCode !== null ? `npm start exited early:\n${run.output()}` : undefined),
  });
  const tree = descendants(run.child.pid);
  return { run, port, upstreamPort, tree };
}

/** The live processes of `tree` and of the process groups its members lead (the run
 * starts each child in a group of its own, so what a child started later is there). */
function leftOf(tree) {
  const leaders = new Set(tree.map((p) => p.pid));
  const now = processes();
  const inGroups = [...now].filter(([, info]) => leaders.has(info.pgid) && info.state !== 'Z').map(([pid, info]) => ({ pid, cmdline: info.cmdline }));
  const left = new Map([...tree.filter((p) => alive(p.pid)), ...inGroups].map((p) => [p.pid, p]));
  return [...left.values()];
}

/** Checks that nothing of `system` runs or listens any more. */
async function assertAllGone({ run, port, upstreamPort, tree }, names = ['scripts/dev.mjs', 'stripe-emulator', 'wrangler', 'workerd']) {
  for (const name of names) assert.ok(tree.some((p) => p.cmdline.includes(name)), `${name} was running: ${JSON.stringify(tree)}`);
  await waitFor(() => leftOf(tree).length === 0, {
    timeoutMs: 10_000,
    what: `every process of the run to end; left: ${JSON.stringify(leftOf(tree))}`,
  });
  const listened = new Set([port, upstreamPort]);
  for (const p of tree) for (const [, found] of p.cmdline.matchAll(/(?:127\.0\.0\.1:|--inspector-port )(\d+)/g)) if (found !== '0') listened.add(Number(found));
  for (const each of listened) assert.ok(await portIsFree(each), `port ${each} is free again\n${run.output()}`);
}

test('a busy port stops npm start at once, naming the port and the variable to set', async () => {
  const stranger = createServer((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi'));
  await new Promise((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  const busy = stranger.address().port;
  try {
    for (const [name, other] of [
      ['PORT', 'STRIPE_EMULATOR_PORT'],
      ['STRIPE_EMULATOR_PORT', 'PORT'],
    ]) {
      const { code, output, ms } = await npmStartToEnd({ [name]: String(busy), [other]: String(await freePort()) });
      assert.notEqual(code, 0, output);
      assert.ok(ms < 15_000, `ended after ${ms} ms`);
      assert.match(output, new RegExp(`npm start: port ${busy} on 127\\.0\\.0\\.1 is in use by another program; stop it, or set ${name} to a free port`), output);
      assert.doesNotMatch(output, /stripe-edge is running|setup:|Compiling|Finished/, 'nothing was set up or started');
    }
  } finally {
    stranger.close();
  }
});

test('bad settings are refused before anything starts, without echoing the secret', async () => {
  const cases = [
    [{ STRIPE_WEBHOOK_SECRET: 'sk_test_not_a_webhook_secret' }, /STRIPE_WEBHOOK_SECRET must hold webhook signing secrets \(whsec_\.\.\.\), comma-separated during a rotation; its value does not start with whsec_/],
    [{ STRIPE_WEBHOOK_SECRET: 'whsec_good,oops_second' }, /STRIPE_WEBHOOK_SECRET .*; entry 2 of 2 does not start with whsec_/],
    [{ STRIPE_WEBHOOK_SECRET: 'whsec_good,' }, /STRIPE_WEBHOOK_SECRET .*; entry 2 of 2 is empty/],
    [{ PORT: 'eighty' }, /PORT must be a port number from 1 to 65535, not 'eighty'/],
    [{ STRIPE_EMULATOR_PORT: '70000' }, /STRIPE_EMULATOR_PORT must be a port number from 1 to 65535, not '70000'/],
    [{ PORT: '18123', STRIPE_EMULATOR_PORT: '18123' }, /PORT and STRIPE_EMULATOR_PORT are both 18123/],
    [{ PROXY_TOKEN_SECRET: 'not_a_single\nline' }, /PROXY_TOKEN_SECRET must be a single line/],
  ];
  for (const [env, expected] of cases) {
    const { code, output, ms } = await npmStartToEnd(env);
    assert.equal(code, 2, `${JSON.stringify(env)}\n${output}`);
    assert.ok(ms < 15_000, `ended after ${ms} ms`);
    assert.match(output, expected);
    assert.doesNotMatch(output, /setup:|Compiling|Finished|stripe-emulator listening/, 'nothing was set up or started');
    assert.doesNotMatch(output, /not_a_webhook_secret|oops_second|not_a_single/, 'the secret is not printed');
  }
});

test('npm start prints one line per delivery, keeps its secrets off every command line, and SIGTERM to npm leaves nothing running or listening', async () => {
  const secrets = { STRIPE_WEBHOOK_SECRET: 'whsec_run_test_$HOME_kept_literal', PROXY_TOKEN_SECRET: 'run test token secret with $PATH and "quotes"' };
  const system = await runningSystem(secrets);
  try {
    const { run, port, upstreamPort } = system;
    // Another user of the machine sees every command line (`ps`), and no secret there.
    for (const { cmdline } of system.tree) {
      for (const secret of Object.values(secrets)) assert.ok(!cmdline.includes(secret), `a secret on the command line: ${cmdline}`);
      assert.doesNotMatch(cmdline, /whsec_|sk_test_|sk_live_|rk_test_|rk_live_/, 'no key or webhook secret on a command line');
    }
    // The Worker has the secrets as they were set, `$` and quotes included: a token signed
    // with the token secret passes, and the webhook secret verifies the delivery below.
    const token = await new SignJWT({ scope: 'back-office' }).setProtectedHeader({ alg: 'HS256' }).setSubject('run-test')
      .setAudience('stripe-edge').setIssuedAt().setExpirationTime('1m').sign(new TextEncoder().encode(secrets.PROXY_TOKEN_SECRET));
    const listed = await fetch(`http://127.0.0.1:${port}/v1/customers?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(listed.status, 200, await listed.text());
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    assert.match(health.run, /^[0-9a-f-]{36}$/, 'the Worker answers with this run’s nonce');
    assert.ok(run.output().includes(health.run) === false, 'the nonce is not printed');

    // A second endpoint at the Worker with a secret it does not have: a refusal.
    const emulator = `http://127.0.0.1:${upstreamPort}`;
    const planted = await fetch(`${emulator}/_emulator/webhook_endpoints`, {
      method: 'POST',
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/webhooks/stripe`, secret: 'whsec_not_the_workers', enabled_events: ['customer.created'] }),
    });
    assert.equal(planted.status, 200);
    const created = await fetch(`${emulator}/v1/customers`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_run', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=run@example.com',
    });
    const customer = await created.json();
    const events = await (await fetch(`${emulator}/v1/events?type=customer.created&limit=1`, { headers: { authorization: 'Bearer sk_test_run' } })).json();
    const event = events.data[0];
    assert.equal(event.data.object.id, customer.id);
    const url = `http://127.0.0.1:${port}/webhooks/stripe`;
    const accepted = `emulator | webhook ${event.id} customer.created to ${url}: accepted (200)`;
    const refused = new RegExp(`emulator \\| webhook ${event.id} customer.created to ${url}: refused \\(400 (\\w+)\\); attempt 1 of 6, next in 0\\.5 s`);
    await waitFor(() => run.output().includes(accepted) && refused.test(run.output()), { timeoutMs: 15_000, what: `both delivery lines in\n${run.output()}` });
    assert.equal(run.output().match(refused)[1], 'no_matching_signature', 'the Worker’s code for a signature made with another secret');

    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    assert.equal(code, 0, run.output());
    assert.match(run.output(), /npm start: SIGTERM: stopping the Worker \(wrangler, workerd\) and the emulator\n[^]*npm start: stopped; nothing of this run is left running/);
    await assertAllGone(system);
  } finally {
    killAll(system.tree.map((p) => p.pid));
  }
});

// npm passes SIGINT on; it dies of SIGHUP without passing it on, and the run notices.
for (const [signal, said] of [
  ['SIGINT', 'npm start: SIGINT: stopping the Worker (wrangler, workerd) and the emulator'],
  ['SIGHUP', 'npm start: the process that started this run has exited: stopping'],
]) {
  test(`${signal} to the npm process stops everything too`, async () => {
    const system = await runningSystem();
    try {
      system.run.child.kill(signal);
      await system.run.exited;
      await assertAllGone(system);
      await waitFor(() => system.run.output().includes(`${said}\n`) && system.run.output().includes('npm start: stopped; nothing of this run is left running'), {
        timeoutMs: 5_000,
        what: `the run to say it stopped\n${system.run.output()}`,
      });
    } finally {
      killAll(system.tree.map((p) => p.pid));
    }
  });
}

test('SIGTERM while the Worker is still starting stops it too', async () => {
  const [port, upstreamPort] = [await freePort(), await freePort()];
  const run = npmStart({ PORT: String(port), STRIPE_EMULATOR_PORT: String(upstreamPort) });
  let tree = [];
  try {
    await waitFor(() => (tree = descendants(run.child.pid)).some((p) => p.cmdline.includes('node_modules/.bin/wrangler')), {
      timeoutMs: 240_000,
      intervalMs: 20,
      what: `wrangler to be started\n${run.output()}`,
    });
    assert.equal(run.output().includes('stripe-edge is running.'), false, 'the signal comes while the Worker starts');
    run.child.kill('SIGTERM');
    assert.equal((await run.exited).code, 0, run.output());
    await assertAllGone({ run, port, upstreamPort, tree }, ['scripts/dev.mjs', 'stripe-emulator', 'wrangler']);
  } finally {
    killAll(tree.map((p) => p.pid));
  }
});

test('a child that dies takes the run down with a clear line and its last lines', async () => {
  const system = await runningSystem();
  try {
    const emulator = system.tree.find((p) => p.cmdline.includes('stripe-emulator'));
    process.kill(emulator.pid, 'SIGKILL');
    const { code } = await system.run.exited;
    assert.equal(code, 1, system.run.output());
    assert.match(system.run.output(), /npm start: the emulator was killed by SIGKILL; its last lines:\nstripe-emulator listening on http:\/\/127\.0\.0\.1:\d+\nStopping the rest of the run\./);
    await assertAllGone(system);
  } finally {
    killAll(system.tree.map((p) => p.pid));
  }
});

test('a server that exits while starting is reported at once, with its own last lines', async () => {
  // What npm start meets when a port is taken between its check and the start.
  const stranger = createServer();
  await new Promise((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  const busy = stranger.address().port;
  try {
    for (const [start, name, said] of [
      [() => startEmulator({ port: busy }), `the emulator (port ${busy}) exited with code 1`, 'stripe-emulator: cannot listen: Address already in use'],
      [() => startWrangler({ port: busy, vars: { STRIPE_WEBHOOK_SECRET: 'whsec_x' } }), `wrangler dev (port ${busy}) exited with code 1`, `Address already in use (127.0.0.1:${busy})`],
    ]) {
      const started = Date.now();
      await assert.rejects(start(), (error) => {
        assert.ok(error.message.startsWith(`${name}; its last lines:\n`), error.message);
        assert.ok(error.message.includes(said), error.message);
        return true;
      });
      assert.ok(Date.now() - started < 15_000, `reported after ${Date.now() - started} ms`);
    }
  } finally {
    stranger.close();
  }
});

test('npm test without ../shared says so before installing anything', async () => {
  const checkout = join(mkdtempSync(join(tmpdir(), 'stripe-edge-noshared-')), 'checkout');
  try {
    mkdirSync(join(checkout, 'scripts'), { recursive: true });
    for (const file of ['package.json', 'scripts/test.sh']) copyFileSync(join(root, file), join(checkout, file));
    const { code, stdout, stderr } = await new Promise((resolve) => {
      const child = spawn('npm', ['test'], { cwd: checkout, stdio: ['ignore', 'pipe', 'pipe'] });
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
    assert.notEqual(code, 0);
    assert.match(stderr, /npm test: \.\.\/shared \(the reference folder with Stripe's spec\) must sit beside the checkout; it is not at \S+\/shared/);
    assert.doesNotMatch(stdout + stderr, /setup:|npm ci|scripts\/setup\.sh/, 'nothing was installed');
    assert.equal(existsSync(join(checkout, 'node_modules')), false);
  } finally {
    rmSync(dirname(checkout), { recursive: true, force: true });
  }
});

test('npm start relays an event made in the emulator, re-signed, to its demo destination', async () => {
  const system = await runningSystem();
  try {
    const { run, upstreamPort } = system;
    assert.match(run.output(), /Demo destination: +http:\/\/127\.0\.0\.1:\d+/);
    const emulator = `http://127.0.0.1:${upstreamPort}`;
    const created = await fetch(`${emulator}/v1/customers`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_run', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=demo@example.com',
    });
    const customer = await created.json();
    const events = await (await fetch(`${emulator}/v1/events?type=customer.created&limit=1`, { headers: { authorization: 'Bearer sk_test_run' } })).json();
    const event = events.data[0];
    assert.equal(event.data.object.id, customer.id);
    const received = `demo     | received ${event.id} customer.created, verified with constructEvent and re-signed by the Worker`;
    await waitFor(() => run.output().includes(received), { timeoutMs: 20_000, what: `the demo destination's line in\n${run.output()}` });
    assert.doesNotMatch(run.output(), /demo +\| refused/);
    run.child.kill('SIGTERM');
    assert.equal((await run.exited).code, 0, run.output());
    await assertAllGone(system, ['scripts/dev.mjs', 'scripts/demo-destination.mjs', 'stripe-emulator', 'wrangler', 'workerd']);
  } finally {
    killAll(system.tree.map((p) => p.pid));
  }
});
