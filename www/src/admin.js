// The Worker's /_admin/ routes (the webhook pipeline's operations), called with an
// `admin` proxy token. Not Stripe's API: plain fetch, errors in Stripe's shape.

/** An error from an /_admin answer: its status and Stripe-shaped fields. */
class AdminError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.statusCode = status;
    this.rawType = body?.error?.type;
    this.code = body?.error?.code;
    this.param = body?.error?.param;
  }
}

/** Calls `/_admin/{path}` with `token`; resolves with the JSON answer or rejects with an AdminError. */
export async function admin(token, method, path) {
  const response = await fetch(`/_admin/${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new AdminError(response.status, body);
  return body;
}
