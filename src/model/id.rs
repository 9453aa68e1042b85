//! Typed ids: one type per resource, so that a customer id cannot be passed where an
//! invoice id is expected, and checked against Stripe's prefixes where it uses them.

use alloc::string::String;
use core::fmt;

/// An id without the prefix its type needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdError {
    /// The id given.
    pub id: String,
    /// The type it was given for, such as `InvoiceId`.
    pub type_name: &'static str,
    /// The prefixes that type accepts.
    pub prefixes: &'static [&'static str],
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.prefixes.is_empty() {
            return write!(f, "an empty string is not a valid {}", self.type_name);
        }
        write!(f, "`{}` is not a valid {}: ", self.id, self.type_name)?;
        f.write_str("it should start with ")?;
        for (index, prefix) in self.prefixes.iter().enumerate() {
            if index > 0 {
                f.write_str(" or ")?;
            }
            write!(f, "`{prefix}`")?;
        }
        Ok(())
    }
}

impl core::error::Error for IdError {}

/// Checks `id` against `prefixes` (any non-empty id when there are none).
pub fn check_prefix(
    id: &str,
    type_name: &'static str,
    prefixes: &'static [&'static str],
) -> Result<(), IdError> {
    let fits = if prefixes.is_empty() {
        !id.is_empty()
    } else {
        prefixes
            .iter()
            .any(|prefix| id.len() > prefix.len() && id.starts_with(prefix))
    };
    if fits {
        return Ok(());
    }
    Err(IdError {
        id: String::from(id),
        type_name,
        prefixes,
    })
}

/// Declares an id type with the prefixes Stripe gives it.
///
/// Ids read from Stripe's responses are taken as they come (Stripe is the authority on
/// its ids, and adds prefixes); ids built by programs with `new` are checked.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, [$($prefix:literal),*]) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(alloc::string::String);

        impl $name {
            /// The prefixes Stripe gives these ids; empty when Stripe uses none.
            pub const PREFIXES: &'static [&'static str] = &[$($prefix),*];

            /// The id `id`, if it has one of [`Self::PREFIXES`].
            pub fn new(id: &str) -> Result<Self, $crate::resources::IdError> {
                $crate::model::check_prefix(id, stringify!($name), Self::PREFIXES)
                    .map(|()| Self(alloc::string::String::from(id)))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl $crate::resources::Decode for $name {
            const NAME: &'static str = stringify!($name);

            fn decode(
                value: $crate::RawJson<'_>,
                path: &$crate::resources::Path<'_>,
            ) -> Result<Self, $crate::resources::DecodeError> {
                <alloc::string::String as $crate::resources::Decode>::decode(value, path).map(Self)
            }
        }

        impl $crate::resources::Encode for $name {
            fn encode(&self, out: &mut alloc::string::String) {
                $crate::resources::Encode::encode(&self.0, out);
            }
        }
    };
}
pub(crate) use id_type;

id_type!(
    /// The id of an object whose type is one of several (a balance transaction's source).
    ObjectId,
    []
);
