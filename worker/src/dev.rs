//! `GET /_dev/tokens?scope=...[&sub=...]`: proxy tokens minted by the Worker itself, for
//! local development only (the run command sets `DEV_TOKENS=true`; anything else and
//! the route does not exist). In production a backend mints tokens with the package's
//! `mintProxyToken` or any JWT library.

use stripe_edge::proxy::token::{self, Claims};
use worker::{Date, Env, Request};

use crate::config;
use crate::respond::{self, Answer, internal, not_found};

/// How long a development token lasts, in seconds.
const TTL: i64 = 3_600;

/// A token for the scope (and subject) the query names.
pub fn tokens(req: &Request, env: &Env) -> Answer {
    if !config::dev_tokens(env) {
        return Err(not_found(&req.path()));
    }
    let url = req.url().map_err(internal)?;
    let query = |name: &str| {
        url.query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    };
    let proxy = config::Proxy::read(env)?;
    let scope = query("scope").unwrap_or_else(|| "customer".into());
    if crate::proxy::policy()?.scope(&scope).is_none() {
        return Err(config::misconfigured(
            "scope_unknown",
            format!("The policy has no scope {scope:?}"),
        ));
    }
    let demo = (scope == "customer")
        .then(|| config::value(env, "DEV_DEMO_CUSTOMER"))
        .flatten();
    let sub = query("sub")
        .or(demo)
        .unwrap_or_else(|| format!("demo-{scope}"));
    let iat = (Date::now().as_millis() / 1000) as i64;
    let claims = Claims {
        sub,
        scope,
        exp: iat + TTL,
        iat,
        nbf: None,
    };
    let minted = token::mint(proxy.token_secrets[0].as_bytes(), &claims);
    respond::json(
        200,
        serde_json::json!({ "token": minted, "sub": claims.sub, "scope": claims.scope, "expires_at": claims.exp }).to_string(),
    )
}
