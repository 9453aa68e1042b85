//! The call machines (`api::call`) driven by simulated transports: properties over any
//! sequence of answers, and the pager against servers whose pages overlap. The objects
//! answered are Stripe's own examples (`../shared/stripe-openapi/fixtures3.json` and
//! `../shared/fixtures/seed-examples.json`): this test needs the shared reference
//! folder beside the checkout.
// Property tests: native only (their random source has no wasm32 build).
#![cfg(not(target_family = "wasm"))]

use serde_json::{Value, json};

use proptest::prelude::*;
use stripe_edge::api::call::{
    Call, CallError, Machine, Output, Pager, ReportRun, ResultRows, Settings, Step, Wait,
};
use stripe_edge::api::{self, Endpoint};
use stripe_edge::form::{self, FormValue};

#[path = "support/shared.rs"]
mod shared;

use shared::example;

const INVOICE: &str = r#"{"id":"in_1","object":"invoice"}"#;

fn settings(max_retries: u32) -> Settings {
    Settings {
        api_key: Some("sk_test_call".into()),
        max_retries,
        ..Settings::default()
    }
}

fn empty() -> FormValue {
    FormValue::Map(Vec::new())
}

/// How one attempt ends.
#[derive(Clone, Debug)]
enum Attempt {
    Answer {
        status: u16,
        should_retry: Option<bool>,
    },
    Dropped,
}

fn attempt() -> impl Strategy<Value = Attempt> {
    prop_oneof![
        (
            prop::sample::select(vec![200u16, 400, 401, 402, 404, 409, 429, 500, 502, 503]),
            prop::option::of(any::<bool>()),
        )
            .prop_map(|(status, should_retry)| Attempt::Answer {
                status,
                should_retry
            }),
        Just(Attempt::Dropped),
    ]
}

