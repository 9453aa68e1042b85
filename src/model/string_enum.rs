//! String enums that keep values they do not know, so that a newer API version never
//! makes decoding fail and re-encoding gives back what was read.

/// Declares a string enum with its wire values and an `Unknown` variant.
#[allow(unused_macros, reason = "unused when no resource feature is on")]
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$variant_doc:meta])* $variant:ident = $value:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_doc])* $variant,)*
            /// A value this model does not know, as Stripe wrote it.
            Unknown(alloc::string::String),
        }

        impl $name {
            /// The value as Stripe writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }

            /// The variant for a value Stripe wrote.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(alloc::string::String::from(other)),
                }
            }
        }

        impl $crate::resources::Decode for $name {
            const NAME: &'static str = stringify!($name);

            fn decode(
                value: $crate::RawJson<'_>,
                path: &$crate::resources::Path<'_>,
            ) -> Result<Self, $crate::resources::DecodeError> {
                <alloc::string::String as $crate::resources::Decode>::decode(value, path)
                    .map(|text| Self::from_wire(&text))
            }
        }

        impl $crate::resources::Encode for $name {
            fn encode(&self, out: &mut alloc::string::String) {
                $crate::resources::Encode::encode(self.as_str(), out);
            }
        }
    };
}
pub(crate) use string_enum;

/// Declares an enum of several object types, told apart by their `object` and
/// `deleted` members, with an `Unknown` variant for any other object.
#[allow(unused_macros, reason = "unused when no resource feature is on")]
macro_rules! one_of {
    ($(#[$doc:meta])* $name:ident { $($variant:ident($type:ty) = ($object:literal, $deleted:literal),)* }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $name {
            $(#[doc = concat!("A `", $object, "` object.")] $variant(alloc::boxed::Box<$type>),)*
            /// An object of a type this model does not know, kept as it was read.
            Unknown($crate::resources::RawValue),
        }

        impl $crate::resources::Decode for $name {
            const NAME: &'static str = stringify!($name);

            fn decode(
                value: $crate::RawJson<'_>,
                path: &$crate::resources::Path<'_>,
            ) -> Result<Self, $crate::resources::DecodeError> {
                let tag = $crate::model::object_tag(value);
                let (object, deleted) = match &tag {
                    Some((object, deleted)) => (object.as_str(), *deleted),
                    None => ("", false),
                };
                Ok(match (object, deleted) {
                    $(($object, $deleted) => Self::$variant($crate::resources::Decode::decode(value, path)?),)*
                    _ => Self::Unknown($crate::resources::Decode::decode(value, path)?),
                })
            }
        }

        impl $crate::resources::Encode for $name {
            fn encode(&self, out: &mut alloc::string::String) {
                match self {
                    $(Self::$variant(object) => $crate::resources::Encode::encode(object, out),)*
                    Self::Unknown(raw) => $crate::resources::Encode::encode(raw, out),
                }
            }
        }
    };
}
pub(crate) use one_of;
