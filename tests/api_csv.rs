//! Report-run and Sigma result files: RFC 4180 reading, exact amounts per currency,
//! the JSON handed to JavaScript, and that no input panics.
// Property tests: native only (their random source has no wasm32 build).
#![cfg(not(target_family = "wasm"))]

use proptest::prelude::*;
use serde_json::Value;
use stripe_edge::api::csv::{CsvError, CsvErrorKind, Table, is_amount_column};
use stripe_edge::currency::AmountError;

/// Every row's cells, in column order.
fn cells(table: &Table) -> Vec<Vec<String>> {
    table
        .rows()
        .map(|row| row.cells().map(str::to_owned).collect())
        .collect()
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
        .collect()
}

fn parse_err(text: &str) -> CsvError {
    Table::parse(text).expect_err(text)
}

#[test]
fn quoted_fields_keep_commas_quotes_and_line_breaks() {
    let text = "id,description,note\n\
                txn_1,\"Pens, blue\",\"She said \"\"hi\"\"\"\n\
                txn_2,\"two\nlines\",\"\"\n\
                txn_3,plain,\"\"\"\"\n";
    let table = Table::parse(text).unwrap();
    assert_eq!(table.columns(), ["id", "description", "note"]);
    assert_eq!(
        cells(&table),
        strings(&[
            &["txn_1", "Pens, blue", "She said \"hi\""],
            &["txn_2", "two\nlines", ""],
            &["txn_3", "plain", "\""],
        ])
    );
    assert_eq!(table.len(), 3);
    let row = table.rows().nth(1).unwrap();
    assert_eq!(row.get("description"), Some("two\nlines"));
    assert_eq!(row.get("note"), Some(""));
    assert_eq!(row.get("amount"), None);
}

#[test]
fn a_repeated_column_name_is_an_error_naming_both_columns() {
    // Read either way, `Row::get` and the JSON would disagree on which cell a repeated
    // name means: such a file is refused, with both columns named.
    for (text, column, first) in [
        ("id,id\na,b\n", 2, 1),
        ("\u{feff}id,x,id\n", 3, 1),
        ("a,b,c,b\n1,2,3,4\n", 4, 2),
        ("\"a\",a\n", 2, 1),
    ] {
        for parse in [Table::parse, Table::parse_sigma] {
            let error = parse(text).unwrap_err();
            assert_eq!(
                (error.line, error.column, error.kind),
                (1, Some(column), CsvErrorKind::DuplicateColumn { first }),
                "{text:?}"
            );
            let message = error.to_string();
            assert!(
                message.contains(&format!("column {first}")) && message.contains("AS"),
                "{message}"
            );
        }
    }
    // Names that differ only in case are different columns.
    assert_eq!(
        Table::parse("id,ID\na,b\n").unwrap().columns(),
        ["id", "ID"]
    );
}

#[test]
fn crlf_and_lf_files_read_the_same() {
    let expected = strings(&[&["a", "b"], &["c", ""], &["", "d\r\ne"]]);
    for text in [
        "x,y\na,b\nc,\n,\"d\r\ne\"\n",
        "x,y\r\na,b\r\nc,\r\n,\"d\r\ne\"\r\n",
        "x,y\r\na,b\nc,\r\n,\"d\r\ne\"",
    ] {
        let table = Table::parse(text).unwrap();
        assert_eq!(table.columns(), ["x", "y"], "{text:?}");
        assert_eq!(cells(&table), expected, "{text:?}");
    }
}

