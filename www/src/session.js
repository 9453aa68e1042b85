// Signing in: the page holds a proxy token (never a Stripe key). Locally the Worker mints
// demo tokens at /_dev/tokens (only when DEV_TOKENS=true, which `npm start` sets); in
// production that route is a 404 and your own backend mints tokens with mintProxyToken.
import { createClient } from '/vendor/stripe-edge/client.browser.js';
import { h } from './dom.js';

/** What each scope is called on the page. */
export const SCOPES = {
  customer: 'the demo customer',
  'back-office': 'back-office',
  admin: 'admin',
};

const key = (scope) => `stripe-edge-token:${scope}`;

/** The stored token of `scope` while it is valid for another minute, else undefined. */
export function storedToken(scope) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key(scope)) ?? 'null');
    return saved && saved.expires_at * 1000 > Date.now() + 60_000 ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** A demo token of `scope` from the Worker's development route; `{ missing: true }` in production. */
export async function devToken(scope) {
  const response = await fetch(`/_dev/tokens?scope=${encodeURIComponent(scope)}`);
  if (response.status === 404) return { missing: true };
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.error?.message ?? `HTTP ${response.status}`), { statusCode: response.status, code: body.error?.code });
  sessionStorage.setItem(key(scope), JSON.stringify(body));
  return body;
}

/** The package's API client for this Worker's proxy, authenticated by `token`. */
export function proxyClient(token) {
  return createClient({ baseUrl: location.origin, apiKey: token, maxRetries: 1 });
}

/** How to get tokens where the Worker mints none (production). */
function productionNote() {
  return h(
    'div',
    { class: 'note', role: 'status' },
    h('p', {}, 'This Worker mints no demo tokens (DEV_TOKENS is off, as in production).'),
    h(
      'p',
      {},
      'Sign your user in on your own backend and mint a short-lived token there with ',
      h('code', {}, "mintProxyToken({ secret: PROXY_TOKEN_SECRET, sub: 'cus_...', scope: 'customer' })"),
      ' from the stripe-edge package, then hand it to this page. Never put a Stripe key in a page.',
    ),
  );
}

/**
 * A "Sign in as" control for `scopes` in `container`; calls `onSession({ scope, sub, token })`
 * when a token is ready (at once for a stored one). Returns nothing.
 */
export function mountSignIn(container, scopes, onSession) {
  const status = h('p', { class: 'signed-in', role: 'status' });
  const note = h('div');
  const show = (session) => {
    status.replaceChildren('Signed in as ', h('strong', {}, SCOPES[session.scope]), ` (${session.sub}); the token expires at ${new Date(session.expires_at * 1000).toISOString().slice(11, 16)} UTC.`);
    onSession(session);
  };
  const buttons = scopes.map((scope) =>
    h('button', {
      type: 'button',
      'data-scope': scope,
      onclick: async () => {
        note.replaceChildren();
        try {
          const session = storedToken(scope) ?? (await devToken(scope));
          if (session.missing) note.replaceChildren(productionNote());
          else show(session);
        } catch (error) {
          note.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Could not sign in: ${error.message}`));
        }
      },
    }, `Sign in as ${SCOPES[scope]}`),
  );
  container.replaceChildren(
    h('section', { class: 'sign-in', 'aria-labelledby': 'sign-in-heading' },
      h('h2', { id: 'sign-in-heading' }, 'Sign in'),
      h('p', {}, 'The page calls Stripe through this Worker with a short-lived proxy token; the Stripe key stays in the Worker.'),
      h('div', { class: 'buttons' }, buttons),
      status,
      note,
    ),
  );
  const stored = scopes.map(storedToken).find(Boolean);
  if (stored) show(stored);
}
