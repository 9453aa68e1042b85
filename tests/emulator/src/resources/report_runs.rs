//! `/v1/reporting/report_runs`: create (parameters checked against the report type and
//! its data window), retrieve, list; a run goes `pending` → `succeeded` after the
//! configured delay, with a CSV `result` file computed from the emulator's own paid
//! invoices (each one a `charge` balance transaction, less a 2.9% + 30 fee).

use serde_json::{Value, json};
use stripe_edge::currency;
use stripe_edge::error::HttpError;

use super::files;
use super::report_types::{self, ReportType};
use crate::errors;
use crate::list;
use crate::params::Params;
use crate::store::{Store, now_ms};
use crate::webhooks;

/// `POST /v1/reporting/report_runs`
pub fn create(store: &mut Store, params: &Params) -> Result<Value, HttpError> {
    let type_id = params.required_text("report_type")?;
    let parameters = params.nested("parameters")?;
    params.expand()?;
    let report = report_types::find(&type_id).ok_or_else(|| {
        errors::invalid(
            "resource_missing",
            Some("report_type"),
            format!("No such report type: '{type_id}'"),
        )
    })?;
    let checked = match &parameters {
        Some(parameters) => check_parameters(report, parameters, store.now())?,
        None => return Err(errors::required("parameters[interval_start]")),
    };
    params.finish()?;
    let id = store.id("frr");
    let run = json!({
        "id": id,
        "object": "reporting.report_run",
        "created": store.now(),
        "error": null,
        "livemode": false,
        "parameters": checked,
        "report_type": type_id,
        "result": null,
        "status": "pending",
        "succeeded_at": null,
    });
    let delay = i64::try_from(store.config.report_delay_ms).unwrap_or(i64::MAX);
    let due = now_ms().saturating_add(delay);
    let fail = store.faults.fail_reports;
    store.report_due.push((id, due, fail));
    Ok(store.report_runs.insert(run))
}

/// The run's parameters as Stripe echoes them, or the first one that is wrong.
fn check_parameters(
    report: &ReportType,
    parameters: &Params,
    now: i64,
) -> Result<Value, HttpError> {
    let (available_start, available_end) = report_types::window(now);
    let name = |field: &str| parameters.name(field);
    let required = |field: &str| {
        parameters
            .integer(field)?
            .ok_or_else(|| errors::required(&name(field)))
    };
    let start = required("interval_start")?;
    let end = required("interval_end")?;
    let out_of_window = |field: &str, at: i64| {
        errors::invalid(
            "parameter_invalid",
            Some(&name(field)),
            format!(
                "{} ({at}) must be between data_available_start ({available_start}) and data_available_end ({available_end}) of {}.",
                name(field),
                report.id
            ),
        )
    };
    if !(available_start..=available_end).contains(&start) {
        return Err(out_of_window("interval_start", start));
    }
    if !(available_start..=available_end).contains(&end) {
        return Err(out_of_window("interval_end", end));
    }
    if start >= end {
        return Err(errors::invalid(
            "parameter_invalid",
            Some(&name("interval_end")),
            format!("interval_start ({start}) must be before interval_end ({end})."),
        ));
    }
    let mut echoed = json!({ "interval_end": end, "interval_start": start });
    let columns = parameters.texts("columns")?;
    if let Some(bad) = columns
        .iter()
        .find(|column| !report.columns.contains(&column.as_str()))
    {
        return Err(errors::invalid(
            "parameter_invalid",
            Some(&name("columns")),
            format!(
                "Unknown column '{bad}' for {}; its columns are {}.",
                report.id,
                report.columns.join(", ")
            ),
        ));
    }
    if !columns.is_empty() {
        echoed["columns"] = json!(columns);
    }
    if let Some(timezone) = parameters.text("timezone")? {
        if !known_timezone(&timezone) {
            return Err(errors::invalid(
                "parameter_invalid",
                Some(&name("timezone")),
                format!(
                    "Invalid timezone '{timezone}': use an IANA time zone such as 'America/New_York' or 'Etc/UTC'."
                ),
            ));
        }
        echoed["timezone"] = json!(timezone);
    }
    for optional in report.parameters {
        if let Some(value) = parameters.text(optional)? {
            if *optional == "currency"
                && !(value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic()))
            {
                return Err(errors::bad_value(&name("currency"), "currency"));
            }
            echoed[*optional] = json!(value.to_ascii_lowercase());
        }
    }
    parameters.finish()?;
    Ok(echoed)
}

/// An IANA zone name: `UTC`, `Etc/...`, or `Area/Place` in one of the IANA areas.
fn known_timezone(name: &str) -> bool {
    const AREAS: &[&str] = &[
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
        "Etc",
    ];
    if name == "UTC" {
        return true;
    }
    let Some((area, place)) = name.split_once('/') else {
        return false;
    };
    AREAS.contains(&area)
        && !place.is_empty()
        && place.split('/').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'+')
        })
}

