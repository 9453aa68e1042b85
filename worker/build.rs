//! Bundles the proxy's policy and the webhook pipeline's routes into the Worker: reads
//! `policy.toml` and `routes.toml` (or the files named by `STRIPE_EDGE_POLICY` and
//! `STRIPE_EDGE_ROUTES`), checks each with the core's own reader (the policy against the
//! endpoint table), and writes them as JSON for `include_str!`. A file that names an
//! unknown endpoint, setting or parameter fails the build with its path.

use std::path::{Path, PathBuf};

fn main() {
    bundle("STRIPE_EDGE_POLICY", "policy.toml", "policy.json", |json| {
        stripe_edge::proxy::Policy::parse(json)
            .map(drop)
            .map_err(|error| error.to_string())
    });
    bundle("STRIPE_EDGE_ROUTES", "routes.toml", "routes.json", |json| {
        stripe_edge::pipeline::Routes::parse(json)
            .map(drop)
            .map_err(|error| error.to_string())
    });
}

/// Reads the TOML file named by the env var `var` (by default `default` beside this
/// crate's manifest), checks its JSON form with `check`, and writes it to `OUT_DIR/out`.
fn bundle(var: &str, default: &str, out: &str, check: impl Fn(&str) -> Result<(), String>) {
    println!("cargo:rerun-if-env-changed={var}");
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(default));
    println!("cargo:rerun-if-changed={}", path.display());
    let fail = |why: String| -> ! {
        eprintln!("error: {}: {why}", path.display());
        println!("cargo:warning={}: {why}", path.display());
        std::process::exit(1)
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| fail(format!("cannot read it: {error}")));
    let value: toml::Value =
        toml::from_str(&text).unwrap_or_else(|error| fail(format!("not TOML: {error}")));
    let json = serde_json::to_string(&value).unwrap_or_else(|error| fail(error.to_string()));
    check(&json).unwrap_or_else(|error| fail(error));
    let dir =
        PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_else(|| fail("no OUT_DIR".into())));
    std::fs::write(dir.join(out), json).unwrap_or_else(|error| fail(error.to_string()));
}