#[test]
fn a_trailing_line_end_or_blank_line_is_not_a_row() {
    for text in [
        "a,b\n1,2",
        "a,b\n1,2\n",
        "a,b\r\n1,2\r\n",
        "a,b\n1,2\n\n",
        "a,b\n\n1,2\n",
    ] {
        let table = Table::parse(text).unwrap();
        assert_eq!(cells(&table), strings(&[&["1", "2"]]), "{text:?}");
    }
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_first_column_name() {
    let table = Table::parse("\u{feff}id,amount\ntxn_1,5\n").unwrap();
    assert_eq!(table.columns(), ["id", "amount"]);
    assert_eq!(table.rows().next().unwrap().get("id"), Some("txn_1"));

    let table = Table::parse("\u{feff}\"id\",amount\ntxn_1,5\n").unwrap();
    assert_eq!(table.columns(), ["id", "amount"]);
}

#[test]
fn a_header_without_rows_is_an_empty_table() {
    let table = Table::parse("id,amount,currency\r\n").unwrap();
    assert!(table.is_empty());
    assert_eq!(table.len(), 0);
    assert_eq!(table.rows().count(), 0);
    assert_eq!(table.to_json().unwrap(), "[]");
}

#[test]
fn an_empty_file_has_no_header() {
    for text in ["", "\u{feff}", "\n", "\r\n\r\n"] {
        let error = parse_err(text);
        assert_eq!(error.kind, CsvErrorKind::NoHeader, "{text:?}");
        assert_eq!(error.line, 1);
    }
}

#[test]
fn ragged_rows_are_errors_naming_their_line() {
    let error = parse_err("a,b,c\n1,2,3\n4,5\n");
    assert_eq!(
        error.kind,
        CsvErrorKind::RaggedRow {
            expected: 3,
            found: 2
        }
    );
    assert_eq!((error.line, error.column), (3, None));

    let error = parse_err("a,b\r\n1,2\r\n3,4,5\r\n");
    assert_eq!(
        error.kind,
        CsvErrorKind::RaggedRow {
            expected: 2,
            found: 3
        }
    );
    assert_eq!(error.line, 3);

    // The line counts the line breaks inside quoted fields before it.
    let error = parse_err("a,b\n\"x\ny\",1\n\n2\n");
    assert_eq!(error.line, 5);
    assert!(matches!(error.kind, CsvErrorKind::RaggedRow { .. }));
}

#[test]
fn badly_quoted_fields_are_errors() {
    let cases = [
        ("a,b\n1,\"unterminated\n", 2, 2),
        ("a,b\n1,\"unterminated,2\n3,4\n", 2, 2),
        ("a,b\n\"", 2, 1),
        ("a,b\n1,\"ends in an escaped quote\"\"", 2, 2),
        ("a,b\n1,2\nx\"y,3\n", 3, 1),
        ("a,b\n1,\"closed\"then text\n", 2, 2),
        ("a,\"b\n", 1, 2),
    ];
    for (text, line, column) in cases {
        let error = parse_err(text);
        assert_eq!(error.kind, CsvErrorKind::Malformed, "{text:?}");
        assert_eq!((error.line, error.column), (line, Some(column)), "{text:?}");
    }
}

#[test]
fn amounts_convert_exactly_with_the_rows_currency() {
    let text = "id,amount,fee,currency\n\
                a,123.45,0.30,usd\n\
                b,-0.05,0,usd\n\
                c,5000,0,jpy\n\
                d,1.500,0.001,kwd\n\
                e,12.3,,USD\n\
                f,,,usd\n";
    let table = Table::parse(text).unwrap();
    let amounts: Vec<(Option<i64>, Option<i64>)> = table
        .rows()
        .map(|row| (row.amount("amount").unwrap(), row.amount("fee").unwrap()))
        .collect();
    assert_eq!(
        amounts,
        [
            (Some(12345), Some(30)),
            (Some(-5), Some(0)),
            (Some(5000), Some(0)),
            (Some(1500), Some(1)),
            (Some(1230), None),
            (None, None),
        ]
    );
    let row = table.rows().next().unwrap();
    assert_eq!(row.amount("no_such_column"), Ok(None));
}

#[test]
fn an_amount_finer_than_its_currency_is_an_error_naming_row_and_column() {
    let table = Table::parse("id,currency,amount\ntxn_1,jpy,5000\ntxn_2,jpy,1.5\n").unwrap();
    let mut rows = table.rows();
    assert_eq!(rows.next().unwrap().amount("amount"), Ok(Some(5000)));
    let error = rows.next().unwrap().amount("amount").unwrap_err();
    assert_eq!(
        error,
        CsvError {
            line: 3,
            column: Some(3),
            kind: CsvErrorKind::Amount(AmountError::TooPrecise),
        }
    );
    assert_eq!(table.columns()[error.column.unwrap() - 1], "amount");

    let table = Table::parse("amount,currency\n12.345,usd\n1e5,usd\n").unwrap();
    let errors: Vec<_> = table
        .rows()
        .map(|row| row.amount("amount").unwrap_err().kind)
        .collect();
    assert_eq!(
        errors,
        [
            CsvErrorKind::Amount(AmountError::TooPrecise),
            CsvErrorKind::Amount(AmountError::NotDecimal),
        ]
    );
}

#[test]
fn an_amount_without_a_currency_is_an_error() {
    let table = Table::parse("id,amount\ntxn_1,12.00\ntxn_2,\n").unwrap();
    let mut rows = table.rows();
    let error = rows.next().unwrap().amount("amount").unwrap_err();
    assert_eq!(error.kind, CsvErrorKind::NoCurrency);
    assert_eq!((error.line, error.column), (2, Some(2)));
    assert_eq!(rows.next().unwrap().amount("amount"), Ok(None));

    let table = Table::parse("amount,currency\n12.00,\n").unwrap();
    let error = table.rows().next().unwrap().amount("amount").unwrap_err();
    assert_eq!(error.kind, CsvErrorKind::NoCurrency);
}

#[test]
fn customer_facing_amounts_use_their_own_currency() {
    // A charge of ¥5000 settled in USD: the customer-facing amount is yen.
    let text = "balance_transaction_id,currency,gross,customer_facing_amount,customer_facing_currency\n\
                txn_1,usd,33.41,5000,jpy\n\
                txn_2,usd,-1.00,,\n";
    let table = Table::parse(text).unwrap();
    let mut rows = table.rows();
    let row = rows.next().unwrap();
    assert_eq!(row.amount("gross"), Ok(Some(3341)));
    assert_eq!(row.amount("customer_facing_amount"), Ok(Some(5000)));
    let row = rows.next().unwrap();
    assert_eq!(row.amount("gross"), Ok(Some(-100)));
    assert_eq!(row.amount("customer_facing_amount"), Ok(None));
}

#[test]
fn integer_columns_read_as_integers() {
    let table =
        Table::parse("id,created,count\na,1700000000,3\nb,,x\nc,99999999999999999999,1.0\n")
            .unwrap();
    let rows: Vec<_> = table.rows().collect();
    assert_eq!(rows[0].integer("created"), Ok(Some(1_700_000_000)));
    assert_eq!(rows[0].integer("count"), Ok(Some(3)));
    assert_eq!(rows[0].integer("missing"), Ok(None));
    assert_eq!(rows[1].integer("created"), Ok(None));
    let error = rows[1].integer("count").unwrap_err();
    assert_eq!(
        (error.line, error.column, error.kind),
        (3, Some(3), CsvErrorKind::NotInteger)
    );
    assert_eq!(
        rows[2].integer("created").unwrap_err().kind,
        CsvErrorKind::Amount(AmountError::TooLarge)
    );
    assert_eq!(
        rows[2].integer("count").unwrap_err().kind,
        CsvErrorKind::NotInteger
    );
}

#[test]
fn sigma_files_hold_amounts_in_minor_units_already() {
    // Sigma writes `1000` for $10.00, as the API does.
    let text = "id,amount,currency\nch_1,1000,usd\nch_2,500,jpy\nch_3,10.00,usd\n";
    let table = Table::parse_sigma(text).unwrap();
    let rows: Vec<_> = table.rows().collect();
    assert_eq!(rows[0].amount("amount"), Ok(Some(1000)));
    assert_eq!(rows[1].amount("amount"), Ok(Some(500)));
    assert_eq!(
        rows[2].amount("amount").unwrap_err().kind,
        CsvErrorKind::NotInteger
    );

    let table = Table::parse_sigma("id,amount_due\nin_1,2500\n").unwrap();
    let json: Value = serde_json::from_str(&table.to_json().unwrap()).unwrap();
    assert_eq!(json[0]["amount_due"], Value::from(2500));
}

#[test]
fn json_has_amounts_as_minor_units_and_other_cells_as_strings() {
    let text = "id,created,amount,net_amount,currency,description,fee\r\n\
                txn_1,1700000000,-12.34,100,USD,\"Refund, \"\"partial\"\"\nsecond line\",\r\n\
                txn_2,,5000,,jpy,\u{e9}t\u{e9} \\ tab\t,7\r\n";
    let table = Table::parse(text).unwrap();
    let json: Value = serde_json::from_str(&table.to_json().unwrap()).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 2);

    let first = rows[0].as_object().unwrap();
    assert_eq!(first.len(), 7);
    assert_eq!(first["id"], Value::from("txn_1"));
    assert_eq!(first["created"], Value::from("1700000000"));
    assert_eq!(first["amount"], Value::from(-1234));
    assert_eq!(first["net_amount"], Value::from(10000));
    assert_eq!(first["currency"], Value::from("USD"));
    assert_eq!(
        first["description"],
        Value::from("Refund, \"partial\"\nsecond line")
    );
    assert_eq!(first["fee"], Value::Null);

    let second = rows[1].as_object().unwrap();
    assert_eq!(second["created"], Value::Null);
    assert_eq!(second["amount"], Value::from(5000));
    assert_eq!(second["net_amount"], Value::Null);
    assert_eq!(second["description"], Value::from("\u{e9}t\u{e9} \\ tab\t"));
    assert_eq!(second["fee"], Value::from(7));
}

