//! The proxy's policy, deny by default: named scopes, each listing the endpoints its
//! tokens may call (by the core's endpoint names) with their constraints. It is read
//! from JSON (the Worker's build turns `worker/policy.toml` into it) and checked
//! against the endpoint table: an unknown endpoint, parameter or setting is an error
//! that names it, so a wrong policy fails the build, not a request.
//!
//! ```json
//! { "scopes": { "customer": { "endpoints": {
//!     "invoices.list": { "owner": "sub", "params": ["limit", "status"], "max_limit": 50 },
//!     "v2.core.events.list": { "owner": "sub", "object": "invoices.retrieve" } } } } }
//! ```
//!
//! - `owner = "sub"`: the caller sees only objects whose `customer` is its token's
//!   `sub`: a list is filtered by `customer`, a search restricted to it, a retrieve or
//!   an action on one object checked first, a v2 event list's `object_id` retrieved
//!   with the `object` endpoint and checked.
//! - `params`: the parameters allowed (default: every one the endpoint takes).
//! - `max_limit`: the largest `limit` a list or search may ask for.
//! - `expand`: the `expand[]` values allowed (default: none).
//! - `headers` (per scope): `Stripe-Account` or `Stripe-Context` the scope may send.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::api::{Answer, Endpoint, Method};
use crate::json::{self, Kind, RawJson};

/// A checked policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    scopes: Vec<Scope>,
}

/// One scope: what its tokens may call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// Its name, as tokens' `scope` claim names it.
    pub name: String,
    /// The privileged headers it may send (`stripe-account`, `stripe-context`), lower
    /// case.
    pub headers: Vec<String>,
    /// The endpoints it may call.
    pub rules: Vec<Rule>,
}

/// One endpoint a scope may call, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The endpoint.
    pub endpoint: &'static Endpoint,
    /// The caller sees only the objects of its own customer.
    pub owner: bool,
    /// For a v2 event list owned by the caller: the endpoint that retrieves the object
    /// its `object_id` names, to check that object's owner.
    pub object: Option<&'static Endpoint>,
    /// The top-level parameters allowed; `None` for all the endpoint takes.
    pub params: Option<Vec<String>>,
    /// The largest `limit`.
    pub max_limit: Option<u64>,
    /// The `expand[]` values allowed.
    pub expand: Vec<String>,
}

/// A policy that cannot be used, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// Where: `scopes.customer.endpoints."invoices.lst"`.
    pub path: String,
    /// What is wrong there.
    pub reason: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "policy: {}: {}", self.path, self.reason)
    }
}

impl core::error::Error for PolicyError {}

impl Policy {
    /// Reads and checks a policy from its JSON text.
    pub fn parse(text: &str) -> Result<Self, PolicyError> {
        let root =
            json::validate(text).map_err(|error| fail("", alloc::format!("not JSON: {error}")))?;
        let root = object(root, "")?;
        only(root, "", &["scopes"])?;
        let scopes = root
            .member("scopes")
            .ok_or_else(|| fail("", "has no `scopes`".into()))?;
        let scopes = object(scopes, "scopes")?
            .members()
            .into_iter()
            .flatten()
            .map(|(name, scope)| Scope::parse(&name, scope))
            .collect::<Result<Vec<_>, _>>()?;
        if scopes.is_empty() {
            return Err(fail("scopes", "names no scope".into()));
        }
        if let Some(scope) = named_twice(&scopes, |scope| &scope.name) {
            return Err(fail(&alloc::format!("scopes.{}", scope.name), twice()));
        }
        Ok(Self { scopes })
    }

    /// The scope named `name`.
    pub fn scope(&self, name: &str) -> Option<&Scope> {
        self.scopes.iter().find(|scope| scope.name == name)
    }

    /// Every scope.
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }
}

