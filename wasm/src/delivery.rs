//! The webhook functions' arguments read into the core's types, with the same leniency
//! as stripe-node (a payload as string, `Uint8Array` or `Buffer`; a tolerance as a
//! number) and a `TypeError` for anything else.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use stripe_edge::webhook::{VerifyOptions, WebhookError};
use wasm_bindgen::{JsCast, JsValue};

use crate::errors;
use crate::host_mac::HOST;
use crate::js::{self, ArrayBuffer, JsString, Uint8Array};

/// A raw webhook body as the caller gave it.
pub enum Payload {
    /// A string, signed as its UTF-8 bytes.
    Text(String),
    /// Bytes, signed as they are.
    Bytes(Vec<u8>),
}

impl Payload {
    /// Reads a string, `Uint8Array` (or `Buffer`) or `ArrayBuffer`; `null`, `undefined`
    /// and `""` are an empty payload, which the core refuses.
    #[cfg(feature = "testing")]
    pub fn from_js(value: &JsValue) -> Result<Self, JsValue> {
        Self::from_js_capped(value, usize::MAX)
    }

    /// Reads a payload, refusing one over `limit` bytes before copying it into wasm
    /// memory, where a huge body could exhaust the module's memory.
    fn from_js_capped(value: &JsValue, limit: usize) -> Result<Self, JsValue> {
        let too_large = |size| errors::verification(WebhookError::PayloadTooLarge { size, limit });
        if let Some(text) = value.dyn_ref::<JsString>() {
            // UTF-8 takes at least one byte per UTF-16 unit, so the unit count is a
            // lower bound of the size in bytes.
            let units = text.length() as usize;
            if units > limit {
                return Err(too_large(units));
            }
            return Ok(Self::Text(value.as_string().unwrap_or_default()));
        }
        let bytes = if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
            bytes.clone()
        } else if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
            Uint8Array::new(buffer)
        } else if value.is_null_or_undefined() {
            return Ok(Self::Text(String::new()));
        } else {
            return Err(errors::payload_not_raw());
        };
        let size = bytes.length() as usize;
        if size > limit {
            return Err(too_large(size));
        }
        Ok(Self::Bytes(bytes.to_vec()))
    }

    /// The bytes that were signed.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Self::Text(text) => text.as_bytes(),
            Self::Bytes(bytes) => bytes,
        }
    }
}

/// The arguments of the verifying functions, read from JavaScript.
pub struct Delivery {
    /// The raw body.
    pub payload: Payload,
    /// The `Stripe-Signature` header value; empty when none was given.
    header: String,
    /// The endpoint secrets to try.
    secrets: Vec<String>,
    /// Now, in unix seconds.
    now: i64,
    /// Tolerance, size cap, and the MAC provider: the host's when it has one.
    options: VerifyOptions,
}

impl Delivery {
    /// Reads the payload, the header, the secret (a string or a list of strings) and the
    /// 4th argument: a tolerance in seconds or `{ tolerance, now, futureTolerance,
    /// maxPayloadBytes }`.
    pub fn from_js(
        payload: &JsValue,
        header: &JsValue,
        secret: &JsValue,
        options: &JsValue,
    ) -> Result<Self, JsValue> {
        let (options, now) = read_options(options)?;
        Ok(Self {
            payload: Payload::from_js_capped(payload, options.payload_limit())?,
            header: read_header(header)?,
            secrets: read_secrets(secret)?,
            now: now.unwrap_or_else(now_seconds),
            options: options.hmac(&HOST),
        })
    }

    /// Runs one of the core's verifying functions on these arguments; a refusal becomes
    /// the JavaScript error.
    pub fn check<'s, T>(
        &'s self,
        verify: impl FnOnce(
            &'s [u8],
            &'s str,
            &'s [String],
            i64,
            &'s VerifyOptions,
        ) -> Result<T, WebhookError>,
    ) -> Result<T, JsValue> {
        verify(
            self.payload.bytes(),
            &self.header,
            &self.secrets,
            self.now,
            &self.options,
        )
        .map_err(errors::verification)
    }
}

/// The arguments of `generateTestHeaderString`.
#[cfg(feature = "testing")]
pub struct TestHeader {
    /// What to sign.
    pub payload: Payload,
    /// One `v1` is made per secret.
    pub secrets: Vec<String>,
    /// The signing time in unix seconds; now when not given.
    pub timestamp: i64,
}

#[cfg(feature = "testing")]
impl TestHeader {
    /// Reads `{ payload, secret, timestamp? }`.
    pub fn from_js(options: &JsValue) -> Result<Self, JsValue> {
        if !options.is_object() {
            return Err(errors::type_error(
                "generateTestHeaderString takes an options object: { payload, secret, timestamp? }",
            ));
        }
        let payload = get(options, "payload")?;
        if payload.is_null_or_undefined() {
            return Err(errors::type_error("options.payload is required"));
        }
        let timestamp = get(options, "timestamp")?;
        Ok(Self {
            payload: Payload::from_js(&payload)?,
            secrets: read_secrets(&get(options, "secret")?)?,
            timestamp: read_seconds(&timestamp, "options.timestamp")?.unwrap_or_else(now_seconds),
        })
    }
}