#[test]
fn json_keeps_amounts_as_text_without_a_currency_column() {
    let table = Table::parse("id,amount\ntxn_1,12.50\n").unwrap();
    let json: Value = serde_json::from_str(&table.to_json().unwrap()).unwrap();
    assert_eq!(json[0]["amount"], Value::from("12.50"));
}

#[test]
fn json_fails_on_a_bad_amount() {
    let table = Table::parse("amount,currency\n1.00,usd\n1.5,jpy\n").unwrap();
    let error = table.to_json().unwrap_err();
    assert_eq!(
        (error.line, error.column, error.kind),
        (3, Some(1), CsvErrorKind::Amount(AmountError::TooPrecise))
    );
}

#[test]
fn errors_read_as_sentences_with_their_place() {
    let table = Table::parse("id,currency,amount\ntxn_1,jpy,1.5\n").unwrap();
    let error = table.rows().next().unwrap().amount("amount").unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("line 2, column 3: "), "{message}");
    assert!(message.contains("decimals"), "{message}");

    let message = parse_err("a,b\n1\n").to_string();
    assert!(message.starts_with("line 2: "), "{message}");
    assert!(
        message.contains("1 fields") && message.contains('2'),
        "{message}"
    );

    let message = parse_err("a\n\"x\n").to_string();
    assert!(message.contains("quote"), "{message}");

    let error: Box<dyn std::error::Error> = Box::new(parse_err(""));
    assert!(error.to_string().contains("header"));
}

