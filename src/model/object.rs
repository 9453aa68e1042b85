//! What every resource model has in common.

use super::decode::Decode;
use super::encode::Encode;

/// A Stripe resource: a model with its own `object` name.
pub trait Object: Decode + Encode {
    /// The value of the resource's `object` field, such as `invoice`.
    const OBJECT: &'static str;
}