impl Scope {
    fn parse(name: &str, value: RawJson<'_>) -> Result<Self, PolicyError> {
        let at = alloc::format!("scopes.{name}");
        let value = object(value, &at)?;
        only(value, &at, &["endpoints", "headers"])?;
        let headers = strings(value.member("headers"), &alloc::format!("{at}.headers"))?
            .into_iter()
            .map(|header| {
                let lower = header.to_ascii_lowercase();
                match lower.as_str() {
                    "stripe-account" | "stripe-context" => Ok(lower),
                    _ => Err(fail(
                        &alloc::format!("{at}.headers"),
                        alloc::format!("`{header}` is not a header a scope may be allowed (Stripe-Account, Stripe-Context)"),
                    )),
                }
            })
            .collect::<Result<_, _>>()?;
        let endpoints = value
            .member("endpoints")
            .ok_or_else(|| fail(&at, "has no `endpoints`".into()))?;
        let rules = object(endpoints, &alloc::format!("{at}.endpoints"))?
            .members()
            .into_iter()
            .flatten()
            .map(|(endpoint, rule)| Rule::parse(&at, &endpoint, rule))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(rule) = named_twice(&rules, |rule| rule.endpoint.name) {
            return Err(fail(
                &alloc::format!("{at}.endpoints.\"{}\"", rule.endpoint.name),
                twice(),
            ));
        }
        Ok(Self {
            name: name.into(),
            headers,
            rules,
        })
    }

    /// The rule for `endpoint`, when the scope may call it.
    pub fn rule(&self, endpoint: &Endpoint) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|rule| rule.endpoint.name == endpoint.name)
    }
}

impl Rule {
    fn parse(scope: &str, name: &str, value: RawJson<'_>) -> Result<Self, PolicyError> {
        let at = alloc::format!("{scope}.endpoints.\"{name}\"");
        let endpoint = Endpoint::named(name).map_err(|_| {
            fail(
                &at,
                "is not an endpoint of the core's table (see ENDPOINTS)".into(),
            )
        })?;
        let value = object(value, &at)?;
        only(
            value,
            &at,
            &["owner", "object", "params", "max_limit", "expand"],
        )?;
        let owner = match value.member("owner") {
            None => false,
            Some(owner) if owner.as_str().as_deref() == Some("sub") => true,
            Some(_) => return Err(fail(&at, "`owner` can only be \"sub\"".into())),
        };
        let object = match value.member("object") {
            None => None,
            Some(object) => {
                let named = object
                    .as_str()
                    .ok_or_else(|| fail(&at, "`object` names an endpoint".into()))?;
                let retrieve = Endpoint::named(&named).map_err(|_| {
                    fail(
                        &at,
                        alloc::format!("`object`: no endpoint is named {named}"),
                    )
                })?;
                if !is_retrieve(retrieve) {
                    return Err(fail(
                        &at,
                        alloc::format!("`object`: {named} does not retrieve one object"),
                    ));
                }
                Some(retrieve)
            }
        };
        let params = match value.member("params") {
            None => None,
            Some(params) => Some(strings(Some(params), &alloc::format!("{at}.params"))?),
        };
        for param in params.iter().flatten() {
            if endpoint.param(param).is_none() {
                return Err(fail(
                    &at,
                    alloc::format!("{name} takes no parameter `{param}`"),
                ));
            }
        }
        let pages = matches!(endpoint.answer, Answer::Page(..));
        let max_limit = match value.member("max_limit") {
            None => None,
            Some(_) if !pages => {
                return Err(fail(&at, "`max_limit` is for lists and searches".into()));
            }
            Some(limit) => Some(
                limit
                    .get()
                    .parse::<u64>()
                    .ok()
                    .filter(|limit| *limit > 0)
                    .ok_or_else(|| fail(&at, "`max_limit` is a whole number above 0".into()))?,
            ),
        };
        let expand = strings(value.member("expand"), &alloc::format!("{at}.expand"))?;
        if !expand.is_empty() && endpoint.param("expand").is_none() {
            return Err(fail(&at, alloc::format!("{name} takes no `expand`")));
        }
        let rule = Self {
            endpoint,
            owner,
            object,
            params,
            max_limit,
            expand,
        };
        rule.check_owner(&at)?;
        Ok(rule)
    }