fn read_header(value: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return String::from_utf8(bytes.to_vec())
            .map_err(|_| errors::verification(WebhookError::MalformedHeader));
    }
    if value.is_null_or_undefined() {
        return Ok(String::new());
    }
    if js::Array::is_array(value) {
        return Err(errors::type_error(
            "Unexpected: An array was passed as a header, which should not be possible for the stripe-signature header.",
        ));
    }
    Err(errors::type_error(
        "the stripe-signature header must be a string or a Uint8Array",
    ))
}

fn read_secrets(value: &JsValue) -> Result<Vec<String>, JsValue> {
    if let Some(secret) = value.as_string() {
        return Ok(vec![secret]);
    }
    if value.is_null_or_undefined() {
        return Ok(Vec::new());
    }
    if js::Array::is_array(value) {
        let list: &js::Array = value.unchecked_ref();
        // A loop rather than collecting into a Result, whose adapter the webhook wasm
        // would carry.
        let mut secrets = Vec::with_capacity(list.length() as usize);
        for item in list.iter() {
            let Some(secret) = item.as_string() else {
                return Err(errors::type_error(
                    "every webhook secret in the list must be a string",
                ));
            };
            secrets.push(secret);
        }
        return Ok(secrets);
    }
    Err(errors::type_error(
        "the webhook secret must be a string or an array of strings",
    ))
}

/// Reads the 4th argument into options and an optional `now`.
fn read_options(value: &JsValue) -> Result<(VerifyOptions, Option<i64>), JsValue> {
    let defaults = VerifyOptions::default();
    if value.is_null_or_undefined() {
        return Ok((defaults, None));
    }
    if value.as_f64().is_some() {
        let tolerance = read_number(value, "tolerance")?;
        return Ok((with_tolerance(defaults, tolerance), None));
    }
    if !value.is_object() {
        return Err(errors::type_error(
            "the 4th argument must be a tolerance in seconds or an options object",
        ));
    }
    let mut options = with_tolerance(
        defaults,
        read_number(&get(value, "tolerance")?, "options.tolerance")?,
    );
    let future = get(value, "futureTolerance")?;
    if !future.is_undefined() {
        let seconds = read_number(&future, "options.futureTolerance")?;
        options = options.future_tolerance(seconds.map(whole_seconds));
    }
    if let Some(cap) = read_seconds(&get(value, "maxPayloadBytes")?, "options.maxPayloadBytes")? {
        options = options.max_payload_bytes(usize::try_from(cap).unwrap_or(usize::MAX));
    }
    let now = read_seconds(&get(value, "now")?, "options.now")?;
    Ok((options, now))
}

/// The past window from a tolerance as stripe-node takes it: exactly 0 turns the time
/// check off (stripe-node's `tolerance > 0` test); any other tolerance keeps it on,
/// fractions included. Ages are whole seconds, so stripe-node's `age > tolerance`
/// refuses exactly the ages above the tolerance's whole part: `0.5` accepts a
/// signature of this second and refuses one a second old, as stripe-node does.
fn with_tolerance(options: VerifyOptions, tolerance: Option<f64>) -> VerifyOptions {
    match tolerance {
        None => options,
        Some(0.0) => options.ignore_tolerance(),
        Some(seconds) => options.tolerance(whole_seconds(seconds)),
    }
}

/// The whole part of a number [`read_number`] accepted.
fn whole_seconds(seconds: f64) -> u64 {
    // Finite and non-negative, so the conversion is the floor.
    seconds as u64
}

/// Reads an optional whole number of seconds (fractions are floored, as stripe-node
/// does with timestamps); NaN, infinities, negative numbers and non-numbers are a
/// `TypeError`.
fn read_seconds(value: &JsValue, name: &str) -> Result<Option<i64>, JsValue> {
    Ok(read_number(value, name)?.map(|seconds| whole_seconds(seconds) as i64))
}

/// Reads an optional finite, non-negative number (up to `Number.MAX_SAFE_INTEGER`);
/// anything else is a `TypeError`, where stripe-node would turn its check off.
fn read_number(value: &JsValue, name: &str) -> Result<Option<f64>, JsValue> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    match value.as_f64() {
        // NaN and the infinities fall outside the range too.
        Some(number) if (0.0..=9_007_199_254_740_991.0).contains(&number) => Ok(Some(number)),
        _ => {
            let mut message = String::from(name);
            message.push_str(" must be a finite, non-negative number");
            Err(errors::type_error(&message))
        }
    }
}

fn get(object: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    js::reflect_get(object, &JsValue::from_str(key))
}

fn now_seconds() -> i64 {
    // Positive, so truncation is the floor.
    (js::date_now() / 1000.0) as i64
}
