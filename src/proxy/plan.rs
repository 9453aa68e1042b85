//! The proxy's decision for one request: from the caller's claims, the policy and the
//! request as it arrived, either a refusal (a Stripe-shaped error) or the plan of what
//! to send upstream and how to check what comes back. Nothing here reads the network
//! or a clock; [`ProxyCall`](super::ProxyCall) carries the plan out.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

use super::policy::{Policy, Rule, Scope, retrieve_of};
use super::route::{Route, route};
use super::token::Claims;
use crate::api::pagination::Style;
use crate::api::{Answer, Endpoint, Method};
use crate::error::{ErrorType, HttpError};
use crate::form::{self, FormValue};
use crate::search::{self, Resource};

/// The largest `Idempotency-Key` a caller may send, in bytes (Stripe's limit is 255).
pub const MAX_IDEMPOTENCY_KEY: usize = 255;

/// A request to the proxy, as the Worker read it.
#[derive(Clone, Copy, Debug)]
pub struct Incoming<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// The URL's path.
    pub path: &'a str,
    /// The URL's query, without `?`.
    pub query: &'a str,
    /// The request's headers (names in any case).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body (already capped by the Worker).
    pub body: &'a [u8],
}

impl Incoming<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| *value)
    }
}

/// What the proxy checks of what comes back, so the caller sees only its own objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// Nothing: the rule has no owner.
    Nothing,
    /// The object answered must have `customer` = the subject; else it is missing.
    Answer,
    /// Only the page's items whose `customer` is the subject are handed on.
    Items,
    /// Only the page's items (v2 events) whose `related_object.id` is this are handed on.
    RelatedTo(String),
}

/// What the proxy sends upstream for one request, and how it checks the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The endpoint and the id in the path.
    pub route: Route,
    /// The parameters to send, checked against the policy and the endpoint.
    pub params: FormValue,
    /// The token's subject.
    pub subject: String,
    /// An object to retrieve and whose `customer` must be the subject before the call
    /// is made: the endpoint and the id.
    pub precheck: Option<(&'static Endpoint, String)>,
    /// The check of the answer.
    pub check: Check,
    /// The caller's `Idempotency-Key`, namespaced by its subject.
    pub idempotency_key: Option<String>,
    /// `Stripe-Account`, when the scope allows it.
    pub stripe_account: Option<String>,
    /// `Stripe-Context`, when the scope allows it.
    pub stripe_context: Option<String>,
}

/// Decides what to do with `incoming`, sent with a token whose `claims` were verified.
pub fn plan(policy: &Policy, claims: &Claims, incoming: &Incoming<'_>) -> Result<Plan, HttpError> {
    let scope = policy.scope(&claims.scope).ok_or_else(|| HttpError {
        status: 401,
        type_: ErrorType::InvalidRequestError,
        code: "token_scope_unknown",
        message: alloc::format!(
            "The token's scope {:?} is not in the Worker's policy",
            claims.scope
        ),
        param: None,
    })?;
    check_headers(incoming)?;
    let route = route(incoming.method, incoming.path)?;
    let endpoint = route.endpoint;
    let rule = scope.rule(endpoint).ok_or_else(|| {
        forbidden(
            "endpoint_not_allowed",
            alloc::format!(
                "This token's scope ({}) may not call {}",
                scope.name,
                endpoint.name
            ),
            None,
        )
    })?;
    let (stripe_account, stripe_context) = privileged(scope, incoming)?;
    let mut params = parameters(endpoint, incoming)?;
    allowed(rule, &params)?;
    let subject = claims.sub.clone();
    let (precheck, check) = if rule.owner {
        own(rule, &route, &mut params, &subject)?
    } else {
        (None, Check::Nothing)
    };
    let idempotency_key = match incoming.header("idempotency-key") {
        Some(key) if endpoint.method == Method::Post => {
            Some(namespaced(&claims.scope, &subject, key)?)
        }
        _ => None,
    };
    Ok(Plan {
        route,
        params,
        subject,
        precheck,
        check,
        idempotency_key,
        stripe_account,
        stripe_context,
    })
}

/// Header values with CR, LF or NUL are refused (they could split a header upstream);
/// so is `X-HTTP-Method-Override`, which no scope may use.
fn check_headers(incoming: &Incoming<'_>) -> Result<(), HttpError> {
    for (name, value) in incoming.headers {
        if value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) {
            return Err(bad(
                "header_invalid",
                alloc::format!("The header {name} holds a line break or NUL"),
                None,
            ));
        }
        if name.eq_ignore_ascii_case("x-http-method-override") {
            return Err(forbidden(
                "header_not_allowed",
                "X-HTTP-Method-Override is not allowed".into(),
                None,
            ));
        }
    }
    Ok(())
}

