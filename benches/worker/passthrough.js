// The anchor for the proxy benchmark: a plain pass-through Worker that forwards every
// request to STRIPE_API_BASE with the secret key, checking nothing (what a hand-written
// proxy without a policy would do).
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const headers = new Headers({ authorization: `Bearer ${env.STRIPE_SECRET_KEY}` });
    const upstream = await fetch(`${env.STRIPE_API_BASE}${url.pathname}${url.search}`, { method: request.method, headers });
    return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': 'application/json' } });
  },
};
