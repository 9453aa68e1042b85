//! The seed endpoints: which operations of the spec the core's table holds, with
//! stripe-node's method names (the spec here has no `x-stripeOperations`), read into
//! [`Operation`]s. Everything else (parameters, nesting, types, required, enums, the
//! answer and how it pages) comes from the spec, or for the operations the v1 spec
//! lacks from the hand-written `xtask/operations.json`.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::docs;
use crate::params::{self, Member};

/// One seed endpoint, as kept by hand.
pub struct Seed {
    /// stripe-node's method, such as `invoices.sendInvoice`.
    pub node: &'static str,
    /// The name of the table's constant, such as `INVOICE_SEND`.
    pub constant: &'static str,
    /// The HTTP method, lower case as in the spec.
    pub method: &'static str,
    /// The path as the spec writes it.
    pub path: &'static str,
}

const fn seed(
    node: &'static str,
    constant: &'static str,
    method: &'static str,
    path: &'static str,
) -> Seed {
    Seed {
        node,
        constant,
        method,
        path,
    }
}

/// Every endpoint of the table, grouped by resource.
#[rustfmt::skip]
pub const SEEDS: &[Seed] = &[
    seed("reporting.reportRuns.create", "REPORT_RUN_CREATE", "post", "/v1/reporting/report_runs"),
    seed("reporting.reportRuns.retrieve", "REPORT_RUN_RETRIEVE", "get", "/v1/reporting/report_runs/{report_run}"),
    seed("reporting.reportRuns.list", "REPORT_RUN_LIST", "get", "/v1/reporting/report_runs"),
    seed("reporting.reportTypes.retrieve", "REPORT_TYPE_RETRIEVE", "get", "/v1/reporting/report_types/{report_type}"),
    seed("reporting.reportTypes.list", "REPORT_TYPE_LIST", "get", "/v1/reporting/report_types"),
    seed("sigma.scheduledQueryRuns.retrieve", "SCHEDULED_QUERY_RUN_RETRIEVE", "get", "/v1/sigma/scheduled_query_runs/{scheduled_query_run}"),
    seed("sigma.scheduledQueryRuns.list", "SCHEDULED_QUERY_RUN_LIST", "get", "/v1/sigma/scheduled_query_runs"),
    seed("files.retrieve", "FILE_RETRIEVE", "get", "/v1/files/{file}"),
    seed("files.list", "FILE_LIST", "get", "/v1/files"),
    seed("files.contents", "FILE_CONTENTS", "get", "/v1/files/{file}/contents"),
    seed("v2.core.events.retrieve", "V2_EVENT_RETRIEVE", "get", "/v2/core/events/{id}"),
    seed("v2.core.events.list", "V2_EVENT_LIST", "get", "/v2/core/events"),
    seed("invoices.create", "INVOICE_CREATE", "post", "/v1/invoices"),
    seed("invoices.retrieve", "INVOICE_RETRIEVE", "get", "/v1/invoices/{invoice}"),
    seed("invoices.list", "INVOICE_LIST", "get", "/v1/invoices"),
    seed("invoices.search", "INVOICE_SEARCH", "get", "/v1/invoices/search"),
    seed("invoices.finalizeInvoice", "INVOICE_FINALIZE", "post", "/v1/invoices/{invoice}/finalize"),
    seed("invoices.sendInvoice", "INVOICE_SEND", "post", "/v1/invoices/{invoice}/send"),
    seed("invoices.voidInvoice", "INVOICE_VOID", "post", "/v1/invoices/{invoice}/void"),
    seed("invoices.pay", "INVOICE_PAY", "post", "/v1/invoices/{invoice}/pay"),
    seed("invoiceItems.create", "INVOICE_ITEM_CREATE", "post", "/v1/invoiceitems"),
    seed("webhookEndpoints.create", "WEBHOOK_ENDPOINT_CREATE", "post", "/v1/webhook_endpoints"),
    seed("webhookEndpoints.retrieve", "WEBHOOK_ENDPOINT_RETRIEVE", "get", "/v1/webhook_endpoints/{webhook_endpoint}"),
    seed("webhookEndpoints.update", "WEBHOOK_ENDPOINT_UPDATE", "post", "/v1/webhook_endpoints/{webhook_endpoint}"),
    seed("webhookEndpoints.list", "WEBHOOK_ENDPOINT_LIST", "get", "/v1/webhook_endpoints"),
    seed("webhookEndpoints.del", "WEBHOOK_ENDPOINT_DELETE", "delete", "/v1/webhook_endpoints/{webhook_endpoint}"),
    seed("customers.create", "CUSTOMER_CREATE", "post", "/v1/customers"),
    seed("customers.retrieve", "CUSTOMER_RETRIEVE", "get", "/v1/customers/{customer}"),
    seed("customers.update", "CUSTOMER_UPDATE", "post", "/v1/customers/{customer}"),
    seed("customers.list", "CUSTOMER_LIST", "get", "/v1/customers"),
];

