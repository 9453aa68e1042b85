//! The stripe-edge Cloudflare Worker: receives Stripe webhooks and verifies them with
//! the core before anything else sees them, records them in a Durable Object ledger and
//! relays them through a Cloudflare Queue to the destinations of its routes
//! ([`deliver`]); calls Stripe through the core's call machines ([`upstream`]).
//!
//! Routes:
//! - `POST /webhooks/stripe`: verify against `STRIPE_WEBHOOK_SECRET` (comma-separated
//!   during a rotation), record and enqueue; `200 {"received": true, "id", "type"}`
//!   (with `"duplicate": true` for an id accepted before) or a Stripe-shaped error.
//! - `/_admin/*`: the pipeline's dead letters, replay, destinations and reconciliation,
//!   for tokens of scope `admin` ([`admin`]).
//!
//! A cron trigger reconciles with Stripe's undelivered events ([`reconcile`]).
//! - `/v1/*`, `/v2/*`: the policy proxy ([`proxy`]): Stripe's API for callers with a
//!   token instead of a key, within the policy bundled at build time.
//! - `GET /healthz`: liveness, with the run command's nonce when it set one.
//! - `GET /_dev/tokens`: development tokens, only when `DEV_TOKENS=true` (the run
//!   command's setting).
//!
//! Every handler answers `Result<Response, HttpError>`, turned into a response in one
//! place; nothing panics on any input, and a panic (a bug) is logged with its message.

mod admin;
mod body;
mod config;
pub mod deliver;
mod destinations;
mod dev;
mod expand;
pub mod ledger;
mod proxy;
mod reconcile;
pub mod registry;
pub mod respond;
mod stub;
pub mod upstream;
mod webhook;

use worker::{Env, Method, Request, Url, web_sys};

use respond::Answer;

/// Routes a request to its handler; wrong methods get 405, unknown paths 404. The proxy
/// takes the runtime's request as it comes: the one path taken on every API call reads
/// only what it uses.
pub async fn route(req: web_sys::Request, env: &Env) -> Answer {
    let raw = req.url();
    let Ok(url) = Url::parse(&raw) else {
        return Err(respond::not_found(&raw));
    };
    let path = url.path();
    if path.starts_with("/v1/") || path.starts_with("/v2/") {
        return proxy::handle(&req, &url, env).await;
    }
    let req = Request::from(req);
    match (path, req.method()) {
        ("/webhooks/stripe", Method::Post) => webhook::receive(req, env).await,
        ("/webhooks/stripe", _) => respond::method_not_allowed("POST"),
        ("/healthz", Method::Get | Method::Head) => health(env),
        ("/healthz", _) => respond::method_not_allowed("GET, HEAD"),
        ("/_dev/tokens", Method::Get) => dev::tokens(&req, env),
        (admin, _) if admin.starts_with("/_admin/") => admin::handle(req, env).await,
        _ => Err(respond::not_found(path)),
    }
}

/// The Worker's event handlers; a test Worker that uses this crate as a library leaves
/// them out (feature `entry`).
#[cfg(feature = "entry")]
mod entry {
    use worker::wasm_bindgen::{self, JsValue, prelude::wasm_bindgen};
    use worker::{
        Context, Env, MessageBatch, Result, ScheduleContext, ScheduledEvent, event,
        wasm_bindgen_futures, web_sys,
    };

    use crate::ledger::Ticket;
    use crate::respond;

    /// Logs the message of a panic (a bug) before the module traps.
    #[event(start)]
    fn start() {
        console_error_panic_hook::set_once();
    }

    /// The `fetch` handler, on the runtime's own request: workers-rs's `#[event(fetch)]`
    /// would turn it into a `worker::Request`, reading `request.cf` on every request.
    #[wasm_bindgen]
    pub async fn fetch(
        req: web_sys::Request,
        env: Env,
        _ctx: JsValue,
    ) -> core::result::Result<web_sys::Response, JsValue> {
        let answer = respond::answer(crate::route(req, &env).await)?;
        Ok(answer.into())
    }

    #[event(queue)]
    async fn queue(batch: MessageBatch<Ticket>, env: Env, _ctx: Context) -> Result<()> {
        crate::deliver::consume(batch, env).await
    }

    /// The cron trigger: reconciles with Stripe's undelivered events.
    #[event(scheduled)]
    async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
        if let Err(error) = crate::reconcile::run(&env).await {
            worker::console_error!("reconcile failed: {}", error.message);
        }
    }
}

/// `{"status": "ok"}`, plus `"run"`: the `STRIPE_EDGE_RUN_ID` var when set, which the
/// run command (`npm start`) sets to a nonce of its own to know the port answering is
/// its Worker and not another server.
fn health(env: &Env) -> Answer {
    let mut body = serde_json::json!({ "status": "ok" });
    if let Ok(run) = env.var("STRIPE_EDGE_RUN_ID") {
        body["run"] = run.to_string().into();
    }
    respond::json(200, body.to_string())
}
