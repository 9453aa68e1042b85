//! Typed parameters for the endpoints of [`api`](super), so that Rust callers build a
//! request from typed values instead of a hand-made [`FormValue`]. One struct per
//! endpoint (`InvoiceCreateParams`, `ReportRunCreateParams`, ...) and the hashes, enums
//! and unions they hold are generated from Stripe's spec with the endpoint table
//! (`cargo xtask codegen`, in `params/generated.rs`); this module holds what they are
//! built from.
//!
//! Each struct's [`Params::to_form`] gives the map [`Endpoint::request`] checks and
//! encodes, and [`Params::request`] does both. Fields left `None` (or empty) are not
//! sent at all; `Some` of an empty string is sent as `name=`, which Stripe reads as
//! "unset", as is [`Emptyable::Unset`] for fields of other types.
//!
//! ```
//! use stripe_edge::api::params::{Params, ReportRunCreateParameters, ReportRunCreateParams};
//! use stripe_edge::api::{self, RequestOptions};
//!
//! let params = ReportRunCreateParams {
//!     report_type: "balance.summary.1".into(),
//!     parameters: Some(ReportRunCreateParameters {
//!         interval_start: Some(1_680_000_000),
//!         interval_end: Some(1_680_100_000),
//!         ..Default::default()
//!     }),
//!     ..Default::default()
//! };
//! let request = params.request(None, &RequestOptions::default())?;
//! assert_eq!(request.path, api::REPORT_RUN_CREATE.path);
//! assert_eq!(
//!     request.body.as_deref(),
//!     Some(
//!         "parameters%5Binterval_end%5D=1680100000\
//!          &parameters%5Binterval_start%5D=1680000000\
//!          &report_type=balance.summary.1"
//!     ),
//! );
//! # Ok::<(), stripe_edge::api::RequestError>(())
//! ```

mod generated;

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

pub use generated::*;

use super::endpoint::Endpoint;
use super::error::RequestError;
use super::request::{Request, RequestOptions};
use crate::form::FormValue;

/// Parameters of an endpoint, as the map of form parameters its request sends.
pub trait Params {
    /// The endpoint these parameters are for.
    const ENDPOINT: &'static Endpoint;

    /// The parameters as a [`FormValue::Map`], leaving out every unset field.
    fn to_form(&self) -> FormValue;

    /// The request of [`Self::ENDPOINT`] for object `id` (when its path takes one) with
    /// these parameters, checked as [`Endpoint::request`] checks it.
    fn request(&self, id: Option<&str>, options: &RequestOptions) -> Result<Request, RequestError> {
        Self::ENDPOINT.request(id, &self.to_form(), options)
    }
}

/// One value of a parameter, or `None` when it is not to be sent.
trait Field {
    /// The value as a form value; `None` for an absent option or an empty list or map,
    /// which a form body cannot carry.
    fn field(&self) -> Option<FormValue>;
}

impl Field for String {
    fn field(&self) -> Option<FormValue> {
        Some(FormValue::Text(self.clone()))
    }
}

impl Field for bool {
    fn field(&self) -> Option<FormValue> {
        Some(FormValue::Text(if *self { "true" } else { "false" }.into()))
    }
}

impl Field for i64 {
    fn field(&self) -> Option<FormValue> {
        Some(FormValue::Text(itoa::Buffer::new().format(*self).into()))
    }
}

impl<T: Field> Field for Option<T> {
    fn field(&self) -> Option<FormValue> {
        self.as_ref().and_then(Field::field)
    }
}

impl<T: Field> Field for Box<T> {
    fn field(&self) -> Option<FormValue> {
        T::field(self)
    }
}

impl<T: Field> Field for Vec<T> {
    fn field(&self) -> Option<FormValue> {
        let elements: Vec<FormValue> = self.iter().filter_map(Field::field).collect();
        (!elements.is_empty()).then_some(FormValue::List(elements))
    }
}

impl<T: Field> Field for BTreeMap<String, T> {
    fn field(&self) -> Option<FormValue> {
        let members: Vec<(String, FormValue)> = self
            .iter()
            .filter_map(|(key, value)| Some((key.clone(), value.field()?)))
            .collect();
        (!members.is_empty()).then_some(FormValue::Map(members))
    }
}