/// `GET /v1/reporting/report_runs/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    let expand = params.expand()?;
    params.finish()?;
    let run = store
        .report_runs
        .get(id)
        .cloned()
        .ok_or_else(|| errors::missing("reporting.report_run", id, "id"))?;
    list::expanded(store, run, &expand, "")
}

/// `GET /v1/reporting/report_runs`: with `created` filters and pagination.
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let created = list::created_filter(params)?;
    let items = store.report_runs.newest_first().filter(|run| created(run));
    let page = list::page(params, "/v1/reporting/report_runs", items, store)?;
    params.finish()?;
    Ok(page)
}

/// Finishes the runs whose delay has passed: `succeeded` with a result file, or
/// `failed` when `fail_reports` was set as they were created; each sends its event.
pub fn advance(store: &mut Store) {
    let now = now_ms();
    let (due, later): (Vec<_>, Vec<_>) = store
        .report_due
        .drain(..)
        .partition(|(_, at, _)| *at <= now);
    store.report_due = later;
    for (id, _, fail) in due {
        let Some(run) = store.report_runs.get(&id).cloned() else {
            continue;
        };
        let finished = if fail {
            let mut run = run;
            run["status"] = json!("failed");
            run["error"] = json!("The report could not be computed (an injected failure).");
            (run, "reporting.report_run.failed")
        } else {
            match compute(store, &run) {
                Ok(csv) => {
                    let file = files::create(
                        store,
                        "finance_report_run",
                        &format!("{id}.csv"),
                        csv.into_bytes(),
                    );
                    let mut run = run;
                    run["status"] = json!("succeeded");
                    run["succeeded_at"] = json!(store.now());
                    run["result"] = file;
                    (run, "reporting.report_run.succeeded")
                }
                Err(error) => {
                    let mut run = run;
                    run["status"] = json!("failed");
                    run["error"] = json!(error);
                    (run, "reporting.report_run.failed")
                }
            }
        };
        let (run, event) = finished;
        if let Some(stored) = store.report_runs.get_mut(&id) {
            *stored = run.clone();
        }
        webhooks::emit(store, event, &run);
    }
}

/// One balance transaction, derived from a paid invoice.
struct Activity {
    id: String,
    created: i64,
    currency: String,
    gross: i64,
    fee: i64,
    customer: String,
    invoice: String,
}

impl Activity {
    fn net(&self) -> i64 {
        // The fee is at most 2.9% of the gross plus 30, so this stays in range.
        self.gross.saturating_sub(self.fee)
    }
}

/// The fee on a charge of `gross`: 2.9% (rounded half up) plus 30 in currencies with
/// minor units; computed wide, since a gross near the top of i64 overflows 29 × gross.
fn fee(gross: i64, currency: &str) -> i64 {
    let percent = (i128::from(gross) * 29 + 500) / 1000;
    let fixed = if currency::exponent(currency) == 0 {
        0
    } else {
        30
    };
    i64::try_from(percent + fixed).unwrap_or(i64::MAX)
}

/// The sum of `amounts`, or the report's error when it leaves the range of an amount.
fn total(mut amounts: impl Iterator<Item = i64>) -> Result<i64, String> {
    amounts.try_fold(0i64, |sum, amount| {
        sum.checked_add(amount).ok_or_else(|| {
            "The report's totals are too large to compute (over 9223372036854775807 in minor units).".to_string()
        })
    })
}

