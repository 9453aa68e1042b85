//! Result files of report runs and Sigma scheduled queries: CSV (RFC 4180) with a
//! header row, read into a [`Table`] of text cells whose money columns convert
//! exactly to integers of minor units, the way the rest of the API counts money.
//!
//! The two kinds of file write amounts differently: report runs as decimals of the
//! major unit (`12.34` USD, `5000` JPY, `1.500` KWD; [`Table::parse`]), Sigma as
//! integers of the minor unit already (`1234` USD; [`Table::parse_sigma`]).
//!
//! ```
//! use stripe_edge::api::csv::Table;
//!
//! let table = Table::parse("id,amount,currency\r\ntxn_1,12.34,usd\r\ntxn_2,5000,jpy\r\n")?;
//! let amounts: Vec<_> = table.rows().map(|row| row.amount("amount")).collect::<Result<_, _>>()?;
//! assert_eq!(amounts, [Some(1234), Some(5000)]);
//! # Ok::<(), stripe_edge::api::csv::CsvError>(())
//! ```
//!
//! The reading is strict: a quote inside an unquoted field, text after a closing
//! quote and an unterminated quote are errors, not guesses. A UTF-8 byte order mark
//! is skipped, lines may end in CRLF or LF, and blank lines are not rows (so a
//! one-column row with an empty cell is written `""`, as RFC 4180 writers do).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::num::IntErrorKind;

use csv_core::{ReadFieldResult, Reader};

use crate::currency::{self, AmountError};
use crate::json;

/// Whether `name` is one of the money columns of Stripe's report files: `gross`,
/// `fee`, `net`, `amount`, or a name starting `amount_` or ending `_amount`.
pub fn is_amount_column(name: &str) -> bool {
    matches!(name, "gross" | "fee" | "net" | "amount")
        || name.starts_with("amount_")
        || name.ends_with("_amount")
}

/// A parsed result file: the header's column names and the rows' text cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    columns: Vec<String>,
    /// Every row's cells, one after another.
    cells: String,
    /// Where each cell ends in `cells`, row after row.
    ends: Vec<usize>,
    /// The line of the file each row starts on.
    lines: Vec<usize>,
    units: Units,
}

/// How a file writes its amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Units {
    /// Decimals of the major unit, read with the row's currency (report runs).
    Major,
    /// Integers of the minor unit (Sigma).
    Minor,
}

impl Table {
    /// Reads a report run's result file, whose amounts are decimals of the major unit.
    pub fn parse(text: &str) -> Result<Table, CsvError> {
        Self::read(text, Units::Major)
    }

    /// Reads a Sigma query's result file, whose amounts are integers of minor units.
    pub fn parse_sigma(text: &str) -> Result<Table, CsvError> {
        Self::read(text, Units::Minor)
    }

    fn read(text: &str, units: Units) -> Result<Table, CsvError> {
        let mut scanner = Scanner::new(text);
        let mut header = Cells::default();
        if scanner.record(&mut header)?.is_none() {
            return Err(CsvError::new(1, None, CsvErrorKind::NoHeader));
        }
        let columns: Vec<String> = header.texts().map(String::from).collect();
        if let Some((at, first)) = repeated_name(&columns) {
            let kind = CsvErrorKind::DuplicateColumn { first: first + 1 };
            return Err(CsvError::new(1, Some(at + 1), kind));
        }
        let mut body = Cells::default();
        let mut lines = Vec::new();
        while let Some(line) = scanner.record(&mut body)? {
            let found = body.ends.len() - lines.len() * columns.len();
            if found != columns.len() {
                let expected = columns.len();
                let kind = CsvErrorKind::RaggedRow { expected, found };
                return Err(CsvError::new(line, None, kind));
            }
            lines.push(line);
        }
        Ok(Table {
            columns,
            cells: body.text,
            ends: body.ends,
            lines,
            units,
        })
    }