/// A body for `status`: an error for failures, a customer for successes.
fn body(status: u16) -> Vec<u8> {
    if api::is_success(status) {
        br#"{"id":"cus_1","object":"customer","created":1,"livemode":false}"#.to_vec()
    } else {
        format!(r#"{{"error":{{"type":"api_error","message":"status {status}"}}}}"#).into_bytes()
    }
}

/// What a driver saw: each request sent, and how the machine ended.
struct Run {
    sent: Vec<stripe_edge::api::Request>,
    slept: Vec<u64>,
    end: Result<Output, CallError>,
}

/// Drives `machine` with `attempts` as the answers, one per send, until it ends; a
/// machine that sends more than there are attempts is a failure of the test.
fn drive(machine: &mut dyn Machine, attempts: &[Attempt]) -> Run {
    let mut run = Run {
        sent: Vec::new(),
        slept: Vec::new(),
        end: Err(CallError::OutOfOrder),
    };
    for _ in 0..1_000 {
        match machine.poll(0) {
            Step::Send(outgoing) => {
                let attempt = attempts
                    .get(run.sent.len())
                    .unwrap_or_else(|| panic!("send {} beyond the attempts", run.sent.len()));
                run.sent.push(outgoing.request.clone());
                match attempt {
                    Attempt::Answer {
                        status,
                        should_retry,
                    } => {
                        let value = should_retry.map(|told| if told { "true" } else { "false" });
                        let headers: Vec<(&str, &str)> = value
                            .iter()
                            .map(|value| ("Stripe-Should-Retry", *value))
                            .chain([("Request-Id", "req_1")])
                            .collect();
                        machine.handle_response(*status, &headers, body(*status));
                    }
                    Attempt::Dropped => machine.handle_connection_error("dropped"),
                }
            }
            Step::Sleep(ms) => run.slept.push(ms),
            Step::Done(output) => {
                run.end = Ok(output);
                return run;
            }
            Step::Fail(error) => {
                run.end = Err(error);
                return run;
            }
            Step::Items(_) | Step::Progress(_) => {}
        }
    }
    panic!("the machine did not end");
}

proptest! {
    /// Any answers end the call in `Done` or `Fail` within the retry budget; the
    /// outcome is the last attempt's, and every wait is one of the policy's.
    #[test]
    fn any_answers_end_within_the_retry_budget(
        max_retries in 0u32..5,
        attempts in prop::collection::vec(attempt(), 6),
        seed in any::<[u8; 32]>(),
    ) {
        let mut call = Call::new(&api::CUSTOMER_RETRIEVE, Some("cus_1"), &empty(), &settings(max_retries), seed).unwrap();
        let run = drive(&mut call, &attempts);
        prop_assert!(run.sent.len() as u32 <= max_retries + 1);
        prop_assert_eq!(run.slept.len(), run.sent.len() - 1);
        prop_assert!(run.slept.iter().all(|ms| (500..=60_000).contains(ms)));
        let last = &attempts[run.sent.len() - 1];
        match (last, &run.end) {
            (Attempt::Answer { status: 200, .. }, Ok(Output::Answer(answer))) => prop_assert_eq!(answer, &body(200)),
            (Attempt::Answer { status, .. }, Err(error)) => prop_assert_eq!(error.api_error().map(|e| e.status), Some(*status)),
            (Attempt::Dropped, Err(CallError::Connection { message })) => prop_assert!(message.contains("dropped")),
            (last, end) => prop_assert!(false, "last attempt {:?} ended as {:?}", last, end),
        }
    }

    /// Every attempt of a POST carries the first attempt's `Idempotency-Key`.
    #[test]
    fn a_post_is_retried_only_with_its_first_idempotency_key(
        attempts in prop::collection::vec(attempt(), 4),
        seed in any::<[u8; 32]>(),
    ) {
        let params = form::decode("email=a%40example.com").unwrap();
        let mut call = Call::new(&api::CUSTOMER_CREATE, None, &params, &settings(3), seed).unwrap();
        let run = drive(&mut call, &attempts);
        let keys: Vec<_> = run.sent.iter().map(|request| request.header("Idempotency-Key")).collect();
        prop_assert!(keys[0].is_some_and(|key| key.len() == 36));
        prop_assert!(keys.iter().all(|key| *key == keys[0]), "keys {:?}", keys);
    }
}

/// A list server that can page through `ids` in any of Stripe's three styles, whose
/// pages each repeat up to `overlap` items of the page before (as a list that changes
/// while it is walked does).
struct Server {
    ids: Vec<String>,
    size: usize,
    overlaps: Vec<usize>,
    pages: usize,
}

impl Server {
    /// The page that answers `request`: items from the cursor's position, stepping
    /// back by this page's overlap.
    fn answer(&mut self, endpoint: &Endpoint, request: &stripe_edge::api::Request) -> String {
        let query = request.path.split_once('?').map_or("", |(_, query)| query);
        let params = form::decode(query).unwrap();
        let text = |name: &str| {
            params
                .get(name)
                .and_then(FormValue::as_text)
                .map(String::from)
        };
        let after = |id: String| self.ids.iter().position(|x| *x == id).unwrap() + 1;
        let position = match endpoint.answer {
            api::Answer::Page(api::pagination::Style::List, _) => {
                text("starting_after").map_or(0, after)
            }
            _ => text("page").map_or(0, |token| token.parse().unwrap()),
        };
        // A page that overlaps still moves on: a server that sends the same page again
        // ends the walk with an error (tested in api_pagination.rs).
        let overlap = self
            .overlaps
            .get(self.pages)
            .map_or(0, |n| n.min(&(self.size - 1)).to_owned());
        self.pages += 1;
        let start = position.saturating_sub(overlap);
        let end = (start + self.size).min(self.ids.len());
        let api::Answer::Page(_, resource) = endpoint.answer else {
            panic!("not a list")
        };
        let data: Vec<String> = self.ids[start..end]
            .iter()
            .map(|id| example(resource, json!({ "id": id })).to_string())
            .collect();
        let more = end < self.ids.len();
        match endpoint.answer {
            api::Answer::Page(api::pagination::Style::List, _) => format!(
                r#"{{"object":"list","url":"/v1/events","has_more":{more},"data":[{}]}}"#,
                data.join(",")
            ),
            api::Answer::Page(api::pagination::Style::Search, _) => format!(
                r#"{{"object":"search_result","url":"/v1/x","has_more":{more},"next_page":{},"data":[{}]}}"#,
                if more {
                    format!("\"{end}\"")
                } else {
                    "null".into()
                },
                data.join(",")
            ),
            _ => format!(
                r#"{{"data":[{}],"next_page_url":{}}}"#,
                data.join(","),
                if more {
                    format!("\"/v2/core/events?object_id=obj_1&page={end}\"")
                } else {
                    "null".into()
                }
            ),
        }
    }
}

/// Every item a pager hands on, walking `server`.
fn walk(
    endpoint: &'static Endpoint,
    params: &str,
    server: &mut Server,
    limit: Option<usize>,
) -> Result<Vec<String>, CallError> {
    let params = form::decode(params).unwrap();
    let mut pager = Pager::new(endpoint, None, &params, &settings(0), [1; 32], limit).unwrap();
    let mut items = Vec::new();
    for _ in 0..10_000 {
        match pager.poll(0) {
            Step::Send(outgoing) => {
                let request = outgoing.request.clone();
                let page = server.answer(endpoint, &request);
                pager.handle_response(200, &[], page.into_bytes());
            }
            Step::Items(page) => items.extend(page.iter().map(|item| {
                let start = item.find("\"id\":\"").unwrap() + 6;
                item[start..start + item[start..].find('"').unwrap()].to_string()
            })),
            Step::Done(Output::Finished) => return Ok(items),
            Step::Fail(error) => return Err(error),
            step => panic!("unexpected step {step:?}"),
        }
    }
    panic!("the pager did not end");
}

proptest! {
    // Each case walks three lists of Stripe-sized objects, every one checked against its model.
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// On pages that overlap, a pager hands on every item exactly once, in order, in
    /// each of the three styles; with a limit, the first `limit` of them.
    #[test]
    fn a_pager_never_repeats_or_skips_an_item_on_overlapping_pages(
        count in 0usize..120,
        size in 1usize..25,
        overlaps in prop::collection::vec(0usize..6, 0..40),
        limit in prop::option::of(1usize..150),
    ) {
        let ids: Vec<String> = (0..count).map(|i| format!("evt_{i:04}")).collect();
        for (endpoint, params) in [
            (&api::INVOICE_LIST, "limit=10"),
            (&api::INVOICE_SEARCH, "query=status%3A%22open%22"),
            (&api::V2_EVENT_LIST, "object_id=obj_1"),
        ] {
            let mut server = Server { ids: ids.clone(), size, overlaps: overlaps.clone(), pages: 0 };
            let items = walk(endpoint, params, &mut server, limit).unwrap();
            let expected = &ids[..limit.map_or(count, |limit| limit.min(count))];
            prop_assert_eq!(&items, expected, "{} with pages of {}", endpoint.name, size);
        }
    }
}

#[test]
fn a_v2_next_page_url_of_another_list_is_refused() {
    let mut pager = Pager::new(
        &api::V2_EVENT_LIST,
        None,
        &form::decode("object_id=obj_1").unwrap(),
        &settings(0),
        [1; 32],
        None,
    )
    .unwrap();
    assert!(matches!(pager.poll(0), Step::Send(_)));
    let page = r#"{"data":[],"next_page_url":"/v1/customers?page=2"}"#;
    pager.handle_response(200, &[], page.as_bytes().to_vec());
    let Step::Fail(error) = pager.poll(0) else {
        panic!("a next page of another list is followed")
    };
    assert!(error.to_string().contains("next_page_url"), "{error}");
}

#[test]
fn a_pager_resumes_from_a_first_page_it_did_not_fetch() {
    let invoice = example("invoice", json!({ "id": "in_1" })).to_string();
    let first =
        format!(r#"{{"object":"list","url":"/v1/invoices","has_more":false,"data":[{invoice}]}}"#);
    let mut pager = Pager::new(
        &api::INVOICE_LIST,
        None,
        &empty(),
        &settings(0),
        [1; 32],
        None,
    )
    .unwrap()
    .with_first_page(first.as_bytes().to_vec());
    let Step::Items(items) = pager.poll(0) else {
        panic!("the first page's items come first")
    };
    assert_eq!(items.page(), first);
    assert_eq!(items.to_json_array(), format!("[{invoice}]"));
    assert!(matches!(pager.poll(0), Step::Done(Output::Finished)));
}

fn report_run(status: &str) -> String {
    let file = example(
        "file",
        json!({ "id": "file_1", "purpose": "finance_report_run" }),
    );
    let failed = status == "failed";
    example(
        "reporting.report_run",
        json!({
            "id": "frr_1",
            "status": status,
            "error": if failed { json!("no data") } else { Value::Null },
            "result": if status == "succeeded" { file } else { Value::Null },
        }),
    )
    .to_string()
}

/// Drives a report run through `statuses`, one answer per send, with the clock moving
/// by each sleep; gives the progress seen and the end.
fn wait_for(
    statuses: &[&str],
    wait: Wait,
) -> (Vec<String>, Vec<String>, Result<Output, CallError>) {
    let params = form::decode("report_type=balance.summary.1").unwrap();
    let mut run = ReportRun::new(&params, &settings(0), [2; 32], wait).unwrap();
    let (mut paths, mut progress, mut now) = (Vec::new(), Vec::new(), 0u64);
    loop {
        match run.poll(now) {
            Step::Send(outgoing) => {
                paths.push(format!(
                    "{} {}",
                    outgoing.request.method.as_str(),
                    outgoing.request.path
                ));
                let status = statuses[paths.len() - 1];
                run.handle_response(200, &[], report_run(status).into_bytes());
            }
            Step::Sleep(ms) => now += ms,
            Step::Progress(run) => progress.push(
                run[run.find("\"status\":\"").unwrap() + 10..]
                    .split('"')
                    .next()
                    .unwrap()
                    .to_string(),
            ),
            Step::Done(output) => return (paths, progress, Ok(output)),
            Step::Fail(error) => return (paths, progress, Err(error)),
            Step::Items(_) => panic!("a report run has no items"),
        }
    }
}

#[test]
fn a_report_run_is_polled_until_it_succeeds() {
    let (paths, progress, end) = wait_for(&["pending", "pending", "succeeded"], Wait::default());
    assert_eq!(
        paths,
        [
            "POST /v1/reporting/report_runs",
            "GET /v1/reporting/report_runs/frr_1",
            "GET /v1/reporting/report_runs/frr_1"
        ]
    );
    assert_eq!(progress, ["pending", "pending", "succeeded"]);
    assert_eq!(
        end,
        Ok(Output::Answer(report_run("succeeded").into_bytes()))
    );
}

#[test]
fn a_failed_report_run_fails_with_the_run() {
    let (_, _, end) = wait_for(&["pending", "failed"], Wait::default());
    let Err(CallError::RunFailed {
        id,
        status,
        reason,
        run,
    }) = end
    else {
        panic!("a failed run: {end:?}")
    };
    assert_eq!(
        (id.as_str(), status.as_str(), reason.as_deref()),
        ("frr_1", "failed", Some("no data"))
    );
    assert_eq!(run, report_run("failed"));
}

#[test]
fn a_report_run_still_pending_at_the_deadline_fails() {
    let wait = Wait {
        poll_interval_ms: 1_000,
        timeout_ms: 2_500,
    };
    let (paths, _, end) = wait_for(&["pending"; 10], wait);
    assert_eq!(paths.len(), 3);
    assert_eq!(
        end,
        Err(CallError::StillPending {
            id: "frr_1".into(),
            waited_ms: 2_000
        })
    );
}

#[test]
fn result_rows_come_from_the_run_file() {
    let run = report_run("succeeded");
    let mut rows = ResultRows::report_run(&run, &settings(0), [3; 32]).unwrap();
    let Step::Send(outgoing) = rows.poll(0) else {
        panic!("the file is downloaded")
    };
    assert_eq!(
        outgoing.url,
        "https://files.stripe.com/v1/files/file_1/contents"
    );
    assert!(outgoing.binary);
    rows.handle_response(200, &[], b"currency,gross\nusd,12.34\n".to_vec());
    assert_eq!(
        rows.poll(0),
        Step::Done(Output::Json(r#"[{"currency":"usd","gross":1234}]"#.into()))
    );
    assert!(ResultRows::report_run(&report_run("pending"), &settings(0), [3; 32]).is_err());
}

#[test]
fn sigma_rows_need_a_completed_run() {
    let run = |status: &str| {
        let completed = status == "completed";
        let file = example(
            "file",
            json!({ "id": "file_9", "purpose": "sigma_scheduled_query" }),
        );
        let mut run = example(
            "scheduled_query_run",
            json!({
                "id": "sqr_1",
                "status": status,
                "file": if completed { file } else { Value::Null },
                "error": { "message": "bad sql" },
            }),
        );
        if status != "failed" {
            run.as_object_mut().unwrap().remove("error");
        }
        run.to_string()
    };
    let mut rows = ResultRows::sigma_run("sqr_1", &settings(0), [4; 32]).unwrap();
    assert!(matches!(rows.poll(0), Step::Send(_)));
    rows.handle_response(200, &[], run("failed").into_bytes());
    let Step::Fail(CallError::RunFailed { reason, .. }) = rows.poll(0) else {
        panic!("a failed run")
    };
    assert_eq!(reason.as_deref(), Some("bad sql"));

    let mut rows = ResultRows::sigma_run("sqr_1", &settings(0), [4; 32]).unwrap();
    assert!(matches!(rows.poll(0), Step::Send(_)));
    rows.handle_response(200, &[], run("completed").into_bytes());
    let step = rows.poll(0);
    let Step::Send(outgoing) = step else {
        panic!("the file comes next: {step:?}")
    };
    assert!(outgoing.url.ends_with("/v1/files/file_9/contents"));
    rows.handle_response(
        200,
        &[],
        b"id,amount_paid,currency\nin_1,5000,jpy\n".to_vec(),
    );
    assert_eq!(
        rows.poll(0),
        Step::Done(Output::Json(
            r#"[{"id":"in_1","amount_paid":5000,"currency":"jpy"}]"#.into()
        ))
    );
}

#[test]
fn a_driver_out_of_order_is_told_so() {
    let mut call = Call::new(
        &api::INVOICE_RETRIEVE,
        Some("in_1"),
        &empty(),
        &settings(0),
        [0; 32],
    )
    .unwrap();
    call.handle_response(200, &[], INVOICE.as_bytes().to_vec());
    assert_eq!(call.poll(0), Step::Fail(CallError::OutOfOrder));
    let mut call = Call::new(
        &api::INVOICE_RETRIEVE,
        Some("in_1"),
        &empty(),
        &settings(0),
        [0; 32],
    )
    .unwrap();
    assert!(matches!(call.poll(0), Step::Send(_)));
    assert_eq!(call.poll(0), Step::Fail(CallError::OutOfOrder));
}

#[test]
fn an_answer_that_is_not_utf8_does_not_fit_its_model() {
    let mut call = Call::new(
        &api::INVOICE_RETRIEVE,
        Some("in_1"),
        &empty(),
        &settings(0),
        [0; 32],
    )
    .unwrap();
    assert!(matches!(call.poll(0), Step::Send(_)));
    call.handle_response(200, &[], b"{\"id\":\"in_\xff\"}".to_vec());
    let Step::Fail(error) = call.poll(0) else {
        panic!("bytes that are not UTF-8 pass")
    };
    assert_eq!(
        error.to_string(),
        "the answer does not fit the model of invoice: invalid JSON: expected UTF-8 text at byte 10"
    );
}
