//! Requests built for every endpoint of `stripe_edge::api::ENDPOINTS`, checked against
//! strings written by hand from Stripe's API reference, and answers checked against
//! Stripe's own examples: `../shared/stripe-openapi/fixtures3.json` (the fixtures of
//! Stripe's OpenAPI repository) and `../shared/fixtures/seed-examples.json` (v2 events,
//! a report run list, an invoice search result). Error classes are those of stripe-node
//! 23.1.0 (the package's pinned devDependency), read off its `generateV1Error`.

#[path = "support/shared.rs"]
mod shared;

use shared::{fixture, seed};

use std::collections::BTreeSet;

use serde_json::{Value, json};
use stripe_edge::api::{
    self, Answer, ApiError, ENDPOINTS, Endpoint, Failure, Host, Method, Request, RequestError,
    RequestOptions, raw_request, uuid_v4,
};
use stripe_edge::form::FormValue;
use stripe_edge::resources::{
    self, Invoice, JsonKind, List, Problem, ReportRun, SearchResult, V2Page, WebhookEndpoint,
};

// ---------------------------------------------------------------------------------------
// The table: one row per endpoint.
// ---------------------------------------------------------------------------------------

/// One endpoint as Stripe's API reference describes it, with a valid call and the
/// request it must give.
struct Row {
    /// The core's name.
    name: &'static str,
    /// stripe-node's name, which the npm package's client uses.
    node: &'static str,
    method: Method,
    host: Host,
    /// The object id the call is for, when the path takes one.
    id: Option<&'static str>,
    /// Valid parameters, as the JSON object a stripe-node caller passes.
    params: &'static str,
    /// The path, with the query string for GET and DELETE.
    path: &'static str,
    /// The form body of a POST.
    body: Option<&'static str>,
}

const API: Host = Host::Api;

#[rustfmt::skip]
const ROWS: &[Row] = &[
    Row {
        name: "reporting.report_runs.create", node: "reporting.reportRuns.create", method: Method::Post, host: API, id: None,
        params: r#"{"report_type":"balance.summary.1","parameters":{"interval_start":1680000000,"interval_end":1680100000}}"#,
        path: "/v1/reporting/report_runs",
        body: Some("report_type=balance.summary.1&parameters%5Binterval_start%5D=1680000000&parameters%5Binterval_end%5D=1680100000"),
    },
    Row {
        name: "reporting.report_runs.retrieve", node: "reporting.reportRuns.retrieve", method: Method::Get, host: API, id: Some("frr_123"),
        params: "{}",
        path: "/v1/reporting/report_runs/frr_123",
        body: None,
    },
    Row {
        name: "reporting.report_runs.list", node: "reporting.reportRuns.list", method: Method::Get, host: API, id: None,
        params: r#"{"limit":3,"created":{"gte":1680000000}}"#,
        path: "/v1/reporting/report_runs?limit=3&created%5Bgte%5D=1680000000",
        body: None,
    },
    Row {
        name: "reporting.report_types.retrieve", node: "reporting.reportTypes.retrieve", method: Method::Get, host: API, id: Some("balance.summary.1"),
        params: "{}",
        path: "/v1/reporting/report_types/balance.summary.1",
        body: None,
    },
    Row {
        name: "reporting.report_types.list", node: "reporting.reportTypes.list", method: Method::Get, host: API, id: None,
        params: "{}",
        path: "/v1/reporting/report_types",
        body: None,
    },
    Row {
        name: "sigma.scheduled_query_runs.retrieve", node: "sigma.scheduledQueryRuns.retrieve", method: Method::Get, host: API, id: Some("sqr_123"),
        params: r#"{"expand":["file"]}"#,
        path: "/v1/sigma/scheduled_query_runs/sqr_123?expand%5B0%5D=file",
        body: None,
    },
    Row {
        name: "sigma.scheduled_query_runs.list", node: "sigma.scheduledQueryRuns.list", method: Method::Get, host: API, id: None,
        params: r#"{"limit":10,"starting_after":"sqr_1"}"#,
        path: "/v1/sigma/scheduled_query_runs?limit=10&starting_after=sqr_1",
        body: None,
    },
    Row {
        name: "files.retrieve", node: "files.retrieve", method: Method::Get, host: API, id: Some("file_123"),
        params: "{}",
        path: "/v1/files/file_123",
        body: None,
    },
    Row {
        name: "files.list", node: "files.list", method: Method::Get, host: API, id: None,
        params: r#"{"purpose":"finance_report_run","limit":5}"#,
        path: "/v1/files?purpose=finance_report_run&limit=5",
        body: None,
    },
    Row {
        name: "files.contents", node: "files.contents", method: Method::Get, host: Host::Files, id: Some("file_123"),
        params: "{}",
        path: "/v1/files/file_123/contents",
        body: None,
    },
    Row {
        name: "v2.core.events.retrieve", node: "v2.core.events.retrieve", method: Method::Get, host: API, id: Some("evt_test_65RCjj4EqW1sabcjs2Z16RCMoNQdSQkOWvfL6L5uU2K40u"),
        params: "{}",
        path: "/v2/core/events/evt_test_65RCjj4EqW1sabcjs2Z16RCMoNQdSQkOWvfL6L5uU2K40u",
        body: None,
    },
    Row {
        name: "v2.core.events.list", node: "v2.core.events.list", method: Method::Get, host: API, id: None,
        params: r#"{"object_id":"mtr_test_61RCjiqdTDC91zgip41IqPCzPnxqqSVc","limit":5}"#,
        path: "/v2/core/events?object_id=mtr_test_61RCjiqdTDC91zgip41IqPCzPnxqqSVc&limit=5",
        body: None,
    },
    Row {
        name: "invoices.create", node: "invoices.create", method: Method::Post, host: API, id: None,
        params: r#"{"customer":"cus_123","collection_method":"send_invoice","days_until_due":30,"metadata":{"order_id":"6735"}}"#,
        path: "/v1/invoices",
        body: Some("customer=cus_123&collection_method=send_invoice&days_until_due=30&metadata%5Border_id%5D=6735"),
    },
    Row {
        name: "invoices.retrieve", node: "invoices.retrieve", method: Method::Get, host: API, id: Some("in_123"),
        params: r#"{"expand":["customer","lines.data.price"]}"#,
        path: "/v1/invoices/in_123?expand%5B0%5D=customer&expand%5B1%5D=lines.data.price",
        body: None,
    },
    Row {
        name: "invoices.list", node: "invoices.list", method: Method::Get, host: API, id: None,
        params: r#"{"customer":"cus_123","status":"paid","limit":3}"#,
        path: "/v1/invoices?customer=cus_123&status=paid&limit=3",
        body: None,
    },
    Row {
        name: "invoices.search", node: "invoices.search", method: Method::Get, host: API, id: None,
        params: r#"{"query":"total>999 AND metadata['order_id']:'6735'","limit":3}"#,
        path: "/v1/invoices/search?query=total%3E999%20AND%20metadata%5B%27order_id%27%5D%3A%276735%27&limit=3",
        body: None,
    },
    Row {
        name: "invoices.finalize", node: "invoices.finalizeInvoice", method: Method::Post, host: API, id: Some("in_123"),
        params: r#"{"auto_advance":false}"#,
        path: "/v1/invoices/in_123/finalize",
        body: Some("auto_advance=false"),
    },
    Row {
        name: "invoices.send", node: "invoices.sendInvoice", method: Method::Post, host: API, id: Some("in_123"),
        params: "{}",
        path: "/v1/invoices/in_123/send",
        body: Some(""),
    },
    Row {
        name: "invoices.void", node: "invoices.voidInvoice", method: Method::Post, host: API, id: Some("in_123"),
        params: r#"{"expand":["customer"]}"#,
        path: "/v1/invoices/in_123/void",
        body: Some("expand%5B0%5D=customer"),
    },
    Row {
        name: "invoices.pay", node: "invoices.pay", method: Method::Post, host: API, id: Some("in_123"),
        params: r#"{"paid_out_of_band":true}"#,
        path: "/v1/invoices/in_123/pay",
        body: Some("paid_out_of_band=true"),
    },
    Row {
        name: "invoice_items.create", node: "invoiceItems.create", method: Method::Post, host: API, id: None,
        params: r#"{"customer":"cus_123","amount":2500,"currency":"usd","description":"One-time setup fee"}"#,
        path: "/v1/invoiceitems",
        body: Some("customer=cus_123&amount=2500&currency=usd&description=One-time%20setup%20fee"),
    },
    Row {
        name: "webhook_endpoints.create", node: "webhookEndpoints.create", method: Method::Post, host: API, id: None,
        params: r#"{"url":"https://example.com/my/webhook/endpoint","enabled_events":["charge.failed","charge.succeeded"]}"#,
        path: "/v1/webhook_endpoints",
        body: Some("url=https%3A%2F%2Fexample.com%2Fmy%2Fwebhook%2Fendpoint&enabled_events%5B0%5D=charge.failed&enabled_events%5B1%5D=charge.succeeded"),
    },
    Row {
        name: "webhook_endpoints.retrieve", node: "webhookEndpoints.retrieve", method: Method::Get, host: API, id: Some("we_123"),
        params: "{}",
        path: "/v1/webhook_endpoints/we_123",
        body: None,
    },
    Row {
        name: "webhook_endpoints.update", node: "webhookEndpoints.update", method: Method::Post, host: API, id: Some("we_123"),
        params: r#"{"url":"https://example.com/new_endpoint","disabled":true}"#,
        path: "/v1/webhook_endpoints/we_123",
        body: Some("url=https%3A%2F%2Fexample.com%2Fnew_endpoint&disabled=true"),
    },
    Row {
        name: "webhook_endpoints.list", node: "webhookEndpoints.list", method: Method::Get, host: API, id: None,
        params: r#"{"limit":3}"#,
        path: "/v1/webhook_endpoints?limit=3",
        body: None,
    },
    Row {
        name: "webhook_endpoints.delete", node: "webhookEndpoints.del", method: Method::Delete, host: API, id: Some("we_123"),
        params: "{}",
        path: "/v1/webhook_endpoints/we_123",
        body: None,
    },
    Row {
        name: "customers.create", node: "customers.create", method: Method::Post, host: API, id: None,
        params: r#"{"name":"Jenny Rosen","email":"jennyrosen@example.com"}"#,
        path: "/v1/customers",
        body: Some("name=Jenny%20Rosen&email=jennyrosen%40example.com"),
    },
    Row {
        name: "customers.retrieve", node: "customers.retrieve", method: Method::Get, host: API, id: Some("cus_123"),
        params: "{}",
        path: "/v1/customers/cus_123",
        body: None,
    },
    Row {
        name: "customers.update", node: "customers.update", method: Method::Post, host: API, id: Some("cus_123"),
        params: r#"{"metadata":{"order_id":"6735"}}"#,
        path: "/v1/customers/cus_123",
        body: Some("metadata%5Border_id%5D=6735"),
    },
    Row {
        name: "customers.list", node: "customers.list", method: Method::Get, host: API, id: None,
        params: r#"{"email":"jenny.rosen@example.com","limit":3}"#,
        path: "/v1/customers?email=jenny.rosen%40example.com&limit=3",
        body: None,
    },
];