    /// The column names, in the order of the header row.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The rows, in the order of the file.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).map(|index| Row { table: self, index })
    }

    /// How many rows there are, not counting the header.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the file has a header and no rows.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The rows as a JSON array of objects keyed by column name, for JavaScript:
    /// amount columns as integers of minor units, other cells as strings, and empty
    /// cells as `null`.
    ///
    /// In a report run's file an amount column converts only when the table has its
    /// currency column (see [`Row::amount`]); without one it stays text.
    pub fn to_json(&self) -> Result<String, CsvError> {
        let converts: Vec<bool> = (0..self.columns.len())
            .map(|at| self.converts(at))
            .collect();
        let mut out = String::from("[");
        for (n, row) in self.rows().enumerate() {
            out.push_str(if n == 0 { "{" } else { ",{" });
            let columns = self.columns.iter().zip(&converts).enumerate();
            for (at, (name, &converts)) in columns {
                if at > 0 {
                    out.push(',');
                }
                json::write_string(&mut out, name);
                out.push(':');
                if converts {
                    match row.amount_at(at)? {
                        Some(minor) => out.push_str(itoa::Buffer::new().format(minor)),
                        None => out.push_str("null"),
                    }
                } else {
                    match row.cell(at).filter(|text| !text.is_empty()) {
                        Some(text) => json::write_string(&mut out, text),
                        None => out.push_str("null"),
                    }
                }
            }
            out.push('}');
        }
        out.push(']');
        Ok(out)
    }

    /// Whether `to_json` writes column `at` as integers.
    fn converts(&self, at: usize) -> bool {
        let amount = self
            .columns
            .get(at)
            .is_some_and(|name| is_amount_column(name));
        amount && (self.units == Units::Minor || self.currency_column(at).is_some())
    }

    /// The index of the column `name` (names are unique: [`Table::parse`] checks).
    fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|column| column == name)
    }

    /// The column holding the currency of amount column `at`: `X_currency` for
    /// `X_amount` when the table has it (as `customer_facing_currency` is for
    /// `customer_facing_amount`), else `currency`.
    fn currency_column(&self, at: usize) -> Option<usize> {
        let own = self
            .columns
            .get(at)
            .and_then(|name| name.strip_suffix("_amount"))
            .and_then(|stem| {
                self.columns
                    .iter()
                    .position(|column| column.strip_suffix("_currency") == Some(stem))
            });
        own.or_else(|| self.position("currency"))
    }
}

/// One row of a [`Table`], read by column name.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    table: &'a Table,
    index: usize,
}

impl<'a> Row<'a> {
    /// The text of the cell in `column`, or `None` when the table has no such column.
    pub fn get(&self, column: &str) -> Option<&'a str> {
        self.cell(self.table.position(column)?)
    }

    /// The texts of the row's cells, in column order.
    pub fn cells(&self) -> impl Iterator<Item = &'a str> {
        let row = *self;
        (0..self.table.columns.len()).filter_map(move |at| row.cell(at))
    }

    /// The cell in `column` as an integer of minor units; `None` when the cell is
    /// empty or the table has no such column.
    ///
    /// In a report run's file the decimal converts exactly with the row's currency,
    /// read from `X_currency` for a column `X_amount` when the table has it and from
    /// `currency` otherwise; it is an error when the row has no currency, or when the
    /// decimal has more places than the currency (`1.5` JPY). In a Sigma file the
    /// cell must be an integer.
    pub fn amount(&self, column: &str) -> Result<Option<i64>, CsvError> {
        match self.table.position(column) {
            Some(at) => self.amount_at(at),
            None => Ok(None),
        }
    }

    /// The cell in `column` as an integer (a count, a unix timestamp); `None` when
    /// the cell is empty or the table has no such column.
    pub fn integer(&self, column: &str) -> Result<Option<i64>, CsvError> {
        match self.table.position(column) {
            Some(at) => self.integer_at(at),
            None => Ok(None),
        }
    }

    fn amount_at(&self, at: usize) -> Result<Option<i64>, CsvError> {
        if self.table.units == Units::Minor {
            return self.integer_at(at);
        }
        let Some(text) = self.cell(at).filter(|text| !text.is_empty()) else {
            return Ok(None);
        };
        let currency = self
            .table
            .currency_column(at)
            .and_then(|column| self.cell(column))
            .filter(|code| !code.is_empty())
            .ok_or_else(|| self.error(at, CsvErrorKind::NoCurrency))?;
        currency::to_minor(text, currency)
            .map(Some)
            .map_err(|error| self.error(at, CsvErrorKind::Amount(error)))
    }

    fn integer_at(&self, at: usize) -> Result<Option<i64>, CsvError> {
        let Some(text) = self.cell(at).filter(|text| !text.is_empty()) else {
            return Ok(None);
        };
        text.parse()
            .map(Some)
            .map_err(|error: core::num::ParseIntError| {
                let overflow = matches!(
                    error.kind(),
                    IntErrorKind::PosOverflow | IntErrorKind::NegOverflow
                );
                let kind = if overflow {
                    CsvErrorKind::Amount(AmountError::TooLarge)
                } else {
                    CsvErrorKind::NotInteger
                };
                self.error(at, kind)
            })
    }

    /// The text of the cell in column `at`.
    fn cell(&self, at: usize) -> Option<&'a str> {
        let table = self.table;
        let index = self
            .index
            .checked_mul(table.columns.len())?
            .checked_add(at)?;
        if at >= table.columns.len() {
            return None;
        }
        let start = match index.checked_sub(1) {
            Some(previous) => *table.ends.get(previous)?,
            None => 0,
        };
        table.cells.get(start..*table.ends.get(index)?)
    }

    fn error(&self, at: usize, kind: CsvErrorKind) -> CsvError {
        let line = self.table.lines.get(self.index).copied().unwrap_or(0);
        CsvError::new(line, Some(at + 1), kind)
    }
}

