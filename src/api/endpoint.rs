//! Every endpoint the core knows, by stripe-node's name (`invoices.create`): its method,
//! path, host, the parameters it takes, how it pages, and what it answers. One table
//! serves the typed Rust calls and the npm package's client alike.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::RequestError;
use super::pagination::Style;
use super::request::{Host, Method, Request, RequestOptions, uuid_v4};
use crate::form::{self, FormValue};

/// What an endpoint answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// One object of the named resource (`reporting.report_run`).
    Object(&'static str),
    /// A page of objects of the named resource.
    Page(Style, &'static str),
    /// `{"id", "object", "deleted": true}`.
    Deleted(&'static str),
    /// Bytes: a file's contents.
    Bytes,
}

/// One endpoint of Stripe's API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// stripe-node's name, such as `reporting.reportRuns.create`.
    pub name: &'static str,
    /// The method.
    pub method: Method,
    /// The host.
    pub host: Host,
    /// The path, with `{id}` where the object's id goes.
    pub path: &'static str,
    /// The parameters it takes (`expand` always among them).
    pub params: &'static [&'static str],
    /// The parameters it requires.
    pub required: &'static [&'static str],
    /// What it answers.
    pub answer: Answer,
}

const LIST: &[&str] = &["ending_before", "expand", "limit", "starting_after"];
const LIST_CREATED: &[&str] = &[
    "created",
    "ending_before",
    "expand",
    "limit",
    "starting_after",
];
const EXPAND: &[&str] = &["expand"];

const fn endpoint(
    name: &'static str,
    method: Method,
    path: &'static str,
    params: &'static [&'static str],
    answer: Answer,
) -> Endpoint {
    Endpoint {
        name,
        method,
        host: Host::Api,
        path,
        params,
        required: &[],
        answer,
    }
}

use Answer::{Deleted, Object, Page};
use Method::{Delete, Get, Post};

/// `reporting.reportRuns.create`
pub const REPORT_RUN_CREATE: Endpoint = Endpoint {
    required: &["report_type"],
    ..endpoint(
        "reporting.reportRuns.create",
        Post,
        "/v1/reporting/report_runs",
        &["expand", "parameters", "report_type"],
        Object("reporting.report_run"),
    )
};

/// `reporting.reportRuns.retrieve`
pub const REPORT_RUN_RETRIEVE: Endpoint = endpoint(
    "reporting.reportRuns.retrieve",
    Get,
    "/v1/reporting/report_runs/{id}",
    EXPAND,
    Object("reporting.report_run"),
);

/// `reporting.reportRuns.list`
pub const REPORT_RUN_LIST: Endpoint = endpoint(
    "reporting.reportRuns.list",
    Get,
    "/v1/reporting/report_runs",
    LIST_CREATED,
    Page(Style::List, "reporting.report_run"),
);

/// `reporting.reportTypes.retrieve`
pub const REPORT_TYPE_RETRIEVE: Endpoint = endpoint(
    "reporting.reportTypes.retrieve",
    Get,
    "/v1/reporting/report_types/{id}",
    EXPAND,
    Object("reporting.report_type"),
);

/// `reporting.reportTypes.list`
pub const REPORT_TYPE_LIST: Endpoint = endpoint(
    "reporting.reportTypes.list",
    Get,
    "/v1/reporting/report_types",
    EXPAND,
    Page(Style::List, "reporting.report_type"),
);

/// `sigma.scheduledQueryRuns.retrieve`
pub const SCHEDULED_QUERY_RUN_RETRIEVE: Endpoint = endpoint(
    "sigma.scheduledQueryRuns.retrieve",
    Get,
    "/v1/sigma/scheduled_query_runs/{id}",
    EXPAND,
    Object("scheduled_query_run"),
);

/// `sigma.scheduledQueryRuns.list`
pub const SCHEDULED_QUERY_RUN_LIST: Endpoint = endpoint(
    "sigma.scheduledQueryRuns.list",
    Get,
    "/v1/sigma/scheduled_query_runs",
    LIST,
    Page(Style::List, "scheduled_query_run"),
);

/// `files.retrieve`
pub const FILE_RETRIEVE: Endpoint = endpoint(
    "files.retrieve",
    Get,
    "/v1/files/{id}",
    EXPAND,
    Object("file"),
);

/// `files.list`
pub const FILE_LIST: Endpoint = endpoint(
    "files.list",
    Get,
    "/v1/files",
    &[
        "created",
        "ending_before",
        "expand",
        "limit",
        "purpose",
        "starting_after",
    ],
    Page(Style::List, "file"),
);

