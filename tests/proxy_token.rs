//! The proxy's tokens (`proxy::token`): a table of every refusal and its code, the
//! edges of each time rule, tokens minted by the `jose` npm package, and properties:
//! what `mint` makes `verify` reads back, and no change to a valid token is accepted.
// Native only: proptest is a native-only dev-dependency.
#![cfg(not(target_family = "wasm"))]

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use proptest::prelude::*;
use sha2::Sha256;
use stripe_edge::proxy::token::{
    self, AUDIENCE, Claims, MAX_TOKEN_BYTES, Rules, TokenError, bearer, mint, verify,
};

const SECRET: &str = "proxy-token-secret";
const NOW: i64 = 2_000_000_000;

fn part(text: &str) -> String {
    Base64UrlUnpadded::encode_string(text.as_bytes())
}

/// A token of this header and these claims (JSON text), signed with `secret`.
fn signed(header: &str, claims: &str, secret: &str) -> String {
    let body = format!("{}.{}", part(header), part(claims));
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    let signature = Base64UrlUnpadded::encode_string(&mac.finalize().into_bytes());
    format!("{body}.{signature}")
}

/// Claims JSON with valid members at `NOW`, `fields` (`"name": value` text) replacing
/// or adding members; a field of `"name": null` here removes `name`.
fn claims_json(fields: &[(&str, &str)]) -> String {
    let mut members = vec![
        ("sub", "\"cus_1\"".to_string()),
        ("scope", "\"customer\"".to_string()),
        ("aud", format!("\"{AUDIENCE}\"")),
        ("iat", NOW.to_string()),
        ("exp", (NOW + 600).to_string()),
    ];
    for (name, value) in fields {
        members.retain(|(key, _)| key != name);
        if *value != "null" {
            members.push((name, value.to_string()));
        }
    }
    let inner: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("\"{k}\":{v}"))
        .collect();
    format!("{{{}}}", inner.join(","))
}

fn valid_with(fields: &[(&str, &str)]) -> String {
    signed(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        &claims_json(fields),
        SECRET,
    )
}

fn check(token: &str) -> Result<Claims, TokenError> {
    verify(token, &[SECRET], NOW, &Rules::default())
}

