//! An endpoint of Stripe's API as a value: its names (the core's, such as
//! `invoices.send`, and stripe-node's, such as `invoices.sendInvoice`), method, path,
//! host, the parameters it takes and what it answers. The table of every endpoint the
//! core knows is generated from Stripe's spec (`cargo xtask codegen`, in `table.rs`);
//! one table serves the typed Rust calls, the npm package's client and the Worker.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::RequestError;
use super::pagination::Style;
use super::request::{Host, Method, Request, RequestOptions, uuid_v4};
use super::schema::{self, Member, Misfit};
use super::table::ENDPOINTS;
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
    /// The core's name, such as `reporting.report_runs.create` or `invoices.send`: the
    /// resource in snake case, then the action.
    pub name: &'static str,
    /// stripe-node's name, such as `reporting.reportRuns.create` or
    /// `invoices.sendInvoice`, which the npm package's client uses.
    pub node_name: &'static str,
    /// The method.
    pub method: Method,
    /// The host.
    pub host: Host,
    /// The path, with `{id}` where the object's id goes.
    pub path: &'static str,
    /// The parameters it takes, sorted by name, with the shape of each.
    pub params: &'static [Member],
    /// What it answers.
    pub answer: Answer,
}

impl Endpoint {
    /// The endpoint named `name`: the core's name, such as `invoices.send`.
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

    /// The parameter `name` at the top level, if the endpoint takes it.
    pub fn param(&self, name: &str) -> Option<&'static Member> {
        self.params
            .binary_search_by(|member| member.name.cmp(name))
            .ok()
            .map(|index| &self.params[index])
    }

    /// Checks `params` (a map, such as a decoded form body) against the parameters the
    /// endpoint takes, at every depth, and gives them as they are to be sent: an array
    /// written as an indexed hash (`a[0]=x`) becomes a list, and empty hashes and lists
    /// are left out. Refuses a name the endpoint does not take
    /// ([`RequestError::UnknownParameter`], naming it as a form does:
    /// `parameters[interval_start]`), a required one that is missing, and a value of the
    /// wrong shape ([`RequestError::InvalidParameter`]).
    pub fn check_params(&self, params: &FormValue) -> Result<FormValue, RequestError> {
        let FormValue::Map(members) = params else {
            return Err(RequestError::BadParameters {
                reason: "parameters must be an object".into(),
            });
        };
        let checked = schema::check(self.params, members).map_err(|misfit| match misfit {
            Misfit::Unknown(param) => RequestError::UnknownParameter {
                endpoint: self.name,
                param,
            },
            Misfit::Missing(param) => RequestError::MissingParameter {
                endpoint: self.name,
                param,
            },
            Misfit::Invalid { param, expected } => RequestError::InvalidParameter {
                endpoint: self.name,
                param,
                expected,
            },
        })?;
        Ok(FormValue::Map(checked))
    }

    /// The request for object `id` (when the path takes one) with `params` (a map),
    /// checked: the id is present exactly when needed, and the parameters fit the
    /// endpoint's (see [`Endpoint::check_params`]).
    pub fn request(
        &self,
        id: Option<&str>,
        params: &FormValue,
        options: &RequestOptions,
    ) -> Result<Request, RequestError> {
        let params = self.check_params(params)?;
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
        let encoded = form::encode(&params);
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