fn activity(store: &Store) -> Vec<Activity> {
    let mut rows: Vec<Activity> = store
        .invoices
        .newest_first()
        .filter(|invoice| {
            invoice["status"] == "paid" && invoice["amount_paid"].as_i64().unwrap_or(0) > 0
        })
        .map(|invoice| {
            let text = |field: &str| invoice[field].as_str().unwrap_or_default().to_string();
            let gross = invoice["amount_paid"].as_i64().unwrap_or(0);
            let fee = fee(gross, &text("currency"));
            Activity {
                id: format!("txn_{}", text("id").trim_start_matches("in_")),
                created: invoice["status_transitions"]["paid_at"]
                    .as_i64()
                    .unwrap_or(0),
                currency: text("currency"),
                gross,
                fee,
                customer: text("customer"),
                invoice: text("id"),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
    rows
}

/// The CSV of `run`, computed from the store now, or why it cannot be.
fn compute(store: &Store, run: &Value) -> Result<String, String> {
    let parameters = &run["parameters"];
    let start = parameters["interval_start"].as_i64().unwrap_or(0);
    let end = parameters["interval_end"].as_i64().unwrap_or(0);
    let currency_filter = parameters["currency"].as_str();
    let report_type = run["report_type"].as_str().unwrap_or_default();
    let Some(report) = report_types::find(report_type) else {
        return Ok(String::new());
    };
    let columns: Vec<String> = match parameters["columns"].as_array() {
        Some(columns) => columns
            .iter()
            .filter_map(|c| c.as_str().map(String::from))
            .collect(),
        None => report
            .default_columns
            .iter()
            .map(|c| (*c).to_string())
            .collect(),
    };
    let all = activity(store);
    let wanted = |row: &&Activity| currency_filter.is_none_or(|c| c == row.currency);
    let in_interval: Vec<&Activity> = all
        .iter()
        .filter(wanted)
        .filter(|row| (start..end).contains(&row.created))
        .collect();
    let mut csv = csv_line(columns.iter().map(String::as_str));
    let rows: Vec<Row> = match report_type.split('.').next().unwrap_or_default() {
        "balance" => balance_summary(&all, start, end, currency_filter)?,
        "balance_change_from_activity" if report_type.contains("summary") => summary(&in_interval)?,
        "balance_change_from_activity" => in_interval.iter().map(|row| itemized(row)).collect(),
        // The emulator makes no payouts: these reports have a header and no rows.
        _ => Vec::new(),
    };
    for row in rows {
        let cell = |column: &String| {
            row.iter()
                .find(|(name, _)| name == column)
                .map_or("", |(_, value)| value.as_str())
        };
        csv.push_str(&csv_line(columns.iter().map(cell)));
    }
    Ok(csv)
}

/// A report row: its cells by column name.
type Row = Vec<(&'static str, String)>;

fn itemized(row: &Activity) -> Row {
    let available = row.created + 2 * 86_400;
    let money = |amount| currency::to_major(amount, &row.currency);
    vec![
        ("balance_transaction_id", row.id.clone()),
        ("created_utc", utc(row.created)),
        ("created", row.created.to_string()),
        ("available_on_utc", utc(available)),
        ("available_on", available.to_string()),
        ("currency", row.currency.clone()),
        ("gross", money(row.gross)),
        ("fee", money(row.fee)),
        ("net", money(row.net())),
        ("reporting_category", "charge".into()),
        ("source_id", row.invoice.replace("in_", "ch_")),
        (
            "description",
            format!("Payment for invoice {}", row.invoice),
        ),
        ("customer_id", row.customer.clone()),
        ("invoice_id", row.invoice.clone()),
    ]
}

fn summary(rows: &[&Activity]) -> Result<Vec<Row>, String> {
    let mut currencies: Vec<&str> = rows.iter().map(|row| row.currency.as_str()).collect();
    currencies.sort_unstable();
    currencies.dedup();
    currencies
        .into_iter()
        .map(|code| {
            let of: Vec<&&Activity> = rows.iter().filter(|row| row.currency == code).collect();
            let sum = |f: fn(&Activity) -> i64| total(of.iter().map(|row| f(row)));
            Ok(vec![
                ("reporting_category", "charge".into()),
                ("currency", code.into()),
                ("count", of.len().to_string()),
                ("gross", currency::to_major(sum(|r| r.gross)?, code)),
                ("fee", currency::to_major(sum(|r| r.fee)?, code)),
                ("net", currency::to_major(sum(|r| r.net())?, code)),
            ])
        })
        .collect()
}

fn balance_summary(
    all: &[Activity],
    start: i64,
    end: i64,
    only: Option<&str>,
) -> Result<Vec<Row>, String> {
    let mut currencies: Vec<&str> = all
        .iter()
        .map(|row| row.currency.as_str())
        .filter(|c| only.is_none_or(|o| o == *c))
        .collect();
    currencies.sort_unstable();
    currencies.dedup();
    let mut rows = Vec::new();
    for code in currencies {
        let net_where = |keep: &dyn Fn(i64) -> bool| {
            total(
                all.iter()
                    .filter(|row| row.currency == code && keep(row.created))
                    .map(Activity::net),
            )
        };
        let starting = net_where(&|at| at < start)?;
        let activity = net_where(&|at| (start..end).contains(&at))?;
        let ending = total([starting, activity].into_iter())?;
        for (category, description, amount) in [
            ("starting_balance", "Starting balance", starting),
            ("activity", "Activity", activity),
            ("payouts", "Payouts", 0),
            ("ending_balance", "Ending balance", ending),
        ] {
            rows.push(vec![
                ("category", category.into()),
                ("description", description.into()),
                ("net_amount", currency::to_major(amount, code)),
                ("currency", code.into()),
            ]);
        }
    }
    Ok(rows)
}

/// `seconds` as `2024-01-02 03:04:05`, the form of Stripe's `*_utc` columns.
fn utc(seconds: i64) -> String {
    webhooks::rfc3339(seconds * 1000)[..19].replace('T', " ")
}

/// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted.
pub fn csv_line<'a>(fields: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = fields
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.to_string()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fees_and_totals_of_huge_amounts_do_not_overflow() {
        assert_eq!(fee(1000, "usd"), 59);
        assert_eq!(fee(1000, "jpy"), 29);
        assert_eq!(fee(i64::MAX, "usd"), 267_477_789_068_788_498 + 30);
        assert_eq!(total([1, 2, 3].into_iter()), Ok(6));
        assert!(total([i64::MAX, 1].into_iter()).is_err());
        assert!(total([i64::MIN, -1].into_iter()).is_err());
    }
}
