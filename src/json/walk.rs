//! Walking a value of a validated document: its kind, an object's members and an
//! array's elements, each as a raw value of its own. The text was validated when the
//! document was read, so walking it cannot fail; it only finds where values end.

use alloc::borrow::Cow;

use super::{RawJson, unescape};

/// What kind of JSON value a [`RawJson`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Kind {
    /// The kind with an article, for messages: "an object".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool => "a boolean",
            Self::Number => "a number",
            Self::String => "a string",
            Self::Array => "an array",
            Self::Object => "an object",
        }
    }
}

impl<'a> RawJson<'a> {
    /// The kind of value this is.
    pub fn kind(self) -> Kind {
        match self.0.as_bytes().first() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            _ => Kind::Number,
        }
    }

    /// The members of an object, in document order, or `None` if this is no object.
    pub fn members(self) -> Option<Members<'a>> {
        (self.kind() == Kind::Object).then(|| Members(Cursor::inside(self.0)))
    }

    /// The elements of an array, in document order, or `None` if this is no array.
    pub fn elements(self) -> Option<Elements<'a>> {
        (self.kind() == Kind::Array).then(|| Elements(Cursor::inside(self.0)))
    }

    /// The member `key` of an object; the last one wins, as in `JSON.parse`.
    pub fn member(self, key: &str) -> Option<RawJson<'a>> {
        self.members()?
            .filter(|(name, _)| name == key)
            .last()
            .map(|(_, value)| value)
    }
}

/// The members of an object: each key, unescaped, with its value.
#[derive(Clone)]
pub struct Members<'a>(Cursor<'a>);

impl<'a> Iterator for Members<'a> {
    type Item = (Cow<'a, str>, RawJson<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let key = self.0.next_value()?;
        self.0.skip(b":");
        let value = self.0.next_value()?;
        let inner = key
            .0
            .get(1..key.0.len().saturating_sub(1))
            .unwrap_or_default();
        let key = if inner.contains('\\') {
            Cow::Owned(unescape(inner).unwrap_or_default())
        } else {
            Cow::Borrowed(inner)
        };
        Some((key, value))
    }
}

/// The elements of an array.
#[derive(Clone)]
pub struct Elements<'a>(Cursor<'a>);

impl<'a> Iterator for Elements<'a> {
    type Item = RawJson<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_value()
    }
}

/// A position inside a container of validated text.
#[derive(Clone)]
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor just inside the opening bracket of `container`.
    fn inside(container: &'a str) -> Self {
        Self {
            text: container,
            pos: 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips whitespace and any of `separators`.
    fn skip(&mut self, separators: &[u8]) {
        while let Some(b) = self.peek() {
            if !(matches!(b, b' ' | b'\t' | b'\n' | b'\r') || separators.contains(&b)) {
                break;
            }
            self.pos += 1;
        }
    }

    /// The next value before the container closes.
    fn next_value(&mut self) -> Option<RawJson<'a>> {
        self.skip(b",");
        match self.peek() {
            None | Some(b'}' | b']') => None,
            Some(_) => {
                let start = self.pos;
                self.pos = value_end(self.text.as_bytes(), start);
                Some(RawJson(self.text.get(start..self.pos).unwrap_or_default()))
            }
        }
    }
}

/// Where the valid value starting at `start` ends.
fn value_end(bytes: &[u8], start: usize) -> usize {
    let mut pos = start;
    let mut depth = 0usize;
    while let Some(&b) = bytes.get(pos) {
        match b {
            b'"' => pos = string_end(bytes, pos),
            b'{' | b'[' => {
                depth += 1;
                pos += 1;
                continue;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                pos += 1;
            }
            b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' => {
                pos += 1;
                continue;
            }
            _ => {
                pos += 1;
                while bytes.get(pos).is_some_and(|b| {
                    !matches!(b, b',' | b':' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    pos += 1;
                }
            }
        }
        if depth == 0 {
            return pos;
        }
    }
    pos
}

/// Where the valid string whose opening quote is at `start` ends.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut pos = start + 1;
    while let Some(&b) = bytes.get(pos) {
        match b {
            b'"' => return pos + 1,
            b'\\' => pos += 2,
            _ => pos += 1,
        }
    }
    pos
}
