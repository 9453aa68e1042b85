//! The proxy's tokens: JSON Web Tokens signed with HS256 (RFC 7519, RFC 7515), minted
//! by the merchant's backend and checked by the Worker before any policy is consulted.
//!
//! Why not a JWT crate: the well-kept ones either need `std` (`jsonwebtoken`,
//! `jwt-simple`) or, without it, bring serde, serde_json, chrono and anyhow into this
//! `no_std` core (`jwt-compact`), which ships in the Worker and the npm package. HS256
//! is one HMAC (the core's, as the webhook signatures use), base64url (RustCrypto's
//! `base64ct`) and the core's JSON reader; only that much is written here, and the
//! tests check it against the `jose` npm package both ways.
//!
//! Checks, in order: three dot-separated base64url parts; a header that is JSON with
//! `alg` exactly `HS256` (so `none`, `RS256` and every other algorithm are refused
//! before any key is used); a signature that matches one of the secrets (several
//! during a rotation), compared in constant time; then the claims: `aud`, `exp`,
//! `nbf`, `iat`, the lifetime, with a clock skew allowed each way.

use alloc::string::String;
use alloc::vec::Vec;

use base64ct::{Base64UrlUnpadded, Encoding};
use subtle::ConstantTimeEq;

use crate::error::{ErrorType, HttpError};
use crate::json::{self, Kind, RawJson};
use crate::webhook::{HmacSha256, RustCrypto};

/// The audience every proxy token names.
pub const AUDIENCE: &str = "stripe-edge";

/// The longest token accepted, in bytes: far above any real token, it bounds the work
/// an attacker can ask for.
pub const MAX_TOKEN_BYTES: usize = 4096;

/// The last time a token may name: JavaScript's largest exact integer.
const MAX_SAFE_TIME: i64 = (1 << 53) - 1;

/// A token's claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claims {
    /// Who calls: a customer id (`cus_...`) or a service name.
    pub sub: String,
    /// The policy scope the caller acts in.
    pub scope: String,
    /// Expiry, in unix seconds.
    pub exp: i64,
    /// Issue time, in unix seconds.
    pub iat: i64,
    /// Not valid before, in unix seconds.
    pub nbf: Option<i64>,
}

/// How tokens are judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// The longest lifetime (`exp - iat`) accepted, in seconds (1 hour by default).
    pub max_lifetime: i64,
    /// How far the issuer's clock may be from ours, in seconds (60 by default).
    pub skew: i64,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            max_lifetime: 3_600,
            skew: 60,
        }
    }
}

/// Why a token is refused; every one is a 401.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenError {
    /// No `Authorization: Bearer ...` header.
    Missing,
    /// Not three dot-separated parts, or longer than [`MAX_TOKEN_BYTES`].
    Malformed,
    /// A part is not base64url, or the header or claims are not JSON objects.
    Encoding,
    /// The header's `alg` is not `HS256` (including `none`).
    Algorithm(String),
    /// The signature matches none of the secrets.
    Signature,
    /// A claim is missing or of the wrong type (`sub`, `scope`, `aud`, `exp`, `iat`
    /// are required; times are whole seconds).
    Claim(&'static str),
    /// `aud` is not [`AUDIENCE`].
    Audience,
    /// `exp` has passed.
    Expired,
    /// `nbf` has not come yet.
    NotYetValid,
    /// `iat` is in the future.
    IssuedInFuture,
    /// `exp - iat` is longer than the rules allow.
    LifetimeTooLong,
}

impl TokenError {
    /// A stable code for the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Missing => "token_missing",
            Self::Malformed => "token_malformed",
            Self::Encoding => "token_encoding",
            Self::Algorithm(_) => "token_algorithm",
            Self::Signature => "token_signature",
            Self::Claim(_) => "token_claims",
            Self::Audience => "token_audience",
            Self::Expired => "token_expired",
            Self::NotYetValid => "token_not_yet_valid",
            Self::IssuedInFuture => "token_issued_in_future",
            Self::LifetimeTooLong => "token_lifetime",
        }
    }

    /// The 401 answered for it, in Stripe's error shape.
    pub fn to_http(&self) -> HttpError {
        HttpError {
            status: 401,
            type_: ErrorType::InvalidRequestError,
            code: self.code(),
            message: alloc::format!("{self}"),
            param: None,
        }
    }
}