#[test]
fn amount_columns_are_stripes_money_columns() {
    for name in [
        "gross",
        "fee",
        "net",
        "net_amount",
        "amount",
        "amount_due",
        "amount_paid",
        "customer_facing_amount",
    ] {
        assert!(is_amount_column(name), "{name}");
    }
    for name in [
        "currency",
        "created",
        "amounts",
        "net_amounts",
        "customer_facing_currency",
        "Amount",
        "",
        "description",
    ] {
        assert!(!is_amount_column(name), "{name}");
    }
}

/// Writes `rows` as RFC 4180 CSV, quoting only the fields that need it.
fn write_csv(rows: &[Vec<String>], crlf: bool, trailing: bool, bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    for (n, row) in rows.iter().enumerate() {
        if n > 0 {
            out.push_str(if crlf { "\r\n" } else { "\n" });
        }
        let fields: Vec<String> = row
            .iter()
            .map(|field| {
                // A lone empty field is quoted, or its line would read as blank.
                let alone = row.len() == 1 && field.is_empty();
                if alone || field.contains([',', '"', '\r', '\n']) {
                    format!("\"{}\"", field.replace('"', "\"\""))
                } else {
                    field.clone()
                }
            })
            .collect();
        out.push_str(&fields.join(","));
    }
    if trailing {
        out.push_str(if crlf { "\r\n" } else { "\n" });
    }
    out
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a\",\r\n ]{0,6}",
        "\\PC{0,5}",
        "-?[0-9]{1,4}(\\.[0-9]{0,3})?"
    ]
}

fn table() -> impl Strategy<Value = Vec<Vec<String>>> {
    (1usize..5, 1usize..6).prop_flat_map(|(width, height)| {
        prop::collection::vec(prop::collection::vec(field(), width), height)
    })
}

proptest! {
    #[test]
    fn well_quoted_tables_read_back_cell_for_cell(
        rows in table(),
        crlf: bool,
        trailing: bool,
        bom: bool,
    ) {
        let text = write_csv(&rows, crlf, trailing, bom);
        let header = &rows[0];
        let repeated = (1..header.len()).find(|&at| header[..at].contains(&header[at]));
        if let Some(at) = repeated {
            let error = Table::parse(&text).unwrap_err();
            let first = header.iter().position(|name| *name == header[at]).unwrap();
            prop_assert_eq!(error.column, Some(at + 1));
            prop_assert_eq!(error.kind, CsvErrorKind::DuplicateColumn { first: first + 1 });
            return Ok(());
        }
        let table = Table::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
        prop_assert_eq!(table.columns(), rows[0].as_slice());
        prop_assert_eq!(cells(&table), rows[1..].to_vec());
        prop_assert_eq!(table.len(), rows.len() - 1);
    }

    #[test]
    fn any_text_reads_without_panicking(text in "[a\",\r\n\u{feff}1.\\-]{0,40}|\\PC{0,40}") {
        exercise(&text);
    }

    #[test]
    fn any_bytes_read_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        exercise(&String::from_utf8_lossy(&bytes));
    }
}

/// Reads `text` every way the API allows; only a panic fails.
fn exercise(text: &str) {
    for table in [Table::parse(text), Table::parse_sigma(text)]
        .into_iter()
        .flatten()
    {
        let _ = table.to_json();
        for row in table.rows() {
            for column in table.columns() {
                let _ = (row.get(column), row.amount(column), row.integer(column));
            }
        }
    }
}