    /// Checks that ownership can be enforced for the endpoint as the rule asks.
    fn check_owner(&self, at: &str) -> Result<(), PolicyError> {
        let endpoint = self.endpoint;
        let needs_object = endpoint.param("object_id").is_some();
        if self.object.is_some() && !(self.owner && needs_object) {
            return Err(fail(
                at,
                "`object` goes with `owner` on an endpoint that takes `object_id`".into(),
            ));
        }
        if !self.owner {
            return Ok(());
        }
        let enforceable = match endpoint.answer {
            Answer::Page(..) if needs_object => self.object.is_some(),
            Answer::Page(crate::api::pagination::Style::Search, _) => {
                endpoint.param("query").is_some()
            }
            Answer::Page(..) => endpoint.param("customer").is_some(),
            Answer::Object(_) => endpoint.takes_id() && retrieve_of(endpoint).is_some(),
            Answer::Deleted(_) | Answer::Bytes => false,
        };
        if enforceable {
            Ok(())
        } else {
            Err(fail(
                at,
                alloc::format!(
                    "`owner` cannot be enforced on {}{}",
                    endpoint.name,
                    if needs_object {
                        " without `object`"
                    } else {
                        ""
                    }
                ),
            ))
        }
    }
}

/// Whether `endpoint` retrieves one object by id.
fn is_retrieve(endpoint: &Endpoint) -> bool {
    endpoint.method == Method::Get
        && endpoint.path.ends_with("/{id}")
        && matches!(endpoint.answer, Answer::Object(_))
}

/// The endpoint that retrieves the object `endpoint` acts on (`invoices.retrieve` for
/// `invoices.send`), or `endpoint` itself when it retrieves.
pub fn retrieve_of(endpoint: &Endpoint) -> Option<&'static Endpoint> {
    let (object_path, _) = endpoint.path.split_once("{id}")?;
    let object_path = alloc::format!("{object_path}{{id}}");
    crate::api::ENDPOINTS
        .iter()
        .copied()
        .find(|candidate| is_retrieve(candidate) && candidate.path == object_path)
}

/// The first item of `items` whose name an earlier one has.
fn named_twice<T>(items: &[T], name: impl Fn(&T) -> &str) -> Option<&T> {
    items.iter().enumerate().find_map(|(index, item)| {
        items[..index]
            .iter()
            .any(|earlier| name(earlier) == name(item))
            .then_some(item)
    })
}

/// Why a name given twice is refused: JSON readers disagree on which one counts.
fn twice() -> String {
    "is named twice (JSON readers differ on which one counts)".into()
}

fn fail(path: &str, reason: String) -> PolicyError {
    PolicyError {
        path: path.to_string(),
        reason,
    }
}

fn object<'a>(value: RawJson<'a>, at: &str) -> Result<RawJson<'a>, PolicyError> {
    (value.kind() == Kind::Object)
        .then_some(value)
        .ok_or_else(|| fail(at, "should be a table (object)".into()))
}

/// Refuses any member of `value` not in `known`: a misspelt setting is an error, not a
/// setting silently ignored.
fn only(value: RawJson<'_>, at: &str, known: &[&str]) -> Result<(), PolicyError> {
    match value
        .members()
        .into_iter()
        .flatten()
        .find(|(key, _)| !known.contains(&key.as_ref()))
    {
        Some((key, _)) => Err(fail(
            at,
            alloc::format!("unknown setting `{key}` (known: {})", known.join(", ")),
        )),
        None => Ok(()),
    }
}

fn strings(value: Option<RawJson<'_>>, at: &str) -> Result<Vec<String>, PolicyError> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let elements = value
        .elements()
        .ok_or_else(|| fail(at, "should be a list of strings".into()))?;
    elements
        .map(|element| {
            element
                .as_str()
                .map(|text| text.into_owned())
                .ok_or_else(|| fail(at, "should be a list of strings".into()))
        })
        .collect()
}
