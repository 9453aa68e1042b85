//! `/v1/*` and `/v2/*`: the policy proxy. A browser or a service calls Stripe's API here
//! with a token instead of a key; the core decides (token, route, policy, ownership:
//! `stripe_edge::proxy`), and this handler only moves bytes: it reads the request,
//! applies the rate limit, drives the core's `ProxyCall` with the Worker's driver, and
//! answers with CORS headers and one JSON log line.

use std::sync::OnceLock;

use stripe_edge::api::call::{Output, Settings};
use stripe_edge::error::{ErrorType, HttpError};
use stripe_edge::proxy::token::{self, Rules};
use stripe_edge::proxy::{self, Incoming, Policy, ProxyCall, cors};
use worker::js_sys::Date;
use worker::{Env, Headers, Response, Url, web_sys};

use crate::respond::{self, Answer, internal, not_found};
use crate::upstream::{drive, entropy};
use crate::{body, config};

/// The largest request body, in bytes.
const MAX_BODY: usize = 64 << 10;

/// How long one call to Stripe may take, in milliseconds.
const TIMEOUT_MS: u64 = 20_000;

/// The policy bundled at build time (`build.rs` checked it).
pub fn policy() -> Result<&'static Policy, HttpError> {
    static POLICY: OnceLock<Result<Policy, String>> = OnceLock::new();
    config::bundled(
        &POLICY,
        include_str!(concat!(env!("OUT_DIR"), "/policy.json")),
        Policy::parse,
        "policy_invalid",
    )
}

/// Answers a request for `/v1/...` or `/v2/...`.
pub async fn handle(req: &web_sys::Request, url: &Url, env: &Env) -> Answer {
    let started = Date::now();
    let headers = Headers(req.headers());
    let header = |name: &str| headers.get(name).ok().flatten();
    let origin = header("origin");
    let settings = match config::Proxy::read(env) {
        Ok(settings) => settings,
        // Only a misconfigured or webhook-only Worker pays for the second look.
        Err(_) if !config::proxy_enabled(env) => return Err(not_found(url.path())),
        Err(error) => return Err(error),
    };
    if req.method() == "OPTIONS" {
        let allowed = cors::preflight(
            &settings.origins,
            origin.as_deref(),
            header("access-control-request-method").as_deref(),
            header("access-control-request-headers").as_deref(),
        )?;
        let response = Response::empty().map_err(internal)?.with_status(204);
        return with_headers(response, &allowed);
    }
    let mut log = Log::default();
    let (status, body, headers) = match proxied(req, url, &headers, env, &settings, &mut log).await
    {
        Ok(answer) => answer,
        Err(error) => {
            // The rate limit's period is a minute.
            let wait = (error.status == 429).then(|| ("Retry-After", String::from("60")));
            (error.status, error.to_json(), wait.into_iter().collect())
        }
    };
    log.status = status;
    log.ms = (Date::now() - started) as u64;
    worker::console_log!("{}", log.line());
    let response = respond::json(status, body)?;
    let response = with_headers(response, &headers)?;
    with_headers(
        response,
        &cors::answer_headers(&settings.origins, origin.as_deref()),
    )
}

/// The status, body and headers to answer, or the refusal.
async fn proxied(
    req: &web_sys::Request,
    url: &Url,
    headers: &Headers,
    env: &Env,
    settings: &config::Proxy,
    log: &mut Log,
) -> Result<(u16, String, Vec<(&'static str, String)>), HttpError> {
    let now = (Date::now() / 1000.0) as i64;
    let authorization = headers.get("authorization").ok().flatten();
    let rules = Rules {
        max_lifetime: settings.max_token_lifetime,
        ..Rules::default()
    };
    let claims = token::bearer(authorization.as_deref())
        .and_then(|bearer| token::verify(bearer, &settings.token_secrets, now, &rules))
        .map_err(|error| {
            log.verdict = error.code();
            error.to_http()
        })?;
    log.subject = claims.sub.clone();
    log.scope = claims.scope.clone();
    rate_limit(env, &claims.sub, log).await?;
    let body = body::read_capped(req, MAX_BODY).await?;
    let headers: Vec<(String, String)> = headers.entries().collect();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let method = req.method();
    let incoming = Incoming {
        method: &method,
        path: url.path(),
        query: url.query().unwrap_or_default(),
        headers: &headers,
        body: &body,
    };
    let plan =
        proxy::plan(policy()?, &claims, &incoming).inspect_err(|error| log.verdict = error.code)?;
    log.endpoint = plan.route.endpoint.name;
    let upstream = Settings {
        api_key: Some(settings.secret_key.clone()),
        api_version: Some(settings.api_version.clone()),
        timeout_ms: TIMEOUT_MS,
        ..Settings::default()
    }
    .with_origin(&settings.api_base);
    let mut call = ProxyCall::new(plan, &upstream, entropy().map_err(internal)?)
        .inspect_err(|error| log.verdict = error.code)?;
    let end = drive(&mut call, |_| {}).await;
    let mut headers = vec![("Stripe-Version", settings.api_version.clone())];
    if let Some(id) = call.request_id() {
        headers.push(("Request-Id", id.to_string()));
    }
    Ok(match end {
        Ok(Output::Answer(body)) => {
            log.verdict = "proxied";
            log.upstream = 200;
            let body = String::from_utf8_lossy(&body);
            (200, proxy::redact(&body, &settings.secret_key), headers)
        }
        Ok(_) => {
            return Err(config::misconfigured(
                "proxy_failed",
                "the call ended without an answer".into(),
            ));
        }
        Err(error) => {
            let (status, body) = proxy::failure(&error, &settings.secret_key);
            log.verdict = "upstream_error";
            log.upstream = error.api_error().map_or(0, |api| api.status);
            (status, body, headers)
        }
    })
}

/// Counts one request against the subject's rate limit (Cloudflare's rate-limit
/// binding `PROXY_RATE_LIMIT`); a 429 with `Retry-After` once it is spent.
async fn rate_limit(env: &Env, subject: &str, log: &mut Log) -> Result<(), HttpError> {
    let limiter = env.rate_limiter(config::RATE_LIMIT).map_err(internal)?;
    let outcome = limiter.limit(subject.to_string()).await.map_err(internal)?;
    if outcome.success {
        return Ok(());
    }
    log.verdict = "rate_limited";
    Err(HttpError {
        status: 429,
        type_: ErrorType::InvalidRequestError,
        code: "rate_limit",
        message: "Too many requests for this token's subject; retry after a minute".into(),
        param: None,
    })
}

fn with_headers(response: Response, headers: &[(&'static str, String)]) -> Answer {
    let all: &Headers = response.headers();
    for (name, value) in headers {
        all.set(name, value).map_err(internal)?;
    }
    Ok(response)
}

/// One request's structured log line: who, what, the verdict, the answer, the time.
/// Never a token, a key or a body.
#[derive(Default)]
struct Log {
    subject: String,
    scope: String,
    endpoint: &'static str,
    verdict: &'static str,
    status: u16,
    upstream: u16,
    ms: u64,
}

impl Log {
    fn line(&self) -> String {
        serde_json::json!({
            "proxy": true,
            "subject": self.subject,
            "scope": self.scope,
            "endpoint": self.endpoint,
            "verdict": self.verdict,
            "status": self.status,
            "upstream_status": self.upstream,
            "ms": self.ms,
        })
        .to_string()
    }
}
