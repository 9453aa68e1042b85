//! `/v1/sigma/scheduled_query_runs`: list and retrieve. Stripe runs scheduled queries on
//! its own schedule, so runs are planted through `POST /_emulator/scheduled_query_runs`
//! (and by `--seed demo`); the SQL is kept as text, not executed: every run's result
//! file lists the emulator's invoices, amounts in minor units as Sigma writes them.

use serde_json::{Value, json};
use stripe_edge::error::HttpError;

use super::files;
use super::report_runs::csv_line;
use crate::errors;
use crate::list;
use crate::params::Params;
use crate::store::Store;

/// Plants a run: `completed` with a result file, or `failed` with an error.
pub fn plant(store: &mut Store, title: &str, sql: &str, failed: bool) -> Value {
    let id = store.id("sqr");
    let now = store.now();
    let file = if failed {
        Value::Null
    } else {
        let csv = invoices_csv(store);
        files::create(
            store,
            "sigma_scheduled_query",
            &format!("{id}.csv"),
            csv.into_bytes(),
        )
    };
    let mut run = json!({
        "id": id,
        "object": "scheduled_query_run",
        "created": now,
        "data_load_time": now - now.rem_euclid(3600),

        "file": file,
        "livemode": false,
        "result_available_until": now + 30 * 86_400,
        "sql": sql,
        "status": if failed { "failed" } else { "completed" },
        "title": title,
    });
    // Stripe's object has `error` only when the run failed.
    if failed {
        run["error"] = json!({ "message": "Query failed (a planted failure)." });
    }
    store.scheduled_query_runs.insert(run)
}

fn invoices_csv(store: &Store) -> String {
    let mut csv = csv_line(
        [
            "id",
            "customer",
            "currency",
            "amount_due",
            "amount_paid",
            "status",
            "created",
        ]
        .into_iter(),
    );
    for invoice in store.invoices.newest_first() {
        let text = |field: &str| invoice[field].as_str().unwrap_or_default().to_string();
        let code = text("currency");
        let money = |field: &str| invoice[field].as_i64().unwrap_or(0).to_string();
        let cells = [
            text("id"),
            text("customer"),
            code.clone(),
            money("amount_due"),
            money("amount_paid"),
            text("status"),
            invoice["created"].as_i64().unwrap_or(0).to_string(),
        ];
        csv.push_str(&csv_line(cells.iter().map(String::as_str)));
    }
    csv
}

/// `GET /v1/sigma/scheduled_query_runs/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    params.expand()?;
    params.finish()?;
    store
        .scheduled_query_runs
        .get(id)
        .cloned()
        .ok_or_else(|| errors::missing("scheduled_query_run", id, "id"))
}

/// `GET /v1/sigma/scheduled_query_runs`
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let page = list::page(
        params,
        "/v1/sigma/scheduled_query_runs",
        store.scheduled_query_runs.newest_first(),
        store,
    )?;
    params.finish()?;
    Ok(page)
}
