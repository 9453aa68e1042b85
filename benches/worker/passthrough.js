// The anchor for the proxy benchmark: a plain pass-through Worker that forwards every
// request to STRIPE_API_BASE with the secret key, checking nothing (what a hand-written
// proxy without a policy would do). With the var `LOG_EACH_REQUEST=true` it also writes
// one JSON log line per request, as the proxy does: the control that tells the cost of
// a log line in the dev server from the cost of the proxy's own work.
export default {
  async fetch(request, env) {
    const logging = env.LOG_EACH_REQUEST === 'true';
    const started = logging ? Date.now() : 0;
    const url = new URL(request.url);
    const headers = new Headers({ authorization: `Bearer ${env.STRIPE_SECRET_KEY}` });
    const upstream = await fetch(`${env.STRIPE_API_BASE}${url.pathname}${url.search}`, { method: request.method, headers });
    if (logging) {
      console.log(JSON.stringify({ passthrough: true, path: url.pathname, status: upstream.status, ms: Date.now() - started }));
    }
    return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': 'application/json' } });
  },
};