/// Why a result file, or a cell in it, could not be read, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// The line of the file (1-based) where the row at fault starts.
    pub line: usize,
    /// The column at fault, 1-based like a spreadsheet's (the name is
    /// `columns()[column - 1]`); `None` when the whole row is at fault.
    pub column: Option<usize>,
    /// What is wrong.
    pub kind: CsvErrorKind,
}

/// What is wrong with a result file or a cell in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsvErrorKind {
    /// The file is empty: there is no header row.
    NoHeader,
    /// A field breaks the quoting rules: an unterminated quote, a quote inside an
    /// unquoted field, or text after a closing quote.
    Malformed,
    /// The header gives this column (the error's `column`) the name of an earlier
    /// one, so a cell could not be named unambiguously.
    DuplicateColumn {
        /// The earlier column with the same name, 1-based.
        first: usize,
    },
    /// A row with another number of fields than the header.
    RaggedRow {
        /// How many fields the header has.
        expected: usize,
        /// How many this row has.
        found: usize,
    },
    /// The cell is not an amount of the row's currency.
    Amount(AmountError),
    /// An amount in a row without a currency to read it with.
    NoCurrency,
    /// The cell is not an integer.
    NotInteger,
}

impl CsvError {
    fn new(line: usize, column: Option<usize>, kind: CsvErrorKind) -> Self {
        Self { line, column, kind }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        f.write_str(": ")?;
        match self.kind {
            CsvErrorKind::NoHeader => f.write_str("the file is empty; it needs a header row"),
            CsvErrorKind::Malformed => f.write_str(
                "badly quoted field: quote a field that holds quotes, commas or line \
                 breaks, double its quotes, and close the quote",
            ),
            CsvErrorKind::DuplicateColumn { first } => write!(
                f,
                "the header gives this column the name of column {first}; name each \
                 column once (in a Sigma query, give a repeated column another name with AS)"
            ),
            CsvErrorKind::RaggedRow { expected, found } => write!(
                f,
                "the row has {found} fields but the header has {expected}"
            ),
            CsvErrorKind::Amount(error) => error.fmt(f),
            CsvErrorKind::NoCurrency => f.write_str(
                "the amount has no currency: the row's currency cell is empty or \
                 the file has no currency column",
            ),
            CsvErrorKind::NotInteger => f.write_str("the cell is not an integer"),
        }
    }
}

impl core::error::Error for CsvError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match &self.kind {
            CsvErrorKind::Amount(error) => Some(error),
            _ => None,
        }
    }
}

/// The first column whose name an earlier column has, and that earlier column.
fn repeated_name(columns: &[String]) -> Option<(usize, usize)> {
    let mut sorted: Vec<(&str, usize)> = columns
        .iter()
        .enumerate()
        .map(|(at, name)| (name.as_str(), at))
        .collect();
    sorted.sort_unstable();
    sorted
        .windows(2)
        .filter(|pair| pair[0].0 == pair[1].0)
        .map(|pair| (pair[1].1, pair[0].1))
        .min()
}

