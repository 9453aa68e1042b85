//! A strict JSON reader for webhook envelopes: one pass validates the whole document
//! (RFC 8259) and indexes the members of its top two object levels as borrowed, raw
//! values. Nothing deeper is decoded: `data.object` stays the exact source text.
//!
//! Why not serde_json here: verification runs in every webhook receiver, including
//! browser and edge bundles where size is a feature. serde_json's reader costs tens of
//! kilobytes of wasm (its error path formats floats) and reads the envelope in two
//! passes; this reader is a few kilobytes and one pass. It is checked against
//! serde_json's verdicts in the tests.
//!
//! Nesting depth is unbounded (an explicit stack, no recursion), so no input overflows
//! the call stack.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// A JSON value exactly as it appears in a validated document.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RawJson<'a>(pub(crate) &'a str);

impl<'a> RawJson<'a> {
    /// The value's source text, byte for byte.
    pub fn get(self) -> &'a str {
        self.0
    }

    /// Whether the value is `null`.
    pub fn is_null(self) -> bool {
        self.0 == "null"
    }

    /// The value as a boolean, if it is one.
    pub fn as_bool(self) -> Option<bool> {
        match self.0 {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// The value as an integer, if it is one written without fraction or exponent.
    pub fn as_i64(self) -> Option<i64> {
        parse_i64(self.0)
    }

    /// The value as text, if it is a string; escapes are decoded, and a string holding
    /// a lone surrogate (valid JSON, but not text) gives `None`.
    pub fn as_str(self) -> Option<Cow<'a, str>> {
        let inner = self.string_source()?;
        if !inner.contains('\\') {
            return Some(Cow::Borrowed(inner));
        }
        unescape(inner).map(Cow::Owned)
    }

    /// Whether the value is a string that is text: `as_str().is_some()`, without
    /// decoding it.
    pub fn is_str(self) -> bool {
        self.string_source().is_some_and(is_text)
    }

    /// Whether the value is the string `text`: `as_str() == Some(text)`, without
    /// decoding it.
    pub fn is_str_of(self, text: &str) -> bool {
        self.string_source()
            .is_some_and(|inner| decodes_to(inner, text))
    }

    /// A string's source text between its quotes.
    fn string_source(self) -> Option<&'a str> {
        // Quotes are ASCII, so the slice between them is whole text.
        match self.0.as_bytes() {
            [b'"', .., b'"'] => self.0.get(1..self.0.len() - 1),
            _ => None,
        }
    }
}

impl fmt::Debug for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Reads an integer as `str::parse::<i64>` does (an optional sign, then decimal digits,
/// `None` on overflow) without its generic code, which the webhook wasm would carry.
pub(crate) fn parse_i64(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', digits @ ..] => (true, digits),
        [b'+', digits @ ..] => (false, digits),
        digits => (false, digits),
    };
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0i64, |value, &byte| {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        let tens = value.checked_mul(10)?;
        if negative {
            tens.checked_sub(i64::from(digit))
        } else {
            tens.checked_add(i64::from(digit))
        }
    })
}

/// Where and why a document is not JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the first byte that does not fit.
    pub offset: usize,
    /// What would have fitted there.
    pub expected: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {} at byte {}", self.expected, self.offset)
    }
}

impl core::error::Error for JsonError {}

/// A validated document and the members of its top two object levels.
#[derive(Debug)]
pub struct Document<'a> {
    root: RawJson<'a>,
    members: Vec<Member<'a>>,
}

#[derive(Debug)]
struct Member<'a> {
    /// Index of the member whose object holds this one; `None` for the root object.
    parent: Option<usize>,
    /// The key's source text between its quotes.
    key: &'a str,
    value: RawJson<'a>,
}

impl<'a> Document<'a> {
    /// Validates `text` as one JSON value with nothing but whitespace around it.
    pub fn parse(text: &'a str) -> Result<Self, JsonError> {
        Reader::new(text, INDEXED_DEPTH).document()
    }

    /// The whole value.
    pub fn root(&self) -> RawJson<'a> {
        self.root
    }

    /// The member `key` of the root object; the last one wins, as in `JSON.parse`.
    pub fn field(&self, key: &str) -> Option<RawJson<'a>> {
        self.value_of(self.find(None, key)?)
    }

    /// The member `key` of the object that is the root's member `parent`.
    pub fn nested(&self, parent: &str, key: &str) -> Option<RawJson<'a>> {
        let parent = self.find(None, parent)?;
        self.value_of(self.find(Some(parent), key)?)
    }

    fn value_of(&self, index: usize) -> Option<RawJson<'a>> {
        self.members.get(index).map(|member| member.value)
    }

    fn find(&self, parent: Option<usize>, key: &str) -> Option<usize> {
        self.members
            .iter()
            .rposition(|m| m.parent == parent && decodes_to(m.key, key))
    }
}

/// An open container on the reader's stack.
struct Frame {
    object: bool,
    /// The index of the member whose value this container is, if it is indexed.
    member: Option<usize>,
    /// The member of this object whose value is being read, if it is indexed, and
    /// where that value starts.
    pending: Option<(usize, usize)>,
}

/// Containers this deep or shallower have their members indexed in a [`Document`].
const INDEXED_DEPTH: usize = 2;

