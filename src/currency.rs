//! Amounts as Stripe writes them: integers in the currency's minor unit in the API
//! (`1234` USD is $12.34, `1234` JPY is ¥1234), decimals of the major unit in report
//! and Sigma CSV files (`12.34`). The exponent per currency follows Stripe's lists of
//! zero-decimal and three-decimal currencies
//! (<https://docs.stripe.com/currencies#zero-decimal>).

use alloc::string::String;
use core::fmt::Write;

/// Currencies without a minor unit.
const ZERO_DECIMAL: &[&str] = &[
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
    "xaf", "xof", "xpf",
];

/// Currencies with three decimals.
const THREE_DECIMAL: &[&str] = &["bhd", "jod", "kwd", "omr", "tnd"];

/// How many decimals the currency `code` (any case) has: 0, 2 or 3.
pub fn exponent(code: &str) -> u32 {
    let lower = |list: &[&str]| list.iter().any(|c| c.eq_ignore_ascii_case(code));
    if lower(ZERO_DECIMAL) {
        0
    } else if lower(THREE_DECIMAL) {
        3
    } else {
        2
    }
}

/// `minor` units of `currency` as a decimal of the major unit: `1234` USD is `12.34`.
pub fn to_major(minor: i64, currency: &str) -> String {
    let digits = exponent(currency);
    let scale = 10u64.pow(digits);
    let magnitude = minor.unsigned_abs();
    let mut out = String::new();
    if minor < 0 {
        out.push('-');
    }
    let _ = write!(out, "{}", magnitude / scale);
    if digits > 0 {
        let _ = write!(
            out,
            ".{:0width$}",
            magnitude % scale,
            width = digits as usize
        );
    }
    out
}

/// Why a decimal amount could not be read as minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AmountError {
    /// Not a decimal number (`12.3.4`, `1e5`, empty).
    NotDecimal,
    /// More decimals than the currency has (`12.345` USD, `1.5` JPY).
    TooPrecise,
    /// Beyond what an `i64` of minor units holds.
    TooLarge,
}

impl core::fmt::Display for AmountError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::NotDecimal => "the amount is not a decimal number such as 12.34",
            Self::TooPrecise => "the amount has more decimals than its currency has",
            Self::TooLarge => "the number is too large for a 64-bit integer",
        })
    }
}

impl core::error::Error for AmountError {}

/// The decimal `major` (such as `12.34` or `-0.5`) of `currency` in minor units,
/// exactly: no floating point, and a fraction finer than the currency's is an error.
pub fn to_minor(major: &str, currency: &str) -> Result<i64, AmountError> {
    let digits = exponent(currency) as usize;
    let (negative, unsigned) = match major.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, major.strip_prefix('+').unwrap_or(major)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(AmountError::NotDecimal);
    }
    let significant = fraction.trim_end_matches('0');
    if significant.len() > digits {
        return Err(AmountError::TooPrecise);
    }
    let mut value: i64 = 0;
    let padded = fraction
        .bytes()
        .chain(core::iter::repeat(b'0'))
        .take(digits);
    for byte in whole.bytes().chain(padded) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(byte - b'0')))
            .ok_or(AmountError::TooLarge)?;
    }
    Ok(if negative { -value } else { value })
}
