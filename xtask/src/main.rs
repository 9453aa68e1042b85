//! Project tasks. `cargo xtask codegen` writes, from Stripe's OpenAPI spec and example
//! objects in `../shared/stripe-openapi/`: the resource models in
//! `src/resources/generated/` and the TypeScript declarations of the seed resources;
//! the endpoint table (`src/api/table.rs`), the typed parameter structs
//! (`src/api/params/generated.rs`) and their TypeScript declarations (`js/params.d.ts`)
//! for the seed endpoints (`operations.rs`, with `xtask/operations.json` for those the
//! spec lacks). `cargo xtask codegen --check` fails when the committed output differs.

mod areas;
mod docs;
mod emit_api;
mod emit_params_ts;
mod emit_rust;
mod emit_ts;
mod infer;
mod model;
mod names;
mod operations;
mod param_types;
mod params;
mod reconcile;
mod shared_enums;
mod spec;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            ExitCode::from(2)
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The resource features the core's `Cargo.toml` lacks (each must exist and be in
/// `full`).
fn missing_features() -> Vec<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("read Cargo.toml");
    let full = manifest
        .split_once("\nfull = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map_or("", |(list, _)| list);
    areas::FEATURES
        .iter()
        .filter(|(name, _)| {
            !manifest.contains(&format!("\n{name} = [")) || !full.contains(&format!("\"{name}\""))
        })
        .map(|(name, holds)| {
            format!("Cargo.toml: feature `{name}` ({holds}), also listed in `full`")
        })
        .collect()
}

fn codegen(check: bool) -> ExitCode {
    let stale = generate(check);
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!("generated files are out of date (run `cargo xtask codegen`) or missing:");
    for path in stale {
        eprintln!("  {path}");
    }
    ExitCode::FAILURE
}

/// Generates the models; writes them unless `check`, and gives what differed.
fn generate(check: bool) -> Vec<String> {
    let shared = root().join("../shared/stripe-openapi");
    // A missing or broken reference folder ends the run with one line, not a panic.
    let read = |name: &str| {
        let path = match name {
            "operations.json" => root().join("xtask").join(name),
            _ => shared.join(name),
        };
        let fail = |why: String| -> ! {
            eprintln!("cargo xtask codegen: {why}");
            std::process::exit(1)
        };
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            fail(format!(
                "cannot read {}: {error} (the generator reads Stripe's spec from ../shared, the reference folder beside the checkout)",
                path.display()
            ))
        });
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|error| fail(format!("{} is not JSON: {error}", path.display())))
    };
    let spec = read("spec3.2023-08-16.json");
    let fixtures = read("fixtures3.json");
    let models = spec::build(&spec, &fixtures);
    let mut files = emit_rust::files(&models);
    files.extend(emit_ts::files(&models));
    let operations = operations::build(&spec, &read("operations.json"), &fixtures);
    let types = param_types::resolve(&operations);
    files.extend(emit_api::files(&operations, &types));
    files.extend(emit_params_ts::files(&operations, &types, &models));
    let mut stale = missing_features();
    stale.extend(write_or_compare(&files, &root(), check));
    stale
}

/// Writes `files` under `root` (unless `check`) and gives the paths whose text differed
/// or was missing, with any file in the models' folder that `files` does not have
/// (removed unless `check`).
fn write_or_compare(files: &BTreeMap<PathBuf, String>, root: &Path, check: bool) -> Vec<String> {
    let mut stale = Vec::new();
    for (path, text) in files {
        let path = root.join(path);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        if check {
            stale.push(path.display().to_string());
        } else {
            std::fs::create_dir_all(path.parent().expect("files are in folders"))
                .expect("create the output folder");
            std::fs::write(&path, text).expect("write a generated file");
        }
    }
    let generated = root.join(emit_rust::DIR);
    for entry in std::fs::read_dir(&generated)
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let relative = path
            .strip_prefix(root)
            .expect("inside the root")
            .to_path_buf();
        if !files.contains_key(&relative) {
            if check {
                stale.push(path.display().to_string());
            } else {
                std::fs::remove_file(&path).expect("remove a stale generated file");
            }
        }
    }
    stale
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    /// Regenerating from the same spec gives the committed files, byte for byte.
    #[test]
    fn committed_output_is_current() {
        let stale = super::generate(true);
        assert!(
            stale.is_empty(),
            "out of date (run `cargo xtask codegen`): {stale:#?}"
        );
    }

    /// `--check` names a file whose text differs, one that is missing, and a file in
    /// the models' folder that the generator no longer writes; it writes nothing.
    #[test]
    fn the_check_finds_stale_missing_and_extra_files() {
        let root = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        let models = root.join(super::emit_rust::DIR);
        std::fs::create_dir_all(&models).unwrap();
        std::fs::create_dir_all(root.join("src/api")).unwrap();
        std::fs::write(root.join("src/api/table.rs"), "old").unwrap();
        std::fs::write(models.join("gone.rs"), "old").unwrap();
        let files = BTreeMap::from([
            (PathBuf::from("src/api/table.rs"), "new".to_string()),
            (PathBuf::from("js/params.d.ts"), "new".to_string()),
        ]);
        let mut stale = super::write_or_compare(&files, &root, true);
        stale.sort();
        let mut expected: Vec<String> = ["js/params.d.ts", "src/api/table.rs"]
            .iter()
            .map(|p| root.join(p))
            .chain([models.join("gone.rs")])
            .map(|p| p.display().to_string())
            .collect();
        expected.sort();
        assert_eq!(stale, expected);
        assert_eq!(
            std::fs::read_to_string(root.join("src/api/table.rs")).unwrap(),
            "old"
        );
        // Written (and the extra file removed), the same files are current.
        assert_eq!(
            super::write_or_compare(&files, &root, false),
            Vec::<String>::new()
        );
        assert!(!models.join("gone.rs").exists());
        assert_eq!(
            super::write_or_compare(&files, &root, true),
            Vec::<String>::new()
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
