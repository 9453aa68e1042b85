//! A validated string's text, decoded a piece at a time: runs of plain text as they
//! are, each escape as the char it stands for. Comparing or checking decoded text goes
//! through the pieces without building a `String`, so the webhook envelope check
//! allocates nothing for it (and the webhook wasm carries no string building for it).

use alloc::string::String;
use alloc::vec::Vec;

/// One piece of a string's decoded text.
enum Piece<'a> {
    /// Plain text, as it is in the source: whole chars of UTF-8.
    Text(&'a [u8]),
    /// The char an escape stands for.
    Char(char),
    /// An escape that stands for no char: a lone surrogate (valid JSON, but not text).
    Invalid,
}

/// The pieces of a string's inner source text (between its quotes), read as bytes:
/// every piece ends before a backslash, after an ASCII escape or after a whole char.
struct Pieces<'a>(&'a [u8]);

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let bytes = self.0;
        let plain = bytes
            .iter()
            .position(|&b| b == b'\\')
            .unwrap_or(bytes.len());
        let (piece, used) = match bytes.get(1) {
            _ if plain > 0 => (Piece::Text(bytes.get(..plain)?), plain),
            None if bytes.is_empty() => return None,
            None => (Piece::Invalid, 1),
            Some(b'b') => (Piece::Char('\u{8}'), 2),
            Some(b'f') => (Piece::Char('\u{c}'), 2),
            Some(b'n') => (Piece::Char('\n'), 2),
            Some(b'r') => (Piece::Char('\r'), 2),
            Some(b't') => (Piece::Char('\t'), 2),
            Some(b'u') => unicode(bytes),
            // Any other char stands for itself (`\"`, `\\`, `\/` in valid JSON).
            Some(&lead) => {
                let end = 1 + utf8_width(lead);
                (Piece::Text(bytes.get(1..end)?), end)
            }
        };
        self.0 = bytes.get(used..)?;
        Some(piece)
    }
}

/// The length of the UTF-8 encoded char that starts with `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0x80..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// The char of the `\u` escape at the start of `bytes` (a surrogate pair's second
/// escape included), and how many bytes it took.
fn unicode(bytes: &[u8]) -> (Piece<'static>, usize) {
    let Some(high) = hex4(bytes.get(2..)) else {
        return (Piece::Invalid, bytes.len());
    };
    if !(0xD800..0xDC00).contains(&high) {
        return (char::from_u32(high).map_or(Piece::Invalid, Piece::Char), 6);
    }
    let low = match bytes.get(6..8) {
        Some(b"\\u") => hex4(bytes.get(8..)),
        _ => None,
    };
    match low {
        Some(low) if (0xDC00..0xE000).contains(&low) => {
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            (char::from_u32(code).map_or(Piece::Invalid, Piece::Char), 12)
        }
        _ => (Piece::Invalid, bytes.len()),
    }
}

/// Four hex digits at the start of `bytes`.
fn hex4(bytes: Option<&[u8]>) -> Option<u32> {
    bytes?.get(..4)?.iter().try_fold(0, |acc, &b| {
        let digit = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => return None,
        };
        Some(acc * 16 + u32::from(digit))
    })
}

/// Decodes the escapes of a string's inner text, which the reader has validated; `None`
/// when it holds a lone surrogate.
pub(crate) fn unescape(inner: &str) -> Option<String> {
    let mut out = Vec::with_capacity(inner.len());
    for piece in Pieces(inner.as_bytes()) {
        match piece {
            Piece::Text(text) => out.extend_from_slice(text),
            Piece::Char(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            Piece::Invalid => return None,
        }
    }
    // Whole chars and encoded chars: always UTF-8.
    String::from_utf8(out).ok()
}

/// Whether a string's inner text decodes to exactly `text`: `unescape(inner) ==
/// Some(text)`, without building the decoded string.
pub(crate) fn decodes_to(inner: &str, text: &str) -> bool {
    let mut rest = text.as_bytes();
    for piece in Pieces(inner.as_bytes()) {
        let mut buffer = [0; 4];
        let bytes = match piece {
            Piece::Text(text) => text,
            Piece::Char(c) => c.encode_utf8(&mut buffer).as_bytes(),
            Piece::Invalid => return false,
        };
        match rest.strip_prefix(bytes) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether a string's inner text is text: `unescape(inner).is_some()`, without building
/// the decoded string.
pub(crate) fn is_text(inner: &str) -> bool {
    Pieces(inner.as_bytes()).all(|piece| !matches!(piece, Piece::Invalid))
}
