//! A test Worker that runs the Worker's Rust driver (`stripe_edge_worker::upstream`)
//! over HTTP, so that `tests/worker/driver.test.mjs` gives it the JS client suite's
//! scenarios in workerd, against the local Stripe emulator. Each route makes one
//! machine, drives it, and answers what came back, as raw as it came:
//!
//! - `POST /call?base=..&endpoint=..[&id=..]`, parameters as the JSON body: the answer.
//! - `POST /pages?base=..&endpoint=..[&limit=..]`: every item handed on.
//! - `POST /report?base=..&poll=..`: the progress seen, the run, and its rows.
//!
//! `{"ok": true, ...}`, or `{"ok": false, "error": {...}}` with the call's error.

use stripe_edge::api::call::{
    Call, CallError, Output, Pager, ReportRun, ResultRows, Settings, Wait,
};
use stripe_edge::api::{Endpoint, Failure};
use stripe_edge::form::FormValue;
use stripe_edge_worker::respond;
use stripe_edge_worker::upstream::{Visit, drive, entropy};
use worker::{Context, Env, Request, Response, Result, event};

#[event(fetch)]
async fn fetch(mut req: Request, _env: Env, _ctx: Context) -> Result<Response> {
    let url = req.url()?;
    let query = |name: &str| {
        url.query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    };
    let settings = Settings {
        api_key: Some("sk_test_rust_driver".into()),
        timeout_ms: query("timeout")
            .and_then(|ms| ms.parse().ok())
            .unwrap_or(80_000),
        ..Settings::default()
    }
    .with_origin(&query("base").unwrap_or_default());
    let params =
        FormValue::from_json_text(&req.text().await?).unwrap_or(FormValue::Map(Vec::new()));
    let endpoint = query("endpoint").map(|name| Endpoint::named(&name));
    let entropy = entropy()?;
    let body = match (url.path(), endpoint) {
        ("/call", Some(Ok(endpoint))) => {
            let id = query("id");
            match Call::new(endpoint, id.as_deref(), &params, &settings, entropy) {
                Ok(mut call) => answer(drive(&mut call, |_| {}).await),
                Err(error) => refused(&error.to_string()),
            }
        }
        ("/pages", Some(Ok(endpoint))) => {
            let limit = query("limit").and_then(|n| n.parse().ok());
            match Pager::new(endpoint, None, &params, &settings, entropy, limit) {
                Ok(mut pager) => {
                    let mut items = Vec::new();
                    let end = drive(&mut pager, |visit| {
                        if let Visit::Items(page) = visit {
                            items.extend(page.iter().map(String::from));
                        }
                    })
                    .await;
                    end.map(|_| format!(r#"{{"ok":true,"items":[{}]}}"#, items.join(",")))
                        .unwrap_or_else(|error| failed(&error))
                }
                Err(error) => refused(&error.to_string()),
            }
        }
        ("/report", _) => {
            let wait = Wait {
                poll_interval_ms: query("poll").and_then(|ms| ms.parse().ok()).unwrap_or(100),
                ..Wait::default()
            };
            match ReportRun::new(&params, &settings, entropy, wait) {
                Ok(run) => report(run, &settings, entropy).await,
                Err(error) => refused(&error.to_string()),
            }
        }
        (_, Some(Err(error))) => refused(&error.to_string()),
        (path, _) => refused(&format!("no test route {path}")),
    };
    respond::answer(respond::json(200, body))
}

/// Waits for a report run and downloads its rows: the progress seen, the run, the rows.
async fn report(mut run: ReportRun, settings: &Settings, entropy: [u8; 32]) -> String {
    let mut statuses = Vec::new();
    let end = drive(&mut run, |visit| {
        if let Visit::Progress(run) = visit {
            statuses.push(run.to_string());
        }
    })
    .await;
    let run = match end {
        Ok(Output::Answer(run)) => String::from_utf8_lossy(&run).into_owned(),
        Ok(other) => return refused(&format!("a report run ended with {other:?}")),
        Err(error) => return failed(&error),
    };
    let rows = match ResultRows::report_run(&run, settings, entropy) {
        Ok(mut rows) => drive(&mut rows, |_| {}).await,
        Err(error) => return refused(&error.to_string()),
    };
    match rows {
        Ok(Output::Json(rows)) => {
            format!(
                r#"{{"ok":true,"progress":[{}],"run":{run},"rows":{rows}}}"#,
                statuses.join(",")
            )
        }
        Ok(other) => refused(&format!("rows ended with {other:?}")),
        Err(error) => failed(&error),
    }
}

/// The answer of a call: its body as it came (JSON), or its error.
fn answer(end: std::result::Result<Output, CallError>) -> String {
    match end {
        Ok(Output::Answer(body)) => format!(
            r#"{{"ok":true,"answer":{}}}"#,
            String::from_utf8_lossy(&body)
        ),
        Ok(other) => refused(&format!("a call ended with {other:?}")),
        Err(error) => failed(&error),
    }
}

/// A call's error: Stripe's fields when Stripe answered one, else its kind and message.
fn failed(error: &CallError) -> String {
    let (kind, status, type_) = match error {
        CallError::Answer(Failure::Api(api)) => ("api", api.status, api.type_.as_str()),
        CallError::Connection { .. } => ("connection", 0, ""),
        _ => ("other", 0, ""),
    };
    error_json(kind, status, type_, &error.to_string())
}

/// A request the test could not make.
fn refused(message: &str) -> String {
    error_json("refused", 0, "", message)
}

fn error_json(kind: &str, status: u16, type_: &str, message: &str) -> String {
    let quote = |text: &str| format!("{text:?}");
    format!(
        r#"{{"ok":false,"error":{{"kind":{},"status":{status},"type":{},"message":{}}}}}"#,
        quote(kind),
        quote(type_),
        quote(message)
    )
}