impl core::fmt::Display for TokenError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Missing => f.write_str(
                "No token provided: send `Authorization: Bearer <token>` with a token your \
                 backend minted (mintProxyToken)",
            ),
            Self::Malformed => {
                f.write_str("The token is not a JSON Web Token (three base64url parts)")
            }
            Self::Encoding => {
                f.write_str("The token's parts are not base64url-encoded JSON objects")
            }
            Self::Algorithm(alg) => write!(
                f,
                "The token's algorithm is {alg:?}; only HS256 is accepted"
            ),
            Self::Signature => f.write_str("The token's signature does not match"),
            Self::Claim(name) => write!(f, "The token's `{name}` claim is missing or invalid"),
            Self::Audience => write!(f, "The token's audience is not \"{AUDIENCE}\""),
            Self::Expired => f.write_str("The token has expired"),
            Self::NotYetValid => f.write_str("The token is not valid yet (nbf)"),
            Self::IssuedInFuture => f.write_str("The token was issued in the future (iat)"),
            Self::LifetimeTooLong => {
                f.write_str("The token's lifetime is longer than the Worker accepts")
            }
        }
    }
}

impl core::error::Error for TokenError {}

/// The token in an `Authorization` header value (`Bearer <token>`, the scheme in any
/// case), or why there is none.
pub fn bearer(authorization: Option<&str>) -> Result<&str, TokenError> {
    let value = authorization.ok_or(TokenError::Missing)?.trim();
    let (scheme, token) = value.split_once(' ').ok_or(TokenError::Missing)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(TokenError::Missing);
    }
    Ok(token.trim())
}

/// Checks `token` against `secrets` at `now` (unix seconds) and gives its claims.
pub fn verify<S: AsRef<[u8]>>(
    token: &str,
    secrets: &[S],
    now: i64,
    rules: &Rules,
) -> Result<Claims, TokenError> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(TokenError::Malformed);
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    let header_json = decode_part(header)?;
    let alg = object(&header_json)?
        .member("alg")
        .and_then(RawJson::as_str)
        .ok_or(TokenError::Encoding)?;
    if alg != "HS256" {
        return Err(TokenError::Algorithm(alg.into_owned()));
    }
    let signature = Base64UrlUnpadded::decode_vec(signature).map_err(|_| TokenError::Encoding)?;
    let signed = &token[..header.len() + 1 + payload.len()];
    if !secrets
        .iter()
        .any(|secret| bool::from(mac(secret.as_ref(), signed)[..].ct_eq(&signature)))
    {
        return Err(TokenError::Signature);
    }
    let claims_json = decode_part(payload)?;
    check_claims(object(&claims_json)?, now, rules)
}

impl Claims {
    /// The claims of a token for `sub` in `scope`, issued at `now` and valid for
    /// `ttl_seconds`: what a backend mints for one of its users. Refuses an empty
    /// `sub` or `scope`, a lifetime that is not positive, and an expiry past 2^53 - 1
    /// (where JavaScript's JWT libraries would read another number).
    pub fn issue(sub: &str, scope: &str, now: i64, ttl_seconds: i64) -> Result<Self, TokenError> {
        if sub.is_empty() {
            return Err(TokenError::Claim("sub"));
        }
        if scope.is_empty() {
            return Err(TokenError::Claim("scope"));
        }
        let exp = now
            .checked_add(ttl_seconds)
            .filter(|exp| ttl_seconds > 0 && *exp <= MAX_SAFE_TIME)
            .ok_or(TokenError::Claim("exp"))?;
        Ok(Self {
            sub: sub.into(),
            scope: scope.into(),
            exp,
            iat: now,
            nbf: None,
        })
    }
}

