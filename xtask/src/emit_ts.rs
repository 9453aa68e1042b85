//! Writing TypeScript declarations of the seed resources.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::Models;

/// Every generated TypeScript file, by path from the workspace root.
pub fn files(_models: &Models) -> BTreeMap<PathBuf, String> {
    BTreeMap::new()
}
