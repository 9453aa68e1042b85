// The system the www tests drive: `npm start` on free ports (the Worker in workerd with
// www/, the emulator with its demo data, the demo destination), headless Chromium
// (Debian's, through playwright-core), and independent views of the data: stripe-node
// against the emulator and the Worker's own routes called from Node.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import Stripe from 'stripe';
import { freePort, root, waitFor } from '../support/harness.mjs';

/** Where screenshots go (git-ignored). */
export const shots = join(root, 'tests/.work/www');

/** The emulator's key (as scripts/dev.mjs uses it): for stripe-node, never for the page. */
const EMULATOR_KEY = 'sk_test_stripe_edge_local';

/** Starts `npm start` on free ports; resolves once it says it is running. */
export async function startSystem() {
  const [port, upstreamPort] = [await freePort(), await freePort()];
  const env = { ...process.env, PORT: String(port), STRIPE_EMULATOR_PORT: String(upstreamPort) };
  for (const name of ['STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY', 'ALLOWED_ORIGINS']) delete env[name];
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(() => output.includes('stripe-edge is running.'), {
      timeoutMs: 600_000,
      intervalMs: 250,
      what: `npm start to be running\n${output}`,
      stopIf: () => (child.exitCode !== null ? `npm start exited early:\n${output}` : undefined),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const worker = `http://127.0.0.1:${port}`;
  const emulator = `http://127.0.0.1:${upstreamPort}`;
  const stripe = new Stripe(EMULATOR_KEY, { host: '127.0.0.1', port: upstreamPort, protocol: 'http' });
  return { worker, emulator, stripe, output: () => output, stop };
}

/** A demo token minted by the Worker's development route, fetched from Node. */
export async function devToken(worker, scope) {
  const response = await fetch(`${worker}/_dev/tokens?scope=${scope}`);
  if (!response.ok) throw new Error(`/_dev/tokens?scope=${scope}: ${response.status}`);
  return response.json();
}

/** Calls the Worker's /_admin route with an admin token, from Node. */
export async function admin(worker, token, path, method = 'GET') {
  const response = await fetch(`${worker}/_admin/${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** Headless Chromium (Debian's). */
export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
}

/** A page that records every request it makes (URL, resource type, headers, body) and every console error. */
export async function recordingPage(browser, { width = 1280, height = 900 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const requests = [];
  const problems = [];
  page.on('request', (request) => {
    requests.push({ url: request.url(), type: request.resourceType(), headers: request.headers(), body: request.postData() ?? '' });
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.setDefaultTimeout(20_000);
  return { page, requests, problems };
}

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now. Injected through
 * the DevTools protocol: the page's CSP allows no script but its own. */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await globalThis.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

/** Saves a full-page screenshot of `page` at `width` px as `name-width.png`. */
export async function screenshot(page, name, width) {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
}

/**
 * How a flow acts on the page: with the mouse (clicks, fills) or with the keyboard alone
 * (Tab to the control, then Enter or Space; text typed key by key).
 */
export function driver(page, mode) {
  /** Presses Tab until `selector` has the focus (from where the focus is now). */
  const tabTo = async (selector) => {
    for (let i = 0; i < 250; i += 1) {
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  if (mode === 'mouse') {
    return {
      mode,
      activate: (selector) => page.click(selector),
      fill: (selector, text) => page.fill(selector, text),
      check: (selector) => page.check(selector),
    };
  }
  return {
    mode,
    tabTo,
    async activate(selector) {
      await tabTo(selector);
      const tag = await page.evaluate(() => document.activeElement.tagName);
      await page.keyboard.press(tag === 'A' || tag === 'BUTTON' ? 'Enter' : 'Space');
    },
    async fill(selector, text) {
      await tabTo(selector);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(text);
    },
    async check(selector) {
      await tabTo(selector);
      if (!(await page.evaluate(() => document.activeElement.checked))) await page.keyboard.press('Space');
    },
  };
}
