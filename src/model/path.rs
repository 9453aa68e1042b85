//! Where a decoder is in a document, kept on the stack and rendered only for errors.

use alloc::string::String;

use super::error::{DecodeError, Problem};

/// Objects and arrays may nest this deep; Stripe's own objects stay far below it.
const MAX_DEPTH: usize = 128;

/// The field or element being decoded, and the path to its parent.
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
    depth: usize,
}

enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// The path of a whole document.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Root,
        depth: 0,
    };

    /// The member `key` of the object at this path.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        self.child(Segment::Key(key))
    }

    /// The element `index` of the array at this path.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        self.child(Segment::Index(index))
    }

    fn child(&'a self, segment: Segment<'a>) -> Path<'a> {
        Path {
            parent: Some(self),
            segment,
            depth: self.depth + 1,
        }
    }

    /// An error about the value at this path.
    pub fn error(&self, problem: Problem) -> DecodeError {
        DecodeError {
            path: self.render(),
            problem,
        }
    }

    /// Fails when a container at this path would nest too deeply.
    pub fn enter(&self) -> Result<(), DecodeError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(Problem::TooDeep));
        }
        Ok(())
    }

    fn render(&self) -> String {
        let mut segments = alloc::vec::Vec::with_capacity(self.depth);
        let mut at = Some(self);
        while let Some(path) = at {
            segments.push(&path.segment);
            at = path.parent;
        }
        let mut out = String::new();
        for segment in segments.iter().rev() {
            match segment {
                Segment::Root => {}
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(index) => {
                    out.push('[');
                    out.push_str(itoa::Buffer::new().format(*index));
                    out.push(']');
                }
            }
        }
        out
    }
}
