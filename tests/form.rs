//! Form decoding as Stripe's clients encode parameters: the bodies below are what
//! stripe-node and stripe-python send for the same nested parameters (their `qs`-style
//! encoding: `a[b]=c`, indexed arrays `a[0][b]=c`, `expand[]`/`expand[0]`).

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
                FormValue::List(vec![text("customer"), text("lines")]),
            )]),
        ),
        (
            "a[1]=y&a[0]=x",
            map(&[("a", FormValue::List(vec![text("x"), text("y")]))]),
        ),
        (
            "items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2",
            map(&[(
                "items",
                FormValue::List(vec![
                    map(&[("price", text("p_1")), ("quantity", text("2"))]),
                    map(&[("price", text("p_2"))]),
                ]),
            )]),
        ),
        (
            "parameters[interval_start]=1&parameters[columns][0]=a&parameters[columns][1]=b",
            map(&[(
                "parameters",
                map(&[
                    ("interval_start", text("1")),
                    ("columns", FormValue::List(vec![text("a"), text("b")])),
                ]),
            )]),
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
            .and_then(FormValue::as_list)
            .map(<[_]>::len),
        Some(5000)
    );
    for body in [
        "[", "]", "=", "&=&", "[]=1", "a[]]=1", "a[[]=1", "%", "+=+", "a[%5D=1",
    ] {
        let _ = form::decode(body);
    }
}