/// `files.contents`
pub const FILE_CONTENTS: Endpoint = Endpoint {
    host: Host::Files,
    ..endpoint(
        "files.contents",
        Get,
        "/v1/files/{id}/contents",
        &[],
        Answer::Bytes,
    )
};

/// `v2.core.events.retrieve`
pub const V2_EVENT_RETRIEVE: Endpoint = endpoint(
    "v2.core.events.retrieve",
    Get,
    "/v2/core/events/{id}",
    &[],
    Object("v2.core.event"),
);

/// `v2.core.events.list`
pub const V2_EVENT_LIST: Endpoint = Endpoint {
    required: &["object_id"],
    ..endpoint(
        "v2.core.events.list",
        Get,
        "/v2/core/events",
        &["limit", "object_id", "page"],
        Page(Style::V2, "v2.core.event"),
    )
};

/// `invoices.create`
pub const INVOICE_CREATE: Endpoint = endpoint(
    "invoices.create",
    Post,
    "/v1/invoices",
    &[
        "account_tax_ids",
        "application_fee_amount",
        "auto_advance",
        "automatic_tax",
        "collection_method",
        "currency",
        "custom_fields",
        "customer",
        "days_until_due",
        "default_payment_method",
        "default_source",
        "default_tax_rates",
        "description",
        "discounts",
        "due_date",
        "effective_at",
        "expand",
        "footer",
        "from_invoice",
        "issuer",
        "metadata",
        "number",
        "on_behalf_of",
        "payment_settings",
        "pending_invoice_items_behavior",
        "rendering",
        "shipping_cost",
        "shipping_details",
        "statement_descriptor",
        "subscription",
        "transfer_data",
    ],
    Object("invoice"),
);

/// `invoices.retrieve`
pub const INVOICE_RETRIEVE: Endpoint = endpoint(
    "invoices.retrieve",
    Get,
    "/v1/invoices/{id}",
    EXPAND,
    Object("invoice"),
);

/// `invoices.list`
pub const INVOICE_LIST: Endpoint = endpoint(
    "invoices.list",
    Get,
    "/v1/invoices",
    &[
        "collection_method",
        "created",
        "customer",
        "due_date",
        "ending_before",
        "expand",
        "limit",
        "starting_after",
        "status",
        "subscription",
    ],
    Page(Style::List, "invoice"),
);

/// `invoices.search`
pub const INVOICE_SEARCH: Endpoint = Endpoint {
    required: &["query"],
    ..endpoint(
        "invoices.search",
        Get,
        "/v1/invoices/search",
        &["expand", "limit", "page", "query"],
        Page(Style::Search, "invoice"),
    )
};

/// `invoices.finalizeInvoice`
pub const INVOICE_FINALIZE: Endpoint = endpoint(
    "invoices.finalizeInvoice",
    Post,
    "/v1/invoices/{id}/finalize",
    &["auto_advance", "expand"],
    Object("invoice"),
);

/// `invoices.sendInvoice`
pub const INVOICE_SEND: Endpoint = endpoint(
    "invoices.sendInvoice",
    Post,
    "/v1/invoices/{id}/send",
    EXPAND,
    Object("invoice"),
);

/// `invoices.voidInvoice`
pub const INVOICE_VOID: Endpoint = endpoint(
    "invoices.voidInvoice",
    Post,
    "/v1/invoices/{id}/void",
    EXPAND,
    Object("invoice"),
);

/// `invoices.pay`
pub const INVOICE_PAY: Endpoint = endpoint(
    "invoices.pay",
    Post,
    "/v1/invoices/{id}/pay",
    &[
        "expand",
        "forgive",
        "mandate",
        "off_session",
        "paid_out_of_band",
        "payment_method",
        "source",
    ],
    Object("invoice"),
);

/// `invoiceItems.create`
pub const INVOICE_ITEM_CREATE: Endpoint = Endpoint {
    required: &["customer"],
    ..endpoint(
        "invoiceItems.create",
        Post,
        "/v1/invoiceitems",
        &[
            "amount",
            "currency",
            "customer",
            "description",
            "discountable",
            "discounts",
            "expand",
            "invoice",
            "metadata",
            "period",
            "price",
            "price_data",
            "quantity",
            "subscription",
            "tax_behavior",
            "tax_code",
            "tax_rates",
            "unit_amount",
            "unit_amount_decimal",
        ],
        Object("invoiceitem"),
    )
};

/// `webhookEndpoints.create`
pub const WEBHOOK_ENDPOINT_CREATE: Endpoint = Endpoint {
    required: &["enabled_events", "url"],
    ..endpoint(
        "webhookEndpoints.create",
        Post,
        "/v1/webhook_endpoints",
        &[
            "api_version",
            "connect",
            "description",
            "enabled_events",
            "expand",
            "metadata",
            "url",
        ],
        Object("webhook_endpoint"),
    )
};

