//! Form decoding as Stripe's clients encode parameters: the bodies below are what
//! stripe-node and stripe-python send for the same nested parameters (their `qs`-style
//! encoding: `a[b]=c`, indexed arrays `a[0][b]=c`, `expand[]`/`expand[0]`). Whether an
//! indexed key is an array's or a hash's is the endpoint's schema's to say.

use stripe_edge::api::{self, RequestError};
use stripe_edge::form::{self, FormErrorReason, FormValue};

fn text(value: &str) -> FormValue {
    FormValue::Text(value.into())
}

fn map(members: &[(&str, FormValue)]) -> FormValue {
    FormValue::Map(
        members
            .iter()
            .map(|(k, v)| ((*k).into(), v.clone()))
            .collect(),
    )
}

#[test]
fn nested_parameters_decode_to_a_tree() {
    let cases: Vec<(&str, FormValue)> = vec![
        ("", map(&[])),
        ("a=1", map(&[("a", text("1"))])),
        ("0=a&1=b", map(&[("0", text("a")), ("1", text("b"))])),
        ("a=", map(&[("a", text(""))])),
        ("a", map(&[("a", text(""))])),
        ("a=1&&b=2", map(&[("a", text("1")), ("b", text("2"))])),
        (
            "email=amy%40example.com&name=Amy+R%C3%A9",
            map(&[("email", text("amy@example.com")), ("name", text("Amy Ré"))]),
        ),
        (
            "metadata[order_id]=6735",
            map(&[("metadata", map(&[("order_id", text("6735"))]))]),
        ),
        (
            "metadata%5Border_id%5D=6735",
            map(&[("metadata", map(&[("order_id", text("6735"))]))]),
        ),
        (
            "expand[]=customer&expand[]=lines",
            map(&[(
                "expand",
                FormValue::List(vec![text("customer"), text("lines")]),
            )]),
        ),
        (
            "expand[0]=customer&expand[1]=lines",
            map(&[(
                "expand",
                map(&[("0", text("customer")), ("1", text("lines"))]),
            )]),
        ),
        (
            "a[1]=y&a[0]=x",
            map(&[("a", map(&[("1", text("y")), ("0", text("x"))]))]),
        ),
        (
            "items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2",
            map(&[(
                "items",
                map(&[
                    ("0", map(&[("price", text("p_1")), ("quantity", text("2"))])),
                    ("1", map(&[("price", text("p_2"))])),
                ]),
            )]),
        ),
        (
            "parameters[interval_start]=1&parameters[columns][0]=a&parameters[columns][1]=b",
            map(&[(
                "parameters",
                map(&[
                    ("interval_start", text("1")),
                    ("columns", map(&[("0", text("a")), ("1", text("b"))])),
                ]),
            )]),
        ),
        (
            "lines[][amount]=1&lines[][amount]=2",
            map(&[(
                "lines",
                FormValue::List(vec![
                    map(&[("amount", text("1"))]),
                    map(&[("amount", text("2"))]),
                ]),
            )]),
        ),
        // A hash whose keys are digits stays a hash (issue 13, defect 5).
        (
            "metadata[0]=a",
            map(&[("metadata", map(&[("0", text("a"))]))]),
        ),
        // Two spellings of one index are two keys, not two elements.
        (
            "a[0]=x&a[00]=y",
            map(&[("a", map(&[("0", text("x")), ("00", text("y"))]))]),
        ),
        (
            "created[gte]=5&limit=3",
            map(&[
                ("created", map(&[("gte", text("5"))])),
                ("limit", text("3")),
            ]),
        ),
        (
            "a[b][c][d]=deep",
            map(&[(
                "a",
                map(&[("b", map(&[("c", map(&[("d", text("deep"))]))]))]),
            )]),
        ),
        (
            "q=status%3A%22open%22+AND+total%3E1000",
            map(&[("q", text("status:\"open\" AND total>1000"))]),
        ),
        (
            "a[x1]=1&a[0]=2",
            map(&[("a", map(&[("x1", text("1")), ("0", text("2"))]))]),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(form::decode(body), Ok(expected), "{body}");
    }
}

#[test]
fn malformed_parameters_are_named() {
    for (body, param, reason) in [
        ("a=1&a=2", "a", FormErrorReason::Conflict),
        ("a=1&a[b]=2", "a[b]", FormErrorReason::Conflict),
        ("a[b]=1&a=2", "a", FormErrorReason::Conflict),
        ("a[b=1", "a[b", FormErrorReason::BadBrackets),
        ("a[b]c=1", "a[b]c", FormErrorReason::BadBrackets),
        ("a=%zz", "a", FormErrorReason::BadEncoding),
        ("a=%4", "a", FormErrorReason::BadEncoding),
        ("a=%ff", "a", FormErrorReason::BadEncoding),
        ("%ff=1", "%ff", FormErrorReason::BadEncoding),
        ("[]=1", "[]", FormErrorReason::BadBrackets),
        ("=1", "", FormErrorReason::BadBrackets),
        ("a[]=1&a[b]=2", "a[b]", FormErrorReason::Conflict),
        ("a[b]=1&a[]=2", "a[]", FormErrorReason::Conflict),
        ("a[0]=1&a[0]=2", "a[0]", FormErrorReason::Conflict),
        ("a[]=1&a[][b]=2&a=3", "a", FormErrorReason::Conflict),
    ] {
        let error = form::decode(body).unwrap_err();
        assert_eq!(
            (error.param.as_str(), error.reason),
            (param, reason),
            "{body}"
        );
        assert!(error.to_string().contains(param));
    }
}

#[test]
fn hostile_bodies_decode_or_fail_without_panicking() {
    let deep = |levels: usize| format!("a{}=1", "[b]".repeat(levels));
    assert!(form::decode(&deep(form::MAX_DEPTH - 1)).is_ok());
    assert_eq!(
        form::decode(&deep(form::MAX_DEPTH)).unwrap_err().reason,
        FormErrorReason::TooDeep
    );
    assert_eq!(
        form::decode(&deep(100_000)).unwrap_err().reason,
        FormErrorReason::TooDeep
    );
    let wide: String = (0..5000).map(|i| format!("a[{i}]=x&")).collect();
    assert_eq!(
        form::decode(&wide)
            .unwrap()
            .get("a")
            .and_then(FormValue::as_map)
            .map(<[_]>::len),
        Some(5000)
    );
    for body in [
        "[", "]", "=", "&=&", "[]=1", "a[]]=1", "a[[]=1", "%", "+=+", "a[%5D=1",
    ] {
        let _ = form::decode(body);
    }
}

#[test]
fn indexed_keys_are_arrays_where_the_schema_says_so() {
    // `expand` is an array: its indexes become a list, in index order.
    let decoded = form::decode("expand[1]=lines&expand[0]=customer").unwrap();
    assert_eq!(
        api::INVOICE_RETRIEVE.check_params(&decoded),
        Ok(map(&[(
            "expand",
            FormValue::List(vec![text("customer"), text("lines")])
        )]))
    );
    // `metadata` is a hash: `metadata[0]` is its key `0`, and round-trips from JSON.
    let json = FormValue::from_json_text(r#"{"metadata":{"0":"a","1":"b"}}"#).unwrap();
    let checked = api::INVOICE_CREATE.check_params(&json).unwrap();
    assert_eq!(checked, json);
    let decoded = form::decode(&form::encode(&json)).unwrap();
    assert_eq!(decoded, json);
    assert_eq!(api::INVOICE_CREATE.check_params(&decoded), Ok(json));
    // Two spellings of one index: two keys of a hash, and refused for an array.
    let decoded = form::decode("metadata[0]=x&metadata[00]=y").unwrap();
    assert_eq!(
        api::INVOICE_CREATE.check_params(&decoded),
        Ok(map(&[(
            "metadata",
            map(&[("0", text("x")), ("00", text("y"))])
        )]))
    );
    let decoded = form::decode("expand[0]=x&expand[00]=y").unwrap();
    assert_eq!(
        api::INVOICE_RETRIEVE.check_params(&decoded),
        Err(RequestError::InvalidParameter {
            endpoint: "invoices.retrieve",
            param: "expand[00]".into(),
            expected: "an index of the array expand (0, 1, 2, ...)".into(),
        })
    );
    // Lists of hashes, as invoice lines are sent.
    let decoded = form::decode(
        "custom_fields[1][name]=b&custom_fields[1][value]=2&custom_fields[0][name]=a&custom_fields[0][value]=1",
    )
    .unwrap();
    let checked = api::INVOICE_CREATE.check_params(&decoded).unwrap();
    assert_eq!(
        checked,
        map(&[(
            "custom_fields",
            FormValue::List(vec![
                map(&[("name", text("a")), ("value", text("1"))]),
                map(&[("name", text("b")), ("value", text("2"))]),
            ])
        )])
    );
}

#[test]
fn a_body_holds_at_most_max_params_parameters() {
    let body = |n: usize| -> String {
        (0..n)
            .map(|i| format!("k{i}=v"))
            .collect::<Vec<_>>()
            .join("&")
    };
    let full = form::decode(&body(form::MAX_PARAMS)).unwrap();
    assert_eq!(full.as_map().map(<[_]>::len), Some(form::MAX_PARAMS));
    let error = form::decode(&body(form::MAX_PARAMS + 1)).unwrap_err();
    assert_eq!(error.reason, FormErrorReason::TooMany);
    assert_eq!(error.param, format!("k{}", form::MAX_PARAMS));
    assert_eq!(
        error.to_string(),
        format!(
            "parameter 'k{}' is one more than the 10000 parameters a body may hold",
            form::MAX_PARAMS
        )
    );
    // The review's case: 40,000 distinct keys are refused, not decoded.
    assert_eq!(
        form::decode(&body(40_000)).unwrap_err().reason,
        FormErrorReason::TooMany
    );
    // Empty pairs (`&&`) are not parameters.
    let sparse = format!("{}&&&", body(form::MAX_PARAMS));
    assert!(form::decode(&sparse).is_ok());
    // Nor may an array index reach past the cap.
    let far = format!("expand[{}]=x", form::MAX_PARAMS);
    assert!(matches!(
        api::INVOICE_RETRIEVE.check_params(&form::decode(&far).unwrap()),
        Err(RequestError::InvalidParameter { .. })
    ));
}
