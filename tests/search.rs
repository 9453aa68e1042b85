//! The search query language through its public API: table tests of every rule for each
//! of the seven searchable resources, the evaluator against JSON objects, and
//! properties: printing then parsing gives the query back, and a restricted query never
//! matches an object with another value of the restricted field.
// Property tests: native only (their random source has no wasm32 build).
#![cfg(not(target_family = "wasm"))]

use proptest::prelude::*;
use serde_json::{Value as Json, json};
use stripe_edge::search::{
    self, Ast, Clause, ClauseSpans, ErrorCode, Field, FieldType, Joiner, Operator, Query, Resource,
    Span, Value,
};

fn parse(resource: &str, text: &str) -> Result<Query, search::SearchError> {
    search::parse(
        text,
        Resource::from_name(resource).expect("a searchable resource"),
    )
}

/// One valid query per rule, for each resource, with its canonical text.
#[test]
fn valid_queries_parse_and_print_canonically() {
    let cases = [
        (
            "charges",
            r#"amount>999 AND metadata['order_id']:'6735'"#,
            r#"amount>999 AND metadata["order_id"]:"6735""#,
        ),
        (
            "charges",
            "payment_method_details.card.last4:\"4242\"",
            "payment_method_details.card.last4:\"4242\"",
        ),
        (
            "charges",
            "disputed:'true' refunded:\"false\"",
            "disputed:\"true\" AND refunded:\"false\"",
        ),
        (
            "charges",
            "billing_details.address.postal_code:\"94107\"",
            "billing_details.address.postal_code:\"94107\"",
        ),
        (
            "charges",
            "-status:'failed' created>=1609459200 created<1612137600",
            "-status:\"failed\" AND created>=1609459200 AND created<1612137600",
        ),
        (
            "customers",
            "email~\"amy\" or name:'Amy Rocket' OR phone:\"+15555555555\"",
            "email~\"amy\" OR name:\"Amy Rocket\" OR phone:\"+15555555555\"",
        ),
        (
            "customers",
            "-metadata[\"vip\"]:null",
            "-metadata[\"vip\"]:null",
        ),
        (
            "customers",
            "name:'O\\'Brien \\\\ Sons'",
            "name:\"O'Brien \\\\ Sons\"",
        ),
        (
            "charges",
            "payment_method_details.card.last4:4242 amount>=\"10\"",
            "payment_method_details.card.last4:4242 AND amount>=\"10\"",
        ),
        (
            "invoices",
            "total>1000 AND status:\"open\"",
            "total>1000 AND status:\"open\"",
        ),
        (
            "invoices",
            "customer:\"cus_123\" subscription:null number~\"ABC\"",
            "customer:\"cus_123\" AND subscription:null AND number~\"ABC\"",
        ),
        (
            "invoices",
            "last_finalization_error_code:'tax_id_invalid' currency:'usd'",
            "last_finalization_error_code:\"tax_id_invalid\" AND currency:\"usd\"",
        ),
        ("payment_intents", "-currency:'usd'", "-currency:\"usd\""),
        (
            "payment_intents",
            "amount<=100 AnD status:'succeeded'",
            "amount<=100 AND status:\"succeeded\"",
        ),
        (
            "prices",
            "active:'true' AND type:'recurring' lookup_key:'gold'",
            "active:\"true\" AND type:\"recurring\" AND lookup_key:\"gold\"",
        ),
        ("prices", "product:\"prod_1\"", "product:\"prod_1\""),
        (
            "products",
            "name~\"shirt\" or description~'cotton' OR url:null",
            "name~\"shirt\" OR description~\"cotton\" OR url:null",
        ),
        (
            "products",
            "active:\"true\" shippable:'false' metadata['size']:'L'",
            "active:\"true\" AND shippable:\"false\" AND metadata[\"size\"]:\"L\"",
        ),
        (
            "subscriptions",
            "status:'active' AND metadata['plan']:'pro'",
            "status:\"active\" AND metadata[\"plan\"]:\"pro\"",
        ),
        ("subscriptions", "created>-1", "created>-1"),
        ("invoices", "  status:'open'\t\n", "status:\"open\""),
        (
            "customers",
            "email:\"😀@example.com\"",
            "email:\"😀@example.com\"",
        ),
        (
            "invoices",
            "total:1 total:2 total:3 total:4 total:5 total:6 total:7 total:8 total:9 total:10",
            "total:1 AND total:2 AND total:3 AND total:4 AND total:5 AND total:6 AND total:7 AND total:8 AND total:9 AND total:10",
        ),
    ];
    for (resource, text, canonical) in cases {
        let query = parse(resource, text).unwrap_or_else(|e| panic!("{resource} {text}: {e}"));
        assert_eq!(query.to_string(), canonical, "{resource} {text}");
        assert_eq!(
            parse(resource, canonical).unwrap(),
            query,
            "{resource} {canonical}"
        );
    }
}