/// Where an endpoint is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    Api,
    Files,
}

/// How an endpoint's pages are walked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    List,
    Search,
    V2,
}

/// What an endpoint answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Object(String),
    Page(Style, String),
    Deleted(String),
    Bytes,
}

/// One endpoint, read from the spec.
pub struct Operation {
    /// The core's name, such as `invoices.send`.
    pub name: String,
    pub seed: &'static Seed,
    pub host: Host,
    /// The path with `{id}` for its one path parameter.
    pub path: String,
    /// The first sentence of the operation's description.
    pub doc: String,
    /// The parameters, sorted by name.
    pub params: Vec<Member>,
    pub answer: Answer,
}

impl Operation {
    /// `InvoiceSend`: the name its parameter types start with.
    pub fn type_base(&self) -> String {
        crate::names::pascal(&self.seed.constant.to_ascii_lowercase())
    }
}

/// Every seed endpoint, from `spec` and the hand-written `extra` operations, with the
/// corrections of `extra` checked against `fixtures`.
pub fn build(spec: &Value, extra: &Value, fixtures: &Value) -> Vec<Operation> {
    let mut names = BTreeSet::new();
    SEEDS
        .iter()
        .map(|seed| {
            let operation = match &spec["paths"][seed.path][seed.method] {
                Value::Null => &extra["paths"][seed.path][seed.method],
                found => found,
            };
            assert!(
                operation.is_object(),
                "{} {}: in neither the spec nor xtask/operations.json",
                seed.method,
                seed.path
            );
            let mut built = read(spec, seed, operation);
            if let Some(correction) = extra["corrections"].get(&built.name) {
                correct(&mut built, correction, spec, fixtures);
            }
            assert!(
                names.insert(built.name.clone()),
                "two endpoints are named {}",
                built.name
            );
            built
        })
        .collect()
}

fn read(spec: &Value, seed: &'static Seed, operation: &Value) -> Operation {
    let path_params: Vec<&str> = operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "path")
        .filter_map(|p| p["name"].as_str())
        .collect();
    let path = match path_params.as_slice() {
        [] => seed.path.to_string(),
        [one] => seed.path.replace(&format!("{{{one}}}"), "{id}"),
        _ => panic!("{}: the table takes one id per path", seed.path),
    };
    let host = match operation["servers"][0]["url"].as_str() {
        None | Some("https://api.stripe.com/") => Host::Api,
        Some("https://files.stripe.com/") => Host::Files,
        Some(other) => panic!("{}: served from {other}", seed.path),
    };
    // The table sends GET and DELETE parameters in the query, POST ones in the body.
    let (query, body) = (
        query_params(operation),
        body_params(&operation["requestBody"]),
    );
    let params = match (query.is_empty(), body.is_empty(), seed.method) {
        (_, true, _) => query,
        (true, false, "post") => body,
        _ => panic!(
            "{} {}: parameters in both the query and the body",
            seed.method, seed.path
        ),
    };
    let name = core_name(seed, &path);
    Operation {
        doc: docs::html_line(
            operation["description"].as_str(),
            &format!("`{} {}`.", seed.method.to_ascii_uppercase(), path),
        ),
        answer: answer(spec, &operation["responses"]["200"]["content"], &name),
        name,
        seed,
        host,
        path,
        params,
    }
}

fn query_params(operation: &Value) -> Vec<Member> {
    let mut members: Vec<Member> = operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query")
        .map(|p| {
            let name = p["name"].as_str().expect("parameters have names");
            params::member(
                name,
                &p["schema"],
                p["required"] == Value::Bool(true),
                p["description"].as_str(),
            )
        })
        .collect();
    members.sort_by(|a, b| a.name.cmp(&b.name));
    members
}

fn body_params(body: &Value) -> Vec<Member> {
    let schema = &body["content"]["application/x-www-form-urlencoded"]["schema"];
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    match schema["properties"].as_object() {
        Some(properties) => params::members(properties, &required),
        None => Vec::new(),
    }
}

