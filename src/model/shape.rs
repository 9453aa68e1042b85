//! Models as data: the JSON shape of each model, generated next to it. The typed
//! decoders read their field names and `object` tag from it, and [`validate`] checks
//! a value against it without building the model, with little code, which is what
//! keeps the models small in wasm.
//!
//! [`validate`]: super::validate

/// What a JSON value must look like to decode into a model.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A boolean.
    Bool,
    /// An integer (timestamps too).
    Int,
    /// Any number.
    Number,
    /// A string: text, currencies, ids and enum values.
    Str,
    /// Any value, kept as it is.
    Any,
    /// An object with known fields.
    Struct(&'static StructShape),
    /// One of several objects, told apart by their `object` and `deleted` members;
    /// any other value is kept as it is.
    OneOf(&'static [Variant]),
    /// An array of the shape.
    Vec(&'static Shape),
    /// An object whose members all have the shape.
    Map(&'static Shape),
    /// A v1 list (`"object": "list"`) of the shape.
    List(&'static Shape),
    /// An id, or the object it names (not checked until it is decoded).
    Expandable,
}

/// The fields of an object model, sorted by name, and the `object` tag it requires.
#[derive(Debug)]
pub struct StructShape {
    /// The value the `object` member must hold, when the model has one.
    pub tag: Option<&'static str>,
    /// The fields, sorted by name; the `object` member is one of them.
    pub fields: &'static [FieldShape],
}

/// One field of an object model.
#[derive(Debug)]
pub struct FieldShape {
    /// The member name.
    pub name: &'static str,
    /// The shape of the value, when it is not `null`.
    pub shape: &'static Shape,
    /// Whether the member must be present.
    pub required: bool,
    /// Whether the member may be `null`.
    pub nullable: bool,
}

/// One object a [`Shape::OneOf`] knows.
#[derive(Debug)]
pub struct Variant {
    /// The `object` member that selects it.
    pub object: &'static str,
    /// The `deleted` member that selects it.
    pub deleted: bool,
    /// Its model.
    pub shape: &'static StructShape,
}

impl StructShape {
    /// The index of the field `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.fields
            .binary_search_by(|field| field.name.cmp(name))
            .ok()
    }
}

impl FieldShape {
    /// A field that must be present.
    pub const fn required(name: &'static str, shape: &'static Shape) -> Self {
        Self {
            name,
            shape,
            required: true,
            nullable: false,
        }
    }

    /// A field that may be absent.
    pub const fn optional(name: &'static str, shape: &'static Shape) -> Self {
        Self {
            name,
            shape,
            required: false,
            nullable: false,
        }
    }

    /// The same field, which may also be `null`.
    pub const fn or_null(self) -> Self {
        Self {
            nullable: true,
            ..self
        }
    }
}
