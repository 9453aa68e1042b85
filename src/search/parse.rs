//! Reading a query's text into an [`Ast`], checking the rules of the language that
//! hold for every resource (see the module docs of [`search`](super) for the sources).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::MAX_CLAUSES;
use super::MIN_SUBSTRING_CHARS;
use super::ast::{Ast, Clause, ClauseSpans, Field, Joiner, Operator, Span, Value};
use super::error::{ErrorCode, SearchError};

const OPERATORS: &str = "an operator (`:`, `~`, `>`, `<`, `>=` or `<=`)";
const VALUE: &str = "a quoted string, an integer or `null`";
const FIELD: &str = "a field name, such as `status` or `metadata[\"key\"]`";

/// Parses `text` into a query, or says where and why it is not one.
pub fn parse_ast(text: &str) -> Result<Ast, SearchError> {
    let mut parser = Parser { text, at: 0 };
    let mut clauses: Vec<Clause> = Vec::new();
    // The joiner in force and where it was first decided.
    let mut joiner: Option<(Joiner, Span)> = None;
    loop {
        let gap_start = parser.at;
        parser.skip_space();
        if parser.at_end() {
            if clauses.is_empty() {
                return Err(SearchError::new(
                    ErrorCode::EmptyQuery,
                    Span::new(0, text.len()),
                    "a clause",
                    "the query has no clause".into(),
                ));
            }
            break;
        }
        if !clauses.is_empty() {
            let (this, span) = match parser.keyword() {
                Some(found) => {
                    parser.skip_space();
                    if parser.at_end() {
                        return Err(
                            parser.end_error(&format!("a clause after `{}`", keyword(found.0)))
                        );
                    }
                    found
                }
                None if parser.at == gap_start => {
                    return Err(parser.unexpected("a space, `AND` or `OR` between clauses"));
                }
                None => (Joiner::And, Span::new(gap_start, parser.at)),
            };
            match joiner {
                Some((first, first_span)) if first != this => {
                    return Err(SearchError::new(
                        ErrorCode::MixedAndOr,
                        span,
                        keyword(first),
                        format!(
                            "cannot mix AND and OR in one query (`{}` at {}..{}); the language has no parentheses",
                            keyword(first),
                            first_span.start,
                            first_span.end
                        ),
                    ));
                }
                _ => joiner = Some((this, span)),
            }
        }
        let clause = parser.clause()?;
        if clauses.len() == MAX_CLAUSES {
            return Err(SearchError::new(
                ErrorCode::TooManyClauses,
                clause.spans.clause,
                "at most 10 clauses",
                format!("a query takes at most {MAX_CLAUSES} clauses"),
            ));
        }
        clauses.push(clause);
    }
    Ok(Ast {
        joiner: joiner.map_or(Joiner::And, |(joiner, _)| joiner),
        clauses,
    })
}