#[test]
fn every_refusal_has_its_code_and_is_a_401() {
    let valid = valid_with(&[]);
    let (head, rest) = valid.split_once('.').unwrap();
    let (claims_part, signature) = rest.split_once('.').unwrap();
    let long = format!(
        "{}.{}.{}",
        "a".repeat(2000),
        "b".repeat(2000),
        "c".repeat(100)
    );
    let other_claims = part(&claims_json(&[("sub", "\"cus_2\"")]));
    #[rustfmt::skip]
    let cases: Vec<(&str, Result<String, TokenError>, TokenError, &str)> = vec![
        ("two parts", Ok(format!("{head}.{claims_part}")), TokenError::Malformed, "token_malformed"),
        ("four parts", Ok(format!("{valid}.x")), TokenError::Malformed, "token_malformed"),
        ("empty", Ok(String::new()), TokenError::Malformed, "token_malformed"),
        ("over the size cap", Ok(long), TokenError::Malformed, "token_malformed"),
        ("a header that is not base64url", Ok(format!("*{head}.{claims_part}.{signature}")), TokenError::Encoding, "token_encoding"),
        ("padding", Ok(format!("{head}==.{claims_part}.{signature}")), TokenError::Encoding, "token_encoding"),
        ("standard base64 (+ and /)", Ok(format!("+/8.{claims_part}.{signature}")), TokenError::Encoding, "token_encoding"),
        ("a header that is not JSON", Ok(signed("alg=HS256", &claims_json(&[]), SECRET)), TokenError::Encoding, "token_encoding"),
        ("a header that is an array", Ok(signed(r#"["HS256"]"#, &claims_json(&[]), SECRET)), TokenError::Encoding, "token_encoding"),
        ("a header without alg", Ok(signed(r#"{"typ":"JWT"}"#, &claims_json(&[]), SECRET)), TokenError::Encoding, "token_encoding"),
        ("alg that is no string", Ok(signed(r#"{"alg":256}"#, &claims_json(&[]), SECRET)), TokenError::Encoding, "token_encoding"),
        ("a header that is not UTF-8", Ok(format!("{}.{claims_part}.{signature}", Base64UrlUnpadded::encode_string(&[0xff, 0xfe]))), TokenError::Encoding, "token_encoding"),
        ("a signature that is not base64url", Ok(format!("{head}.{claims_part}.{signature}!")), TokenError::Encoding, "token_encoding"),
        ("signed claims that are not JSON", Ok(signed(r#"{"alg":"HS256"}"#, "sub=cus_1", SECRET)), TokenError::Encoding, "token_encoding"),
        ("signed claims that are an array", Ok(signed(r#"{"alg":"HS256"}"#, "[]", SECRET)), TokenError::Encoding, "token_encoding"),
        ("alg none", Ok(format!("{}.{claims_part}.", part(r#"{"alg":"none"}"#))), TokenError::Algorithm("none".into()), "token_algorithm"),
        ("alg None", Ok(signed(r#"{"alg":"None"}"#, &claims_json(&[]), SECRET)), TokenError::Algorithm("None".into()), "token_algorithm"),
        ("alg hs256", Ok(signed(r#"{"alg":"hs256"}"#, &claims_json(&[]), SECRET)), TokenError::Algorithm("hs256".into()), "token_algorithm"),
        ("alg RS256", Ok(signed(r#"{"alg":"RS256"}"#, &claims_json(&[]), SECRET)), TokenError::Algorithm("RS256".into()), "token_algorithm"),
        ("alg HS512", Ok(signed(r#"{"alg":"HS512"}"#, &claims_json(&[]), SECRET)), TokenError::Algorithm("HS512".into()), "token_algorithm"),
        ("the last alg wins, as in JSON.parse", Ok(signed(r#"{"alg":"HS256","alg":"none"}"#, &claims_json(&[]), SECRET)), TokenError::Algorithm("none".into()), "token_algorithm"),
        ("another secret", Ok(signed(r#"{"alg":"HS256"}"#, &claims_json(&[]), "another-secret")), TokenError::Signature, "token_signature"),
        ("an empty secret", Ok(signed(r#"{"alg":"HS256"}"#, &claims_json(&[]), "")), TokenError::Signature, "token_signature"),
        ("other claims under this signature", Ok(format!("{head}.{other_claims}.{signature}")), TokenError::Signature, "token_signature"),
        ("an empty signature", Ok(format!("{head}.{claims_part}.")), TokenError::Signature, "token_signature"),
        ("a signature cut to 30 bytes", Ok(format!("{head}.{claims_part}.{}", &signature[..40])), TokenError::Signature, "token_signature"),
        ("the signature twice", Ok(format!("{head}.{claims_part}.{}", Base64UrlUnpadded::encode_string(&[Base64UrlUnpadded::decode_vec(signature).unwrap(), Base64UrlUnpadded::decode_vec(signature).unwrap()].concat()))), TokenError::Signature, "token_signature"),
        ("no sub", Ok(valid_with(&[("sub", "null")])), TokenError::Claim("sub"), "token_claims"),
        ("an empty sub", Ok(valid_with(&[("sub", "\"\"")])), TokenError::Claim("sub"), "token_claims"),
        ("a sub that is a number", Ok(valid_with(&[("sub", "1")])), TokenError::Claim("sub"), "token_claims"),
        ("no scope", Ok(valid_with(&[("scope", "null")])), TokenError::Claim("scope"), "token_claims"),
        ("no aud", Ok(valid_with(&[("aud", "null")])), TokenError::Claim("aud"), "token_claims"),
        ("no exp", Ok(valid_with(&[("exp", "null")])), TokenError::Claim("exp"), "token_claims"),
        ("exp as text", Ok(valid_with(&[("exp", "\"2000000600\"")])), TokenError::Claim("exp"), "token_claims"),
        ("exp with a fraction", Ok(valid_with(&[("exp", "2000000600.5")])), TokenError::Claim("exp"), "token_claims"),
        ("exp in exponent form", Ok(valid_with(&[("exp", "2.0000006e9")])), TokenError::Claim("exp"), "token_claims"),
        ("exp beyond i64", Ok(valid_with(&[("exp", "99999999999999999999")])), TokenError::Claim("exp"), "token_claims"),
        ("no iat", Ok(valid_with(&[("iat", "null")])), TokenError::Claim("iat"), "token_claims"),
        ("nbf as text", Ok(valid_with(&[("nbf", "\"0\"")])), TokenError::Claim("nbf"), "token_claims"),
        ("another audience", Ok(valid_with(&[("aud", "\"stripe-edge-admin\"")])), TokenError::Audience, "token_audience"),
        ("our audience in another case", Ok(valid_with(&[("aud", "\"Stripe-Edge\"")])), TokenError::Audience, "token_audience"),
        ("audiences without ours", Ok(valid_with(&[("aud", "[\"a\",\"b\"]")])), TokenError::Audience, "token_audience"),
        ("an empty audience list", Ok(valid_with(&[("aud", "[]")])), TokenError::Audience, "token_audience"),
        ("an audience that is an object", Ok(valid_with(&[("aud", "{\"stripe-edge\":true}")])), TokenError::Audience, "token_audience"),
        ("our audience nested in a list", Ok(valid_with(&[("aud", "[[\"stripe-edge\"]]")])), TokenError::Audience, "token_audience"),
        ("expired a minute ago", Ok(valid_with(&[("iat", "1999999000"), ("exp", "1999999940")])), TokenError::Expired, "token_expired"),
        ("not valid for 61 s", Ok(valid_with(&[("nbf", "2000000061")])), TokenError::NotYetValid, "token_not_yet_valid"),
        ("issued 61 s from now", Ok(valid_with(&[("iat", "2000000061"), ("exp", "2000000600")])), TokenError::IssuedInFuture, "token_issued_in_future"),
        ("an hour and a second", Ok(valid_with(&[("exp", "2000003601")])), TokenError::LifetimeTooLong, "token_lifetime"),
        ("iat at the start of time", Ok(valid_with(&[("iat", "-9223372036854775808")])), TokenError::LifetimeTooLong, "token_lifetime"),
    ];
    for (label, token, error, code) in cases {
        let token = token.unwrap();
        let verdict = check(&token);
        assert_eq!(verdict, Err(error.clone()), "{label}");
        assert_eq!(error.code(), code, "{label}");
        let http = error.to_http();
        assert_eq!((http.status, http.code), (401, code), "{label}");
        assert!(!http.message.is_empty(), "{label}");
    }
}

#[test]
fn the_bearer_header_is_read_in_any_case_and_nothing_else_is_a_token() {
    assert_eq!(bearer(Some("Bearer abc")), Ok("abc"));
    assert_eq!(bearer(Some("bearer abc")), Ok("abc"));
    assert_eq!(bearer(Some("BEARER   abc  ")), Ok("abc"));
    for value in [
        None,
        Some(""),
        Some("Bearer"),
        Some("Bearer "),
        Some("Bearer    "),
        Some("Basic abc"),
        Some("Bearerabc"),
        Some("Bearer\tabc"),
        Some("Token abc"),
        Some("abc"),
    ] {
        assert_eq!(bearer(value), Err(TokenError::Missing), "{value:?}");
    }
    assert_eq!(TokenError::Missing.code(), "token_missing");
    assert_eq!(TokenError::Missing.to_http().status, 401);
}

#[test]
fn each_time_rule_holds_exactly_at_its_edge() {
    let rules = Rules::default();
    assert_eq!((rules.skew, rules.max_lifetime), (60, 3600));
    let at = |fields: &[(&str, &str)]| check(&valid_with(fields));
    // exp: refused once `now - skew` reaches it.
    assert!(at(&[("iat", "1999999000"), ("exp", "1999999941")]).is_ok());
    assert_eq!(
        at(&[("iat", "1999999000"), ("exp", "1999999940")]),
        Err(TokenError::Expired)
    );
    // nbf and iat: up to the skew ahead.
    assert!(at(&[("nbf", "2000000060")]).is_ok());
    assert_eq!(at(&[("nbf", "2000000061")]), Err(TokenError::NotYetValid));
    assert!(at(&[("iat", "2000000060"), ("exp", "2000000600")]).is_ok());
    assert_eq!(
        at(&[("iat", "2000000061"), ("exp", "2000000600")]),
        Err(TokenError::IssuedInFuture)
    );
    // The lifetime: exactly the maximum.
    assert!(at(&[("exp", "2000003600")]).is_ok());
    assert_eq!(
        at(&[("exp", "2000003601")]),
        Err(TokenError::LifetimeTooLong)
    );
    // Other rules move the edges.
    let strict = Rules {
        max_lifetime: 60,
        skew: 0,
    };
    let token = valid_with(&[("exp", "2000000060")]);
    assert!(verify(&token, &[SECRET], NOW, &strict).is_ok());
    assert_eq!(
        verify(&token, &[SECRET], NOW + 60, &strict),
        Err(TokenError::Expired)
    );
    assert_eq!(
        verify(
            &valid_with(&[("exp", "2000000061")]),
            &[SECRET],
            NOW,
            &strict
        ),
        Err(TokenError::LifetimeTooLong)
    );
}

#[test]
fn any_secret_of_a_rotation_verifies_and_order_does_not_matter() {
    let token = valid_with(&[]);
    for secrets in [vec![SECRET, "new"], vec!["old", SECRET], vec![SECRET]] {
        assert!(verify(&token, &secrets, NOW, &Rules::default()).is_ok());
    }
    let none: [&str; 0] = [];
    assert_eq!(
        verify(&token, &none, NOW, &Rules::default()),
        Err(TokenError::Signature)
    );
    assert_eq!(
        verify(&token, &["old", "new"], NOW, &Rules::default()),
        Err(TokenError::Signature)
    );
}

/// Tokens minted by the `jose` npm package (6.x) with the secret `jose-vector-secret`:
/// `new SignJWT({ scope: 'customer' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
/// .setSubject('cus_jose').setAudience('stripe-edge').setIssuedAt(2000000000)
/// .setExpirationTime(2000000600)`, and one with `sub` and `scope` in the payload,
/// an audience list, `nbf` and a sub outside ASCII.
#[test]
fn tokens_minted_by_jose_are_read() {
    let secret = ["jose-vector-secret"];
    let first = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6ImN1c3RvbWVyIiwic3ViIjoiY3VzX2pvc2UiLCJhdWQiOiJzdHJpcGUtZWRnZSIsImlhdCI6MjAwMDAwMDAwMCwiZXhwIjoyMDAwMDAwNjAwfQ.1LRpWhaxde7-1sBSzSx0-8IVj5m5YNkYhNQvpu9TZqM";
    assert_eq!(
        verify(first, &secret, NOW, &Rules::default()),
        Ok(Claims {
            sub: "cus_jose".into(),
            scope: "customer".into(),
            exp: 2_000_000_600,
            iat: NOW,
            nbf: None
        })
    );
    let second = "eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6ImJhY2stb2ZmaWNlIiwic3ViIjoic3ZjLcO8bsOvY8O4ZMOpIFwicXVvdGVkXCIiLCJhdWQiOlsib3RoZXIiLCJzdHJpcGUtZWRnZSJdLCJpYXQiOjIwMDAwMDAwMDAsIm5iZiI6MjAwMDAwMDEwMCwiZXhwIjoyMDAwMDAzNjAwfQ.90kwsHi3zzyKG93DZxO4RbBVlskFVRWXJHKhtCqraSg";
    assert_eq!(
        verify(second, &secret, NOW + 100, &Rules::default()),
        Ok(Claims {
            sub: "svc-ünïcødé \"quoted\"".into(),
            scope: "back-office".into(),
            exp: 2_000_003_600,
            iat: NOW,
            nbf: Some(2_000_000_100)
        })
    );
    assert_eq!(
        verify(second, &secret, NOW, &Rules::default()),
        Err(TokenError::NotYetValid)
    );
    assert_eq!(
        verify(first, &["jose-vector-secreT"], NOW, &Rules::default()),
        Err(TokenError::Signature)
    );
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_]{1,24}",
        "\\PC{1,24}",
        Just("cus_\"quoted\"\\back\u{0}slash".to_string()),
    ]
}

/// Claims that are valid at `NOW`: issued up to 50 minutes ago or a minute ahead,
/// unexpired, an hour long at most, maybe not valid before a time up to a minute ahead.
fn claims() -> impl Strategy<Value = Claims> {
    (text(), text(), -60i64..=3_000)
        .prop_flat_map(|(sub, scope, back)| {
            let shortest = (back - 59).max(1);
            (
                Just(sub),
                Just(scope),
                Just(back),
                shortest..=3_600i64,
                prop::option::of(-3_600i64..=60),
            )
        })
        .prop_map(|(sub, scope, back, lifetime, nbf)| Claims {
            sub,
            scope,
            iat: NOW - back,
            exp: NOW - back + lifetime,
            nbf: nbf.map(|ahead| NOW + ahead),
        })
}

/// What a backend mints: claims from a subject, a scope, a time and a lifetime, or the
/// claim that cannot be.
#[test]
fn issued_claims_are_checked() {
    let issued = Claims::issue("cus_A", "customer", NOW, 900).unwrap();
    assert_eq!(
        issued,
        Claims {
            sub: "cus_A".into(),
            scope: "customer".into(),
            iat: NOW,
            exp: NOW + 900,
            nbf: None
        }
    );
    let token = mint(SECRET.as_bytes(), &issued);
    assert_eq!(
        verify(&token, &[SECRET], NOW, &Rules::default()),
        Ok(issued)
    );
    let safe = (1_i64 << 53) - 1;
    for (sub, scope, now, ttl, claim) in [
        ("", "customer", NOW, 900, "sub"),
        ("cus_A", "", NOW, 900, "scope"),
        ("cus_A", "customer", NOW, 0, "exp"),
        ("cus_A", "customer", NOW, -5, "exp"),
        ("cus_A", "customer", i64::MAX, 1, "exp"),
        ("cus_A", "customer", safe, 1, "exp"),
    ] {
        assert_eq!(
            Claims::issue(sub, scope, now, ttl),
            Err(TokenError::Claim(claim)),
            "{sub:?} {scope:?} {now} {ttl}"
        );
    }
    assert_eq!(
        Claims::issue("cus_A", "customer", safe - 1, 1).map(|c| c.exp),
        Ok(safe)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// What `mint` makes, `verify` reads back exactly, when the claims are valid now.
    #[test]
    fn minted_tokens_verify_to_their_claims(claims in claims(), secret in "\\PC{0,40}") {
        let token = mint(secret.as_bytes(), &claims);
        prop_assert_eq!(verify(&token, &[secret.as_bytes()], NOW, &Rules::default()), Ok(claims));
    }

    /// No change of one byte, no cut and no addition makes a valid token of another:
    /// each is refused.
    #[test]
    fn no_change_to_a_token_is_accepted(
        claims in claims(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let token = mint(SECRET.as_bytes(), &claims);
        let mut bytes = token.clone().into_bytes();
        let i = at.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        if let Ok(changed) = String::from_utf8(bytes) {
            // A change in the last character may only touch bits base64url leaves unused;
            // those encodings are refused as not canonical or read as the same bytes.
            let verdict = check(&changed);
            prop_assert!(verdict.is_err() || verdict == Ok(claims.clone()), "{}: {:?}", changed, verdict);
        }
        let cut = &token[..cut.index(token.len())];
        prop_assert!(check(cut).is_err());
        let longer = format!("{token}A");
        prop_assert!(check(&longer).is_err());
    }

    /// Any text at all: a verdict, never a panic, and no token over the cap is read.
    #[test]
    fn any_text_gets_a_verdict(text in "\\PC{0,200}", long in 0usize..3) {
        let padded = format!("{text}{}", "A".repeat(long * MAX_TOKEN_BYTES));
        let verdict = check(&padded);
        if padded.len() > MAX_TOKEN_BYTES {
            prop_assert_eq!(verdict, Err(TokenError::Malformed));
        }
        let _ = token::bearer(Some(&padded));
    }
}