/// A token with `claims`, signed with `secret`, as `verify` takes it.
pub fn mint(secret: &[u8], claims: &Claims) -> String {
    let header = Base64UrlUnpadded::encode_string(br#"{"alg":"HS256","typ":"JWT"}"#);
    let mut body = String::from("{");
    let mut field = |name: &str, value: &str, quoted: bool| {
        if body.len() > 1 {
            body.push(',');
        }
        json::write_string(&mut body, name);
        body.push(':');
        if quoted {
            json::write_string(&mut body, value);
        } else {
            body.push_str(value);
        }
    };
    field("sub", &claims.sub, true);
    field("scope", &claims.scope, true);
    field("aud", AUDIENCE, true);
    field("iat", itoa::Buffer::new().format(claims.iat), false);
    field("exp", itoa::Buffer::new().format(claims.exp), false);
    if let Some(nbf) = claims.nbf {
        field("nbf", itoa::Buffer::new().format(nbf), false);
    }
    body.push('}');
    let signed = alloc::format!(
        "{header}.{}",
        Base64UrlUnpadded::encode_string(body.as_bytes())
    );
    let signature = mac(secret, &signed);
    alloc::format!("{signed}.{}", Base64UrlUnpadded::encode_string(&signature))
}

/// The signature of `signed` with `secret`: the core's HMAC-SHA256, as the webhook
/// signatures use.
fn mac(secret: &[u8], signed: &str) -> [u8; 32] {
    RustCrypto.hmac_sha256(secret, &[signed.as_bytes()])
}

fn decode_part(part: &str) -> Result<String, TokenError> {
    let bytes = Base64UrlUnpadded::decode_vec(part).map_err(|_| TokenError::Encoding)?;
    String::from_utf8(bytes).map_err(|_| TokenError::Encoding)
}

fn object(text: &str) -> Result<RawJson<'_>, TokenError> {
    json::validate(text)
        .ok()
        .filter(|value| value.kind() == Kind::Object)
        .ok_or(TokenError::Encoding)
}

fn check_claims(claims: RawJson<'_>, now: i64, rules: &Rules) -> Result<Claims, TokenError> {
    let text = |name: &'static str| {
        claims
            .member(name)
            .and_then(RawJson::as_str)
            .filter(|value| !value.is_empty())
            .map(|value| value.into_owned())
            .ok_or(TokenError::Claim(name))
    };
    let seconds = |name: &'static str| match claims.member(name) {
        None => Ok(None),
        Some(value) => value.as_i64().map(Some).ok_or(TokenError::Claim(name)),
    };
    let required = |name: &'static str| seconds(name)?.ok_or(TokenError::Claim(name));
    let audience = claims.member("aud").ok_or(TokenError::Claim("aud"))?;
    let ours = |value: RawJson<'_>| value.as_str().is_some_and(|aud| aud == AUDIENCE);
    let audiences: Vec<RawJson<'_>> = match audience.elements() {
        Some(elements) => elements.collect(),
        None => alloc::vec![audience],
    };
    if !audiences.into_iter().any(ours) {
        return Err(TokenError::Audience);
    }
    let (exp, iat, nbf) = (required("exp")?, required("iat")?, seconds("nbf")?);
    let claims = Claims {
        sub: text("sub")?,
        scope: text("scope")?,
        exp,
        iat,
        nbf,
    };
    if now.saturating_sub(rules.skew) >= exp {
        return Err(TokenError::Expired);
    }
    if nbf.is_some_and(|nbf| now.saturating_add(rules.skew) < nbf) {
        return Err(TokenError::NotYetValid);
    }
    if now.saturating_add(rules.skew) < iat {
        return Err(TokenError::IssuedInFuture);
    }
    if exp.saturating_sub(iat) > rules.max_lifetime {
        return Err(TokenError::LifetimeTooLong);
    }
    Ok(claims)
}
