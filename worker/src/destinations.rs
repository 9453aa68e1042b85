//! The webhook pipeline's destinations: the routes bundled at build time (`routes.toml`,
//! checked by `build.rs` with the core's reader), or those of the `PIPELINE_ROUTES` var
//! (the same settings as JSON, checked here) when it is set, as the run command and the
//! tests set it for destinations on local ports.

use std::borrow::Cow;
use std::sync::OnceLock;

use stripe_edge::error::HttpError;
use stripe_edge::pipeline::Routes;
use worker::Env;

use crate::config;

/// The routes in force: the bundled ones, borrowed, unless `PIPELINE_ROUTES` is set.
pub fn routes(env: &Env) -> Result<Cow<'static, Routes>, HttpError> {
    match config::value(env, "PIPELINE_ROUTES") {
        Some(json) => Routes::parse(&json)
            .map(Cow::Owned)
            .map_err(|error| config::misconfigured("routes_invalid", error.to_string())),
        None => bundled().map(Cow::Borrowed),
    }
}

fn bundled() -> Result<&'static Routes, HttpError> {
    static ROUTES: OnceLock<Result<Routes, String>> = OnceLock::new();
    config::bundled(
        &ROUTES,
        include_str!(concat!(env!("OUT_DIR"), "/routes.json")),
        Routes::parse,
        "routes_invalid",
    )
}