/// `webhookEndpoints.retrieve`
pub const WEBHOOK_ENDPOINT_RETRIEVE: Endpoint = endpoint(
    "webhookEndpoints.retrieve",
    Get,
    "/v1/webhook_endpoints/{id}",
    EXPAND,
    Object("webhook_endpoint"),
);

/// `webhookEndpoints.update`
pub const WEBHOOK_ENDPOINT_UPDATE: Endpoint = endpoint(
    "webhookEndpoints.update",
    Post,
    "/v1/webhook_endpoints/{id}",
    &[
        "description",
        "disabled",
        "enabled_events",
        "expand",
        "metadata",
        "url",
    ],
    Object("webhook_endpoint"),
);

/// `webhookEndpoints.list`
pub const WEBHOOK_ENDPOINT_LIST: Endpoint = endpoint(
    "webhookEndpoints.list",
    Get,
    "/v1/webhook_endpoints",
    LIST,
    Page(Style::List, "webhook_endpoint"),
);

/// `webhookEndpoints.del`
pub const WEBHOOK_ENDPOINT_DELETE: Endpoint = endpoint(
    "webhookEndpoints.del",
    Delete,
    "/v1/webhook_endpoints/{id}",
    &[],
    Deleted("webhook_endpoint"),
);

/// `customers.create`
pub const CUSTOMER_CREATE: Endpoint = endpoint(
    "customers.create",
    Post,
    "/v1/customers",
    &[
        "address",
        "balance",
        "cash_balance",
        "coupon",
        "description",
        "email",
        "expand",
        "invoice_prefix",
        "invoice_settings",
        "metadata",
        "name",
        "next_invoice_sequence",
        "payment_method",
        "phone",
        "preferred_locales",
        "promotion_code",
        "shipping",
        "source",
        "tax",
        "tax_exempt",
        "tax_id_data",
        "test_clock",
    ],
    Object("customer"),
);

/// `customers.retrieve`
pub const CUSTOMER_RETRIEVE: Endpoint = endpoint(
    "customers.retrieve",
    Get,
    "/v1/customers/{id}",
    EXPAND,
    Object("customer"),
);

/// `customers.update`
pub const CUSTOMER_UPDATE: Endpoint = endpoint(
    "customers.update",
    Post,
    "/v1/customers/{id}",
    &[
        "address",
        "balance",
        "cash_balance",
        "coupon",
        "default_source",
        "description",
        "email",
        "expand",
        "invoice_prefix",
        "invoice_settings",
        "metadata",
        "name",
        "next_invoice_sequence",
        "phone",
        "preferred_locales",
        "promotion_code",
        "shipping",
        "source",
        "tax",
        "tax_exempt",
    ],
    Object("customer"),
);

/// `customers.list`
pub const CUSTOMER_LIST: Endpoint = endpoint(
    "customers.list",
    Get,
    "/v1/customers",
    &[
        "created",
        "email",
        "ending_before",
        "expand",
        "limit",
        "starting_after",
        "test_clock",
    ],
    Page(Style::List, "customer"),
);

/// Every endpoint, grouped by resource.
pub const ENDPOINTS: &[&Endpoint] = &[
    &REPORT_RUN_CREATE,
    &REPORT_RUN_RETRIEVE,
    &REPORT_RUN_LIST,
    &REPORT_TYPE_RETRIEVE,
    &REPORT_TYPE_LIST,
    &SCHEDULED_QUERY_RUN_RETRIEVE,
    &SCHEDULED_QUERY_RUN_LIST,
    &FILE_RETRIEVE,
    &FILE_LIST,
    &FILE_CONTENTS,
    &V2_EVENT_RETRIEVE,
    &V2_EVENT_LIST,
    &INVOICE_CREATE,
    &INVOICE_RETRIEVE,
    &INVOICE_LIST,
    &INVOICE_SEARCH,
    &INVOICE_FINALIZE,
    &INVOICE_SEND,
    &INVOICE_VOID,
    &INVOICE_PAY,
    &INVOICE_ITEM_CREATE,
    &WEBHOOK_ENDPOINT_CREATE,
    &WEBHOOK_ENDPOINT_RETRIEVE,
    &WEBHOOK_ENDPOINT_UPDATE,
    &WEBHOOK_ENDPOINT_LIST,
    &WEBHOOK_ENDPOINT_DELETE,
    &CUSTOMER_CREATE,
    &CUSTOMER_RETRIEVE,
    &CUSTOMER_UPDATE,
    &CUSTOMER_LIST,
];