/// Validates `text` as one JSON value with nothing but whitespace around it, and gives
/// that value without the whitespace.
pub fn validate(text: &str) -> Result<RawJson<'_>, JsonError> {
    Reader::new(text, 0)
        .document()
        .map(|document| document.root)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    stack: Vec<Frame>,
    members: Vec<Member<'a>>,
    indexed_depth: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, indexed_depth: usize) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            stack: Vec::new(),
            members: Vec::new(),
            indexed_depth,
        }
    }

    /// The source text between two offsets the reader has passed. Both sit at ASCII
    /// bytes, so they are char boundaries and the slice always exists.
    fn span(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    fn error(&self, expected: &'static str) -> JsonError {
        JsonError {
            offset: self.pos,
            expected,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn document(mut self) -> Result<Document<'a>, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        loop {
            self.value()?;
            if self.close_values()? {
                break;
            }
        }
        let root = RawJson(self.span(start, self.pos));
        self.skip_whitespace();
        if self.pos != self.bytes.len() {
            return Err(self.error("the end of the document"));
        }
        Ok(Document {
            root,
            members: self.members,
        })
    }

    /// Reads a scalar, or opens a container and reads up to its first value.
    fn value(&mut self) -> Result<(), JsonError> {
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.open(true);
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        return Ok(());
                    }
                    self.key()?;
                }
                Some(b'[') => {
                    self.open(false);
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        return Ok(());
                    }
                }
                Some(b'"') => return self.string(),
                Some(b'-' | b'0'..=b'9') => return self.number(),
                Some(b't') => return self.literal("true"),
                Some(b'f') => return self.literal("false"),
                Some(b'n') => return self.literal("null"),
                _ => return Err(self.error("a value")),
            }
        }
    }

    /// After a value: records it, then reads separators and closing brackets until
    /// the next value is due (`false`) or the document's value is complete (`true`).
    fn close_values(&mut self) -> Result<bool, JsonError> {
        loop {
            self.finish_pending();
            let Some(frame) = self.stack.last() else {
                return Ok(true);
            };
            let object = frame.object;
            self.skip_whitespace();
            match (self.peek(), object) {
                (Some(b','), true) => {
                    self.pos += 1;
                    self.skip_whitespace();
                    self.key()?;
                    return Ok(false);
                }
                (Some(b','), false) => {
                    self.pos += 1;
                    return Ok(false);
                }
                (Some(b'}'), true) | (Some(b']'), false) => {
                    self.pos += 1;
                    self.close();
                }
                (_, true) => return Err(self.error("',' or '}'")),
                (_, false) => return Err(self.error("',' or ']'")),
            }
        }
    }

    fn open(&mut self, object: bool) {
        let member = self
            .stack
            .last()
            .and_then(|frame| frame.pending)
            .map(|(index, _)| index);
        self.stack.push(Frame {
            object,
            member,
            pending: None,
        });
        self.pos += 1;
    }

    /// Pops the container that just closed; its value now ends at `pos`.
    fn close(&mut self) {
        self.stack.pop();
    }

    /// Sets the span of the member whose value has just been read, if it is indexed.
    fn finish_pending(&mut self) {
        let Some((index, start)) = self.stack.last_mut().and_then(|frame| frame.pending.take())
        else {
            return;
        };
        let value = RawJson(self.span(start, self.pos));
        if let Some(member) = self.members.get_mut(index) {
            member.value = value;
        }
    }

    /// Reads `"key" :` and, in an indexed object, starts a member.
    fn key(&mut self) -> Result<(), JsonError> {
        if self.peek() != Some(b'"') {
            return Err(self.error("a string key"));
        }
        let key_start = self.pos + 1;
        self.string()?;
        let key = self.span(key_start, self.pos - 1);
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return Err(self.error("':'"));
        }
        self.pos += 1;
        self.skip_whitespace();
        let depth = self.stack.len();
        if depth <= self.indexed_depth
            && let Some(frame) = self.stack.last()
            && (depth == 1 || frame.member.is_some())
        {
            let parent = frame.member;
            self.members.push(Member {
                parent,
                key,
                value: RawJson(self.span(self.pos, self.pos)),
            });
            let index = self.members.len() - 1;
            if let Some(frame) = self.stack.last_mut() {
                frame.pending = Some((index, self.pos));
            }
        }
        Ok(())
    }

    /// Reads a string, quotes included.
    fn string(&mut self) -> Result<(), JsonError> {
        self.pos += 1;
        loop {
            // Most bytes of a payload are plain string bytes: skip them in one scan.
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            self.pos += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            for _ in 0..4 {
                                if !self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                                    return Err(self.error("a hex digit"));
                                }
                                self.pos += 1;
                            }
                        }
                        _ => return Err(self.error("an escape character")),
                    }
                }
                Some(_) => return Err(self.error("an escaped control character")),
                None => return Err(self.error("'\"'")),
            }
        }
    }

    fn number(&mut self) -> Result<(), JsonError> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.required_digits()?;
        }
        Ok(())
    }

    fn required_digits(&mut self) -> Result<(), JsonError> {
        if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Err(self.error("a digit"));
        }
        self.digits();
        Ok(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &'static str) -> Result<(), JsonError> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error(word))
        }
    }
}

/// Appends `text` as a JSON string literal, escaping what JSON requires.
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

mod escape;
mod walk;

pub(crate) use escape::unescape;
use escape::{decodes_to, is_text};

pub use walk::{Elements, Kind, Members};

// Native only: the tests use proptest, a native-only dev-dependency (tests/wasm.rs
// runs the reader in the browsers, through verification and decoding).
#[cfg(all(test, not(target_family = "wasm")))]
mod tests;