/// `Stripe-Account` and `Stripe-Context`, refused unless the scope allows them.
fn privileged(
    scope: &Scope,
    incoming: &Incoming<'_>,
) -> Result<(Option<String>, Option<String>), HttpError> {
    let read = |name: &str| match incoming.header(name) {
        None => Ok(None),
        Some(_) if !scope.headers.iter().any(|allowed| allowed == name) => Err(forbidden(
            "header_not_allowed",
            alloc::format!("This token's scope ({}) may not send {name}", scope.name),
            None,
        )),
        Some(value) => Ok(Some(value.to_string())),
    };
    Ok((read("stripe-account")?, read("stripe-context")?))
}

/// The request's parameters: the query's, and a form body's for a POST; a name in both
/// is refused, as is a body that is not a form, or any body on a read.
fn parameters(endpoint: &Endpoint, incoming: &Incoming<'_>) -> Result<FormValue, HttpError> {
    let decode = |text: &str| {
        form::decode(text).map_err(|error| {
            bad(
                "parameter_invalid",
                alloc::format!("{error}"),
                Some(error.param.clone()),
            )
        })
    };
    let mut params = decode(incoming.query)?;
    if incoming.body.is_empty() {
        return Ok(params);
    }
    if endpoint.method != Method::Post {
        return Err(bad(
            "body_not_allowed",
            alloc::format!("A {} request has no body", endpoint.method.as_str()),
            None,
        ));
    }
    let form = incoming
        .header("content-type")
        .and_then(|value| value.split(';').next())
        .is_some_and(|kind| {
            kind.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !form {
        return Err(bad(
            "body_not_form",
            "The body must be application/x-www-form-urlencoded, as Stripe's API takes it".into(),
            None,
        ));
    }
    let body = core::str::from_utf8(incoming.body).map_err(|_| {
        bad(
            "parameter_invalid",
            "The body is not UTF-8 text".into(),
            None,
        )
    })?;
    let FormValue::Map(body) = decode(body)? else {
        return Ok(params);
    };
    let FormValue::Map(members) = &mut params else {
        return Ok(params);
    };
    for (name, value) in body {
        if members.iter().any(|(key, _)| *key == name) {
            return Err(bad(
                "parameter_duplicate",
                alloc::format!("The parameter {name} is given in both the query and the body"),
                Some(name),
            ));
        }
        members.push((name, value));
    }
    Ok(params)
}

/// Refuses parameters, `expand[]` values and limits the rule does not allow.
fn allowed(rule: &Rule, params: &FormValue) -> Result<(), HttpError> {
    for (name, value) in params.as_map().into_iter().flatten() {
        if name == "expand" {
            // Field names only: `expand[]=a`, or `expand[0]=a` as stripe-node writes
            // it. Anything nested deeper would slip past the allow-list unread.
            let values: Option<Vec<&str>> = match value {
                FormValue::Text(text) => Some(alloc::vec![text.as_str()]),
                FormValue::List(list) => list.iter().map(FormValue::as_text).collect(),
                FormValue::Map(members) => members.iter().map(|(_, v)| v.as_text()).collect(),
            };
            let values = values.ok_or_else(|| {
                bad(
                    "expand_invalid",
                    "expand takes field names (expand[]=customer), nothing nested".into(),
                    Some("expand".into()),
                )
            })?;
            if let Some(refused) = values
                .iter()
                .find(|value| !rule.expand.iter().any(|allowed| allowed == *value))
            {
                return Err(forbidden(
                    "expand_not_allowed",
                    alloc::format!(
                        "This token's scope may not expand {refused:?} on {}",
                        rule.endpoint.name
                    ),
                    Some("expand".into()),
                ));
            }
            continue;
        }
        let listed = rule
            .params
            .as_ref()
            .is_none_or(|params| params.iter().any(|param| param == name));
        // The owner's own `customer` is allowed wherever ownership sets it.
        if !(listed || rule.owner && name == "customer") {
            return Err(forbidden(
                "parameter_not_allowed",
                alloc::format!(
                    "This token's scope may not send {name} to {}",
                    rule.endpoint.name
                ),
                Some(name.clone()),
            ));
        }
        if name == "limit"
            && let Some(max) = rule.max_limit
        {
            let limit = value.as_text().and_then(|text| text.parse::<u64>().ok());
            if limit.is_none_or(|limit| limit > max) {
                return Err(bad(
                    "limit_too_large",
                    alloc::format!(
                        "limit must be a whole number of at most {max} for {}",
                        rule.endpoint.name
                    ),
                    Some("limit".into()),
                ));
            }
        }
    }
    Ok(())
}

/// An object to retrieve first (the endpoint and the id), and the check of the answer.
type Ownership = (Option<(&'static Endpoint, String)>, Check);

/// Ownership: sets or checks what keeps the caller to its own objects, and says what
/// to check first and after.
fn own(
    rule: &Rule,
    route: &Route,
    params: &mut FormValue,
    subject: &str,
) -> Result<Ownership, HttpError> {
    let endpoint = rule.endpoint;
    match endpoint.answer {
        Answer::Page(..) if rule.object.is_some() => {
            let object = params
                .get("object_id")
                .and_then(FormValue::as_text)
                .ok_or_else(|| {
                    bad(
                        "parameter_missing",
                        alloc::format!("{} requires object_id", endpoint.name),
                        Some("object_id".into()),
                    )
                })?;
            let object = object.to_string();
            Ok((
                rule.object.map(|retrieve| (retrieve, object.clone())),
                Check::RelatedTo(object),
            ))
        }
        Answer::Page(Style::Search, resource) => {
            let query = params
                .get("query")
                .and_then(FormValue::as_text)
                .unwrap_or_default();
            let resource = Resource::from_name(resource).ok_or_else(|| {
                bad(
                    "search_unsupported",
                    alloc::format!("{} cannot be restricted", endpoint.name),
                    None,
                )
            })?;
            let restricted = search::parse(query, resource)
                .and_then(|query| query.restrict("customer", subject))
                .map_err(|error| {
                    bad(
                        "search_query_invalid",
                        alloc::format!("{error}"),
                        Some("query".into()),
                    )
                })?;
            set(params, "query", restricted.to_string());
            Ok((None, Check::Items))
        }
        Answer::Page(..) => {
            if let Some(customer) = params.get("customer")
                && customer.as_text() != Some(subject)
            {
                return Err(forbidden(
                    "customer_not_allowed",
                    "A token may list only its own customer's objects".into(),
                    Some("customer".into()),
                ));
            }
            set(params, "customer", subject.to_string());
            Ok((None, Check::Items))
        }
        Answer::Object(_) if endpoint.method == Method::Get => Ok((None, Check::Answer)),
        Answer::Object(_) => {
            let retrieve = retrieve_of(endpoint)
                .ok_or_else(|| bad("owner_unsupported", "no retrieve".into(), None))?;
            let id = route.id.clone().unwrap_or_default();
            Ok((Some((retrieve, id)), Check::Answer))
        }
        Answer::Deleted(_) | Answer::Bytes => Err(bad(
            "owner_unsupported",
            alloc::format!("{} has no owner", endpoint.name),
            None,
        )),
    }
}

fn set(params: &mut FormValue, name: &str, value: String) {
    if let FormValue::Map(members) = params {
        members.retain(|(key, _)| key != name);
        members.push((name.into(), FormValue::Text(value)));
    }
}

/// The caller's `Idempotency-Key`, namespaced by scope and subject, so one caller's key
/// can never replay another's request.
fn namespaced(scope: &str, subject: &str, key: &str) -> Result<String, HttpError> {
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY {
        return Err(bad(
            "idempotency_key_invalid",
            alloc::format!("An Idempotency-Key has 1 to {MAX_IDEMPOTENCY_KEY} characters"),
            None,
        ));
    }
    let mut hash = Sha256::new();
    for part in [scope, subject, key] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    }
    let mut hex = [0u8; 64];
    let hex = base16ct::lower::encode_str(&hash.finalize(), &mut hex)
        .unwrap_or_else(|_| unreachable!("64 hex digits hold 32 bytes"));
    Ok(alloc::format!("proxy-{hex}"))
}

fn bad(code: &'static str, message: String, param: Option<String>) -> HttpError {
    HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code,
        message,
        param,
    }
}

fn forbidden(code: &'static str, message: String, param: Option<String>) -> HttpError {
    HttpError {
        status: 403,
        type_: ErrorType::InvalidRequestError,
        code,
        message,
        param,
    }
}