impl Endpoint {
    /// The endpoint named `name` (stripe-node's name, such as `invoices.search`).
    pub fn named(name: &str) -> Result<&'static Endpoint, RequestError> {
        ENDPOINTS
            .iter()
            .copied()
            .find(|endpoint| endpoint.name == name)
            .ok_or_else(|| RequestError::UnknownEndpoint { name: name.into() })
    }

    /// Whether its path takes an object id.
    pub fn takes_id(&self) -> bool {
        self.path.contains("{id}")
    }

    /// The request for object `id` (when the path takes one) with `params` (a map),
    /// checked: the id is present exactly when needed, every parameter is one the
    /// endpoint takes, every required one is there.
    pub fn request(
        &self,
        id: Option<&str>,
        params: &FormValue,
        options: &RequestOptions,
    ) -> Result<Request, RequestError> {
        let members = match params {
            FormValue::Map(members) => members.as_slice(),
            _ => {
                return Err(RequestError::BadParameters {
                    reason: "parameters must be an object".into(),
                });
            }
        };
        if let Some((name, _)) = members
            .iter()
            .find(|(name, _)| !self.params.contains(&name.as_str()))
        {
            return Err(RequestError::UnknownParameter {
                endpoint: self.name,
                param: name.clone(),
            });
        }
        if let Some(missing) = self
            .required
            .iter()
            .find(|name| !members.iter().any(|(key, _)| key == *name))
        {
            return Err(RequestError::MissingParameter {
                endpoint: self.name,
                param: missing,
            });
        }
        let path = match (self.takes_id(), id) {
            // `.` and `..` would be resolved as path segments by any URL parser.
            (true, Some(id)) if !matches!(id, "" | "." | "..") => {
                self.path.replace("{id}", &form::encode_component(id))
            }
            (false, None) => self.path.into(),
            _ => {
                return Err(RequestError::Id {
                    endpoint: self.name,
                });
            }
        };
        let encoded = form::encode(params);
        let mut headers: Vec<(&'static str, String)> = Vec::new();
        common_headers(&mut headers, options);
        let (path, body) = match self.method {
            Method::Post => {
                headers.push(("Content-Type", "application/x-www-form-urlencoded".into()));
                let key = options
                    .idempotency_key
                    .clone()
                    .or_else(|| options.entropy.map(uuid_v4));
                if let Some(key) = key {
                    headers.push(("Idempotency-Key", key));
                }
                (path, Some(encoded))
            }
            Method::Get | Method::Delete if encoded.is_empty() => (path, None),
            Method::Get | Method::Delete => (alloc::format!("{path}?{encoded}"), None),
        };
        Ok(Request {
            method: self.method,
            host: self.host,
            path,
            headers,
            body,
        })
    }
}

/// A GET or DELETE of any path of Stripe's API (such as a thin event's
/// `related_object.url`), with `options`' headers; the path must be `/v1/...` or
/// `/v2/...` with nothing that could leave the API (no `..`, no `//`, no host).
pub fn raw_request(
    method: Method,
    path: &str,
    options: &RequestOptions,
) -> Result<Request, RequestError> {
    let (route, _) = path.split_once('?').unwrap_or((path, ""));
    let allowed =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'.' | b'%');
    // URL parsers read `%2e` as a dot, so `%2e%2e` would be `..` too.
    let dots = route.to_ascii_lowercase().replace("%2e", ".");
    let safe = (route.starts_with("/v1/") || route.starts_with("/v2/"))
        && !dots.contains("..")
        && !dots.split('/').any(|segment| segment == ".")
        && !route.contains("//")
        && route.bytes().all(allowed)
        && !path.contains(['#', ' ', '\\']);
    if !safe || method == Method::Post {
        return Err(RequestError::BadParameters {
            reason: alloc::format!(
                "{} {path}: only GET or DELETE of a /v1/ or /v2/ path of the API",
                method.as_str()
            ),
        });
    }
    let mut headers = Vec::new();
    common_headers(&mut headers, options);
    Ok(Request {
        method,
        host: Host::Api,
        path: path.into(),
        headers,
        body: None,
    })
}

fn common_headers(headers: &mut Vec<(&'static str, String)>, options: &RequestOptions) {
    if let Some(key) = &options.api_key {
        headers.push(("Authorization", alloc::format!("Bearer {key}")));
    }
    if let Some(version) = &options.api_version {
        headers.push(("Stripe-Version", version.clone()));
    }
    if let Some(account) = &options.stripe_account {
        headers.push(("Stripe-Account", account.clone()));
    }
    if let Some(context) = &options.stripe_context {
        headers.push(("Stripe-Context", context.clone()));
    }
}