/// Collects the members of a parameter map, skipping fields that are not to be sent.
#[derive(Default)]
struct Form(Vec<(String, FormValue)>);

impl Form {
    /// Adds `name` when `value` is to be sent.
    fn field(mut self, name: &str, value: &impl Field) -> Self {
        if let Some(value) = value.field() {
            self.0.push((name.into(), value));
        }
        self
    }

    /// The members as a map; `None` when there are none.
    fn nested(self) -> Option<FormValue> {
        (!self.0.is_empty()).then_some(FormValue::Map(self.0))
    }

    /// The members as a map, empty when there are none.
    fn finish(self) -> FormValue {
        FormValue::Map(self.0)
    }
}

/// A value of a field that Stripe lets a caller unset by sending it empty (`name=`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Emptyable<T> {
    /// Sets the field to this value.
    Set(T),
    /// Unsets the field (sent as `name=`).
    Unset,
}

impl<T> From<T> for Emptyable<T> {
    /// Sets the field to `value`.
    fn from(value: T) -> Self {
        Self::Set(value)
    }
}

impl<T: Field> Field for Emptyable<T> {
    fn field(&self) -> Option<FormValue> {
        match self {
            Self::Set(value) => value.field(),
            Self::Unset => Some(FormValue::Text(String::new())),
        }
    }
}

/// Declares a string enum of a parameter: its values in the spec, and `Other` for a
/// value the spec does not list, which Stripe may have added since (see
/// [`Schema::Text`](super::Schema::Text)).
macro_rules! param_enum {
    (
        $(#[$doc:meta])*
        $name:ident { $($(#[$variant_doc:meta])* $variant:ident = $wire:literal,)* }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_doc])* $variant,)*
            /// A value the spec does not list, as Stripe spells it.
            Other(alloc::string::String),
        }

        impl $name {
            /// The value as Stripe writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(value) => value,
                }
            }
        }

        impl super::Field for $name {
            fn field(&self) -> Option<crate::form::FormValue> {
                Some(crate::form::FormValue::Text(self.as_str().into()))
            }
        }
    };
}
use param_enum;

/// A value in [`Metadata`]: set a key, or remove it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetadataValue {
    /// Sets the key to this value.
    Set(String),
    /// Removes the key (sent as `metadata[key]=`).
    Unset,
}

/// Changes to an object's `metadata` (or another hash of strings), in order; a key
/// given more than once keeps its last value, so the body never names a key twice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata(pub Vec<(String, MetadataValue)>);

impl Metadata {
    /// This metadata with `key` set to `value`, replacing what it had for `key`.
    pub fn set(self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.with(key.into(), MetadataValue::Set(value.into()))
    }

    /// This metadata with `key` removed from the object, replacing what it had for `key`.
    pub fn unset(self, key: impl Into<String>) -> Self {
        self.with(key.into(), MetadataValue::Unset)
    }

    fn with(mut self, key: String, value: MetadataValue) -> Self {
        self.0.retain(|(name, _)| *name != key);
        self.0.push((key, value));
        self
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Metadata {
    /// Metadata setting each key of `pairs` to its value.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        pairs
            .into_iter()
            .fold(Self::default(), |metadata, (key, value)| {
                metadata.set(key, value)
            })
    }
}

impl<K: Into<String>, V: Into<String>, const N: usize> From<[(K, V); N]> for Metadata {
    /// Metadata setting each key of `pairs` to its value.
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl Field for Metadata {
    fn field(&self) -> Option<FormValue> {
        // The last value of each key, at the place the key first appeared.
        let mut places: BTreeMap<&str, usize> = BTreeMap::new();
        let mut members: Vec<(String, FormValue)> = Vec::with_capacity(self.0.len());
        for (key, value) in &self.0 {
            let text = match value {
                MetadataValue::Set(text) => text.clone(),
                MetadataValue::Unset => String::new(),
            };
            match places.get(key.as_str()) {
                Some(&place) => members[place].1 = FormValue::Text(text),
                None => {
                    places.insert(key, members.len());
                    members.push((key.clone(), FormValue::Text(text)));
                }
            }
        }
        (!members.is_empty()).then_some(FormValue::Map(members))
    }
}