fn keyword(joiner: Joiner) -> &'static str {
    match joiner {
        Joiner::And => "AND",
        Joiner::Or => "OR",
    }
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.at >= self.text.len()
    }

    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.at += c.len_utf8();
        }
    }

    /// `AND` or `OR` (any case) followed by white space or the end, consumed.
    fn keyword(&mut self) -> Option<(Joiner, Span)> {
        let rest = &self.text[self.at..];
        for (word, joiner) in [("and", Joiner::And), ("or", Joiner::Or)] {
            // Followed by white space, or ending the query (a keyword left dangling).
            let spaced = rest
                .get(word.len()..)
                .is_some_and(|after| after.chars().next().is_none_or(char::is_whitespace));
            if spaced && rest[..word.len()].eq_ignore_ascii_case(word) {
                let span = Span::new(self.at, self.at + word.len());
                self.at = span.end;
                return Some((joiner, span));
            }
        }
        None
    }

    /// The error for the character at the cursor, where `expected` was due.
    fn unexpected(&self, expected: &str) -> SearchError {
        let Some(c) = self.peek() else {
            return self.end_error(expected);
        };
        let span = Span::new(self.at, self.at + c.len_utf8());
        if c == '(' || c == ')' {
            return SearchError::new(
                ErrorCode::Parentheses,
                span,
                expected,
                "parentheses are not part of Stripe's search language: use one of AND or OR throughout".into(),
            );
        }
        SearchError::new(
            ErrorCode::UnexpectedCharacter,
            span,
            expected,
            format!("unexpected '{c}', expected {expected}"),
        )
    }

    fn end_error(&self, expected: &str) -> SearchError {
        SearchError::new(
            ErrorCode::UnexpectedEnd,
            Span::new(self.text.len(), self.text.len()),
            expected,
            format!("the query ends where {expected} was expected"),
        )
    }

    fn clause(&mut self) -> Result<Clause, SearchError> {
        let start = self.at;
        let negated = self.peek() == Some('-');
        if negated {
            self.at += 1;
        }
        let field_start = self.at;
        let field = self.field()?;
        let field_span = Span::new(field_start, self.at);
        let operator_start = self.at;
        let operator = self.operator()?;
        let operator_span = Span::new(operator_start, self.at);
        let value_start = self.at;
        let value = self.value()?;
        let value_span = Span::new(value_start, self.at);
        if !self.at_end() && !self.peek().is_some_and(char::is_whitespace) {
            return Err(self.unexpected("a space after the value"));
        }
        if let (Operator::Substring, Value::Text(text)) = (operator, &value)
            && text.chars().count() < MIN_SUBSTRING_CHARS
        {
            return Err(SearchError::new(
                ErrorCode::SubstringTooShort,
                value_span,
                "at least 3 characters",
                format!("a substring (`~`) value needs at least {MIN_SUBSTRING_CHARS} characters"),
            ));
        }
        Ok(Clause {
            negated,
            field,
            operator,
            value,
            spans: ClauseSpans {
                clause: Span::new(start, self.at),
                field: field_span,
                operator: operator_span,
                value: value_span,
            },
        })
    }

    fn name(&mut self) -> &str {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.at += 1;
        }
        &self.text[start..self.at]
    }

    fn field(&mut self) -> Result<Field, SearchError> {
        let mut path = String::new();
        loop {
            let name = self.name();
            if name.is_empty() {
                return Err(self.unexpected(FIELD));
            }
            path.push_str(name);
            if self.peek() != Some('.') {
                break;
            }
            self.at += 1;
            path.push('.');
        }
        if self.peek() != Some('[') {
            return Ok(Field::Path(path));
        }
        self.at += 1;
        let key = match self.peek() {
            Some(quote @ ('"' | '\'')) => self.quoted(quote)?,
            _ => return Err(self.unexpected("a quoted key, as in `metadata[\"key\"]`")),
        };
        if self.peek() != Some(']') {
            return Err(self.unexpected("`]` after the key"));
        }
        self.at += 1;
        Ok(Field::Key(path, key))
    }

    fn operator(&mut self) -> Result<Operator, SearchError> {
        let rest = &self.text[self.at..];
        let (operator, length) = if rest.starts_with(">=") {
            (Operator::GreaterOrEqual, 2)
        } else if rest.starts_with("<=") {
            (Operator::LessOrEqual, 2)
        } else {
            match self.peek() {
                Some(':') => (Operator::Exact, 1),
                Some('~') => (Operator::Substring, 1),
                Some('>') => (Operator::Greater, 1),
                Some('<') => (Operator::Less, 1),
                _ => return Err(self.unexpected(OPERATORS)),
            }
        };
        self.at += length;
        Ok(operator)
    }

    fn value(&mut self) -> Result<Value, SearchError> {
        match self.peek() {
            Some(quote @ ('"' | '\'')) => self.quoted(quote).map(Value::Text),
            Some(c) if c == '-' || c.is_ascii_digit() => self.integer(),
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let start = self.at;
                while self
                    .peek()
                    .is_some_and(|c| !c.is_whitespace() && c != '(' && c != ')')
                {
                    self.at += self.peek().map_or(1, char::len_utf8);
                }
                let word = &self.text[start..self.at];
                if word.eq_ignore_ascii_case("null") {
                    return Ok(Value::Null);
                }
                Err(SearchError::new(
                    ErrorCode::UnquotedValue,
                    Span::new(start, self.at),
                    VALUE,
                    format!("string values must be quoted: write \"{word}\""),
                ))
            }
            _ => Err(self.unexpected(VALUE)),
        }
    }

    fn integer(&mut self) -> Result<Value, SearchError> {
        let start = self.at;
        if self.peek() == Some('-') {
            self.at += 1;
        }
        while self
            .peek()
            .is_some_and(|c| !c.is_whitespace() && c != '(' && c != ')')
        {
            self.at += self.peek().map_or(1, char::len_utf8);
        }
        let text = &self.text[start..self.at];
        text.parse().map(Value::Integer).map_err(|_| {
            SearchError::new(
                ErrorCode::InvalidNumber,
                Span::new(start, self.at),
                "an integer",
                format!("`{text}` is not an integer (amounts are in the smallest currency unit, times in unix seconds)"),
            )
        })
    }

    /// A string in `quote`s, with `\` escaping the next character, unescaped.
    fn quoted(&mut self, quote: char) -> Result<String, SearchError> {
        let start = self.at;
        self.at += 1;
        let mut out = String::new();
        let mut chars = self.text[self.at..].char_indices();
        while let Some((offset, c)) = chars.next() {
            if c == quote {
                self.at += offset + 1;
                return Ok(out);
            }
            if c == '\\' {
                match chars.next() {
                    Some((_, escaped)) => out.push(escaped),
                    None => break,
                }
            } else {
                out.push(c);
            }
        }
        Err(SearchError::new(
            ErrorCode::UnterminatedString,
            Span::new(start, self.text.len()),
            "a closing quote",
            format!("the string opened at {start} has no closing {quote}"),
        ))
    }
}