fn params(json: &str) -> FormValue {
    FormValue::from_json_text(json).unwrap_or_else(|e| panic!("{json} is not JSON: {e}"))
}

fn endpoint(name: &str) -> &'static Endpoint {
    Endpoint::named(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn build(row: &Row, options: &RequestOptions) -> Request {
    endpoint(row.name)
        .request(row.id, &params(row.params), options)
        .unwrap_or_else(|e| panic!("{}: {e}", row.name))
}

const FORM: &str = "application/x-www-form-urlencoded";

#[test]
fn the_table_covers_every_endpoint_once() {
    let table: Vec<&str> = ROWS.iter().map(|row| row.name).collect();
    let rows: BTreeSet<&str> = table.iter().copied().collect();
    assert_eq!(rows.len(), table.len(), "a name has two rows: {table:?}");
    let known: BTreeSet<&str> = ENDPOINTS.iter().map(|e| e.name).collect();
    assert_eq!(
        known.len(),
        ENDPOINTS.len(),
        "ENDPOINTS names one endpoint twice"
    );
    let untested: Vec<_> = known.difference(&rows).collect();
    let unknown: Vec<_> = rows.difference(&known).collect();
    assert!(
        untested.is_empty(),
        "endpoints without a row here: {untested:?}"
    );
    assert!(unknown.is_empty(), "rows for no endpoint: {unknown:?}");
}

#[test]
fn each_endpoint_builds_the_request_of_stripes_reference() {
    for row in ROWS {
        let found = endpoint(row.name);
        assert_eq!(found.name, row.name);
        assert_eq!(found.node_name, row.node, "{}", row.name);
        assert_eq!(found.method, row.method, "{}", row.name);
        assert_eq!(found.host, row.host, "{}", row.name);
        assert_eq!(found.takes_id(), row.id.is_some(), "{}", row.name);

        let request = build(row, &RequestOptions::default());
        assert_eq!(request.method, row.method, "{}", row.name);
        assert_eq!(request.host, row.host, "{}", row.name);
        assert_eq!(request.path, row.path, "{}", row.name);
        assert_eq!(request.body.as_deref(), row.body, "{}", row.name);
        match row.method {
            Method::Post => {
                assert_eq!(request.header("Content-Type"), Some(FORM), "{}", row.name);
                assert_eq!(request.header("content-type"), Some(FORM), "{}", row.name);
            }
            Method::Get | Method::Delete => {
                assert_eq!(request.header("Content-Type"), None, "{}", row.name);
                assert_eq!(request.body, None, "{}", row.name);
            }
        }
        // No options, no other headers.
        let names: Vec<&str> = request.headers.iter().map(|(name, _)| *name).collect();
        let expected: &[&str] = match row.method {
            Method::Post => &["Content-Type"],
            _ => &[],
        };
        assert_eq!(names, expected, "{}", row.name);
    }
}

#[test]
fn urls_join_the_host_and_the_path() {
    let cases = [
        (
            "invoices.search",
            "https://api.stripe.com",
            "https://api.stripe.com/v1/invoices/search?query=total%3E999%20AND%20metadata%5B%27order_id%27%5D%3A%276735%27&limit=3",
        ),
        (
            "files.contents",
            "https://files.stripe.com/",
            "https://files.stripe.com/v1/files/file_123/contents",
        ),
        (
            "customers.retrieve",
            "http://localhost:12111",
            "http://localhost:12111/v1/customers/cus_123",
        ),
    ];
    for (name, base, url) in cases {
        let row = ROWS.iter().find(|row| row.name == name).unwrap();
        assert_eq!(build(row, &RequestOptions::default()).url(base), url);
    }
}

#[test]
fn unknown_endpoint_names_are_refused() {
    for name in [
        "invoices.delete",
        "invoices",
        "",
        "Invoices.create",
        "customers.search",
    ] {
        let error = Endpoint::named(name).unwrap_err();
        assert_eq!(
            error,
            RequestError::UnknownEndpoint { name: name.into() },
            "{name}"
        );
        assert_eq!(error.code(), "unknown_endpoint");
    }
}

// ---------------------------------------------------------------------------------------
// Refusals.
// ---------------------------------------------------------------------------------------

#[test]
fn ids_must_be_given_exactly_where_the_path_takes_one() {
    let options = RequestOptions::default();
    for row in ROWS {
        let endpoint = endpoint(row.name);
        let p = params(row.params);
        let wrong: &[Option<&str>] = match row.id {
            Some(_) => &[None, Some("")],
            None => &[Some("in_123"), Some("")],
        };
        for id in wrong {
            let error = endpoint.request(*id, &p, &options).unwrap_err();
            assert_eq!(
                error,
                RequestError::Id { endpoint: row.name },
                "{} with id {id:?}",
                row.name
            );
            assert_eq!(error.code(), "invalid_id");
            assert_eq!(error.param(), None);
            assert!(error.to_string().contains(row.name), "{error}");
        }
    }
}

#[test]
fn every_endpoint_names_a_parameter_it_does_not_take() {
    let options = RequestOptions::default();
    for row in ROWS {
        let mut value: Value = serde_json::from_str(row.params).unwrap();
        value["bogus_param"] = json!("1");
        let error = endpoint(row.name)
            .request(row.id, &params(&value.to_string()), &options)
            .unwrap_err();
        assert_eq!(
            error,
            RequestError::UnknownParameter {
                endpoint: row.name,
                param: "bogus_param".into()
            },
            "{}",
            row.name
        );
        assert_eq!(error.code(), "parameter_unknown");
        assert_eq!(error.param(), Some("bogus_param"));
        let message = error.to_string();
        assert!(
            message.contains("'bogus_param'") && message.contains(row.name),
            "{message}"
        );
    }
}

#[test]
fn parameters_of_other_endpoints_are_unknown() {
    let cases = [
        (
            "invoices.retrieve",
            Some("in_123"),
            r#"{"limit":3}"#,
            "limit",
        ),
        (
            "customers.create",
            None,
            r#"{"default_source":"card_1"}"#,
            "default_source",
        ),
        (
            "reporting.report_types.list",
            None,
            r#"{"limit":3}"#,
            "limit",
        ),
        (
            "files.contents",
            Some("file_1"),
            r#"{"expand":["links"]}"#,
            "expand",
        ),
        (
            "v2.core.events.list",
            None,
            r#"{"object_id":"mtr_1","starting_after":"evt_1"}"#,
            "starting_after",
        ),
        (
            "invoices.search",
            None,
            r#"{"query":"total>1","starting_after":"in_1"}"#,
            "starting_after",
        ),
        (
            "webhook_endpoints.create",
            None,
            r#"{"url":"https://e.com","enabled_events":["*"],"disabled":true}"#,
            "disabled",
        ),
        (
            "sigma.scheduled_query_runs.list",
            None,
            r#"{"created":{"gte":1}}"#,
            "created",
        ),
    ];
    for (name, id, json, param) in cases {
        let error = endpoint(name)
            .request(id, &params(json), &RequestOptions::default())
            .unwrap_err();
        assert_eq!(
            error,
            RequestError::UnknownParameter {
                endpoint: name,
                param: param.into()
            },
            "{name}"
        );
    }
}

#[test]
fn required_parameters_are_required() {
    let cases = [
        (
            "reporting.report_runs.create",
            r#"{"parameters":{"interval_start":1}}"#,
            "report_type",
        ),
        ("invoices.search", r#"{"limit":3}"#, "query"),
        (
            "webhook_endpoints.create",
            r#"{"url":"https://example.com/hook"}"#,
            "enabled_events",
        ),
        (
            "webhook_endpoints.create",
            r#"{"enabled_events":["*"]}"#,
            "url",
        ),
        ("v2.core.events.list", r#"{"limit":5}"#, "object_id"),
        (
            "invoice_items.create",
            r#"{"amount":5,"currency":"usd"}"#,
            "customer",
        ),
    ];
    for (name, json, param) in cases {
        let error = endpoint(name)
            .request(None, &params(json), &RequestOptions::default())
            .unwrap_err();
        assert_eq!(
            error,
            RequestError::MissingParameter {
                endpoint: name,
                param: param.into()
            },
            "{name}"
        );
        assert_eq!(error.code(), "parameter_missing");
        assert_eq!(error.param(), Some(param));
        assert!(error.to_string().contains(param), "{error}");
    }
}

/// Stripe's reference lists no required parameter for `POST /v1/invoices`: `customer`
/// may be left out, as when `from_invoice` revises an invoice (whose customer the new
/// one keeps). The OpenAPI spec (`spec3.2023-08-16.json`) agrees: its request body for
/// `postInvoices` has no `required` list.
#[test]

fn invoices_create_takes_a_revision_without_a_customer() {
    let request = endpoint("invoices.create")
        .request(
            None,
            &params(r#"{"from_invoice":{"action":"revision","invoice":"in_123"}}"#),
            &RequestOptions::default(),
        )
        .expect("a revision needs no customer");
    assert_eq!(
        request.body.as_deref(),
        Some("from_invoice%5Baction%5D=revision&from_invoice%5Binvoice%5D=in_123")
    );
}

#[test]
fn parameters_must_be_a_map() {
    let not_maps = [
        FormValue::Text("customer=cus_1".into()),
        FormValue::Text(String::new()),
        FormValue::List(vec![FormValue::Text("a".into())]),
        FormValue::List(vec![]),
    ];
    for row in ROWS {
        for value in &not_maps {
            let error = endpoint(row.name)
                .request(row.id, value, &RequestOptions::default())
                .unwrap_err();
            assert!(
                matches!(error, RequestError::BadParameters { .. }),
                "{}: {value:?} gave {error:?}",
                row.name
            );
            assert_eq!(error.code(), "parameters_invalid");
        }
    }
}

/// The path as a WHATWG URL parser (`fetch`, `new URL`) resolves it: `.` and `..`
/// segments, also when written with `%2e`, are removed.
fn resolved(path: &str) -> String {
    let (route, query) = match path.find('?') {
        Some(at) => path.split_at(at),
        None => (path, ""),
    };
    let segments: Vec<&str> = route.split('/').skip(1).collect();
    let mut out: Vec<&str> = Vec::new();
    for (at, segment) in segments.iter().enumerate() {
        let last = at + 1 == segments.len();
        match segment.to_ascii_lowercase().as_str() {
            "." | "%2e" => {
                if last {
                    out.push("");
                }
            }
            ".." | ".%2e" | "%2e." | "%2e%2e" => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            _ => out.push(segment),
        }
    }
    format!("/{}{query}", out.join("/"))
}

#[test]
fn the_resolver_resolves_as_node_does() {
    // `new URL(path, "https://api.stripe.com").pathname` in Node 20.
    let cases = [
        ("/v1/%2e%2e/customers", "/customers"),
        ("/v1/.%2E/x", "/x"),
        ("/v1/invoices/../finalize", "/v1/finalize"),
        ("/v1/invoices/./finalize", "/v1/invoices/finalize"),
        ("/v1/webhook_endpoints/..", "/v1/"),
        ("/v1/invoices/%2e%2e/finalize", "/v1/finalize"),
        ("/v1/invoices/in%2F..%2Fx", "/v1/invoices/in%2F..%2Fx"),
        (
            "/v1/invoices/in_1?expand%5B0%5D=x",
            "/v1/invoices/in_1?expand%5B0%5D=x",
        ),
    ];
    for (path, pathname) in cases {
        assert_eq!(resolved(path), pathname, "{path}");
    }
}

#[test]
fn ids_are_percent_encoded_into_one_path_segment() {
    let cases = [
        (
            "in_1/../../v1/customers",
            "/v1/invoices/in_1%2F..%2F..%2Fv1%2Fcustomers/finalize",
        ),
        (
            "in_1?expand[]=customer",
            "/v1/invoices/in_1%3Fexpand%5B%5D%3Dcustomer/finalize",
        ),
        ("in_1#frag", "/v1/invoices/in_1%23frag/finalize"),
        ("in 1", "/v1/invoices/in%201/finalize"),
        ("in_1\\..\\x", "/v1/invoices/in_1%5C..%5Cx/finalize"),
        ("in_1&x=y", "/v1/invoices/in_1%26x%3Dy/finalize"),
        ("%2e%2e", "/v1/invoices/%252e%252e/finalize"),
        ("in_é", "/v1/invoices/in_%C3%A9/finalize"),
        ("in_A-z.9~", "/v1/invoices/in_A-z.9~/finalize"),
    ];
    for (id, path) in cases {
        let request = endpoint("invoices.finalize")
            .request(Some(id), &params("{}"), &RequestOptions::default())
            .unwrap();
        assert_eq!(request.path, path, "{id:?}");
        assert_eq!(resolved(&request.path), request.path, "{id:?}");
        assert_eq!(request.path.matches('/').count(), 4, "{id:?}");
    }
    // GET: the id cannot start the query string.
    let request = endpoint("invoices.retrieve")
        .request(
            Some("in_1?expand[0]=x"),
            &params(r#"{"expand":["customer"]}"#),
            &RequestOptions::default(),
        )
        .unwrap();
    assert_eq!(
        request.path,
        "/v1/invoices/in_1%3Fexpand%5B0%5D%3Dx?expand%5B0%5D=customer"
    );
    assert_eq!(request.path.matches('?').count(), 1);
}

/// An id of `.` or `..` stays as it is (the dot is unreserved), and a client that
/// resolves the URL (`fetch`, and any RFC 3986 client) then sends another request:
/// `invoices.finalizeInvoice` of `..` becomes `POST /v1/finalize`,
/// `webhookEndpoints.del` of `..` becomes `DELETE /v1/`. Such ids must be refused.
#[test]

fn dot_segment_ids_cannot_change_the_path() {
    for row in ROWS.iter().filter(|row| row.id.is_some()) {
        for id in [".", ".."] {
            match endpoint(row.name).request(Some(id), &params("{}"), &RequestOptions::default()) {
                Err(error) => assert_eq!(error, RequestError::Id { endpoint: row.name }),
                Ok(request) => assert_eq!(
                    resolved(&request.path),
                    request.path,
                    "{} with id {id:?} goes elsewhere",
                    row.name
                ),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Nested parameters: checked at every depth against the spec's shapes.
// ---------------------------------------------------------------------------------------

/// The error of `params` (JSON) on the endpoint `name` (with an id when it takes one).
fn refusal(name: &str, json: &str) -> RequestError {
    let endpoint = endpoint(name);
    let id = endpoint.takes_id().then_some("obj_123");
    endpoint
        .request(id, &params(json), &RequestOptions::default())
        .expect_err(json)
}

/// The request of `params` (JSON) on the endpoint `name`, which must be accepted.
fn accepted(name: &str, json: &str) -> Request {
    let endpoint = endpoint(name);
    let id = endpoint.takes_id().then_some("obj_123");
    endpoint
        .request(id, &params(json), &RequestOptions::default())
        .unwrap_or_else(|e| panic!("{name} {json}: {e}"))
}

fn invalid(endpoint: &'static str, param: &str, expected: &str) -> RequestError {
    RequestError::InvalidParameter {
        endpoint,
        param: param.into(),
        expected: expected.into(),
    }
}

#[test]
fn the_seed_endpoints_have_the_proxy_policys_names() {
    let names: BTreeSet<&str> = ENDPOINTS.iter().map(|e| e.name).collect();
    for name in [
        "invoices.list",
        "invoices.search",
        "invoices.retrieve",
        "invoices.create",
        "invoices.send",
        "invoices.void",
        "invoices.finalize",
        "invoices.pay",
        "invoice_items.create",
        "reporting.report_runs.create",
        "reporting.report_types.list",
        "sigma.scheduled_query_runs.retrieve",
        "files.contents",
        "webhook_endpoints.delete",
        "v2.core.events.list",
        "v2.core.events.retrieve",
    ] {
        assert!(names.contains(name), "{name}");
    }
    assert_eq!(ENDPOINTS.len(), 30);
    let node = |name: &str| endpoint(name).node_name;
    assert_eq!(node("invoices.send"), "invoices.sendInvoice");
    assert_eq!(
        node("reporting.report_runs.create"),
        "reporting.reportRuns.create"
    );
    assert_eq!(node("webhook_endpoints.delete"), "webhookEndpoints.del");
    assert_eq!(node("invoice_items.create"), "invoiceItems.create");
    // Named by the core's name only.
    assert_eq!(
        Endpoint::named("invoices.sendInvoice").unwrap_err().code(),
        "unknown_endpoint"
    );
    // Every endpoint's parameters are sorted, as the check's search needs.
    for endpoint in ENDPOINTS {
        let names: Vec<&str> = endpoint.params.iter().map(|p| p.name).collect();
        assert!(names.is_sorted(), "{}: {names:?}", endpoint.name);
        for name in names {
            assert_eq!(endpoint.param(name).map(|p| p.name), Some(name));
        }
        assert_eq!(endpoint.param("bogus"), None);
    }
}

#[test]
fn unknown_nested_parameters_are_refused_by_name() {
    let cases = [
        (
            "reporting.report_runs.create",
            r#"{"report_type":"balance.summary.1","parameters":{"intervl_start":1}}"#,
            "parameters[intervl_start]",
        ),
        (
            "invoices.create",
            r#"{"payment_settings":{"payment_method_options":{"card":{"installments":{"plann":{}}}}}}"#,
            "payment_settings[payment_method_options][card][installments][plann]",
        ),
        (
            "invoices.create",
            r#"{"shipping_cost":{"shipping_rate_data":{"display_name":"Ground","fixed_amount":{"amount":5,"currency":"usd","currency_options":{"eur":{"amount":4,"amountt":1}}}}}}"#,
            "shipping_cost[shipping_rate_data][fixed_amount][currency_options][eur][amountt]",
        ),
        (
            "invoices.create",
            r#"{"custom_fields":[{"name":"a","value":"b"},{"name":"c","value":"d","extra":"e"}]}"#,
            "custom_fields[1][extra]",
        ),
        ("invoices.list", r#"{"created":{"gtt":1}}"#, "created[gtt]"),
        (
            "customers.update",
            r#"{"address":{"city":"Paris","zip":"75001"}}"#,
            "address[zip]",
        ),
    ];
    for (name, json, param) in cases {
        let error = refusal(name, json);
        assert_eq!(
            error,
            RequestError::UnknownParameter {
                endpoint: endpoint(name).name,
                param: param.into()
            },
            "{json}"
        );
        assert_eq!(error.code(), "parameter_unknown");
        assert_eq!(error.param(), Some(param));
        assert!(error.to_string().contains(param), "{error}");
    }
}

#[test]
fn missing_nested_required_parameters_are_refused() {
    let cases = [
        (
            "invoice_items.create",
            r#"{"customer":"cus_1","period":{"start":1}}"#,
            "period[end]",
        ),
        (
            "invoices.create",
            r#"{"from_invoice":{"invoice":"in_1"}}"#,
            "from_invoice[action]",
        ),
        (
            "customers.create",
            r#"{"tax_id_data":[{"type":"eu_vat"}]}"#,
            "tax_id_data[0][value]",
        ),
        (
            "invoices.create",
            r#"{"shipping_cost":{"shipping_rate_data":{"fixed_amount":{"amount":5,"currency":"usd"}}}}"#,
            "shipping_cost[shipping_rate_data][display_name]",
        ),
        // An empty list cannot be sent, so a required one is missing.
        (
            "webhook_endpoints.create",
            r#"{"url":"https://example.com","enabled_events":[]}"#,
            "enabled_events",
        ),
    ];
    for (name, json, param) in cases {
        let error = refusal(name, json);
        assert_eq!(
            error,
            RequestError::MissingParameter {
                endpoint: endpoint(name).name,
                param: param.into()
            },
            "{json}"
        );
        assert_eq!(error.code(), "parameter_missing");
    }
}

#[test]
fn values_of_the_wrong_shape_are_refused() {
    let cases = [
        (
            "reporting.report_runs.create",
            r#"{"report_type":"r","parameters":"x"}"#,
            "parameters",
            "a hash",
        ),
        (
            "reporting.report_runs.create",
            r#"{"report_type":"r","parameters":{"columns":{"a":"b"}}}"#,
            "parameters[columns][a]",
            "an index of the array parameters[columns] (0, 1, 2, ...)",
        ),
        (
            "reporting.report_runs.create",
            r#"{"report_type":"r","parameters":{"columns":"gross"}}"#,
            "parameters[columns]",
            "an array",
        ),
        (
            "reporting.report_runs.create",
            r#"{"report_type":"r","parameters":{"interval_start":"soon"}}"#,
            "parameters[interval_start]",
            "an integer",
        ),
        (
            "reporting.report_runs.create",
            r#"{"report_type":["r"]}"#,
            "report_type",
            "a string",
        ),
        ("invoices.list", r#"{"limit":"abc"}"#, "limit", "an integer"),
        ("invoices.list", r#"{"limit":1.5}"#, "limit", "an integer"),
        (
            "invoices.list",
            r#"{"limit":"99999999999999999999"}"#,
            "limit",
            "an integer",
        ),
        (
            "invoices.list",
            r#"{"created":"yesterday"}"#,
            "created",
            "a hash or an integer",
        ),
        (
            "invoices.list",
            r#"{"created":["1"]}"#,
            "created",
            "a hash or an integer",
        ),
        (
            "invoices.list",
            r#"{"created":{"gte":"x"}}"#,
            "created[gte]",
            "an integer",
        ),
        (
            "invoices.list",
            r#"{"expand":"customer"}"#,
            "expand",
            "an array",
        ),
        (
            "invoices.list",
            r#"{"expand":[["customer"]]}"#,
            "expand[0]",
            "a string",
        ),
        (
            "invoices.create",
            r#"{"auto_advance":"yes"}"#,
            "auto_advance",
            "a boolean (true or false)",
        ),
        (
            "invoices.create",
            r#"{"metadata":["a"]}"#,
            "metadata",
            "a hash or an empty string",
        ),
        // `null` is sent as `""`, which only fields Stripe lets unset take.
        (
            "invoices.create",
            r#"{"days_until_due":null}"#,
            "days_until_due",
            "an integer",
        ),
        (
            "invoices.create",
            r#"{"metadata":{"k":{"x":"y"}}}"#,
            "metadata[k]",
            "a string",
        ),
        (
            "invoices.create",
            r#"{"account_tax_ids":"txi_1"}"#,
            "account_tax_ids",
            "an array or an empty string",
        ),
        (
            "invoices.create",
            r#"{"rendering":{"template_version":"latest"}}"#,
            "rendering[template_version]",
            "an integer or an empty string",
        ),
        (
            "invoice_items.create",
            r#"{"customer":"cus_1","unit_amount_decimal":"1,5"}"#,
            "unit_amount_decimal",
            "a decimal number",
        ),
        (
            "invoice_items.create",
            r#"{"customer":"cus_1","period":[1,2]}"#,
            "period",
            "a hash",
        ),
        (
            "invoices.create",
            r#"{"expand":{"00":"customer"}}"#,
            "expand[00]",
            "an index of the array expand (0, 1, 2, ...)",
        ),
        (
            "invoices.create",
            r#"{"expand":{"-1":"customer"}}"#,
            "expand[-1]",
            "an index of the array expand (0, 1, 2, ...)",
        ),
    ];
    for (name, json, param, expected) in cases {
        let error = refusal(name, json);
        assert_eq!(
            error,
            invalid(endpoint(name).name, param, expected),
            "{json}"
        );
        assert_eq!(error.code(), "parameter_invalid");
        assert_eq!(error.param(), Some(param));
        let message = error.to_string();
        assert!(
            message.contains(param) && message.contains(name) && message.contains(expected),
            "{message}"
        );
    }
}

#[test]
fn a_parameter_given_twice_is_refused() {
    let text = |s: &str| FormValue::Text(s.into());
    let twice = FormValue::Map(vec![
        ("customer".into(), text("cus_1")),
        ("customer".into(), text("cus_2")),
    ]);
    let error = endpoint("invoices.create")
        .request(None, &twice, &RequestOptions::default())
        .unwrap_err();
    assert_eq!(
        error,
        invalid("invoices.create", "customer", "given only once")
    );
    let metadata = FormValue::Map(vec![(
        "metadata".into(),
        FormValue::Map(vec![("k".into(), text("a")), ("k".into(), text("b"))]),
    )]);
    let error = endpoint("invoices.create")
        .request(None, &metadata, &RequestOptions::default())
        .unwrap_err();
    assert_eq!(
        error,
        invalid("invoices.create", "metadata[k]", "given only once")
    );
    let indexes = FormValue::Map(vec![(
        "expand".into(),
        FormValue::Map(vec![("0".into(), text("a")), ("0".into(), text("b"))]),
    )]);
    let error = endpoint("invoices.create")
        .request(None, &indexes, &RequestOptions::default())
        .unwrap_err();
    assert_eq!(
        error,
        invalid("invoices.create", "expand[0]", "given only once")
    );
}

#[test]
fn well_formed_nested_values_are_accepted() {
    // Text for numbers, as forms carry them; free-form hashes take any keys; an enum
    // takes values the spec does not list (Stripe adds them); `""` unsets a field.
    let cases = [
        (
            "invoices.list",
            r#"{"limit":"12","created":{"gte":"1680000000"},"due_date":1680000000}"#,
        ),
        (
            "invoices.list",
            r#"{"limit":-3,"status":"paused_for_review"}"#,
        ),
        (
            "invoices.create",
            r#"{"metadata":{"0":"a","bogus":"b","a b":"c","ключ":"d","":"e"}}"#,
        ),
        (
            "invoices.create",
            r#"{"metadata":"","collection_method":"carrier_pigeon","account_tax_ids":""}"#,
        ),
        (
            "invoices.create",
            r#"{"rendering":{"template_version":"","pdf":{"page_size":"a4"}},"number":"INV-1"}"#,
        ),
        (
            "invoices.create",
            r#"{"issuer":{"type":"self"},"description":null}"#,
        ),
        (
            "invoice_items.create",
            r#"{"customer":"cus_1","unit_amount_decimal":"-0.125","quantity":"2"}"#,
        ),
        (
            "customers.update",
            r#"{"address":"","tax_exempt":"","invoice_settings":{"custom_fields":""}}"#,
        ),
        (
            "customers.update",
            r#"{"bank_account":"btok_1","card":{"number":"4242","exp_month":1,"exp_year":2030,"object":"card"}}"#,
        ),
        (
            "reporting.report_runs.create",
            r#"{"report_type":"r","parameters":{"columns":["a","b"],"timezone":"Mars/Olympus_Mons"}}"#,
        ),
    ];
    for (name, json) in cases {
        accepted(name, json);
    }
}

#[test]
fn arrays_written_as_indexed_hashes_are_sent_as_lists() {
    // As a decoded form body has them: `expand[1]=b&expand[0]=a`.
    let request = accepted(
        "invoices.retrieve",
        r#"{"expand":{"1":"lines","0":"customer"}}"#,
    );
    assert_eq!(
        request.path,
        "/v1/invoices/obj_123?expand%5B0%5D=customer&expand%5B1%5D=lines"
    );
    let checked = endpoint("invoices.retrieve")
        .check_params(&params(r#"{"expand":{"1":"lines","0":"customer"}}"#))
        .unwrap();
    assert_eq!(
        checked,
        FormValue::Map(vec![(
            "expand".into(),
            FormValue::List(vec![
                FormValue::Text("customer".into()),
                FormValue::Text("lines".into())
            ])
        )])
    );
    // Empty hashes and lists cannot be sent: they are left out.
    let checked = endpoint("invoices.create")
        .check_params(&params(
            r#"{"metadata":{},"expand":[],"automatic_tax":{"enabled":true}}"#,
        ))
        .unwrap();
    assert_eq!(
        checked,
        FormValue::Map(vec![(
            "automatic_tax".into(),
            FormValue::Map(vec![("enabled".into(), FormValue::Text("true".into()))])
        )])
    );
}

// ---------------------------------------------------------------------------------------
// Headers and idempotency keys.
// ---------------------------------------------------------------------------------------

fn all_options() -> RequestOptions {
    RequestOptions {
        api_key: Some("sk_test_4eC39HqLyjWDarjtT1zdp7dc".into()),
        api_version: Some("2024-06-20".into()),
        idempotency_key: None,
        entropy: Some([0x5a; 16]),
        stripe_context: Some("acct_1/acct_2".into()),
        stripe_account: Some("acct_1Nv0FGQ9RKHgCVdK".into()),
    }
}

#[test]
fn options_become_stripes_headers_on_every_endpoint() {
    let options = all_options();
    for row in ROWS {
        let request = build(row, &options);
        let cases = [
            ("Authorization", "Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc"),
            ("Stripe-Version", "2024-06-20"),
            ("Stripe-Account", "acct_1Nv0FGQ9RKHgCVdK"),
            ("Stripe-Context", "acct_1/acct_2"),
        ];
        for (name, value) in cases {
            assert_eq!(request.header(name), Some(value), "{} {name}", row.name);
            assert_eq!(
                request.header(&name.to_ascii_lowercase()),
                Some(value),
                "{} {name}",
                row.name
            );
        }
        let key = request.header("Idempotency-Key");
        match row.method {
            Method::Post => assert_eq!(
                key,
                Some("5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a"),
                "{}",
                row.name
            ),
            Method::Get | Method::Delete => assert_eq!(key, None, "{}", row.name),
        }
    }
}

#[test]
fn absent_options_send_no_header() {
    type Unset = fn(&mut RequestOptions);
    let cases: [(&str, Unset); 4] = [
        ("Authorization", |o| o.api_key = None),
        ("Stripe-Version", |o| o.api_version = None),
        ("Stripe-Account", |o| o.stripe_account = None),
        ("Stripe-Context", |o| o.stripe_context = None),
    ];
    let row = ROWS.iter().find(|row| row.name == "invoices.pay").unwrap();
    for (header, unset) in cases {
        let mut options = all_options();
        assert!(build(row, &options).header(header).is_some(), "{header}");
        unset(&mut options);
        assert_eq!(build(row, &options).header(header), None, "{header}");
    }
}

#[test]
fn posts_take_the_callers_idempotency_key_else_one_from_entropy() {
    let counting: [u8; 16] = core::array::from_fn(|i| i as u8);
    // (idempotency_key, entropy, the header), UUIDs worked out by hand: byte 6 gets
    // version 4 in its high nibble, byte 8 the variant bits 10.
    type Case = (Option<&'static str>, Option<[u8; 16]>, Option<&'static str>);
    let cases: [Case; 7] = [
        (
            Some("order-6735-attempt-1"),
            None,
            Some("order-6735-attempt-1"),
        ),
        (
            Some("order-6735-attempt-1"),
            Some(counting),
            Some("order-6735-attempt-1"),
        ),
        (
            None,
            Some(counting),
            Some("00010203-0405-4607-8809-0a0b0c0d0e0f"),
        ),
        (
            None,
            Some([0xff; 16]),
            Some("ffffffff-ffff-4fff-bfff-ffffffffffff"),
        ),
        (
            None,
            Some([0x00; 16]),
            Some("00000000-0000-4000-8000-000000000000"),
        ),
        (
            None,
            Some([0x5a; 16]),
            Some("5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a"),
        ),
        (None, None, None),
    ];
    for row in ROWS.iter().filter(|row| row.method == Method::Post) {
        for (key, entropy, expected) in cases {
            let options = RequestOptions {
                idempotency_key: key.map(String::from),
                entropy,
                ..RequestOptions::default()
            };
            let request = build(row, &options);
            assert_eq!(
                request.header("Idempotency-Key"),
                expected,
                "{} {key:?} {entropy:?}",
                row.name
            );
        }
    }
}

#[test]
fn reads_never_carry_an_idempotency_key() {
    let options = RequestOptions {
        idempotency_key: Some("order-6735".into()),
        entropy: Some([7; 16]),
        ..RequestOptions::default()
    };
    for row in ROWS.iter().filter(|row| row.method != Method::Post) {
        let request = build(row, &options);
        assert_eq!(request.header("Idempotency-Key"), None, "{}", row.name);
    }
    for (method, path) in [
        (Method::Get, "/v1/invoices"),
        (Method::Delete, "/v1/webhook_endpoints/we_1"),
    ] {
        let request = raw_request(method, path, &options).unwrap();
        assert_eq!(request.header("Idempotency-Key"), None, "{path}");
    }
}

fn is_uuid_v4(key: &str) -> bool {
    let bytes = key.as_bytes();
    key.len() == 36
        && [8, 13, 18, 23].iter().all(|&at| bytes[at] == b'-')
        && bytes
            .iter()
            .enumerate()
            .filter(|(at, _)| ![8, 13, 18, 23].contains(at))
            .all(|(_, b)| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

#[test]
fn idempotency_keys_are_version_4_uuids_that_follow_the_entropy() {
    let row = ROWS
        .iter()
        .find(|row| row.name == "invoices.create")
        .unwrap();
    let key_for = |entropy: [u8; 16]| {
        let options = RequestOptions {
            entropy: Some(entropy),
            ..RequestOptions::default()
        };
        build(row, &options)
            .header("Idempotency-Key")
            .unwrap()
            .to_owned()
    };
    let mut seen = BTreeSet::new();
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..256 {
        let mut entropy = [0u8; 16];
        for byte in &mut entropy {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *byte = (state >> 24) as u8;
        }
        let key = key_for(entropy);
        assert!(is_uuid_v4(&key), "{key}");
        assert_eq!(key_for(entropy), key, "the same entropy gives the same key");
        assert_eq!(uuid_v4(entropy), key);
        // The 122 random bits survive: only the version and variant bits are set.
        let hex: String = key.chars().filter(|c| *c != '-').collect();
        for (at, byte) in entropy.iter().enumerate() {
            let sent = u8::from_str_radix(&hex[2 * at..2 * at + 2], 16).unwrap();
            let kept = match at {
                6 => 0x0f,
                8 => 0x3f,
                _ => 0xff,
            };
            assert_eq!(sent & kept, byte & kept, "byte {at} of {key}");
        }
        seen.insert(key);
    }
    assert_eq!(seen.len(), 256, "different entropy, different keys");
}

// ---------------------------------------------------------------------------------------
// raw_request.
// ---------------------------------------------------------------------------------------

#[test]
fn raw_requests_take_api_paths_with_queries() {
    let options = all_options();
    let cases = [
        (
            Method::Get,
            "/v1/billing/meters/mtr_test_61RCjiqdTDC91zgip41IqPCzPnxqqSVc",
        ),
        (Method::Get, "/v2/core/events?object_id=mtr_1&limit=5"),
        (Method::Get, "/v2/core/events?page=eyJ0eXAiOiJKV1Qi%3D%3D"),
        (
            Method::Get,
            "/v1/invoices/in_1?expand[0]=customer&expand[1]=lines",
        ),
        (Method::Get, "/v1/files/file_1/contents"),
        (Method::Get, "/v1/invoices/in_1%2Fx"),
        (Method::Get, "/v1/reporting/report_types/balance.summary.1"),
        (Method::Delete, "/v1/webhook_endpoints/we_123"),
    ];
    for (method, path) in cases {
        let request = raw_request(method, path, &options).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(request.method, method, "{path}");
        assert_eq!(request.host, Host::Api, "{path}");
        assert_eq!(request.path, path);
        assert_eq!(request.body, None, "{path}");
        assert_eq!(
            request.header("Authorization"),
            Some("Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc")
        );
        assert_eq!(request.header("Stripe-Version"), Some("2024-06-20"));
        assert_eq!(
            request.header("Stripe-Account"),
            Some("acct_1Nv0FGQ9RKHgCVdK")
        );
        assert_eq!(request.header("Stripe-Context"), Some("acct_1/acct_2"));
        assert_eq!(request.header("Content-Type"), None);
    }
}

#[test]
fn raw_requests_refuse_what_could_leave_the_api() {
    let cases = [
        (Method::Post, "/v1/customers"),
        (Method::Post, "/v2/core/events"),
        (Method::Get, "/v1/../v2/core/events"),
        (Method::Get, "/v1/customers/.."),
        (Method::Get, "/v1/customers/../../x"),
        (Method::Get, "/v1//evil.example.com/x"),
        (Method::Get, "//evil.example.com/v1/customers"),
        (Method::Get, "https://api.stripe.com/v1/customers"),
        (Method::Get, "http://evil.example.com/v1/customers"),
        (Method::Get, "/v1\\..\\x"),
        (Method::Get, "/v1/customers\\x"),
        (Method::Get, "/v1/customers?x=\\y"),
        (Method::Get, "v1/customers"),
        (Method::Get, "/v3/customers"),
        (Method::Get, "/customers"),
        (Method::Get, "/v1"),
        (Method::Get, "/v2"),
        (Method::Get, ""),
        (Method::Get, "/"),
        (Method::Get, "/v1/customers#frag"),
        (Method::Get, "/v1/custo mers"),
        (Method::Get, "/v1/customers?email=a b"),
        (Method::Get, "/v1/customers@evil.example.com"),
        (Method::Delete, "/v1/webhook_endpoints/../customers/cus_1"),
    ];
    for (method, path) in cases {
        let error = raw_request(method, path, &all_options()).unwrap_err();
        assert!(
            matches!(error, RequestError::BadParameters { .. }),
            "{path}: {error:?}"
        );
        assert_eq!(error.code(), "parameters_invalid");
    }
}

/// `%2e` is a dot to a WHATWG URL parser, so `/v1/%2e%2e/customers` is sent by `fetch`
/// as `/customers`: outside `/v1/` and `/v2/`, which `raw_request` promises to refuse.
#[test]

fn raw_requests_refuse_percent_encoded_dot_segments() {
    for path in [
        "/v1/%2e%2e/customers",
        "/v1/.%2E/x",
        "/v2/core/%2E%2E/%2e%2e/v1/customers",
        "/v1/customers/%2e",
    ] {
        if let Ok(request) = raw_request(Method::Get, path, &RequestOptions::default()) {
            let sent = resolved(&request.path);
            assert!(sent == request.path, "{path} is sent as {sent}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Answers.
// ---------------------------------------------------------------------------------------

fn list_of(url: &str, item: Value) -> Value {
    json!({"object": "list", "url": url, "has_more": false, "data": [item]})
}

/// A resource as Stripe sends it, by the name `Answer` uses.
fn example(resource: &str) -> Value {
    match resource {
        "v2.core.event" => seed("v2_core_event_retrieve"),
        name => fixture(name),
    }
}

/// A success answer of `endpoint`, built from Stripe's examples.
fn success_body(endpoint: &Endpoint) -> String {
    let value = match endpoint.answer {
        Answer::Object(resource) => example(resource),
        Answer::Deleted(resource) => fixture(&format!("deleted_{resource}")),
        Answer::Page(_, "reporting.report_run") => seed("reporting_report_run_list"),
        Answer::Page(_, "invoice") if endpoint.name == "invoices.search" => {
            seed("invoice_search_result")
        }
        Answer::Page(_, "v2.core.event") => seed("v2_core_event_list"),
        Answer::Page(_, resource) => list_of(endpoint.path, example(resource)),
        Answer::Bytes => return "category,currency,net_amount\ncharge,usd,10.00\n".into(),
    };
    value.to_string()
}

#[test]
fn stripes_examples_pass_the_check_of_every_endpoint() {
    for endpoint in ENDPOINTS {
        let body = success_body(endpoint);
        for status in [200, 201] {
            assert_eq!(
                api::check(endpoint, status, Some("req_1"), &body),
                Ok(()),
                "{}: {body}",
                endpoint.name
            );
        }
    }
    // The other seeds of the same resources.
    let finalize = endpoint("invoices.finalize");
    for invoice in seed("invoice_send_or_void").as_array().unwrap() {
        assert_eq!(
            api::check(finalize, 200, None, &invoice.to_string()),
            Ok(())
        );
    }
    let create = endpoint("reporting.report_runs.create");
    let run = seed("reporting_report_run_create").to_string();
    assert_eq!(api::check(create, 200, None, &run), Ok(()));
}

/// Whether this build has the model of `resource` (`customer` needs the `payments`
/// feature, `invoiceitem` `billing`); answers of models left out are not checked.
fn checked(resource: &str) -> bool {
    if resource == "customer" {
        return cfg!(feature = "payments");
    }
    if resource == "invoiceitem" {
        return cfg!(feature = "billing");
    }
    true
}

/// For each resource: a required field to remove, and a field to give a value of the
/// wrong type (the type the model needs, the type given).
type Break = (
    &'static str,
    &'static str,
    &'static str,
    Value,
    &'static str,
    JsonKind,
);

fn breaks() -> Vec<Break> {
    vec![
        (
            "invoice",
            "amount_due",
            "amount_due",
            json!("1000"),
            "an integer",
            JsonKind::String,
        ),
        (
            "reporting.report_run",
            "status",
            "livemode",
            json!("false"),
            "a boolean",
            JsonKind::String,
        ),
        (
            "reporting.report_type",
            "name",
            "version",
            json!("1"),
            "an integer",
            JsonKind::String,
        ),
        (
            "scheduled_query_run",
            "sql",
            "livemode",
            json!(0),
            "a boolean",
            JsonKind::Number,
        ),
        (
            "file",
            "size",
            "size",
            json!(true),
            "an integer",
            JsonKind::Bool,
        ),
        (
            "webhook_endpoint",
            "url",
            "enabled_events",
            json!("charge.failed"),
            "an array",
            JsonKind::String,
        ),
        (
            "customer",
            "created",
            "livemode",
            json!("no"),
            "a boolean",
            JsonKind::String,
        ),
        (
            "invoiceitem",
            "amount",
            "amount",
            json!([1000]),
            "an integer",
            JsonKind::Array,
        ),
        (
            "v2.core.event",
            "created",
            "livemode",
            json!(null),
            "a boolean",
            JsonKind::Null,
        ),
    ]
}

/// `body` (a page or an object) with `change` applied to the object, or to the first
/// item of a page.
fn changed(endpoint: &Endpoint, change: impl Fn(&mut serde_json::Map<String, Value>)) -> String {
    let mut value: Value = serde_json::from_str(&success_body(endpoint)).unwrap();
    let object = match endpoint.answer {
        Answer::Page(..) => &mut value["data"][0],
        _ => &mut value,
    };
    change(object.as_object_mut().unwrap());
    value.to_string()
}

#[test]
fn answers_that_do_not_fit_the_model_fail_naming_the_field() {
    let breaks = breaks();
    for endpoint in ENDPOINTS {
        let resource = match endpoint.answer {
            Answer::Object(resource) | Answer::Page(_, resource) => resource,
            Answer::Deleted(_) | Answer::Bytes => continue,
        };
        let (_, missing, wrong, value, expected, found) = breaks
            .iter()
            .find(|b| b.0 == resource)
            .unwrap_or_else(|| panic!("no way to break a {resource}"));
        let without = changed(endpoint, |o| {
            assert!(o.remove(*missing).is_some(), "{resource} has no {missing}");
        });
        let mistyped = changed(endpoint, |o| {
            assert!(
                o.insert((*wrong).into(), value.clone()).is_some(),
                "{resource} has no {wrong}"
            );
        });
        let cases = [
            (without, *missing, Problem::Missing),
            (
                mistyped,
                *wrong,
                Problem::Mismatch {
                    expected,
                    found: *found,
                },
            ),
        ];
        for (body, field, problem) in cases {
            let result = api::check(endpoint, 200, None, &body);
            if !checked(resource) {
                assert_eq!(
                    result,
                    Ok(()),
                    "{}: no {resource} model in this build",
                    endpoint.name
                );
                continue;
            }
            match result {
                Err(Failure::Decode {
                    resource: named,
                    error,
                }) => {
                    assert_eq!(named, resource, "{}", endpoint.name);
                    assert_eq!(error.problem, problem, "{} {field}", endpoint.name);
                    // On a page, the path may say which item; it ends with the field.
                    assert!(
                        error.path == field || error.path.ends_with(&format!(".{field}")),
                        "{}: path {:?} for {field}",
                        endpoint.name,
                        error.path
                    );
                    let message = Failure::Decode {
                        resource: named,
                        error,
                    }
                    .to_string();
                    assert!(message.contains(field), "{message}");
                }
                other => panic!("{} {field}: {other:?}", endpoint.name),
            }
        }
    }
}

#[test]
fn nested_fields_are_named_by_their_path() {
    let finalize = endpoint("invoices.finalize");
    let cases = [
        (
            "status_transitions",
            "finalized_at",
            json!("soon"),
            "status_transitions.finalized_at",
        ),
        (
            "automatic_tax",
            "enabled",
            json!("yes"),
            "automatic_tax.enabled",
        ),
    ];
    for (outer, inner, value, path) in cases {
        let body = changed(finalize, |o| {
            o.get_mut(outer).unwrap()[inner] = value.clone();
        });
        match api::check(finalize, 200, None, &body) {
            Err(Failure::Decode { resource, error }) => {
                assert_eq!(resource, "invoice");
                assert_eq!(error.path, path);
                assert!(matches!(
                    error.problem,
                    Problem::Mismatch {
                        found: JsonKind::String,
                        ..
                    }
                ));
            }
            other => panic!("{path}: {other:?}"),
        }
    }
}

#[test]
fn pages_that_are_not_pages_fail() {
    let list = endpoint("invoices.list");
    let cases = [
        ("{\"object\":\"list\",\"has_more\":false}", Problem::Missing),
        (
            "{\"object\":\"list\",\"data\":{}}",
            Problem::Mismatch {
                expected: "an array",
                found: JsonKind::Object,
            },
        ),
        (
            "{\"object\":\"list\",\"data\":null}",
            Problem::Mismatch {
                expected: "an array",
                found: JsonKind::Null,
            },
        ),
    ];
    for (body, problem) in cases {
        match api::check(list, 200, None, body) {
            Err(Failure::Decode { resource, error }) => {
                assert_eq!(resource, "page", "{body}");
                assert_eq!(error.path, "data", "{body}");
                assert_eq!(error.problem, problem, "{body}");
            }
            other => panic!("{body}: {other:?}"),
        }
    }
    match api::check(list, 200, None, "<html>") {
        Err(Failure::Decode { error, .. }) => {
            assert!(matches!(error.problem, Problem::Syntax(_)), "{error:?}");
        }
        other => panic!("{other:?}"),
    }
    // An empty page is a page.
    assert_eq!(
        api::check(
            list,
            200,
            None,
            r#"{"object":"list","url":"/v1/invoices","has_more":false,"data":[]}"#
        ),
        Ok(())
    );
}

/// `DecodeError::path` is "where in the document"; for a page's item it should say
/// which item (`data[0].amount_due`), as for a list nested in an object.
#[test]

fn page_item_errors_name_the_item() {
    let list = endpoint("invoices.list");
    let body = changed(list, |o| {
        o.remove("amount_due");
    });
    match api::check(list, 200, None, &body) {
        Err(Failure::Decode { error, .. }) => assert_eq!(error.path, "data[0].amount_due"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn answers_decode_into_typed_resources() {
    let invoice = fixture("invoice");
    let decoded: Invoice = api::decode(200, Some("req_1"), &invoice.to_string()).unwrap();
    assert_eq!(
        decoded.id.as_ref().map(|id| id.as_str()),
        invoice["id"].as_str()
    );
    assert_eq!(Some(decoded.amount_due), invoice["amount_due"].as_i64());
    assert_eq!(
        decoded.currency.as_str(),
        invoice["currency"].as_str().unwrap()
    );
    let customer = decoded
        .customer
        .clone()
        .flatten()
        .and_then(|c| c.id().map(|id| id.as_str().to_owned()));
    assert_eq!(customer.as_deref(), invoice["customer"].as_str());

    let run = fixture("reporting.report_run");
    let decoded: ReportRun = api::decode(200, None, &run.to_string()).unwrap();
    assert_eq!(decoded.id.as_str(), run["id"].as_str().unwrap());
    assert_eq!(decoded.status, run["status"].as_str().unwrap());
    assert_eq!(decoded.report_type, run["report_type"].as_str().unwrap());

    let hook = fixture("webhook_endpoint");
    let decoded: WebhookEndpoint = api::decode(201, None, &hook.to_string()).unwrap();
    assert_eq!(decoded.url, hook["url"].as_str().unwrap());
    let events: Vec<&str> = hook["enabled_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(decoded.enabled_events, events);

    let runs = seed("reporting_report_run_list");
    let decoded: List<ReportRun> = api::decode(200, None, &runs.to_string()).unwrap();
    assert_eq!(decoded.data.len(), runs["data"].as_array().unwrap().len());
    assert_eq!(decoded.has_more, runs["has_more"].as_bool().unwrap());
    assert_eq!(
        decoded.data[0].id.as_str(),
        runs["data"][0]["id"].as_str().unwrap()
    );

    let found = seed("invoice_search_result");
    let decoded: SearchResult<Invoice> = api::decode(200, None, &found.to_string()).unwrap();
    assert_eq!(decoded.url, found["url"].as_str().unwrap());
    assert_eq!(
        decoded.data[0].id.as_ref().map(|id| id.as_str()),
        found["data"][0]["id"].as_str()
    );

    let events = seed("v2_core_event_list");
    let decoded: V2Page<resources::v2::Event> =
        api::decode(200, None, &events.to_string()).unwrap();
    assert_eq!(decoded.next_page_url, None);
    assert_eq!(
        decoded.data[0].id,
        events["data"][0]["id"].as_str().unwrap()
    );
    assert_eq!(
        decoded.data[0].type_,
        events["data"][0]["type"].as_str().unwrap()
    );
    assert_eq!(
        decoded.data[0].created,
        events["data"][0]["created"].as_str().unwrap()
    );
}

#[test]
fn typed_decoding_fails_with_the_type_and_the_path() {
    let mut invoice = fixture("invoice");
    invoice.as_object_mut().unwrap().remove("amount_due");
    match api::decode::<Invoice>(200, None, &invoice.to_string()) {
        Err(Failure::Decode { resource, error }) => {
            assert_eq!(resource, "Invoice");
            assert_eq!(error.path, "amount_due");
            assert_eq!(error.problem, Problem::Missing);
        }
        other => panic!("{other:?}"),
    }
    let mut run = fixture("reporting.report_run");
    run["object"] = json!("invoice");
    match api::decode::<ReportRun>(200, None, &run.to_string()) {
        Err(Failure::Decode { resource, error }) => {
            assert_eq!(resource, "ReportRun");
            assert_eq!(
                error.problem,
                Problem::WrongObject {
                    expected: "reporting.report_run"
                }
            );
        }
        other => panic!("{other:?}"),
    }
    // Pages name the model of their items; the names are the models' own.
    let mut page = json!({"object": "list", "data": [fixture("invoice")], "has_more": false, "url": "/v1/invoices"});
    page["data"][0]["amount_due"] = json!("12");
    match api::decode::<List<Invoice>>(200, None, &page.to_string()) {
        Err(failure @ Failure::Decode { .. }) => {
            let Failure::Decode { resource, error } = &failure else {
                unreachable!()
            };
            assert_eq!(resource, "List<Invoice>");
            assert_eq!(error.path, "data[0].amount_due");
            assert!(
                failure
                    .to_string()
                    .starts_with("the answer does not fit the model of List<Invoice>: "),
                "{failure}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(<Invoice as resources::Decode>::NAME, "Invoice");
    assert_eq!(
        resources::type_name::<
            SearchResult<Vec<Option<resources::Expandable<resources::CustomerId>>>>,
        >(),
        "SearchResult<Vec<Option<Expandable<CustomerId>>>>"
    );
    assert_eq!(
        resources::type_name::<resources::CollectionMethod>(),
        "CollectionMethod"
    );
    // An error status decodes as Stripe's error whatever `T` is.
    let body = r#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such invoice: 'in_1'","param":"id"}}"#;
    match api::decode::<Invoice>(404, Some("req_404"), body) {
        Err(Failure::Api(error)) => {
            assert_eq!(error.status, 404);
            assert_eq!(error.code.as_deref(), Some("resource_missing"));
            assert_eq!(error.request_id.as_deref(), Some("req_404"));
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Errors.
// ---------------------------------------------------------------------------------------

#[test]
fn error_bodies_decode_every_field() {
    let body = r#"{"error":{"charge":"ch_3MmlLr","code":"card_declined","decline_code":"insufficient_funds","doc_url":"https://stripe.com/docs/error-codes/card-declined","message":"Your card has insufficient funds.","param":"payment_method","payment_intent":{"id":"pi_1"},"request_log_url":"https://dashboard.stripe.com/test/logs/req_x","type":"card_error"}}"#;
    let error = ApiError::from_response(402, Some("req_8PEGjvJmwU9MHL"), body);
    assert_eq!(
        error,
        ApiError {
            status: 402,
            type_: "card_error".into(),
            code: Some("card_declined".into()),
            decline_code: Some("insufficient_funds".into()),
            param: Some("payment_method".into()),
            message: "Your card has insufficient funds.".into(),
            doc_url: Some("https://stripe.com/docs/error-codes/card-declined".into()),
            request_id: Some("req_8PEGjvJmwU9MHL".into()),
        }
    );
    assert_eq!(error.class(), "StripeCardError");
    // Through `check`, the same error.
    let endpoint = endpoint("invoices.pay");
    assert_eq!(
        api::check(endpoint, 402, Some("req_8PEGjvJmwU9MHL"), body),
        Err(Failure::Api(Box::new(error.clone())))
    );
    let shown = error.to_string();
    assert!(
        shown.contains("Your card has insufficient funds.") && shown.contains("402"),
        "{shown}"
    );

    let fields: Value = serde_json::from_str(&error.to_json()).unwrap();
    assert_eq!(
        fields,
        json!({
            "class": "StripeCardError",
            "type": "card_error",
            "code": "card_declined",
            "decline_code": "insufficient_funds",
            "param": "payment_method",
            "message": "Your card has insufficient funds.",
            "doc_url": "https://stripe.com/docs/error-codes/card-declined",
            "requestId": "req_8PEGjvJmwU9MHL",
            "statusCode": 402
        })
    );
}

#[test]
fn absent_error_fields_are_none_and_null() {
    let body = r#"{"error":{"type":"invalid_request_error","message":"Unrecognized request URL (GET: /v1/nope).","code":null}}"#;
    let error = ApiError::from_response(404, None, body);
    assert_eq!(error.type_, "invalid_request_error");
    assert_eq!(error.message, "Unrecognized request URL (GET: /v1/nope).");
    assert_eq!(
        (
            &error.code,
            &error.decline_code,
            &error.param,
            &error.doc_url,
            &error.request_id
        ),
        (&None, &None, &None, &None, &None)
    );
    let fields: Value = serde_json::from_str(&error.to_json()).unwrap();
    for name in ["code", "decline_code", "param", "doc_url", "requestId"] {
        assert_eq!(fields[name], Value::Null, "{name}");
    }
    assert_eq!(fields["statusCode"], json!(404));
    // Text that needs escaping survives the JSON.
    let body =
        r#"{"error":{"type":"invalid_request_error","message":"No such \"in_1\" \u00e9 \\ \n"}}"#;
    let error = ApiError::from_response(404, Some("req_\"1"), body);
    assert_eq!(error.message, "No such \"in_1\" é \\ \n");
    let fields: Value = serde_json::from_str(&error.to_json()).unwrap();
    assert_eq!(fields["message"], json!("No such \"in_1\" é \\ \n"));
    assert_eq!(fields["requestId"], json!("req_\"1"));
}

/// stripe-node 23.1.0's class for each (status, type, code), as its `generateV1Error`
/// answered: `node -e "const E=require('./node_modules/stripe/cjs/Error.js');
/// console.log(E.generateV1Error({statusCode, type, code}).constructor.name)"`.
#[rustfmt::skip]
const CLASSES: &[(u16, &str, Option<&str>, &str)] = &[
    (400, "invalid_request_error", Some("parameter_missing"), "StripeInvalidRequestError"),
    (400, "idempotency_error", None, "StripeIdempotencyError"),
    (401, "invalid_request_error", None, "StripeAuthenticationError"),
    (402, "card_error", Some("card_declined"), "StripeCardError"),
    (403, "invalid_request_error", None, "StripePermissionError"),
    (404, "invalid_request_error", Some("resource_missing"), "StripeInvalidRequestError"),
    (429, "invalid_request_error", Some("rate_limit"), "StripeRateLimitError"),
    (500, "api_error", None, "StripeAPIError"),
    (503, "api_error", None, "StripeAPIError"),
];

/// Where stripe-node 23.1.0 answers otherwise than `class()` (same oracle).
#[rustfmt::skip]
const CLASSES_DIFFERING: &[(u16, &str, Option<&str>, &str)] = &[
    (409, "idempotency_error", None, "StripeAPIError"),
    (500, "some_new_error_type", None, "StripeAPIError"),
    (400, "some_new_error_type", None, "StripeInvalidRequestError"),
    (400, "invalid_request_error", Some("rate_limit"), "StripeRateLimitError"),
    (402, "invalid_request_error", None, "StripeCardError"),
    (404, "not_found", None, "StripeInvalidRequestError"),
];

fn error_body(type_: &str, code: Option<&str>) -> String {
    json!({"error": {"type": type_, "code": code, "message": "m"}}).to_string()
}

#[test]
fn error_classes_are_stripe_nodes() {
    for &(status, type_, code, class) in CLASSES {
        let error = ApiError::from_response(status, Some("req_1"), &error_body(type_, code));
        assert_eq!(error.status, status);
        assert_eq!(error.type_, type_);
        assert_eq!(error.class(), class, "{status} {type_} {code:?}");
        let fields: Value = serde_json::from_str(&error.to_json()).unwrap();
        assert_eq!(fields["class"], json!(class));
    }
}

#[test]

fn error_classes_are_stripe_node_23s_where_they_differ() {
    let wrong: Vec<String> = CLASSES_DIFFERING
        .iter()
        .filter_map(|&(status, type_, code, class)| {
            let ours = ApiError::from_response(status, None, &error_body(type_, code)).class();
            (ours != class)
                .then(|| format!("{status} {type_} {code:?}: {ours}, stripe-node {class}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn bodies_that_are_not_stripe_errors_are_api_errors() {
    let cases = [
        (
            502,
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>",
        ),
        (503, ""),
        (500, "{\"error\":"),
        (500, "{\"message\":\"Internal error\"}"),
        (500, "{\"error\":null}"),
        (500, "{\"error\":[\"api_error\"]}"),
        (504, "upstream request timeout"),
    ];
    for (status, body) in cases {
        let error = ApiError::from_response(status, Some("req_proxy"), body);
        assert_eq!(error.status, status, "{body}");
        assert_eq!(error.type_, "api_error", "{body}");
        assert_eq!(error.class(), "StripeAPIError", "{body}");
        assert_eq!(error.request_id.as_deref(), Some("req_proxy"));
        assert_eq!(
            (&error.code, &error.param, &error.decline_code),
            (&None, &None, &None)
        );
        assert!(!error.message.is_empty(), "{body}");
        assert!(
            error.message.contains(&status.to_string()),
            "{}",
            error.message
        );
        // And through `check`, for every endpoint.
        for endpoint in ENDPOINTS {
            match api::check(endpoint, status, Some("req_proxy"), body) {
                Err(Failure::Api(got)) => assert_eq!(*got, error, "{}", endpoint.name),
                other => panic!("{}: {other:?}", endpoint.name),
            }
        }
    }
}

#[test]
fn only_2xx_is_success() {
    let cases = [
        (199, false),
        (200, true),
        (201, true),
        (204, true),
        (299, true),
        (300, false),
        (304, false),
        (400, false),
        (500, false),
    ];
    for (status, success) in cases {
        assert_eq!(api::is_success(status), success, "{status}");
    }
    // A 3xx is not checked against the model: it is an error.
    let body = fixture("invoice").to_string();
    assert!(matches!(
        api::check(endpoint("invoices.retrieve"), 304, None, &body),
        Err(Failure::Api(_))
    ));
}
