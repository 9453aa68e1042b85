//! Encoding models back to JSON: the [`Encode`] trait, its impls for the building
//! blocks, and [`ObjectWriter`], which writes a model's fields.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::raw::Extra;
use crate::json::write_string;

/// A model that can be written as JSON.
pub trait Encode {
    /// Appends the model's JSON to `out`.
    fn encode(&self, out: &mut String);
}

impl Encode for bool {
    fn encode(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Encode for i64 {
    fn encode(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

impl Encode for str {
    fn encode(&self, out: &mut String) {
        write_string(out, self);
    }
}

impl Encode for String {
    fn encode(&self, out: &mut String) {
        write_string(out, self);
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut String) {
        match self {
            Some(value) => value.encode(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: Encode> Encode for Box<T> {
    fn encode(&self, out: &mut String) {
        T::encode(self, out);
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut String) {
        out.push('[');
        for (index, element) in self.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            element.encode(out);
        }
        out.push(']');
    }
}

impl<T: Encode> Encode for BTreeMap<String, T> {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        for (key, value) in self {
            object.field(key, value);
        }
        object.finish();
    }
}

/// Writes one object member by member.
pub struct ObjectWriter<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> ObjectWriter<'o> {
    /// Opens an object in `out`.
    pub fn new(out: &'o mut String) -> Self {
        out.push('{');
        Self { out, empty: true }
    }

    fn key(&mut self, name: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_string(self.out, name);
        self.out.push(':');
    }

    /// Writes a member.
    pub fn field<T: Encode + ?Sized>(&mut self, name: &str, value: &T) {
        self.key(name);
        value.encode(self.out);
    }

    /// Writes a member unless it is absent.
    pub fn optional<T: Encode>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(name, value);
        }
    }

    /// Writes a member whose value is a constant string, such as `object`.
    pub fn tag(&mut self, name: &str, value: &str) {
        self.key(name);
        write_string(self.out, value);
    }

    /// Writes a member whose value is JSON text already (`null`, an array, ...).
    pub fn raw(&mut self, name: &str, json: &str) {
        self.key(name);
        self.out.push_str(json);
    }

    /// Writes the members a model has no field for, as they were read.
    pub fn extra(&mut self, extra: &Extra) {
        for (name, value) in extra.iter() {
            self.key(name);
            self.out.push_str(value.get());
        }
    }

    /// Closes the object.
    pub fn finish(self) {
        self.out.push('}');
    }
}
