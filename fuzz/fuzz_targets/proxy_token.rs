//! The proxy's token parser (`proxy::token::bearer` and `verify`) on any input, against
//! an oracle built from the rules in `src/proxy/token.rs` with serde_json (which keeps
//! the last of repeated members, as `JSON.parse` does) and RustCrypto's HMAC:
//!
//! - mode 0: the input is an `Authorization` header value, read and verified as is;
//! - mode 1: the input is a header and claims (JSON text, split at the first NUL),
//!   signed here with one of the secrets (or none), so the claim rules are reached.
//!
//! The verdict, the error and the claims must be the oracle's; an accepted token must
//! carry a signature of its first two parts by one of the secrets.
#![no_main]

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use sha2::Sha256;
use stripe_edge::proxy::token::{AUDIENCE, Claims, MAX_TOKEN_BYTES, Rules, TokenError, bearer, verify};

const SECRETS: [&str; 2] = ["fuzz-token-secret-one", "fuzz-token-secret-two"];
const NOW: i64 = 2_000_000_000;

fn signature(secret: &str, signed: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(signed.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// What a token part reads as.
enum Part {
    /// Not base64url of UTF-8 text.
    NotText,
    /// Text serde_json does not read (a lone surrogate, nesting past its limit).
    Unread,
    /// JSON that is not an object.
    NotObject,
    /// A JSON object.
    Object(serde_json::Map<String, Value>),
}

fn part(text: &str) -> Part {
    let Some(text) = Base64UrlUnpadded::decode_vec(text)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
    else {
        return Part::NotText;
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Part::Object(map),
        Ok(_) => Part::NotObject,
        Err(error) if (error.is_syntax() || error.is_eof()) && !text.contains('\\') && depth(&text) < 100 => Part::NotObject,
        Err(_) => Part::Unread,
    }
}

/// How deep brackets nest in `text`, at most.
fn depth(text: &str) -> usize {
    let (mut now, mut most) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'{' | b'[' => {
                now += 1;
                most = most.max(now);
            }
            b'}' | b']' => now = now.saturating_sub(1),
            _ => {}
        }
    }
    most
}

/// The verdict the rules give for `token`; `None` where serde_json and the core's JSON
/// reader may fairly differ (text serde_json refuses, such as a lone surrogate).
fn oracle(token: &str) -> Option<Result<Claims, TokenError>> {
    let rules = Rules::default();
    if token.len() > MAX_TOKEN_BYTES {
        return Some(Err(TokenError::Malformed));
    }
    let parts: Vec<&str> = token.split('.').collect();
    let [header, payload, sig] = parts[..] else {
        return Some(Err(TokenError::Malformed));
    };
    let header = match part(header) {
        Part::NotText | Part::NotObject => return Some(Err(TokenError::Encoding)),
        Part::Unread => return None,
        Part::Object(map) => map,
    };
    let alg = match header.get("alg") {
        Some(Value::String(alg)) => alg,
        _ => return Some(Err(TokenError::Encoding)),
    };
    if alg != "HS256" {
        return Some(Err(TokenError::Algorithm(alg.clone())));
    }
    let Ok(sig) = Base64UrlUnpadded::decode_vec(sig) else {
        return Some(Err(TokenError::Encoding));
    };
    let signed = &token[..header_len(token)];
    if !SECRETS.iter().any(|secret| signature(secret, signed) == sig) {
        return Some(Err(TokenError::Signature));
    }
    let claims = match part(payload) {
        Part::NotText | Part::NotObject => return Some(Err(TokenError::Encoding)),
        Part::Unread => return None,
        Part::Object(map) => map,
    };
    let Some(aud) = claims.get("aud") else {
        return Some(Err(TokenError::Claim("aud")));
    };
    let ours = |value: &Value| value.as_str() == Some(AUDIENCE);
    let audience_ok = match aud {
        Value::Array(items) => items.iter().any(ours),
        other => ours(other),
    };
    if !audience_ok {
        return Some(Err(TokenError::Audience));
    }
    let seconds = |name: &'static str| match claims.get(name) {
        None => Ok(None),
        Some(value) => value.as_i64().map(Some).ok_or(TokenError::Claim(name)),
    };
    let required = |name: &'static str| seconds(name).and_then(|v| v.ok_or(TokenError::Claim(name)));
    let text = |name: &'static str| match claims.get(name) {
        Some(Value::String(value)) if !value.is_empty() => Ok(value.clone()),
        _ => Err(TokenError::Claim(name)),
    };
    let verdict = (|| {
        let exp = required("exp")?;
        let iat = required("iat")?;
        let nbf = seconds("nbf")?;
        let claims = Claims { sub: text("sub")?, scope: text("scope")?, exp, iat, nbf };
        if NOW.saturating_sub(rules.skew) >= exp {
            return Err(TokenError::Expired);
        }
        if nbf.is_some_and(|nbf| NOW.saturating_add(rules.skew) < nbf) {
            return Err(TokenError::NotYetValid);
        }
        if NOW.saturating_add(rules.skew) < iat {
            return Err(TokenError::IssuedInFuture);
        }
        if exp.saturating_sub(iat) > rules.max_lifetime {
            return Err(TokenError::LifetimeTooLong);
        }
        Ok(claims)
    })();
    Some(verdict)
}

/// The length of the signed part: the header, a dot, the claims.
fn header_len(token: &str) -> usize {
    let mut dots = token.match_indices('.').map(|(at, _)| at);
    dots.nth(1).unwrap_or(token.len())
}

fn check(token: &str) {
    let verdict = verify(token, &SECRETS, NOW, &Rules::default());
    if verdict.is_ok() {
        let (signed, sig) = token.rsplit_once('.').unwrap();
        let sig = Base64UrlUnpadded::decode_vec(sig).unwrap();
        assert!(SECRETS.iter().any(|secret| signature(secret, signed) == sig), "{token:?}");
    }
    if let Some(expected) = oracle(token) {
        assert_eq!(verdict, expected, "{token:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else {
        return;
    };
    let Ok(text) = core::str::from_utf8(rest) else {
        return;
    };
    match mode % 3 {
        0 => {
            if let Ok(token) = bearer(Some(text)) {
                assert!(!token.is_empty() && token.trim() == token, "{text:?}");
                check(token);
            }
        }
        secret => {
            let (header, claims) = text.split_once('\0').unwrap_or((text, ""));
            let signed = format!(
                "{}.{}",
                Base64UrlUnpadded::encode_string(header.as_bytes()),
                Base64UrlUnpadded::encode_string(claims.as_bytes())
            );
            let sig = signature(if secret == 1 { SECRETS[1] } else { "not-a-secret" }, &signed);
            check(&format!("{signed}.{}", Base64UrlUnpadded::encode_string(&sig)));
        }
    }
});
