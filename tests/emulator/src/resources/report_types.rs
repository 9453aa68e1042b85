//! `/v1/reporting/report_types`: the catalogue of report types, with the window of data
//! each can report on, its default and optional columns, and the parameters it takes.

use serde_json::{Value, json};
use stripe_edge::error::HttpError;

use crate::errors;
use crate::params::Params;
use crate::store::Store;

/// One report type.
pub struct ReportType {
    /// Its id, such as `balance.summary.1`.
    pub id: &'static str,
    /// Its name in the Dashboard.
    pub name: &'static str,
    /// The columns a run has unless `parameters[columns]` says otherwise.
    pub default_columns: &'static [&'static str],
    /// Every column it can have.
    pub columns: &'static [&'static str],
    /// The run parameters it takes besides `interval_start`, `interval_end`, `timezone`.
    pub parameters: &'static [&'static str],
}

const ACTIVITY_SUMMARY: &[&str] = &[
    "reporting_category",
    "currency",
    "count",
    "gross",
    "fee",
    "net",
];
const ACTIVITY_ITEMIZED: &[&str] = &[
    "balance_transaction_id",
    "created_utc",
    "created",
    "available_on_utc",
    "available_on",
    "currency",
    "gross",
    "fee",
    "net",
    "reporting_category",
    "source_id",
    "description",
    "customer_id",
    "invoice_id",
];
const PAYOUT_ITEMIZED: &[&str] = &[
    "payout_id",
    "effective_at_utc",
    "effective_at",
    "currency",
    "gross",
    "fee",
    "net",
    "reporting_category",
    "description",
    "payout_expected_arrival_date",
    "payout_status",
];
const RECONCILIATION_ITEMIZED: &[&str] = &[
    "automatic_payout_id",
    "automatic_payout_effective_at_utc",
    "balance_transaction_id",
    "created_utc",
    "available_on_utc",
    "currency",
    "gross",
    "fee",
    "net",
    "reporting_category",
    "source_id",
    "description",
    "customer_id",
    "invoice_id",
];

/// The report types the emulator knows.
pub const CATALOGUE: &[ReportType] = &[
    ReportType {
        id: "balance.summary.1",
        name: "Balance summary",
        default_columns: &["category", "description", "net_amount", "currency"],
        columns: &["category", "description", "net_amount", "currency"],
        parameters: &["currency"],
    },
    ReportType {
        id: "balance_change_from_activity.summary.1",
        name: "Balance change from activity summary",
        default_columns: ACTIVITY_SUMMARY,
        columns: ACTIVITY_SUMMARY,
        parameters: &["currency", "reporting_category"],
    },
    ReportType {
        id: "balance_change_from_activity.itemized.1",
        name: "Balance change from activity (itemized)",
        default_columns: &[
            "balance_transaction_id",
            "created_utc",
            "available_on_utc",
            "currency",
            "gross",
            "fee",
            "net",
            "reporting_category",
            "description",
        ],
        columns: ACTIVITY_ITEMIZED,
        parameters: &["currency", "reporting_category"],
    },
    ReportType {
        id: "payouts.summary.1",
        name: "Payouts summary",
        default_columns: ACTIVITY_SUMMARY,
        columns: ACTIVITY_SUMMARY,
        parameters: &["currency", "reporting_category"],
    },
    ReportType {
        id: "payouts.itemized.1",
        name: "Payouts (itemized)",
        default_columns: &[
            "payout_id",
            "effective_at_utc",
            "currency",
            "gross",
            "fee",
            "net",
            "reporting_category",
            "description",
        ],
        columns: PAYOUT_ITEMIZED,
        parameters: &["currency", "reporting_category"],
    },
    ReportType {
        id: "payout_reconciliation.summary.1",
        name: "Payout reconciliation summary",
        default_columns: ACTIVITY_SUMMARY,
        columns: ACTIVITY_SUMMARY,
        parameters: &["currency", "reporting_category", "payout"],
    },
    ReportType {
        id: "payout_reconciliation.itemized.1",
        name: "Payout reconciliation (itemized)",
        default_columns: &[
            "automatic_payout_id",
            "automatic_payout_effective_at_utc",
            "balance_transaction_id",
            "created_utc",
            "currency",
            "gross",
            "fee",
            "net",
            "reporting_category",
            "description",
        ],
        columns: RECONCILIATION_ITEMIZED,
        parameters: &["currency", "reporting_category", "payout"],
    },
];

/// The report type `id`.
pub fn find(id: &str) -> Option<&'static ReportType> {
    CATALOGUE.iter().find(|report| report.id == id)
}

/// The window of data report runs can cover: from midnight UTC 90 days back to the end
/// of the current second (the emulator's data is complete at once, where Stripe's
/// lags by hours).
pub fn window(now: i64) -> (i64, i64) {
    let start = now - now.rem_euclid(86_400) - 90 * 86_400;
    (start, now + 1)
}

fn object(report: &ReportType, now: i64) -> Value {
    let (start, end) = window(now);
    json!({
        "id": report.id,
        "object": "reporting.report_type",
        "data_available_end": end,
        "data_available_start": start,
        "default_columns": report.default_columns,
        "livemode": false,
        "name": report.name,
        "updated": end,
        "version": 1,
    })
}

/// `GET /v1/reporting/report_types/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    params.expand()?;
    params.finish()?;
    let report = find(id).ok_or_else(|| errors::missing("reporting.report_type", id, "id"))?;
    Ok(object(report, store.now()))
}

/// `GET /v1/reporting/report_types`: every type, in one page (Stripe does not page it).
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    params.expand()?;
    params.finish()?;
    let data: Vec<Value> = CATALOGUE
        .iter()
        .map(|report| object(report, store.now()))
        .collect();
    Ok(
        json!({ "object": "list", "data": data, "has_more": false, "url": "/v1/reporting/report_types" }),
    )
}
