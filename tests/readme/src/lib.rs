//! The README's Rust examples run as doc tests of this crate (`cargo test -p
//! stripe-edge-readme --doc`); `tests/readme/readme.test.mjs` runs them and checks that
//! none is left out.
#![doc = include_str!("../../../README.md")]
