//! Bundles the proxy's policy into the Worker: reads `policy.toml` (or the file named
//! by `STRIPE_EDGE_POLICY`), checks it with the core's own policy reader against the
//! endpoint table, and writes it as JSON for `include_str!`. A policy that names an
//! unknown endpoint, scope setting or parameter fails the build with its path.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=STRIPE_EDGE_POLICY");
    let path = std::env::var_os("STRIPE_EDGE_POLICY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policy.toml"));
    println!("cargo:rerun-if-changed={}", path.display());
    let fail = |why: String| -> ! {
        eprintln!("error: {}: {why}", path.display());
        println!("cargo:warning={}: {why}", path.display());
        std::process::exit(1)
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| fail(format!("cannot read the proxy policy: {error}")));
    let policy: toml::Value =
        toml::from_str(&text).unwrap_or_else(|error| fail(format!("not TOML: {error}")));
    let json = serde_json::to_string(&policy).unwrap_or_else(|error| fail(error.to_string()));
    if let Err(error) = stripe_edge::proxy::Policy::parse(&json) {
        fail(error.to_string());
    }
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_else(|| fail("no OUT_DIR".into())));
    std::fs::write(out.join("policy.json"), json).unwrap_or_else(|error| fail(error.to_string()));
}