/// One invalid query per rule, with the code and the bytes at fault.
#[test]
fn invalid_queries_name_the_rule_and_the_bytes() {
    use ErrorCode::*;
    let cases: &[(&str, &str, ErrorCode, (usize, usize))] = &[
        ("invoices", "", EmptyQuery, (0, 0)),
        ("invoices", "   ", EmptyQuery, (0, 3)),
        ("invoices", "status", UnexpectedEnd, (6, 6)),
        ("invoices", "status:", UnexpectedEnd, (7, 7)),
        ("invoices", "status=\"open\"", UnexpectedCharacter, (6, 7)),
        ("invoices", "status:open", UnquotedValue, (7, 11)),
        ("invoices", "status:\"open", UnterminatedString, (7, 12)),
        ("invoices", "status:'open\\'", UnterminatedString, (7, 14)),
        ("invoices", "total>10.5", InvalidNumber, (6, 10)),
        (
            "invoices",
            "total>99999999999999999999",
            InvalidNumber,
            (6, 26),
        ),
        ("invoices", "(status:'open')", Parentheses, (0, 1)),
        (
            "invoices",
            "status:'open' OR (total>1)",
            Parentheses,
            (17, 18),
        ),
        (
            "invoices",
            "status:'open' AND total>1 OR total<5",
            MixedAndOr,
            (26, 28),
        ),
        (
            "invoices",
            "status:'open' total>1 OR total<5",
            MixedAndOr,
            (22, 24),
        ),
        (
            "invoices",
            "status:'open' OR total>1 total<5",
            MixedAndOr,
            (24, 25),
        ),
        ("invoices", "status:'open' AND", UnexpectedEnd, (17, 17)),
        ("invoices", "status:'open' AND ", UnexpectedEnd, (18, 18)),
        (
            "invoices",
            "status:'open'total>1",
            UnexpectedCharacter,
            (13, 14),
        ),
        (
            "invoices",
            "total:1 total:2 total:3 total:4 total:5 total:6 total:7 total:8 total:9 total:10 total:11",
            TooManyClauses,
            (81, 89),
        ),
        ("customers", "email~'am'", SubstringTooShort, (6, 10)),
        ("customers", "email~'😀😀'", SubstringTooShort, (6, 16)),
        ("customers", "emial:'a@b.c'", UnknownField, (0, 5)),
        ("customers", "metadata:'x'", UnknownField, (0, 8)),
        ("customers", "email['k']:'x'", UnknownField, (0, 10)),
        ("charges", "customer~'cus_123'", InvalidOperator, (8, 9)),
        ("charges", "status>'a'", InvalidOperator, (6, 7)),
        ("charges", "amount~'100'", InvalidOperator, (6, 7)),
        ("charges", "disputed>1", InvalidOperator, (8, 9)),
        ("charges", "metadata['k']~'abc'", InvalidOperator, (13, 14)),
        ("charges", "amount:'abc'", InvalidValue, (7, 12)),
        (
            "charges",
            "billing_details.address.postal_code~'941'",
            InvalidOperator,
            (35, 36),
        ),
        ("charges", "created>null", InvalidValue, (8, 12)),
        ("charges", "disputed:'yes'", InvalidValue, (9, 14)),
        ("charges", "disputed:1", InvalidValue, (9, 10)),
        ("payment_intents", "amount>'x'", InvalidValue, (7, 10)),
        ("prices", "active:1", InvalidValue, (7, 8)),
        ("products", "price:'x'", UnknownField, (0, 5)),
        ("subscriptions", "total>1", UnknownField, (0, 5)),
        (
            "invoices",
            "metadata[key]:'x'",
            UnexpectedCharacter,
            (9, 10),
        ),
        (
            "invoices",
            "metadata['key':'x'",
            UnexpectedCharacter,
            (14, 15),
        ),
        ("invoices", "-", UnexpectedEnd, (1, 1)),
        ("invoices", "- status:'open'", UnexpectedCharacter, (1, 2)),
        ("invoices", "status..x:'open'", UnexpectedCharacter, (7, 8)),
    ];
    for &(resource, text, code, (start, end)) in cases {
        let error = parse(resource, text).expect_err(text);
        assert_eq!(
            (error.code, error.span),
            (code, Span::new(start, end)),
            "{resource} {text:?}: {error}"
        );
        assert!(!error.expected.is_empty(), "{text}");
        assert!(
            error.to_string().ends_with(&format!(" at {start}..{end}")),
            "{error}"
        );
    }
    let error = parse("invoices", "customer~'cus_123'").unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid operator '~' for token field 'customer' at 8..9"
    );
    assert_eq!(error.code.as_str(), "invalid_operator");
    assert_eq!(error.expected, "`:`");
}

