//! Writing a query as its canonical text: `AND` or `OR` between clauses, strings in
//! double quotes with `"` and `\` escaped, so that parsing the text gives the query back.

use core::fmt::{self, Display, Formatter, Write};

use super::ast::{Ast, Clause, Field, Joiner, Value};

impl Display for Ast {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let joiner = match self.joiner {
            Joiner::And => " AND ",
            Joiner::Or => " OR ",
        };
        for (index, clause) in self.clauses.iter().enumerate() {
            if index > 0 {
                f.write_str(joiner)?;
            }
            clause.fmt(f)?;
        }
        Ok(())
    }
}

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_char('-')?;
        }
        self.field.fmt(f)?;
        f.write_str(self.operator.as_str())?;
        self.value.fmt(f)
    }
}

impl Display for Field {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(path) => f.write_str(path),
            Self::Key(path, key) => {
                f.write_str(path)?;
                f.write_char('[')?;
                quoted(f, key)?;
                f.write_char(']')
            }
        }
    }
}

impl Display for Value {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => quoted(f, text),
            Self::Integer(number) => write!(f, "{number}"),
            Self::Null => f.write_str("null"),
        }
    }
}

fn quoted(f: &mut Formatter<'_>, text: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in text.chars() {
        if c == '"' || c == '\\' {
            f.write_char('\\')?;
        }
        f.write_char(c)?;
    }
    f.write_char('"')
}
