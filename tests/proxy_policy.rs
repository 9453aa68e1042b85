//! The proxy's policy (`proxy::policy`): every refusal names where the policy is wrong
//! and what is wrong there, and what a policy says is what it reads as.

mod proxy_support;

use stripe_edge::proxy::{Policy, PolicyError};

fn refused(text: &str) -> PolicyError {
    match Policy::parse(text) {
        Err(error) => error,
        Ok(policy) => panic!("accepted {text}: {policy:?}"),
    }
}

/// A policy with one scope `s` whose `endpoints` member is `endpoints`.
fn one_scope(endpoints: &str) -> String {
    format!(r#"{{"scopes":{{"s":{{"endpoints":{endpoints}}}}}}}"#)
}

/// A policy with one rule for `endpoint`.
fn one_rule(endpoint: &str, rule: &str) -> String {
    one_scope(&format!(r#"{{"{endpoint}":{rule}}}"#))
}

#[test]
fn every_refusal_names_where_and_what() {
    let rule_at = |endpoint: &str| format!("scopes.s.endpoints.\"{endpoint}\"");
    #[rustfmt::skip]
    let cases: Vec<(String, String, &str)> = vec![
        ("scopes:".into(), String::new(), "not JSON"),
        ("[]".into(), String::new(), "should be a table (object)"),
        (r#"{"scope":{}}"#.into(), String::new(), "unknown setting `scope` (known: scopes)"),
        ("{}".into(), String::new(), "has no `scopes`"),
        (r#"{"scopes":{}}"#.into(), "scopes".into(), "names no scope"),
        (r#"{"scopes":[]}"#.into(), "scopes".into(), "should be a table (object)"),
        (r#"{"scopes":{"s":true}}"#.into(), "scopes.s".into(), "should be a table (object)"),
        (r#"{"scopes":{"s":{"endpoint":{}}}}"#.into(), "scopes.s".into(), "unknown setting `endpoint` (known: endpoints, headers)"),
        (r#"{"scopes":{"s":{}}}"#.into(), "scopes.s".into(), "has no `endpoints`"),
        (one_scope("[]"), "scopes.s.endpoints".into(), "should be a table (object)"),
        (one_rule("invoices.lst", "{}"), rule_at("invoices.lst"), "is not an endpoint of the core's table"),
        (one_rule("Invoices.List", "{}"), rule_at("Invoices.List"), "is not an endpoint of the core's table"),
        (one_rule("invoices.list", "[]"), rule_at("invoices.list"), "should be a table (object)"),
        (one_rule("invoices.list", r#"{"owners":"sub"}"#), rule_at("invoices.list"), "unknown setting `owners`"),
        (one_rule("invoices.list", r#"{"owner":"customer"}"#), rule_at("invoices.list"), "`owner` can only be \"sub\""),
        (one_rule("invoices.list", r#"{"owner":true}"#), rule_at("invoices.list"), "`owner` can only be \"sub\""),
        (one_rule("invoices.list", r#"{"params":["limit","customer_id"]}"#), rule_at("invoices.list"), "invoices.list takes no parameter `customer_id`"),
        (one_rule("invoices.list", r#"{"params":"limit"}"#), rule_at("invoices.list") + ".params", "should be a list of strings"),
        (one_rule("invoices.list", r#"{"params":[1]}"#), rule_at("invoices.list") + ".params", "should be a list of strings"),
        (one_rule("invoices.retrieve", r#"{"max_limit":10}"#), rule_at("invoices.retrieve"), "`max_limit` is for lists and searches"),
        (one_rule("invoices.list", r#"{"max_limit":0}"#), rule_at("invoices.list"), "`max_limit` is a whole number above 0"),
        (one_rule("invoices.list", r#"{"max_limit":-1}"#), rule_at("invoices.list"), "`max_limit` is a whole number above 0"),
        (one_rule("invoices.list", r#"{"max_limit":2.5}"#), rule_at("invoices.list"), "`max_limit` is a whole number above 0"),
        (one_rule("invoices.list", r#"{"max_limit":"10"}"#), rule_at("invoices.list"), "`max_limit` is a whole number above 0"),
        (one_rule("invoices.list", r#"{"expand":"data.customer"}"#), rule_at("invoices.list") + ".expand", "should be a list of strings"),
        (one_rule("files.contents", r#"{"expand":["x"]}"#), rule_at("files.contents"), "files.contents takes no `expand`"),
        (one_rule("invoices.create", r#"{"owner":"sub"}"#), rule_at("invoices.create"), "`owner` cannot be enforced on invoices.create"),
        (one_rule("invoice_items.create", r#"{"owner":"sub"}"#), rule_at("invoice_items.create"), "`owner` cannot be enforced on invoice_items.create"),
        (one_rule("files.contents", r#"{"owner":"sub"}"#), rule_at("files.contents"), "`owner` cannot be enforced on files.contents"),
        (one_rule("webhook_endpoints.delete", r#"{"owner":"sub"}"#), rule_at("webhook_endpoints.delete"), "`owner` cannot be enforced on webhook_endpoints.delete"),
        (one_rule("customers.list", r#"{"owner":"sub"}"#), rule_at("customers.list"), "`owner` cannot be enforced on customers.list"),
        (one_rule("files.list", r#"{"owner":"sub"}"#), rule_at("files.list"), "`owner` cannot be enforced on files.list"),
        (one_rule("v2.core.events.list", r#"{"owner":"sub"}"#), rule_at("v2.core.events.list"), "`owner` cannot be enforced on v2.core.events.list without `object`"),
        (one_rule("v2.core.events.list", r#"{"object":"invoices.retrieve"}"#), rule_at("v2.core.events.list"), "`object` goes with `owner` on an endpoint that takes `object_id`"),
        (one_rule("invoices.list", r#"{"owner":"sub","object":"invoices.retrieve"}"#), rule_at("invoices.list"), "`object` goes with `owner` on an endpoint that takes `object_id`"),
        (one_rule("v2.core.events.list", r#"{"owner":"sub","object":"invoice.retrieve"}"#), rule_at("v2.core.events.list"), "`object`: no endpoint is named invoice.retrieve"),
        (one_rule("v2.core.events.list", r#"{"owner":"sub","object":"invoices.list"}"#), rule_at("v2.core.events.list"), "`object`: invoices.list does not retrieve one object"),
        (one_rule("v2.core.events.list", r#"{"owner":"sub","object":"invoices.send"}"#), rule_at("v2.core.events.list"), "`object`: invoices.send does not retrieve one object"),
        (one_rule("v2.core.events.list", r#"{"owner":"sub","object":["invoices.retrieve"]}"#), rule_at("v2.core.events.list"), "`object` names an endpoint"),
        (r#"{"scopes":{"s":{"headers":["Authorization"],"endpoints":{}}}}"#.into(), "scopes.s.headers".into(), "`Authorization` is not a header a scope may be allowed"),
        (r#"{"scopes":{"s":{"headers":["Stripe-Version"],"endpoints":{}}}}"#.into(), "scopes.s.headers".into(), "`Stripe-Version` is not a header a scope may be allowed"),
        (r#"{"scopes":{"s":{"headers":"Stripe-Account","endpoints":{}}}}"#.into(), "scopes.s.headers".into(), "should be a list of strings"),
    ];
    for (text, path, reason) in cases {
        let error = refused(&text);
        assert_eq!(error.path, path, "{text}");
        assert!(error.reason.starts_with(reason), "{text}: {}", error.reason);
        assert_eq!(
            error.to_string(),
            format!("policy: {}: {}", error.path, error.reason)
        );
    }
}

#[test]
fn a_policy_reads_as_it_is_written() {
    let policy = proxy_support::shipped();
    let names: Vec<&str> = policy
        .scopes()
        .iter()
        .map(|scope| scope.name.as_str())
        .collect();
    assert_eq!(names, ["customer", "back-office"]);
    let customer = policy.scope("customer").unwrap();
    let rules: Vec<(&str, bool)> = customer
        .rules
        .iter()
        .map(|rule| (rule.endpoint.name, rule.owner))
        .collect();
    assert_eq!(
        rules,
        [
            ("invoices.list", true),
            ("invoices.search", true),
            ("invoices.retrieve", true),
            ("v2.core.events.list", true)
        ]
    );
    let list = &customer.rules[0];
    assert_eq!(list.max_limit, Some(100));
    assert_eq!(list.params.as_ref().unwrap().len(), 6);
    assert!(list.expand.is_empty());
    assert_eq!(customer.rules[2].params, Some(Vec::new()));
    assert_eq!(
        customer.rules[3].object.map(|e| e.name),
        Some("invoices.retrieve")
    );
    let office = policy.scope("back-office").unwrap();
    assert_eq!(office.rules[0].params, None);
    assert_eq!(office.rules[0].expand, ["customer"]);
    assert!(policy.scope("admin").is_none());
    assert!(policy.scope("Customer").is_none());
    let headers = Policy::parse(
        r#"{"scopes":{"s":{"headers":["Stripe-Account","stripe-context"],"endpoints":{}}}}"#,
    )
    .unwrap();
    assert_eq!(
        headers.scopes()[0].headers,
        ["stripe-account", "stripe-context"]
    );
}

/// JSON may name a member twice, and readers disagree on which one counts
/// (`JSON.parse` and the core's JSON reader take the last; a first-match lookup takes
/// the first): a policy that names a scope or an endpoint twice is ambiguous, and
/// refused with the name.
#[test]
fn a_scope_or_an_endpoint_named_twice_is_refused() {
    let error = refused(
        r#"{"scopes":{"s":{"endpoints":{"invoices.list":{"owner":"sub"}}},"s":{"endpoints":{"invoices.list":{}}}}}"#,
    );
    assert_eq!(error.path, "scopes.s");
    assert!(error.reason.contains("twice"), "{}", error.reason);
    let error = refused(&one_scope(
        r#"{"invoices.list":{"owner":"sub"},"invoices.retrieve":{},"invoices.list":{}}"#,
    ));
    assert_eq!(error.path, "scopes.s.endpoints.\"invoices.list\"");
    assert!(error.reason.contains("twice"), "{}", error.reason);
}