#[test]
fn every_resource_has_its_fields_and_refuses_the_others() {
    let all = [
        "amount",
        "billing_details.address.postal_code",
        "created",
        "currency",
        "customer",
        "disputed",
        "email",
        "name",
        "phone",
        "number",
        "status",
        "total",
        "active",
        "type",
        "product",
        "url",
        "description",
        "subscription",
        "payment_intent",
    ];
    for resource in Resource::ALL {
        assert_eq!(Resource::from_name(resource.name()), Some(resource));
        let fields = resource.fields();
        assert!(
            fields.windows(2).all(|w| w[0].name < w[1].name),
            "{resource:?} fields sorted"
        );
        assert!(
            fields.iter().any(|f| f.kind == FieldType::Metadata),
            "{resource:?} has metadata"
        );
        for name in all {
            let value = match resource.field(name).map(|f| f.kind) {
                Some(FieldType::Numeric | FieldType::Timestamp) => "1",
                Some(FieldType::Boolean) => "'true'",
                _ => "'abc'",
            };
            let result = search::parse(&format!("{name}:{value}"), resource);
            match resource.field(name) {
                Some(_) => assert!(result.is_ok(), "{resource:?} {name}: {result:?}"),
                None => assert_eq!(
                    result.unwrap_err().code,
                    ErrorCode::UnknownField,
                    "{resource:?} {name}"
                ),
            }
        }
    }
    assert_eq!(Resource::from_name("invoice"), Some(Resource::Invoices));
    assert_eq!(
        Resource::from_name("payment_intent"),
        Some(Resource::PaymentIntents)
    );
    assert_eq!(Resource::from_name("refunds"), None);
}

