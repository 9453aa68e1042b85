//! The stripe-edge Cloudflare Worker: receives Stripe webhooks and verifies them with
//! the core before anything else sees them.
//!
//! Routes:
//! - `POST /webhooks/stripe`: verify against `STRIPE_WEBHOOK_SECRET` (comma-separated
//!   during a rotation); `200 {"received": true, "id", "type"}` or a Stripe-shaped error.
//! - `GET /healthz`: liveness, with the run command's nonce when it set one.
//!
//! Every failure is answered with Stripe's error body; nothing panics on any input.

mod body;
mod config;
mod respond;
mod webhook;

use worker::{Context, Env, Method, Request, Response, Result, event};

/// Routes a request to its handler; wrong methods get 405, unknown paths 404.
#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let path = req.path();
    match (path.as_str(), req.method()) {
        ("/webhooks/stripe", Method::Post) => webhook::receive(req, &env).await,
        ("/webhooks/stripe", _) => respond::method_not_allowed("POST"),
        ("/healthz", Method::Get | Method::Head) => health(&env),
        ("/healthz", _) => respond::method_not_allowed("GET, HEAD"),
        _ => respond::not_found(&path),
    }
}

/// `{"status": "ok"}`, plus `"run"`: the `STRIPE_EDGE_RUN_ID` var when set, which the
/// run command (`npm start`) sets to a nonce of its own to know the port answering is
/// its Worker and not another server.
fn health(env: &Env) -> Result<Response> {
    let mut body = serde_json::json!({ "status": "ok" });
    if let Ok(run) = env.var("STRIPE_EDGE_RUN_ID") {
        body["run"] = run.to_string().into();
    }
    respond::json(200, body.to_string())
}
