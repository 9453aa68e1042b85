//! Result files (CSV) on any text: reading never panics, and what is read agrees with
//! BurntSushi's `csv` crate, a separate reader of the same format: the same header and
//! rows, cell for cell. Our reader is stricter (it refuses bad quoting, ragged rows and
//! repeated column names, which `csv` reads with a guess), so only files it accepts
//! are compared. Every accepted table's JSON is valid and holds its rows and columns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use stripe_edge::api::csv::Table;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let mut reference: Option<Vec<Vec<String>>> = None;
    for table in [Table::parse(text), Table::parse_sigma(text)]
        .into_iter()
        .flatten()
    {
        let columns = table.columns();
        let rows: Vec<Vec<&str>> = table.rows().map(|row| row.cells().collect()).collect();
        assert_eq!(rows.len(), table.len());
        for (row, cells) in table.rows().zip(&rows) {
            assert_eq!(cells.len(), columns.len());
            for (column, cell) in columns.iter().zip(cells) {
                assert_eq!(row.get(column), Some(*cell));
                let _ = (row.amount(column), row.integer(column));
            }
        }
        let records = reference.get_or_insert_with(|| {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes())
                .records()
                .map(|record| {
                    record
                        .expect("csv reads what we read")
                        .iter()
                        .map(String::from)
                        .collect()
                })
                .collect()
        });
        let ours: Vec<Vec<String>> = core::iter::once(columns.to_vec())
            .chain(
                rows.iter()
                    .map(|row| row.iter().map(|c| c.to_string()).collect()),
            )
            .collect();
        assert_eq!(&ours, records, "{text:?}");
        if let Ok(json) = table.to_json() {
            let value: Value = serde_json::from_str(&json).expect("the JSON is valid");
            let array = value.as_array().expect("an array");
            assert_eq!(array.len(), table.len());
            for object in array {
                let keys: Vec<&String> = object.as_object().expect("an object").keys().collect();
                assert_eq!(keys.len(), columns.len(), "one key per column: {json}");
            }
        }
    }
});