/// `invoices.send` for stripe-node's `invoices.sendInvoice` on `/v1/invoices/{id}/send`:
/// the resource in snake case, then the action: the path's last part after the id (or
/// `search`), else what the method does to the collection or the object.
fn core_name(seed: &Seed, path: &str) -> String {
    let (resource, _) = seed
        .node
        .rsplit_once('.')
        .expect("node names have a resource");
    let resource: Vec<String> = resource.split('.').map(snake).collect();
    let after_id = path
        .split_once("{id}")
        .map(|(_, rest)| rest.trim_matches('/'));
    let action = match (after_id, seed.method) {
        (Some(action), _) if !action.is_empty() => action,
        _ if path.ends_with("/search") => "search",
        (None, "post") => "create",
        (None, "get") => "list",
        (Some(_), "post") => "update",
        (Some(_), "get") => "retrieve",
        (Some(_), "delete") => "delete",
        (at, method) => panic!("{path}: no action for {method} ({at:?})"),
    };
    format!("{}.{action}", resource.join("."))
}

/// `reportRuns` → `report_runs`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// What the 200 answer's `content` holds.
fn answer(spec: &Value, content: &Value, name: &str) -> Answer {
    let Some(schema) = content.get("application/json").map(|json| &json["schema"]) else {
        assert!(
            content.get("application/octet-stream").is_some(),
            "{name}: an answer of unknown content"
        );
        return Answer::Bytes;
    };
    if let Some(reference) = schema["$ref"].as_str() {
        return object(spec, reference);
    }
    if let Some(alternatives) = schema["anyOf"].as_array() {
        // A customer, or the deleted customer it became: answered as the customer.
        let live = alternatives
            .iter()
            .filter_map(|a| a["$ref"].as_str())
            .map(|r| object(spec, r))
            .find(|a| matches!(a, Answer::Object(_)));
        return live.unwrap_or_else(|| panic!("{name}: an answer of several types"));
    }
    let properties = &schema["properties"];
    let item = match object(
        spec,
        properties["data"]["items"]["$ref"]
            .as_str()
            .unwrap_or_default(),
    ) {
        Answer::Object(resource) => resource,
        other => panic!("{name}: pages of {other:?}"),
    };
    let style = match properties["object"]["enum"][0].as_str() {
        Some("list") => Style::List,
        Some("search_result") => Style::Search,
        None if properties.get("next_page_url").is_some() => Style::V2,
        other => panic!("{name}: pages of the kind {other:?}"),
    };
    Answer::Page(style, item)
}

/// The answer of the component `reference`: its resource, or the deleted object.
fn object(spec: &Value, reference: &str) -> Answer {
    let key = reference.rsplit('/').next().unwrap_or_default();
    let Some(schema) = spec["components"]["schemas"].get(key) else {
        // A resource the v1 spec does not describe (`v2.core.event`): its own name.
        assert!(key.starts_with("v2."), "no component {key}");
        return Answer::Object(key.to_string());
    };
    let object = schema["properties"]["object"]["enum"][0]
        .as_str()
        .unwrap_or_else(|| panic!("{key} has no object tag"));
    if schema["properties"].get("deleted").is_some() {
        return Answer::Deleted(object.to_string());
    }
    let resource = schema["x-resourceId"].as_str().unwrap_or(key);
    Answer::Object(resource.to_string())
}

/// Applies the corrections of `operation` (parameters added and removed since the
/// spec), each checked against Stripe's current example of the answer's resource.
fn correct(operation: &mut Operation, correction: &Value, spec: &Value, fixtures: &Value) {
    let Answer::Object(resource) = &operation.answer else {
        panic!(
            "{}: corrections need an answer with an example",
            operation.name
        );
    };
    let example = &fixtures["resources"][resource.as_str()];
    let model = spec["components"]["schemas"]
        .as_object()
        .and_then(|schemas| {
            schemas
                .values()
                .find(|s| s["x-resourceId"] == resource.as_str())
        })
        .unwrap_or_else(|| panic!("no model of {resource}"));
    for (name, schema) in correction["add"].as_object().into_iter().flatten() {
        assert!(
            example.get(name).is_some(),
            "{}: `{name}` is added, but Stripe's current {resource} has no such member",
            operation.name
        );
        assert!(
            operation.params.iter().all(|p| &p.name != name),
            "{}: `{name}` is in the spec already",
            operation.name
        );
        operation
            .params
            .push(params::member(name, schema, false, None));
    }
    for name in correction["remove"].as_array().into_iter().flatten() {
        let name = name.as_str().expect("removed parameters are names");
        assert!(
            example.get(name).is_none() && model["properties"].get(name).is_some(),
            "{}: `{name}` is removed, but Stripe's current {resource} still has it (or the spec's model never had it)",
            operation.name
        );
        let before = operation.params.len();
        operation.params.retain(|p| p.name != name);
        assert!(
            operation.params.len() < before,
            "{}: no `{name}` to remove",
            operation.name
        );
    }
    operation.params.sort_by(|a, b| a.name.cmp(&b.name));
}
