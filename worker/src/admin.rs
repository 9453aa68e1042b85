//! `/_admin/*`: the pipeline's operations, for proxy tokens of scope `admin` only (a
//! missing or bad token is 401, another scope 403). Secrets are never shown.
//!
//! - `GET /_admin/deliveries[?limit=N&event=evt_...&destination=name]`: the recent
//!   delivery attempts across events (or one event's, one destination's), newest first:
//!   each attempt's number, outcome, status and reason.
//! - `GET /_admin/dead-letters[?limit=N]`: the deliveries given up, newest first.
//! - `GET /_admin/events/{id}`: an event's deliveries: state, attempts, last status.
//! - `POST /_admin/replay[?event=evt_...]`: every dead letter (or one event's) owed
//!   again, its attempts anew.
//! - `GET /_admin/destinations`: the routes' destinations and whether each is disabled.
//! - `POST /_admin/destinations/{name}/disable` and `.../enable`.
//! - `POST /_admin/reconcile`: feed Stripe's undelivered events into the pipeline now
//!   (as the cron trigger does).

use serde::Serialize;
use stripe_edge::error::{ErrorType, HttpError};
use stripe_edge::proxy::token::{self, Rules};
use worker::{Date, Env, Method, Request, Url};

use crate::respond::{self, Answer, internal};
use crate::{config, destinations, ledger, reconcile, registry};

/// The scope an admin token carries.
pub const SCOPE: &str = "admin";

/// Answers a request under `/_admin/`.
pub async fn handle(req: Request, env: &Env) -> Answer {
    authorize(&req, env)?;
    let url = req.url().map_err(internal)?;
    let path = req.path();
    let method = req.method();
    let segments: Vec<&str> = path.split('/').skip(2).collect();
    match (segments.as_slice(), method) {
        (["deliveries"], Method::Get) => {
            let recent = registry::Recent {
                limit: limit(&url)?,
                event: query(&url, "event"),
                destination: query(&url, "destination"),
            };
            json(&registry::recent(env, &recent).await?)
        }
        (["dead-letters"], Method::Get) => json(&registry::list(env, limit(&url)?).await?),
        (["events", id], Method::Get) => {
            let shown = match stripe_edge::pipeline::ledger::valid_id(id) {
                true => ledger::show(env, id).await?,
                false => None,
            };
            json(&shown.ok_or_else(|| respond::not_found(&path))?)
        }
        (["replay"], Method::Post) => replay(env, query(&url, "event").as_deref()).await,
        (["destinations"], Method::Get) => listing(env).await,
        (["reconcile"], Method::Post) => json(&reconcile::run(env).await?),
        (["destinations", name, action @ ("enable" | "disable")], Method::Post) => {
            if destinations::routes(env)?.named(name).is_none() {
                return Err(respond::not_found(&path));
            }
            if *action == "enable" {
                registry::enable(env, name).await?;
            } else {
                registry::disable(env, name).await?;
            }
            listing(env).await
        }
        (["deliveries"] | ["dead-letters"] | ["destinations"] | ["events", _], _) => {
            respond::method_not_allowed("GET")
        }
        (["replay"] | ["reconcile"] | ["destinations", _, "enable" | "disable"], _) => {
            respond::method_not_allowed("POST")
        }
        _ => Err(respond::not_found(&path)),
    }
}

/// Makes every dead letter (or those of `event`) owed again; letters whose events the
/// ledger no longer keeps are dropped.
async fn replay(env: &Env, event: Option<&str>) -> Answer {
    let letters = registry::list(env, registry::MAX_LIST).await?.data;
    let (mut replayed, mut expired) = (0u32, 0u32);
    for letter in letters
        .iter()
        .filter(|letter| event.is_none_or(|event| letter.event == event))
    {
        if ledger::revive(env, &letter.event, &letter.destination)
            .await?
            .revived
        {
            replayed = replayed.saturating_add(1);
        } else {
            expired = expired.saturating_add(1);
        }
        registry::forget(env, letter).await?;
    }
    respond::json(
        200,
        serde_json::json!({ "replayed": replayed, "dropped": expired }).to_string(),
    )
}

/// The destinations, without their secrets' names.
async fn listing(env: &Env) -> Answer {
    #[derive(Serialize)]
    struct Shown<'a> {
        name: &'a str,
        url: &'a str,
        events: &'a [String],
        disabled: bool,
    }
    let routes = destinations::routes(env)?;
    let disabled = registry::disabled(env).await?.destinations;
    let data: Vec<Shown<'_>> = routes
        .destinations()
        .iter()
        .map(|destination| Shown {
            name: &destination.name,
            url: &destination.url,
            events: &destination.events,
            disabled: disabled.contains(&destination.name),
        })
        .collect();
    json(&serde_json::json!({ "data": data }))
}

fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

fn json(value: &impl Serialize) -> Answer {
    let body = serde_json::to_string(value)
        .map_err(|error| config::misconfigured("internal_error", error.to_string()))?;
    respond::json(200, body)
}

/// Checks the request's token: valid (401 otherwise) and of scope `admin` (403).
fn authorize(req: &Request, env: &Env) -> Result<(), HttpError> {
    let settings = config::Proxy::read(env)?;
    let now = (Date::now().as_millis() / 1000) as i64;
    let rules = Rules {
        max_lifetime: settings.max_token_lifetime,
        ..Rules::default()
    };
    let authorization = req.headers().get("authorization").ok().flatten();
    let claims = token::bearer(authorization.as_deref())
        .and_then(|bearer| token::verify(bearer, &settings.token_secrets, now, &rules))
        .map_err(|error| error.to_http())?;
    if claims.scope != SCOPE {
        return Err(HttpError {
            status: 403,
            type_: ErrorType::InvalidRequestError,
            code: "scope_not_allowed",
            message: format!("The admin routes need a token of scope {SCOPE:?}."),
            param: None,
        });
    }
    Ok(())
}

/// The `limit` a listing asks for: 1 to [`registry::MAX_LIST`], 100 when unset.
fn limit(url: &Url) -> Result<u32, HttpError> {
    let Some(value) = query(url, "limit") else {
        return Ok(100);
    };
    value
        .parse::<u32>()
        .ok()
        .filter(|limit| (1..=registry::MAX_LIST).contains(limit))
        .ok_or_else(|| bad_limit(&value))
}

fn bad_limit(value: &str) -> HttpError {
    HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code: "parameter_invalid_integer",
        message: format!(
            "limit {value:?} is not a whole number from 1 to {}",
            registry::MAX_LIST
        ),
        param: Some("limit".into()),
    }
}