/// Cells read so far: their texts one after another and where each ends.
#[derive(Default)]
struct Cells {
    text: String,
    ends: Vec<usize>,
}

impl Cells {
    fn texts(&self) -> impl Iterator<Item = &str> {
        let starts = core::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| self.text.get(start..end).unwrap_or_default())
    }
}

/// Reads fields with `csv_core` and checks each against its source text, since
/// `csv_core` accepts any input with its best guess rather than report an error.
struct Scanner<'t> {
    text: &'t [u8],
    reader: Reader,
    /// How far `reader` has read.
    pos: usize,
    /// A field's unescaped bytes; longer than the text, so it never fills.
    out: Vec<u8>,
    /// Line ends counted up to `counted`.
    line: usize,
    counted: usize,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text: text.as_bytes(),
            reader: Reader::new(),
            pos: 0,
            out: alloc::vec![0; text.len() + 1],
            line: 1,
            counted: 0,
        }
    }

    /// Appends the next record's fields to `cells` and gives the line it starts on,
    /// or `None` at the end of the file.
    fn record(&mut self, cells: &mut Cells) -> Result<Option<usize>, CsvError> {
        let mut line = 0;
        let mut column = 0;
        loop {
            column += 1;
            let mut start = self.pos;
            if start == 0 && self.text.starts_with("\u{feff}".as_bytes()) {
                start = 3; // `csv_core` skips the byte order mark itself
            }
            let mut written = 0;
            let (record_end, end) = loop {
                let input = self.text.get(self.pos..).unwrap_or_default();
                let output = self.out.get_mut(written..).unwrap_or_default();
                let (result, read, wrote) = self.reader.read_field(input, output);
                self.pos += read;
                written += wrote;
                match result {
                    ReadFieldResult::InputEmpty if !input.is_empty() => {}
                    // Unless the file ended the field, a byte that is not part of its
                    // source (a comma or a line end) did.
                    ReadFieldResult::Field { record_end } => {
                        break (record_end, self.pos - usize::from(read > 0));
                    }
                    ReadFieldResult::End if column == 1 => return Ok(None),
                    _ => return Err(self.malformed(start, None)),
                }
            };
            if column == 1 {
                // Blank lines before a record are read with its first field.
                let blank = self.text.get(start..end).unwrap_or_default();
                start += blank
                    .iter()
                    .take_while(|&&b| b == b'\r' || b == b'\n')
                    .count();
                line = self.line_at(start);
            }
            let source = self.text.get(start..end).unwrap_or_default();
            let value = self.out.get(..written).unwrap_or_default();
            let text = core::str::from_utf8(value).ok();
            let Some(text) = text.filter(|_| well_quoted(source, value)) else {
                return Err(self.malformed(start, Some(column)));
            };
            cells.text.push_str(text);
            cells.ends.push(cells.text.len());
            if record_end {
                return Ok(Some(line));
            }
        }
    }

    fn malformed(&mut self, start: usize, column: Option<usize>) -> CsvError {
        CsvError::new(self.line_at(start), column, CsvErrorKind::Malformed)
    }

    /// The line of the text that byte `offset` is on; offsets only grow.
    fn line_at(&mut self, offset: usize) -> usize {
        let from = self.counted.min(offset);
        let span = self.text.get(from..offset).unwrap_or_default();
        for (i, &byte) in span.iter().enumerate() {
            let next = self.text.get(from + i + 1).copied();
            if byte == b'\n' || byte == b'\r' && next != Some(b'\n') {
                self.line += 1;
            }
        }
        self.counted = self.counted.max(offset);
        self.line
    }
}

/// Whether `source` is `value` written as RFC 4180 has it: as is, when it holds
/// no quote, or between quotes with its quotes doubled.
fn well_quoted(source: &[u8], value: &[u8]) -> bool {
    let Some(quoted) = source.strip_prefix(b"\"") else {
        return source == value && !value.contains(&b'"');
    };
    let Some(inner) = quoted.strip_suffix(b"\"") else {
        return false;
    };
    let mut expected = value.iter();
    let mut bytes = inner.iter();
    while let Some(&byte) = bytes.next() {
        if byte == b'"' && bytes.next() != Some(&b'"') {
            return false;
        }
        if expected.next() != Some(&byte) {
            return false;
        }
    }
    expected.next().is_none()
}