#[test]
fn the_builder_quotes_values_and_refuses_what_parsing_refuses() {
    let query = search::search(Resource::Invoices)
        .where_("status")
        .eq("open")
        .and("total")
        .gt(1000)
        .and("metadata")
        .key("note\"]:x OR a")
        .eq("\" OR customer:\"cus_evil")
        .and("customer")
        .negate()
        .is_null()
        .build()
        .unwrap();
    assert_eq!(
        query.to_string(),
        r#"status:"open" AND total>1000 AND metadata["note\"]:x OR a"]:"\" OR customer:\"cus_evil" AND -customer:null"#
    );
    assert_eq!(query.ast().clauses.len(), 4);
    assert_eq!(query.ast().joiner, Joiner::And);

    let refused = |search: search::Search, code| assert_eq!(search.build().unwrap_err().code, code);
    refused(search::search(Resource::Invoices), ErrorCode::EmptyQuery);
    refused(
        search::search(Resource::Invoices)
            .where_("status:'x' OR total")
            .gt(1),
        ErrorCode::UnknownField,
    );
    refused(
        search::search(Resource::Invoices)
            .where_("customer")
            .contains("cus"),
        ErrorCode::InvalidOperator,
    );
    refused(
        search::search(Resource::Customers)
            .where_("email")
            .contains("ab"),
        ErrorCode::SubstringTooShort,
    );
    refused(
        search::search(Resource::Prices).where_("active").eq("yes"),
        ErrorCode::InvalidValue,
    );
    refused(
        search::search(Resource::Invoices)
            .where_("total")
            .gt(1)
            .and("total")
            .lt(5)
            .or("status")
            .eq("open"),
        ErrorCode::MixedAndOr,
    );
    let mut many = search::search(Resource::Invoices).where_("total").eq(0);
    for n in 1..10 {
        many = many.and("total").eq(n);
    }
    assert!(many.clone().build().is_ok());
    refused(many.and("total").eq(10), ErrorCode::TooManyClauses);
    let price = search::search(Resource::Prices)
        .where_("active")
        .eq(true)
        .or("lookup_key")
        .eq("gold")
        .build()
        .unwrap();
    assert_eq!(price.to_string(), r#"active:"true" OR lookup_key:"gold""#);
}

fn matches(resource: &str, query: &str, object: &Json) -> bool {
    parse(resource, query)
        .unwrap()
        .matches_json(&object.to_string())
        .unwrap()
}

#[test]
fn the_evaluator_follows_stripes_semantics() {
    let invoice = json!({
        "id": "in_1", "object": "invoice", "status": "open", "total": 1500, "created": 1_700_000_000,
        "customer": {"id": "cus_A", "object": "customer"}, "subscription": null, "currency": "usd",
        "number": "ABCD-0001", "metadata": {"order": "42", "Case": "Upper"},
    });
    let table = [
        ("status:'open'", true),
        ("status:'OPEN'", true),
        ("currency:'USD'", true),
        ("-status:'open'", false),
        ("status:'draft' OR total>1000", true),
        ("status:'draft' total>1000", false),
        ("total>1500", false),
        ("total>=1500", true),
        ("total<1501 total<=1500 total:1500", true),
        ("created<1700000000", false),
        ("customer:'cus_A'", true),
        ("customer:'cus_a'", true),
        ("customer:'cus_'", false),
        ("subscription:null", true),
        ("-subscription:null", false),
        ("receipt_number:null", true),
        ("number:'abcd-0001'", true),
        ("number~'cd-00'", true),
        ("number~'xyz'", false),
        ("number:'0001'", true),
        ("number:'ABCD'", true),
        ("number:'0001-abcd'", false),
        ("number:'abc'", false),
        ("metadata['order']:'42'", true),
        ("metadata['order']:'4'", false),
        ("metadata['Case']:'upper'", true),
        ("metadata['case']:'upper'", false),
        ("metadata['missing']:null", true),
        ("-metadata['order']:null", true),
        ("currency:'usd'", true),
    ];
    for (query, expected) in table {
        assert_eq!(matches("invoices", query, &invoice), expected, "{query}");
    }
    let charge = json!({"amount": 999, "disputed": false, "refunded": true, "billing_details": {"address": {"postal_code": "94107"}},
        "payment_method_details": {"card": {"last4": "4242"}}, "status": "succeeded", "customer": "cus_B"});
    for (query, expected) in [
        ("disputed:'false' refunded:'true'", true),
        ("disputed:'FALSE' refunded:'True'", true),
        ("refunded:'false'", false),
        ("refunded:null", false),
        ("disputed:'true'", false),
        ("billing_details.address.postal_code:'94107'", true),
        ("payment_method_details.card.last4:4242", true),
        ("amount<'1000'", true),
        ("payment_method_details.card.last4:'4242'", true),
        ("payment_method_details.card_present.last4:'4242'", false),
        ("amount>999", false),
        ("customer:'cus_B'", true),
    ] {
        assert_eq!(matches("charges", query, &charge), expected, "{query}");
    }
    for (object, query, expected) in [
        (
            json!({"refunded": false, "amount_refunded": 100}),
            "refunded:'false'",
            true,
        ),
        (
            json!({"refunded": false, "amount_refunded": 100}),
            "refunded:null",
            false,
        ),
        (
            json!({"refunded": false, "amount_refunded": 0}),
            "refunded:null",
            true,
        ),
        (
            json!({"refunded": false, "amount_refunded": 0}),
            "refunded:'false'",
            false,
        ),
        (
            json!({"refunded": false, "amount_refunded": 0}),
            "-refunded:'true'",
            true,
        ),
        (
            json!({"refunded": true, "amount_refunded": 999}),
            "-refunded:null",
            true,
        ),
    ] {
        assert_eq!(
            matches("charges", query, &object),
            expected,
            "{object} {query}"
        );
    }
    let customer = json!({"email": "Amy@RocketRides.io", "name": "Amy Rocket", "phone": null});
    for (query, expected) in [
        ("email:'amy@rocketrides.io'", true),
        ("email:'rocketrides.io'", true),
        ("email:'amy rocket'", false),
        ("name:'amy'", true),
        ("name:'ROCKET'", true),
        ("name:'rocket amy'", false),
        ("name:'amy rock'", false),
        ("email~'ROCKET'", true),
        ("name~'my r'", true),
        ("phone:null", true),
        ("phone~'555'", false),
    ] {
        assert_eq!(matches("customers", query, &customer), expected, "{query}");
    }
    for (total, query, expected) in [
        ("12.5", "total>12", true),
        ("12.5", "total<13", true),
        ("12.5", "total:12", false),
        ("12.0", "total:12", true),
        ("-0.5", "total<0", true),
        ("-0.5", "total>-1", true),
        ("-3.5", "total>=-3", false),
        ("99999999999999999999", "total>9223372036854775807", true),
        ("-99999999999999999999", "total<-9223372036854775807", true),
        ("\"12\"", "total:12", false),
    ] {
        let object = format!("{{\"total\": {total}}}");
        assert_eq!(
            parse("invoices", query)
                .unwrap()
                .matches_json(&object)
                .unwrap(),
            expected,
            "{object} {query}"
        );
    }
    let query = parse("invoices", "status:'open'").unwrap();
    assert!(query.matches_json("{\"status\": ").is_err());
    assert!(!query.matches_json("[1,2]").unwrap());
    assert!(!query.matches_json("\"open\"").unwrap());
}

#[test]
fn restriction_adds_a_clause_or_says_why_it_cannot() {
    let query = parse("invoices", "status:'open' total>5").unwrap();
    let restricted = query.restrict("customer", "cus_A").unwrap();
    assert_eq!(
        restricted.to_string(),
        r#"status:"open" AND total>5 AND customer:"cus_A""#
    );
    let one = parse("invoices", "status:'open'").unwrap();
    assert_eq!(
        one.restrict("customer", "cus_\"x").unwrap().to_string(),
        r#"status:"open" AND customer:"cus_\"x""#
    );
    let or = parse("invoices", "status:'open' OR status:'draft'").unwrap();
    let refused = |result: Result<Query, search::SearchError>| result.unwrap_err().code;
    assert_eq!(
        refused(or.restrict("customer", "cus_A")),
        ErrorCode::CannotRestrict
    );
    assert_eq!(
        refused(one.restrict("number", "A")),
        ErrorCode::CannotRestrict
    );
    assert_eq!(
        refused(one.restrict("nope", "A")),
        ErrorCode::CannotRestrict
    );
    let ten = parse("invoices", &["total>1"; 10].join(" ")).unwrap();
    assert_eq!(
        refused(ten.restrict("customer", "cus_A")),
        ErrorCode::CannotRestrict
    );
    let or_alone = parse("customers", "email:'a@b.c'").unwrap();
    assert_eq!(
        refused(or_alone.restrict("email", "a@b.c")),
        ErrorCode::CannotRestrict
    );
    let charges = parse("charges", "-customer:'cus_A'")
        .unwrap()
        .restrict("customer", "cus_A")
        .unwrap();
    assert!(!charges.matches_json(r#"{"customer":"cus_A"}"#).unwrap());
}

// Properties.

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _@.+-]{0,12}",
        prop::collection::vec(
            prop_oneof![
                Just("\"".to_string()),
                Just("'".to_string()),
                Just("\\".to_string()),
                Just(" ".to_string()),
                Just("AND".to_string()),
                Just("OR".to_string()),
                Just("-".to_string()),
                Just("null".to_string()),
                Just(":".to_string()),
                Just("(".to_string()),
                Just(")".to_string()),
                Just("é😀\u{2028}".to_string()),
                Just("customer:\"cus_A\"".to_string()),
                Just("]".to_string()),
                Just("[".to_string()),
            ],
            0..8
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// A clause valid for `resource`.
fn clause(resource: Resource) -> impl Strategy<Value = Clause> {
    let fields = resource.fields();
    (
        0..fields.len(),
        any::<bool>(),
        text(),
        text(),
        any::<i64>(),
        0u8..6,
        any::<bool>(),
    )
        .prop_map(move |(index, negated, key, string, number, pick, null)| {
            let spec = fields[index];
            let field = match spec.kind {
                FieldType::Metadata => Field::Key(spec.name.into(), key),
                _ => Field::Path(spec.name.into()),
            };
            let (operator, value) = match spec.kind {
                _ if null => (Operator::Exact, Value::Null),
                FieldType::Numeric | FieldType::Timestamp => {
                    let ops = [
                        Operator::Exact,
                        Operator::Greater,
                        Operator::Less,
                        Operator::GreaterOrEqual,
                        Operator::LessOrEqual,
                    ];
                    (ops[usize::from(pick) % ops.len()], Value::Integer(number))
                }
                FieldType::Boolean => (
                    Operator::Exact,
                    Value::Text(if pick % 2 == 0 { "true" } else { "false" }.into()),
                ),
                FieldType::String if pick % 2 == 0 && string.chars().count() >= 3 => {
                    (Operator::Substring, Value::Text(string))
                }
                _ => (Operator::Exact, Value::Text(string)),
            };
            Clause {
                negated,
                field,
                operator,
                value,
                spans: ClauseSpans::default(),
            }
        })
}

fn ast() -> impl Strategy<Value = (Resource, Ast)> {
    (0..Resource::ALL.len()).prop_flat_map(|index| {
        let resource = Resource::ALL[index];
        (
            Just(resource),
            prop::collection::vec(clause(resource), 1..=10),
            any::<bool>(),
        )
            .prop_map(|(resource, clauses, or)| {
                (
                    resource,
                    Ast {
                        joiner: if or && clauses.len() > 1 {
                            Joiner::Or
                        } else {
                            Joiner::And
                        },
                        clauses,
                    },
                )
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Printing any valid query and parsing the text gives the same query.
    #[test]
    fn print_then_parse_gives_the_query_back((resource, ast) in ast()) {
        let text = ast.to_string();
        let parsed = search::parse(&text, resource).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(parsed.ast(), &ast, "{}", text);
        prop_assert_eq!(Query::from_ast(&ast, resource).unwrap(), parsed);
    }

    /// Any text either parses or is refused with a span inside the text; never a panic.
    #[test]
    fn any_text_parses_or_is_refused_in_bounds(text in "\\PC{0,40}|[ -~]{0,60}") {
        match search::parse_ast(&text) {
            Ok(ast) => prop_assert!(!ast.clauses.is_empty() && ast.clauses.len() <= 10),
            Err(error) => prop_assert!(error.span.start <= error.span.end && error.span.end <= text.len() && text.is_char_boundary(error.span.start)),
        }
    }

    /// A restricted query never matches an object whose field has another value, and
    /// matches the original's verdict when it has the value: hostile queries, values
    /// and objects alike.
    #[test]
    fn restriction_cannot_be_escaped(
        (resource, ast) in ast(),
        value in text(),
        other in text(),
        status in text(),
        amount in any::<i64>(),
        key in text(),
    ) {
        let field = match resource.fields().iter().find(|f| f.kind == FieldType::Token) {
            Some(field) => field.name,
            None => return Ok(()),
        };
        // Stripe compares tokens ignoring case (see `Query::restrict`).
        prop_assume!(lowercase(&value) != lowercase(&other));
        let query = Query::from_ast(&ast, resource).unwrap();
        let Ok(restricted) = query.restrict(field, &value) else {
            prop_assert!(ast.joiner == Joiner::Or && ast.clauses.len() > 1 || ast.clauses.len() == 10);
            return Ok(());
        };
        let reparsed = search::parse(&restricted.to_string(), resource).unwrap();
        prop_assert_eq!(&reparsed, &restricted);
        let object = |owner: &str| {
            let mut object = json!({"status": status, "amount": amount, "total": amount, "created": amount, "name": status,
                "email": status, "metadata": {key.clone(): status}, "active": amount % 2 == 0});
            set(&mut object, field, json!(owner));
            object.to_string()
        };
        prop_assert!(!restricted.matches_json(&object(&other)).unwrap(), "{} matched {}", restricted, object(&other));
        prop_assert_eq!(restricted.matches_json(&object(&value)).unwrap(), query.matches_json(&object(&value)).unwrap());
    }
}

fn lowercase(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// Sets the dotted path `path` of `object` to `value`.
fn set(object: &mut Json, path: &str, value: Json) {
    let mut at = object;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            at[part] = value;
            return;
        }
        if !at[part].is_object() {
            at[part] = json!({});
        }
        at = &mut at[part];
    }
}

#[test]
fn spans_point_at_the_parts_of_each_clause() {
    let text = "-metadata['k']:'v' AND total>=10";
    let ast = search::parse_ast(text).unwrap();
    let spans = ast.clauses[0].spans;
    assert_eq!(
        &text[spans.clause.start..spans.clause.end],
        "-metadata['k']:'v'"
    );
    assert_eq!(&text[spans.field.start..spans.field.end], "metadata['k']");
    assert_eq!(&text[spans.operator.start..spans.operator.end], ":");
    assert_eq!(&text[spans.value.start..spans.value.end], "'v'");
    let spans = ast.clauses[1].spans;
    assert_eq!(&text[spans.operator.start..spans.operator.end], ">=");
    assert_eq!(&text[spans.value.start..spans.value.end], "10");
}
